"""The stored-only groups from the real kubectl (every minor, 1.27..1.33): `kubectl create
role/rolebinding/clusterrole/clusterrolebinding/ingress/priorityclass/pdb/quota` (sent as
protobuf by 1.32+) and the tables `kubectl get` prints for them."""

from __future__ import annotations

import pytest

from tests.support.cluster import Cluster, kubectl_binary, kubectl_minors

pytestmark = pytest.mark.kubectl


def _versions() -> list[int | None]:
    return list(kubectl_minors()) or [None]  # None: the one cached kubectl


@pytest.fixture(scope="module", params=_versions(), ids=lambda m: f"1.{m}" if m else "cached")
def kubectl(request: pytest.FixtureRequest, cluster: Cluster) -> tuple[str, str]:
    """(binary, a namespace of its own) per kubectl minor."""
    minor: int | None = request.param
    ns = f"groups-{minor or 'cached'}"
    binary = kubectl_binary(minor)
    cluster.kubectl("create", "namespace", ns, binary=binary)
    return binary, ns


def _table(cluster: Cluster, binary: str, *args: str) -> list[list[str]]:
    """`kubectl get ...` as rows of cells split on runs of two or more spaces."""
    out = cluster.kubectl("get", *args, binary=binary).stdout
    return [[c.strip() for c in line.split("  ") if c.strip()] for line in out.splitlines()]


def test_create_and_print_rbac(cluster: Cluster, kubectl: tuple[str, str]) -> None:
    binary, ns = kubectl
    k = lambda *a: cluster.kubectl(*a, binary=binary)  # noqa: E731
    k("create", "role", "reader", "--verb=get,list", "--resource=pods,configmaps", "-n", ns)
    k(
        "create", "rolebinding", "readers", "--role=reader", "--user=bob",
        "--serviceaccount", f"{ns}:robot", "-n", ns,
    )  # fmt: skip
    k("create", "clusterrole", f"{ns}-nodes", "--verb=get", "--resource=nodes")
    k(
        "create", "clusterrolebinding", f"{ns}-ops", f"--clusterrole={ns}-nodes",
        "--group=ops", "--user=alice",
    )  # fmt: skip
    [header, row] = _table(cluster, binary, "role", "reader", "-n", ns)
    assert header == ["NAME", "CREATED AT"] and row[0] == "reader"
    [header, row] = _table(cluster, binary, "clusterrole", f"{ns}-nodes")
    assert header == ["NAME", "CREATED AT"]
    [header, row] = _table(cluster, binary, "rolebinding", "readers", "-n", ns, "-o", "wide")
    assert header == ["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"]
    assert row[:2] == ["readers", "Role/reader"] and row[3] == "bob" and row[-1] == f"{ns}/robot"
    [header, row] = _table(cluster, binary, "clusterrolebinding", f"{ns}-ops", "-o", "wide")
    assert header == ["NAME", "ROLE", "AGE", "USERS", "GROUPS", "SERVICEACCOUNTS"]
    assert row[1] == f"ClusterRole/{ns}-nodes" and row[3:5] == ["alice", "ops"]
    role = cluster.kubectl("get", "role", "reader", "-n", ns, "-o", "json", binary=binary).json()
    assert role["rules"] == [
        {"apiGroups": [""], "resources": ["pods", "configmaps"], "verbs": ["get", "list"]}
    ]
    dry = cluster.kubectl(
        "create", "role", "nothing", "--verb=get", "--resource=pods", "-n", ns,
        "--dry-run=server", "-o", "name", binary=binary,
    )  # fmt: skip
    assert dry.stdout.strip() == "role.rbac.authorization.k8s.io/nothing"
    assert cluster.kubectl("get", "role", "nothing", "-n", ns, check=False).returncode != 0


def test_create_and_print_ingress_pdb_priorityclass_quota(
    cluster: Cluster, kubectl: tuple[str, str]
) -> None:
    binary, ns = kubectl
    k = lambda *a: cluster.kubectl(*a, binary=binary)  # noqa: E731
    k(
        "create", "ingress", "web", "-n", ns, "--class=nginx",
        "--rule=shop.example.com/*=web:80,tls=web-tls",
    )  # fmt: skip
    [header, row] = _table(cluster, binary, "ingress", "web", "-n", ns)
    assert header == ["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]
    assert row[:3] == ["web", "nginx", "shop.example.com"] and row[3] == "80, 443"
    k("create", "pdb", "web", "-n", ns, "--selector=app=web", "--min-available=1")
    [header, row] = _table(cluster, binary, "pdb", "web", "-n", ns)
    assert header == ["NAME", "MIN AVAILABLE", "MAX UNAVAILABLE", "ALLOWED DISRUPTIONS", "AGE"]
    assert row[:4] == ["web", "1", "N/A", "0"]
    k("create", "priorityclass", f"{ns}-high", "--value=1000", "--description=high")
    [header, row] = _table(cluster, binary, "priorityclass", f"{ns}-high")
    assert header[:4] == ["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE"]
    assert row[:3] == [f"{ns}-high", "1000", "false"]
    k("create", "quota", "pods", "-n", ns, "--hard=pods=10")
    [header, row] = _table(cluster, binary, "quota", "pods", "-n", ns)
    assert header[0] == "NAME" and row[0] == "pods"
    # the server's own validation: both bounds of a budget are refused
    both = cluster.kubectl(
        "create", "pdb", "both", "-n", ns, "--selector=app=web", "--min-available=1",
        "--max-unavailable=1", check=False, binary=binary,
    )  # fmt: skip
    assert both.returncode != 0
    huge = cluster.kubectl(
        "create", "priorityclass", f"{ns}-huge", "--value=2000000000", check=False, binary=binary
    )
    assert huge.returncode != 0 and "1000000000" in huge.stderr


def test_the_namespace_controller_deletes_the_new_kinds(
    cluster: Cluster, kubectl: tuple[str, str]
) -> None:
    binary, _ = kubectl
    ns = f"{kubectl[1]}-gone"
    k = lambda *a: cluster.kubectl(*a, binary=binary)  # noqa: E731
    k("create", "namespace", ns)
    k("create", "role", "r", "--verb=get", "--resource=pods", "-n", ns)
    k("create", "pdb", "p", "-n", ns, "--selector=a=b", "--max-unavailable=1")
    k("create", "ingress", "i", "-n", ns, "--rule=a.io/=s:80")
    k("delete", "namespace", ns, "--wait=true", "--timeout=60s")
    for kind in ("roles", "poddisruptionbudgets", "ingresses"):
        left = cluster.kubectl("get", kind, "-n", ns, "-o", "name", binary=binary).stdout
        assert left.strip() == "", kind

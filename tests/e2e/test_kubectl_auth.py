"""`kubectl auth can-i` and `kubectl auth whoami` on every kubectl minor (1.27..1.33).

kubectl 1.27's whoami asks for authentication.k8s.io/v1beta1, later ones for v1;
1.32+ send the reviews as protobuf. There is no authorization layer yet, so every
authenticated user may do everything and can-i says yes.
"""

from __future__ import annotations

import pytest

from tests.support.cluster import Cluster, kubectl_binary, kubectl_minors

pytestmark = pytest.mark.kubectl

NS = "auth"


def _versions() -> list[int | None]:
    return list(kubectl_minors()) or [None]  # None: the one cached kubectl


@pytest.fixture(scope="module")
def sa_token(cluster: Cluster) -> str:
    """A token of the service account auth/robot, from `kubectl create token`."""
    cluster.kubectl("create", "namespace", NS)
    cluster.kubectl("create", "serviceaccount", "robot", "-n", NS)
    return cluster.kubectl("create", "token", "robot", "-n", NS).stdout.strip()


def _rows(out: str) -> dict[str, str]:
    """`whoami`'s ATTRIBUTE VALUE table as a dict."""
    rows: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        key, _, value = line.strip().partition(" ")
        rows[key] = value.strip()
    return rows


@pytest.fixture(params=_versions(), ids=lambda m: f"1.{m}" if m else "cached")
def binary(request: pytest.FixtureRequest) -> str:
    minor: int | None = request.param
    return kubectl_binary(minor)


@pytest.mark.parametrize(
    "args",
    [
        ("create", "pods"),
        ("delete", "deployments.apps", "-n", "kube-system"),
        ("get", "secrets", "--all-namespaces"),
        ("update", "deployments", "--subresource=scale"),
        ("get", "/healthz"),
    ],
    ids=lambda a: " ".join(a),
)
def test_can_i_says_yes_to_the_admin(cluster: Cluster, binary: str, args: tuple[str, ...]) -> None:
    result = cluster.kubectl("auth", "can-i", *args, binary=binary)
    assert result.stdout.strip() == "yes", result


def test_can_i_list_prints_the_rules(cluster: Cluster, binary: str) -> None:
    out = cluster.kubectl("auth", "can-i", "--list", binary=binary).stdout
    header, *rows = out.splitlines()
    assert header.split() == ["Resources", "Non-Resource", "URLs", "Resource", "Names", "Verbs"]
    assert ["*.*", "[]", "[]", "[*]"] in [row.split() for row in rows]
    assert ["[*]", "[]", "[*]"] in [row.split() for row in rows]


def test_whoami_names_the_admin(cluster: Cluster, binary: str) -> None:
    rows = _rows(cluster.kubectl("auth", "whoami", binary=binary).stdout)
    assert rows["Username"] == "admin"
    assert "system:authenticated" in rows["Groups"]


def test_whoami_with_a_token_names_the_service_account(
    cluster: Cluster, binary: str, sa_token: str
) -> None:
    out = cluster.kubectl("auth", "whoami", "--token", sa_token, binary=binary).stdout
    rows = _rows(out)
    assert rows["Username"] == f"system:serviceaccount:{NS}:robot"
    assert f"system:serviceaccounts:{NS}" in rows["Groups"]
    json_out = cluster.kubectl(
        "auth", "whoami", "--token", sa_token, "-o", "json", binary=binary
    ).json()
    assert json_out["status"]["userInfo"]["username"] == f"system:serviceaccount:{NS}:robot"


def test_reviews_cannot_be_listed(cluster: Cluster, binary: str) -> None:
    result = cluster.kubectl("get", "selfsubjectaccessreviews", check=False, binary=binary)
    assert result.returncode != 0
    assert "MethodNotAllowed" in result.stderr, result.stderr
    resources = cluster.kubectl("api-resources", "--verbs=list", "-o", "name", binary=binary)
    assert "selfsubjectaccessreviews.authorization.k8s.io" not in resources.stdout.split()
    reviews = cluster.kubectl("api-resources", "--api-group=authorization.k8s.io", binary=binary)
    assert "selfsubjectaccessreviews" in reviews.stdout

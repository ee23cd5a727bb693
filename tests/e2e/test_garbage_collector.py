"""The garbage collector against a real `mkpy server` and the real kubectl:
owner references set by hand, and kubectl's three cascades."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.support.cluster import Cluster

pytestmark = pytest.mark.kubectl

WAIT = "--timeout=30s"


def namespace(cluster: Cluster, name: str) -> str:
    cluster.kubectl("create", "namespace", name)
    return name


def apply(cluster: Cluster, ns: str, *objects: dict[str, Any]) -> None:
    items = {"apiVersion": "v1", "kind": "List", "items": list(objects)}
    cluster.kubectl("apply", "-n", ns, "-f", "-", input=json.dumps(items))


def get(cluster: Cluster, ns: str, what: str) -> dict[str, Any]:
    obj: dict[str, Any] = cluster.kubectl("get", what, "-n", ns, "-o", "json").json()
    return obj


def gone(cluster: Cluster, ns: str, what: str) -> bool:
    res = cluster.kubectl("get", what, "-n", ns, check=False)
    if res.returncode == 0:
        return False
    assert "NotFound" in res.stderr, res.stderr
    return True


def owned_by(obj: dict[str, Any], block: bool = False) -> dict[str, Any]:
    """An ownerReference to `obj` (as kubectl printed it)."""
    ref = {
        "apiVersion": obj["apiVersion"],
        "kind": obj["kind"],
        "name": obj["metadata"]["name"],
        "uid": obj["metadata"]["uid"],
    }
    if block:
        ref["blockOwnerDeletion"] = True
    return ref


def configmap(name: str, *owners: dict[str, Any]) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if owners:
        meta["ownerReferences"] = list(owners)
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": {"k": "v"}}


def owner_configmap(cluster: Cluster, ns: str, name: str) -> dict[str, Any]:
    apply(cluster, ns, configmap(name))
    return get(cluster, ns, f"configmap/{name}")


def test_background_deletion_collects_the_dependent(cluster: Cluster) -> None:
    ns = namespace(cluster, "gc-background")
    owner = owner_configmap(cluster, ns, "owner")
    apply(cluster, ns, configmap("dependent", owned_by(owner)))
    cluster.kubectl("delete", "configmap", "owner", "-n", ns)
    cluster.kubectl("wait", "--for=delete", "configmap/dependent", "-n", ns, WAIT)


def test_foreground_deletion_returns_once_the_dependent_is_gone(cluster: Cluster) -> None:
    ns = namespace(cluster, "gc-foreground")
    owner = owner_configmap(cluster, ns, "owner")
    apply(cluster, ns, configmap("dependent", owned_by(owner, block=True)))
    out = cluster.kubectl("delete", "configmap", "owner", "-n", ns, "--cascade=foreground")
    assert out.stdout.strip() == 'configmap "owner" deleted'
    assert gone(cluster, ns, "configmap/owner")
    assert gone(cluster, ns, "configmap/dependent")


def test_orphan_deletion_keeps_the_dependent_without_its_owner_reference(
    cluster: Cluster,
) -> None:
    ns = namespace(cluster, "gc-orphan")
    owner = owner_configmap(cluster, ns, "owner")
    other = owner_configmap(cluster, ns, "other")
    apply(
        cluster,
        ns,
        configmap("only-child", owned_by(owner, block=True)),
        configmap("shared-child", owned_by(owner), owned_by(other)),
    )
    cluster.kubectl("delete", "configmap", "owner", "-n", ns, "--cascade=orphan")
    assert gone(cluster, ns, "configmap/owner")
    # the reference goes before the orphan finalizer does, so kubectl's wait saw it gone
    assert "ownerReferences" not in get(cluster, ns, "configmap/only-child")["metadata"]
    shared = get(cluster, ns, "configmap/shared-child")
    assert [r["name"] for r in shared["metadata"]["ownerReferences"]] == ["other"]


def test_foreground_deletion_of_a_deployment_takes_its_replica_set_and_pods(
    cluster: Cluster,
) -> None:
    ns = namespace(cluster, "gc-deployment")
    cluster.kubectl("create", "deployment", "web", "-n", ns, "--image=nginx:1.27")
    deployment = get(cluster, ns, "deployment/web")
    labels = {"app": "web"}
    template = {
        "metadata": {"labels": labels},
        "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]},
    }
    replica_set = {
        "apiVersion": "apps/v1",
        "kind": "ReplicaSet",
        "metadata": {"name": "web-1", "ownerReferences": [owned_by(deployment, block=True)]},
        "spec": {"selector": {"matchLabels": labels}, "template": template},
    }
    apply(cluster, ns, replica_set)
    rs = get(cluster, ns, "replicaset/web-1")
    apply(
        cluster,
        ns,
        *(
            {
                "apiVersion": "v1",
                "kind": "Pod",
                "metadata": {
                    "name": f"web-1-{i}",
                    "labels": labels,
                    "ownerReferences": [owned_by(rs, block=True)],
                },
                "spec": template["spec"],
            }
            for i in range(2)
        ),
    )
    cluster.kubectl("delete", "deployment", "web", "-n", ns, "--cascade=foreground")
    left = cluster.kubectl("get", "deployments,replicasets,pods", "-n", ns, "-o", "name")
    assert left.stdout.strip() == ""


def test_a_dependent_with_a_live_owner_survives_and_loses_the_dead_reference(
    cluster: Cluster,
) -> None:
    ns = namespace(cluster, "gc-two-owners")
    first = owner_configmap(cluster, ns, "first")
    second = owner_configmap(cluster, ns, "second")
    apply(cluster, ns, configmap("shared", owned_by(first), owned_by(second)))
    cluster.kubectl("delete", "configmap", "first", "-n", ns)
    # the collector keeps the dependent and drops its reference to the absent owner
    cluster.kubectl(
        "wait",
        "--for=jsonpath={.metadata.ownerReferences[0].name}=second",
        "configmap/shared",
        "-n",
        ns,
        WAIT,
    )
    refs = get(cluster, ns, "configmap/shared")["metadata"]["ownerReferences"]
    assert [r["uid"] for r in refs] == [second["metadata"]["uid"]]


def test_a_cluster_scoped_owner_of_a_namespaced_dependent(cluster: Cluster) -> None:
    ns = namespace(cluster, "gc-cluster-owner")
    cluster.kubectl("create", "clusterrole", "gc-owner", "--verb=get", "--resource=pods")
    role = cluster.kubectl("get", "clusterrole", "gc-owner", "-o", "json").json()
    apply(cluster, ns, configmap("granted", owned_by(role, block=True)))
    cluster.kubectl("delete", "clusterrole", "gc-owner", "--cascade=foreground")
    assert gone(cluster, ns, "configmap/granted")


def test_a_dependent_whose_owner_never_existed_is_collected(cluster: Cluster) -> None:
    ns = namespace(cluster, "gc-dangling")
    ghost = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "name": "ghost",
        "uid": "00000000-0000-0000-0000-000000000001",
    }
    # an object of the same name with another uid is not the owner
    owner_configmap(cluster, ns, "ghost")
    apply(cluster, ns, configmap("haunted", ghost))
    cluster.kubectl("wait", "--for=delete", "configmap/haunted", "-n", ns, WAIT)
    assert not gone(cluster, ns, "configmap/ghost")

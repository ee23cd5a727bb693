"""helm against a real `mkpy server` with a chart like the ones people install:
tests/fixtures/charts/shop carries a Deployment, Service, ServiceAccount, ConfigMap, Role,
RoleBinding, Ingress, HorizontalPodAutoscaler, PodDisruptionBudget and NetworkPolicy."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.test_helm import Helm, helm  # noqa: F401  (the helm fixture)
from tests.support.cluster import Cluster

pytestmark = pytest.mark.kubectl

CHART = str(Path(__file__).resolve().parents[1] / "fixtures" / "charts" / "shop")
KINDS = [
    "ConfigMap",
    "Deployment",
    "HorizontalPodAutoscaler",
    "Ingress",
    "NetworkPolicy",
    "PodDisruptionBudget",
    "Role",
    "RoleBinding",
    "Service",
    "ServiceAccount",
]
OBJECTS = (
    "configmap/rel-shop",
    "deployment/rel-shop",
    "hpa/rel-shop",
    "ingress/rel-shop",
    "networkpolicy/rel-shop",
    "pdb/rel-shop",
    "role/rel-shop",
    "rolebinding/rel-shop",
    "service/rel-shop",
    "serviceaccount/rel-shop",
)


def _json(cluster: Cluster, ns: str, what: str) -> Any:
    return cluster.kubectl("get", what, "-n", ns, "-o", "json").json()


def test_install_upgrade_uninstall_a_typical_chart(
    cluster: Cluster,
    helm: Helm,  # noqa: F811
) -> None:
    ns = "helm-shop"
    cluster.kubectl("create", "namespace", ns)

    installed = helm("install", "rel", CHART, "-n", ns)
    assert "STATUS: deployed" in installed.stdout, installed
    assert installed.stderr.strip() == ""
    manifest = yaml.safe_load_all(helm("get", "manifest", "rel", "-n", ns).stdout)
    assert sorted(d["kind"] for d in manifest if d) == KINDS
    names = cluster.kubectl("get", *OBJECTS, "-n", ns, "-o", "name").stdout.split()
    assert len(names) == len(OBJECTS)
    hpa = _json(cluster, ns, "hpa/rel-shop")
    assert hpa["spec"] == {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "rel-shop"},
        "minReplicas": 2,
        "maxReplicas": 5,
        "metrics": [
            {
                "type": "Resource",
                "resource": {
                    "name": "cpu",
                    "target": {"type": "Utilization", "averageUtilization": 75},
                },
            }
        ],
    }
    policy = _json(cluster, ns, "networkpolicy/rel-shop")
    assert policy["spec"]["policyTypes"] == ["Ingress"]
    binding = _json(cluster, ns, "rolebinding/rel-shop")
    assert binding["subjects"] == [{"kind": "ServiceAccount", "name": "rel-shop", "namespace": ns}]
    table = cluster.kubectl("get", "ingress", "rel-shop", "-n", ns).stdout.splitlines()
    assert table[1].split()[:3] == ["rel-shop", "nginx", "shop.example.com"]

    upgraded = helm(
        "upgrade", "rel", CHART, "-n", ns,
        "--set", "autoscaling.maxReplicas=8", "--set", "pdb.minAvailable=2",
        "--set", "ingress.host=store.example.com",
    )  # fmt: skip
    assert "has been upgraded" in upgraded.stdout
    assert upgraded.stderr.strip() == ""
    assert _json(cluster, ns, "hpa/rel-shop")["spec"]["maxReplicas"] == 8
    assert _json(cluster, ns, "pdb/rel-shop")["spec"]["minAvailable"] == 2
    rules = _json(cluster, ns, "ingress/rel-shop")["spec"]["rules"]
    assert rules[0]["host"] == "store.example.com"
    [release] = yaml.safe_load(helm("list", "-n", ns, "-o", "yaml").stdout)
    assert (release["status"], release["revision"]) == ("deployed", "2")

    uninstalled = helm("uninstall", "rel", "-n", ns)
    assert 'release "rel" uninstalled' in uninstalled.stdout
    left = cluster.kubectl("get", *OBJECTS, "-n", ns, "-o", "name", check=False)
    assert left.stdout.strip() == "" and left.stderr.count("NotFound") == len(OBJECTS)

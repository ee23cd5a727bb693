"""Validation, defaults and table rows of the stored-only groups real charts carry:
rbac, networking, policy, scheduling, autoscaling/v2, storage, and core's persistent
volumes, claims and pod templates."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from minikube_py.api import validation
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.tables import column_definitions, row_cells

Obj = dict[str, Any]
REGISTRY = Registry()
NOW = dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=dt.UTC)
CREATED = "2024-05-01T11:59:00Z"


def res(group: str, version: str, plural: str) -> ResourceInfo:
    info = REGISTRY.lookup(group, version, plural)
    assert info is not None
    return info


ROLES = res("rbac.authorization.k8s.io", "v1", "roles")
CLUSTER_ROLES = res("rbac.authorization.k8s.io", "v1", "clusterroles")
ROLE_BINDINGS = res("rbac.authorization.k8s.io", "v1", "rolebindings")
CLUSTER_ROLE_BINDINGS = res("rbac.authorization.k8s.io", "v1", "clusterrolebindings")
INGRESSES = res("networking.k8s.io", "v1", "ingresses")
NETWORK_POLICIES = res("networking.k8s.io", "v1", "networkpolicies")
PDBS = res("policy", "v1", "poddisruptionbudgets")
PRIORITY_CLASSES = res("scheduling.k8s.io", "v1", "priorityclasses")
HPAS = res("autoscaling", "v2", "horizontalpodautoscalers")
PVCS = res("", "v1", "persistentvolumeclaims")
PVS = res("", "v1", "persistentvolumes")
STORAGE_CLASSES = res("storage.k8s.io", "v1", "storageclasses")
POD_TEMPLATES = res("", "v1", "podtemplates")


def obj(resource: ResourceInfo, name: str = "x", **body: Any) -> Obj:
    meta: Obj = {"name": name, "creationTimestamp": CREATED}
    if resource.namespaced:
        meta["namespace"] = "default"
    return {"apiVersion": resource.api_version, "kind": resource.kind, "metadata": meta, **body}


def errors(resource: ResourceInfo, o: Obj) -> list[tuple[str, str]]:
    """(field, reason) of each error of creating `o`, defaulted first as the server does."""
    o = copy.deepcopy(o)
    validation.apply_defaults(resource, o)
    return [(c.field, c.reason) for c in validation.validate_create(resource, o)]


def defaulted(resource: ResourceInfo, o: Obj) -> Obj:
    o = copy.deepcopy(o)
    validation.apply_defaults(resource, o)
    return o


def row(resource: ResourceInfo, o: Obj, wide: bool = False) -> dict[str, Any]:
    """The table row as column name -> cell (wide columns only when asked)."""
    columns = column_definitions(resource)
    cells = row_cells(resource, o, NOW)
    return {
        c["name"]: cell for c, cell in zip(columns, cells, strict=True) if wide or not c["priority"]
    }


RULE = {"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}
REF = {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "reader"}
BACKEND = {"service": {"name": "web", "port": {"number": 80}}}
HPA_SPEC = {
    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
    "maxReplicas": 5,
}
PVC_SPEC = {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}


# --------------------------------------------------------------------------- valid objects


@pytest.mark.parametrize(
    ("resource", "body"),
    [
        (ROLES, {"rules": [RULE]}),
        (CLUSTER_ROLES, {"rules": [RULE, {"nonResourceURLs": ["/healthz"], "verbs": ["get"]}]}),
        (ROLE_BINDINGS, {"roleRef": REF, "subjects": [{"kind": "User", "name": "bob"}]}),
        (
            CLUSTER_ROLE_BINDINGS,
            {
                "roleRef": {**REF, "kind": "ClusterRole"},
                "subjects": [{"kind": "ServiceAccount", "name": "sa", "namespace": "ns"}],
            },
        ),
        (
            INGRESSES,
            {
                "spec": {
                    "rules": [
                        {
                            "host": "*.example.com",
                            "http": {
                                "paths": [{"path": "/", "pathType": "Prefix", "backend": BACKEND}]
                            },
                        }
                    ]
                }
            },
        ),
        (NETWORK_POLICIES, {"spec": {"podSelector": {}}}),
        (PDBS, {"spec": {"minAvailable": "50%", "selector": {"matchLabels": {"a": "b"}}}}),
        (PRIORITY_CLASSES, {"value": 1000, "globalDefault": True}),
        (HPAS, {"spec": HPA_SPEC}),
        (PVCS, {"spec": PVC_SPEC}),
        (
            PVS,
            {
                "spec": {
                    "capacity": {"storage": "5Gi"},
                    "accessModes": ["ReadWriteOnce"],
                    "hostPath": {"path": "/data"},
                }
            },
        ),
        (STORAGE_CLASSES, {"provisioner": "example.com/fast"}),
        (
            POD_TEMPLATES,
            {"template": {"spec": {"containers": [{"name": "c", "image": "busybox"}]}}},
        ),
    ],
    ids=lambda v: v.plural if isinstance(v, ResourceInfo) else "",
)
def test_valid_objects_have_no_errors(resource: ResourceInfo, body: Obj) -> None:
    assert errors(resource, obj(resource, **body)) == []


# --------------------------------------------------------------------------- invalid objects


@pytest.mark.parametrize(
    ("resource", "name", "body", "want"),
    [
        (ROLES, "a/b", {"rules": [RULE]}, [("metadata.name", "FieldValueInvalid")]),
        (
            ROLES,
            "x",
            {"rules": [{**RULE, "verbs": []}]},
            [("rules[0].verbs", "FieldValueRequired")],
        ),
        (
            ROLES,
            "x",
            {"rules": [{"verbs": ["get"]}]},
            [
                ("rules[0].apiGroups", "FieldValueRequired"),
                ("rules[0].resources", "FieldValueRequired"),
            ],
        ),
        (
            ROLES,
            "x",
            {"rules": [{"verbs": ["get"], "nonResourceURLs": ["/x"]}]},
            [("rules[0].nonResourceURLs", "FieldValueInvalid")],
        ),
        (
            ROLE_BINDINGS,
            "x",
            {"roleRef": {**REF, "apiGroup": "x"}, "subjects": [{"kind": "Robot", "name": "r"}]},
            [
                ("roleRef.apiGroup", "FieldValueNotSupported"),
                ("subjects[0].kind", "FieldValueNotSupported"),
            ],
        ),
        (
            CLUSTER_ROLE_BINDINGS,
            "x",
            {"roleRef": REF, "subjects": [{"kind": "ServiceAccount", "name": "sa"}]},
            [
                ("roleRef.kind", "FieldValueNotSupported"),
                ("subjects[0].namespace", "FieldValueRequired"),
            ],
        ),
        (INGRESSES, "x", {"spec": {}}, [("spec", "FieldValueInvalid")]),
        (
            INGRESSES,
            "x",
            {
                "spec": {
                    "rules": [
                        {
                            "host": "1.2.3.4",
                            "http": {"paths": [{"path": "x", "pathType": "Exact", "backend": {}}]},
                        }
                    ]
                }
            },
            [
                ("spec.rules[0].host", "FieldValueInvalid"),
                ("spec.rules[0].http.paths[0].path", "FieldValueInvalid"),
                ("spec.rules[0].http.paths[0].backend", "FieldValueInvalid"),
            ],
        ),
        (
            INGRESSES,
            "x",
            {
                "spec": {
                    "defaultBackend": BACKEND,
                    "rules": [{"http": {"paths": [{"backend": BACKEND}]}}],
                }
            },
            [("spec.rules[0].http.paths[0].pathType", "FieldValueRequired")],
        ),
        (
            NETWORK_POLICIES,
            "x",
            {
                "spec": {
                    "podSelector": {},
                    "policyTypes": ["Sideways"],
                    "ingress": [
                        {
                            "from": [
                                {"ipBlock": {"cidr": "10.0.0.0/8", "except": ["11.0.0.0/16"]}}
                            ],
                            "ports": [{"port": 80, "endPort": 70}],
                        }
                    ],
                }
            },
            [
                ("spec.ingress[0].ports[0].endPort", "FieldValueInvalid"),
                ("spec.ingress[0].from[0].ipBlock.except[0]", "FieldValueInvalid"),
                ("spec.policyTypes[0]", "FieldValueNotSupported"),
            ],
        ),
        (
            PDBS,
            "x",
            {"spec": {"minAvailable": 1, "maxUnavailable": "10%"}},
            [("spec", "FieldValueInvalid")],
        ),
        (
            PDBS,
            "x",
            {"spec": {"maxUnavailable": "120%"}},
            [("spec.maxUnavailable", "FieldValueInvalid")],
        ),
        (PRIORITY_CLASSES, "x", {"value": 2_000_000_000}, [("value", "FieldValueForbidden")]),
        (PRIORITY_CLASSES, "system-mine", {"value": 1}, [("metadata.name", "FieldValueForbidden")]),
        (
            PRIORITY_CLASSES,
            "x",
            {"value": 1, "preemptionPolicy": "Sometimes"},
            [("preemptionPolicy", "FieldValueNotSupported")],
        ),
        (
            HPAS,
            "x",
            {"spec": {**HPA_SPEC, "minReplicas": 0}},
            [("spec.minReplicas", "FieldValueInvalid")],
        ),
        (
            HPAS,
            "x",
            {"spec": {**HPA_SPEC, "minReplicas": 6}},
            [("spec.maxReplicas", "FieldValueInvalid")],
        ),
        (
            HPAS,
            "x",
            {"spec": {**HPA_SPEC, "scaleTargetRef": {}, "metrics": [{"type": "Magic"}]}},
            [
                ("spec.scaleTargetRef.kind", "FieldValueRequired"),
                ("spec.scaleTargetRef.name", "FieldValueRequired"),
                ("spec.metrics[0].type", "FieldValueNotSupported"),
            ],
        ),
        (
            PVCS,
            "x",
            {"spec": {"volumeMode": "Raw"}},
            [
                ("spec.accessModes", "FieldValueRequired"),
                ("spec.resources[storage]", "FieldValueRequired"),
                ("spec.volumeMode", "FieldValueNotSupported"),
            ],
        ),
        (
            PVS,
            "x",
            {"spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce"]}},
            [("spec", "FieldValueRequired")],
        ),
        (
            STORAGE_CLASSES,
            "x",
            {"provisioner": "", "reclaimPolicy": "Recycle", "volumeBindingMode": "Later"},
            [
                ("provisioner", "FieldValueRequired"),
                ("reclaimPolicy", "FieldValueNotSupported"),
                ("volumeBindingMode", "FieldValueNotSupported"),
            ],
        ),
        (POD_TEMPLATES, "x", {}, [("template", "FieldValueRequired")]),
    ],
)
def test_invalid_objects(
    resource: ResourceInfo, name: str, body: Obj, want: list[tuple[str, str]]
) -> None:
    assert errors(resource, obj(resource, name, **body)) == want


def _update_errors(resource: ResourceInfo, old: Obj, new: Obj) -> list[tuple[str, str]]:
    old, new = defaulted(resource, old), defaulted(resource, new)
    return [(c.field, c.reason) for c in validation.validate_update(resource, new, old)]


def test_a_binding_keeps_its_role_ref() -> None:
    old = obj(ROLE_BINDINGS, roleRef=REF)
    new = obj(ROLE_BINDINGS, roleRef={**REF, "name": "writer"})
    assert _update_errors(ROLE_BINDINGS, old, new) == [("roleRef", "FieldValueInvalid")]


def test_a_priority_class_keeps_its_value() -> None:
    old = obj(PRIORITY_CLASSES, value=1)
    assert _update_errors(PRIORITY_CLASSES, old, obj(PRIORITY_CLASSES, value=2)) == [
        ("value", "FieldValueForbidden")
    ]


def test_a_claim_may_grow_but_not_change_modes() -> None:
    old = obj(PVCS, spec=PVC_SPEC)
    grown = obj(PVCS, spec={**PVC_SPEC, "resources": {"requests": {"storage": "2Gi"}}})
    assert _update_errors(PVCS, old, grown) == []
    moded = obj(PVCS, spec={**PVC_SPEC, "accessModes": ["ReadWriteMany"]})
    assert _update_errors(PVCS, old, moded) == [("spec", "FieldValueForbidden")]


def test_a_storage_class_keeps_its_provisioner() -> None:
    old = obj(STORAGE_CLASSES, provisioner="a.io/x")
    new = obj(STORAGE_CLASSES, provisioner="b.io/x")
    assert _update_errors(STORAGE_CLASSES, old, new) == [("provisioner", "FieldValueForbidden")]


# --------------------------------------------------------------------------- defaults


def test_defaults() -> None:
    assert defaulted(PVCS, obj(PVCS, spec=PVC_SPEC))["spec"]["volumeMode"] == "Filesystem"
    pv = defaulted(PVS, obj(PVS, spec={"capacity": {"storage": "1Gi"}}))["spec"]
    assert (pv["persistentVolumeReclaimPolicy"], pv["volumeMode"]) == ("Retain", "Filesystem")
    sc = defaulted(STORAGE_CLASSES, obj(STORAGE_CLASSES, provisioner="a.io/x"))
    assert (sc["reclaimPolicy"], sc["volumeBindingMode"]) == ("Delete", "Immediate")
    pc = defaulted(PRIORITY_CLASSES, obj(PRIORITY_CLASSES, value=1))
    assert pc["preemptionPolicy"] == "PreemptLowerPriority"


def test_network_policy_types_follow_the_rules() -> None:
    ingress_only = defaulted(
        NETWORK_POLICIES, obj(NETWORK_POLICIES, spec={"ingress": [{"ports": [{"port": 80}]}]})
    )
    assert ingress_only["spec"]["policyTypes"] == ["Ingress"]
    assert ingress_only["spec"]["podSelector"] == {}
    assert ingress_only["spec"]["ingress"][0]["ports"][0]["protocol"] == "TCP"
    both = defaulted(NETWORK_POLICIES, obj(NETWORK_POLICIES, spec={"egress": [{}]}))
    assert both["spec"]["policyTypes"] == ["Ingress", "Egress"]
    kept = defaulted(NETWORK_POLICIES, obj(NETWORK_POLICIES, spec={"policyTypes": ["Egress"]}))
    assert kept["spec"]["policyTypes"] == ["Egress"]


def test_hpa_defaults_min_replicas_cpu_and_behavior() -> None:
    spec = defaulted(HPAS, obj(HPAS, spec=dict(HPA_SPEC)))["spec"]
    assert spec["minReplicas"] == 1
    assert spec["metrics"] == [
        {
            "type": "Resource",
            "resource": {
                "name": "cpu",
                "target": {"type": "Utilization", "averageUtilization": 80},
            },
        }
    ]
    assert "behavior" not in spec
    spec = defaulted(
        HPAS, obj(HPAS, spec={**HPA_SPEC, "behavior": {"scaleDown": {"selectPolicy": "Min"}}})
    )["spec"]
    assert spec["behavior"]["scaleUp"]["policies"] == [
        {"type": "Pods", "value": 4, "periodSeconds": 15},
        {"type": "Percent", "value": 100, "periodSeconds": 15},
    ]
    assert spec["behavior"]["scaleDown"]["selectPolicy"] == "Min"


def test_binding_subjects_get_their_api_group() -> None:
    binding = defaulted(
        ROLE_BINDINGS,
        obj(
            ROLE_BINDINGS,
            roleRef=REF,
            subjects=[
                {"kind": "User", "name": "u"},
                {"kind": "ServiceAccount", "name": "s", "apiGroup": ""},
            ],
        ),
    )
    assert binding["subjects"] == [
        {"kind": "User", "name": "u", "apiGroup": "rbac.authorization.k8s.io"},
        {"kind": "ServiceAccount", "name": "s"},
    ]


# --------------------------------------------------------------------------- tables


def test_roles_print_name_and_creation_time() -> None:
    assert row(ROLES, obj(ROLES, "reader")) == {"Name": "reader", "Created At": CREATED}


def test_cluster_role_binding_row_lists_subjects_when_wide() -> None:
    binding = obj(
        CLUSTER_ROLE_BINDINGS,
        "admins",
        roleRef={**REF, "kind": "ClusterRole", "name": "admin"},
        subjects=[
            {"kind": "User", "name": "alice"},
            {"kind": "User", "name": "bob"},
            {"kind": "Group", "name": "ops"},
            {"kind": "ServiceAccount", "name": "robot", "namespace": "ci"},
        ],
    )
    assert row(CLUSTER_ROLE_BINDINGS, binding, wide=True) == {
        "Name": "admins",
        "Role": "ClusterRole/admin",
        "Age": "60s",
        "Users": "alice, bob",
        "Groups": "ops",
        "ServiceAccounts": "ci/robot",
    }


def test_ingress_row() -> None:
    ing = obj(
        INGRESSES,
        "web",
        spec={
            "ingressClassName": "nginx",
            "tls": [{}],
            "rules": [{"host": "a.io"}, {"host": "b.io"}, {}],
        },
        status={"loadBalancer": {"ingress": [{"ip": "10.0.0.1"}]}},
    )
    assert row(INGRESSES, ing) == {
        "Name": "web",
        "Class": "nginx",
        "Hosts": "a.io,b.io",
        "Address": "10.0.0.1",
        "Ports": "80, 443",
        "Age": "60s",
    }
    bare = row(INGRESSES, obj(INGRESSES, "bare", spec={"defaultBackend": BACKEND}))
    assert (bare["Class"], bare["Hosts"], bare["Ports"]) == ("<none>", "*", "80")


def test_network_policy_pdb_and_priority_class_rows() -> None:
    np = obj(NETWORK_POLICIES, "np", spec={"podSelector": {"matchLabels": {"app": "web"}}})
    assert row(NETWORK_POLICIES, np) == {"Name": "np", "Pod-Selector": "app=web", "Age": "60s"}
    assert (
        row(NETWORK_POLICIES, obj(NETWORK_POLICIES, "all", spec={"podSelector": {}}))[
            "Pod-Selector"
        ]
        == "<none>"
    )
    pdb = obj(PDBS, "p", spec={"maxUnavailable": "20%"}, status={"disruptionsAllowed": 2})
    assert row(PDBS, pdb) == {
        "Name": "p",
        "Min Available": "N/A",
        "Max Unavailable": "20%",
        "Allowed Disruptions": 2,
        "Age": "60s",
    }
    pc = obj(PRIORITY_CLASSES, "high", value=1000, globalDefault=True, preemptionPolicy="Never")
    assert row(PRIORITY_CLASSES, pc) == {
        "Name": "high",
        "Value": 1000,
        "Global-Default": True,
        "Age": "60s",
        "PreemptionPolicy": "Never",
    }


def test_hpa_row() -> None:
    hpa = defaulted(HPAS, obj(HPAS, "web", spec=dict(HPA_SPEC), status={"currentReplicas": 3}))
    assert row(HPAS, hpa) == {
        "Name": "web",
        "Reference": "Deployment/web",
        "Targets": "cpu: <unknown>/80%",
        "MinPods": "1",
        "MaxPods": 5,
        "Replicas": 3,
        "Age": "60s",
    }
    hpa["status"]["currentMetrics"] = [
        {"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 42}}}
    ]
    assert row(HPAS, hpa)["Targets"] == "cpu: 42%/80%"


def test_volume_rows() -> None:
    pvc = obj(
        PVCS,
        "data",
        spec={
            **PVC_SPEC,
            "volumeName": "pv1",
            "storageClassName": "fast",
            "volumeMode": "Filesystem",
        },
        status={
            "phase": "Bound",
            "capacity": {"storage": "1Gi"},
            "accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
        },
    )
    assert row(PVCS, pvc, wide=True) == {
        "Name": "data",
        "Status": "Bound",
        "Volume": "pv1",
        "Capacity": "1Gi",
        "Access Modes": "RWO,ROX",
        "StorageClass": "fast",
        "VolumeAttributesClass": "<unset>",
        "Age": "60s",
        "VolumeMode": "Filesystem",
    }
    pv = obj(
        PVS,
        "pv1",
        spec={
            "capacity": {"storage": "5Gi"},
            "accessModes": ["ReadWriteMany"],
            "persistentVolumeReclaimPolicy": "Retain",
            "claimRef": {"namespace": "ns", "name": "data"},
        },
        status={"phase": "Bound"},
    )
    assert row(PVS, pv) == {
        "Name": "pv1",
        "Capacity": "5Gi",
        "Access Modes": "RWX",
        "Reclaim Policy": "Retain",
        "Status": "Bound",
        "Claim": "ns/data",
        "StorageClass": "",
        "VolumeAttributesClass": "<unset>",
        "Reason": "",
        "Age": "60s",
    }
    sc = obj(STORAGE_CLASSES, "fast", provisioner="a.io/x", allowVolumeExpansion=True)
    sc["metadata"]["annotations"] = {"storageclass.kubernetes.io/is-default-class": "true"}
    assert row(STORAGE_CLASSES, defaulted(STORAGE_CLASSES, sc)) == {
        "Name": "fast (default)",
        "Provisioner": "a.io/x",
        "ReclaimPolicy": "Delete",
        "VolumeBindingMode": "Immediate",
        "AllowVolumeExpansion": True,
        "Age": "60s",
    }


def test_rows_survive_odd_values() -> None:
    """Stored objects may hold what validation never sees (status writes): no row raises."""
    odd: Obj = {
        "metadata": {"name": "odd", "annotations": ["x"]},
        "spec": {
            "rules": "x",
            "accessModes": [{"a": 1}],
            "metrics": [{"type": "Resource", "resource": []}],
            "claimRef": [],
            "podSelector": {"matchExpressions": [{"key": "a", "operator": "Bogus"}]},
        },
        "status": {"currentMetrics": "x", "loadBalancer": {"ingress": [1]}, "accessModes": [[]]},
        "subjects": [1, {"kind": "User"}],
        "roleRef": "x",
    }
    for resource in (
        ROLES,
        ROLE_BINDINGS,
        INGRESSES,
        NETWORK_POLICIES,
        PDBS,
        PRIORITY_CLASSES,
        HPAS,
        PVCS,
        PVS,
        STORAGE_CLASSES,
        POD_TEMPLATES,
    ):
        assert len(row_cells(resource, odd, NOW)) == len(column_definitions(resource))

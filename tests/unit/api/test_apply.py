"""Server-side apply and managedFields tracking, on a Deployment-like schema."""

from __future__ import annotations

import json
from typing import Any

import pytest

from minikube_py.api.apply import LAST_APPLIED_ANNOTATION, apply, track_update
from minikube_py.api.patch import ApplyConflict, PatchError
from minikube_py.api.patch.fieldset import from_fields_v1, path_string, to_fields_v1

REF = "#/components/schemas/"
T0, T1, T2 = "2025-01-01T00:00:00Z", "2025-01-01T00:01:00Z", "2025-01-01T00:02:00Z"


def ref(name: str) -> dict[str, Any]:
    return {"allOf": [{"$ref": REF + name}], "default": {}}


def keyed(item: str, *keys: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": ref(item),
        "x-kubernetes-patch-strategy": "merge",
        "x-kubernetes-patch-merge-key": keys[0],
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": list(keys),
    }


STRING = {"type": "string"}
STRING_MAP = {"type": "object", "additionalProperties": STRING}
COMPONENTS: dict[str, Any] = {
    "Deployment": {
        "type": "object",
        "properties": {
            "apiVersion": STRING,
            "kind": STRING,
            "metadata": ref("ObjectMeta"),
            "spec": ref("DeploymentSpec"),
            "status": {"type": "object", "properties": {"replicas": {"type": "integer"}}},
        },
    },
    "ObjectMeta": {
        "type": "object",
        "properties": {
            "name": STRING,
            "namespace": STRING,
            "uid": STRING,
            "resourceVersion": STRING,
            "labels": STRING_MAP,
            "annotations": STRING_MAP,
            "finalizers": {
                "type": "array",
                "items": STRING,
                "x-kubernetes-patch-strategy": "merge",
                "x-kubernetes-list-type": "set",
            },
            "managedFields": {"type": "array", "items": {"type": "object"}},
        },
    },
    "LabelSelector": {
        "type": "object",
        "properties": {"matchLabels": STRING_MAP},
        "x-kubernetes-map-type": "atomic",
    },
    "DeploymentSpec": {
        "type": "object",
        "properties": {
            "replicas": {"type": "integer"},
            "selector": ref("LabelSelector"),
            "template": ref("PodTemplateSpec"),
        },
    },
    "PodTemplateSpec": {
        "type": "object",
        "properties": {"metadata": ref("ObjectMeta"), "spec": ref("PodSpec")},
    },
    "PodSpec": {"type": "object", "properties": {"containers": keyed("Container", "name")}},
    "Container": {
        "type": "object",
        "properties": {
            "name": STRING,
            "image": STRING,
            "args": {"type": "array", "items": STRING, "x-kubernetes-list-type": "atomic"},
            "ports": keyed("ContainerPort", "containerPort", "protocol"),
            "env": keyed("EnvVar", "name"),
        },
    },
    "ContainerPort": {
        "type": "object",
        "properties": {
            "containerPort": {"type": "integer"},
            "protocol": {"type": "string", "default": "TCP"},
        },
    },
    "EnvVar": {"type": "object", "properties": {"name": STRING, "value": STRING}},
}
SCHEMA = {"$ref": REF + "Deployment"}


def deployment(
    replicas: int | None = 2, image: str = "nginx:1.25", **extra_labels: str
) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "selector": {"matchLabels": {"app": "web"}},
        "template": {
            "metadata": {"labels": {"app": "web"}},
            "spec": {
                "containers": [{"name": "web", "image": image, "ports": [{"containerPort": 80}]}]
            },
        },
    }
    if replicas is not None:
        spec["replicas"] = replicas
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d", "namespace": "default", "labels": {"app": "web", **extra_labels}},
        "spec": spec,
    }


def do_apply(
    live: dict[str, Any] | None,
    cfg: dict[str, Any],
    manager: str = "kubectl",
    force: bool = False,
    now: str = T1,
) -> dict[str, Any]:
    return apply(live, cfg, manager, force, SCHEMA, COMPONENTS, now)


def do_update(
    old: dict[str, Any] | None, new: dict[str, Any], manager: str, now: str = T1
) -> dict[str, Any]:
    return track_update(old, new, manager, schema=SCHEMA, components=COMPONENTS, now=now)


def entries(obj: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["manager"]: e for e in obj["metadata"]["managedFields"]}


def owns(obj: dict[str, Any], manager: str, path: str) -> bool:
    fields = from_fields_v1(entries(obj)[manager]["fieldsV1"]) if manager in entries(obj) else set()
    return path in {path_string(p) for p in fields}


# --- create, re-apply, removal -------------------------------------------------------


def test_create_via_apply_records_the_applier() -> None:
    out = do_apply(None, deployment(), now=T0)
    assert out["spec"] == deployment()["spec"]
    assert out["metadata"]["managedFields"] == [
        {
            "manager": "kubectl",
            "operation": "Apply",
            "apiVersion": "apps/v1",
            "time": T0,
            "fieldsType": "FieldsV1",
            "fieldsV1": {
                "f:metadata": {"f:labels": {"f:app": {}}},
                "f:spec": {
                    "f:replicas": {},
                    "f:selector": {},
                    "f:template": {
                        "f:metadata": {"f:labels": {"f:app": {}}},
                        "f:spec": {
                            "f:containers": {
                                'k:{"name":"web"}': {
                                    ".": {},
                                    "f:image": {},
                                    "f:name": {},
                                    "f:ports": {
                                        'k:{"containerPort":80,"protocol":"TCP"}': {
                                            ".": {},
                                            "f:containerPort": {},
                                        }
                                    },
                                }
                            }
                        },
                    },
                },
            },
        }
    ]


def test_reapply_changed_value_by_the_same_manager() -> None:
    live = do_apply(None, deployment(), now=T0)
    out = do_apply(live, deployment(replicas=5, image="nginx:1.26"), now=T1)
    assert out["spec"]["replicas"] == 5
    assert out["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.26"
    assert entries(out)["kubectl"]["time"] == T1


def test_noop_reapply_keeps_the_entry_time() -> None:
    live = do_apply(None, deployment(), now=T0)
    assert entries(do_apply(live, deployment(), now=T2))["kubectl"]["time"] == T0


def test_apply_without_a_field_removes_it() -> None:
    cfg = deployment(tier="front")
    cfg["spec"]["template"]["spec"]["containers"].append({"name": "side", "image": "busybox"})
    live = do_apply(None, cfg)
    out = do_apply(live, deployment(replicas=None))
    assert out["metadata"]["labels"] == {"app": "web"}
    assert "replicas" not in out["spec"]
    assert [c["name"] for c in out["spec"]["template"]["spec"]["containers"]] == ["web"]
    assert not owns(out, "kubectl", ".spec.replicas")


def test_removed_field_stays_when_another_manager_owns_it() -> None:
    live = do_apply(None, deployment(tier="front"))
    live = do_apply(
        live,
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "d", "labels": {"tier": "front"}},
        },
        "other",
    )
    out = do_apply(live, deployment())
    assert out["metadata"]["labels"] == {"app": "web", "tier": "front"}
    assert owns(out, "other", ".metadata.labels.tier") and not owns(
        out, "kubectl", ".metadata.labels.tier"
    )


def test_removed_last_label_drops_the_empty_map() -> None:
    live = do_apply(None, deployment())
    cfg = deployment()
    del cfg["metadata"]["labels"]
    assert "labels" not in do_apply(live, cfg)["metadata"]


def test_defaulted_fields_survive_reapply() -> None:
    live = do_apply(None, deployment())
    live["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"] = "IfNotPresent"
    live["spec"]["template"]["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP"
    out = do_apply(live, deployment(image="nginx:1.26"))
    c = out["spec"]["template"]["spec"]["containers"][0]
    assert c == {
        "name": "web",
        "image": "nginx:1.26",
        "ports": [{"containerPort": 80, "protocol": "TCP"}],
        "imagePullPolicy": "IfNotPresent",
    }


# --- conflicts and force --------------------------------------------------------------


def test_conflict_between_two_appliers() -> None:
    live = do_apply(None, deployment(replicas=2), "alice")
    with pytest.raises(ApplyConflict) as err:
        do_apply(live, deployment(replicas=3), "bob")
    assert err.value.code == 409
    assert str(err.value) == 'Apply failed with 1 conflict: conflict with "alice": .spec.replicas'
    assert err.value.causes == [
        {
            "type": "FieldManagerConflict",
            "message": 'conflict with "alice"',
            "field": ".spec.replicas",
        }
    ]


def test_same_value_is_shared_not_a_conflict() -> None:
    live = do_apply(None, deployment(replicas=2), "alice")
    out = do_apply(live, deployment(replicas=2), "bob")
    assert owns(out, "alice", ".spec.replicas") and owns(out, "bob", ".spec.replicas")


def test_force_takes_ownership() -> None:
    live = do_apply(None, deployment(replicas=2), "alice")
    out = do_apply(live, deployment(replicas=3), "bob", force=True)
    assert out["spec"]["replicas"] == 3
    assert owns(out, "bob", ".spec.replicas") and not owns(out, "alice", ".spec.replicas")
    assert owns(out, "alice", ".spec.selector")


def test_several_conflicts_are_listed_by_manager() -> None:
    live = do_apply(None, deployment(replicas=2), "alice")
    with pytest.raises(ApplyConflict) as err:
        do_apply(live, deployment(replicas=3, image="x"), "bob")
    assert str(err.value) == (
        'Apply failed with 2 conflicts: conflicts with "alice":\n- .spec.replicas\n'
        '- .spec.template.spec.containers[name="web"].image'
    )


def test_apply_after_create_conflicts_with_the_update_manager() -> None:
    live = do_update(None, deployment(), "kubectl-create")
    with pytest.raises(ApplyConflict) as err:
        do_apply(live, deployment(image="nginx:1.26"))
    assert str(err.value) == (
        'Apply failed with 1 conflict: conflict with "kubectl-create" using apps/v1: '
        '.spec.template.spec.containers[name="web"].image'
    )


def test_apply_after_edit_conflicts_and_force_wins() -> None:
    live = do_apply(None, deployment(replicas=2))
    edited = json.loads(json.dumps(live))
    edited["spec"]["replicas"] = 4
    live = do_update(live, edited, "kubectl-edit")
    assert owns(live, "kubectl-edit", ".spec.replicas") and not owns(
        live, "kubectl", ".spec.replicas"
    )
    with pytest.raises(ApplyConflict, match=r'"kubectl-edit" using apps/v1: \.spec\.replicas'):
        do_apply(live, deployment(replicas=2))
    out = do_apply(live, deployment(replicas=2), force=True)
    assert out["spec"]["replicas"] == 2 and "kubectl-edit" not in entries(out)


def test_applier_that_dropped_a_field_an_update_took_leaves_it() -> None:
    live = do_apply(None, deployment(replicas=2))
    scaled = json.loads(json.dumps(live))
    scaled["spec"]["replicas"] = 7
    live = do_update(live, scaled, "kube-controller-manager")
    assert do_apply(live, deployment(replicas=None))["spec"]["replicas"] == 7


def test_object_without_managed_fields_belongs_to_before_first_apply() -> None:
    with pytest.raises(
        ApplyConflict, match=r'"before-first-apply" using apps/v1: \.spec\.replicas'
    ):
        do_apply(deployment(replicas=1), deployment(replicas=2))
    out = do_apply(deployment(replicas=1), deployment(replicas=1))
    assert set(entries(out)) == {"kubectl", "before-first-apply"}


# --- client-side apply to server-side apply -----------------------------------------------


def client_side_applied(cfg: dict[str, Any]) -> dict[str, Any]:
    obj = json.loads(json.dumps(cfg))
    obj["metadata"]["annotations"] = {LAST_APPLIED_ANNOTATION: json.dumps(cfg) + "\n"}
    return do_update(None, obj, "kubectl-client-side-apply", now=T0)


def test_kubectl_server_side_apply_takes_over_from_client_side_apply() -> None:
    live = client_side_applied(deployment(replicas=2))
    out = do_apply(live, deployment(replicas=3, image="nginx:1.26"))
    assert out["spec"]["replicas"] == 3
    assert owns(out, "kubectl", ".spec.replicas") and not owns(
        out, "kubectl-client-side-apply", ".spec.replicas"
    )
    last = json.loads(out["metadata"]["annotations"][LAST_APPLIED_ANNOTATION])
    assert last["spec"]["replicas"] == 3
    assert out["metadata"]["annotations"][LAST_APPLIED_ANNOTATION].endswith("\n")


def test_fields_changed_since_client_side_apply_still_conflict() -> None:
    live = client_side_applied(deployment(replicas=2))
    scaled = json.loads(json.dumps(live))
    scaled["spec"]["replicas"] = 9
    live = do_update(live, scaled, "kubectl-scale")
    with pytest.raises(ApplyConflict, match="kubectl-scale"):
        do_apply(live, deployment(replicas=3))


def test_other_managers_get_no_last_applied_allowance() -> None:
    live = client_side_applied(deployment(replicas=2))
    with pytest.raises(ApplyConflict, match="kubectl-client-side-apply"):
        do_apply(live, deployment(replicas=3), "helm")


# --- update tracking ----------------------------------------------------------------------


def test_update_takes_changed_fields_and_keeps_others_times() -> None:
    live = do_update(None, deployment(), "kubectl-create", now=T0)
    edited = json.loads(json.dumps(live))
    edited["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.26"
    out = do_update(live, edited, "kubectl-edit", now=T2)
    image = '.spec.template.spec.containers[name="web"].image'
    assert owns(out, "kubectl-edit", image) and not owns(out, "kubectl-create", image)
    assert (
        entries(out)["kubectl-create"]["time"] == T0 and entries(out)["kubectl-edit"]["time"] == T2
    )
    assert [e["manager"] for e in out["metadata"]["managedFields"]] == [
        "kubectl-create",
        "kubectl-edit",
    ]


def test_update_that_changes_nothing_adds_no_entry() -> None:
    live = do_update(None, deployment(), "kubectl-create", now=T0)
    out = do_update(live, json.loads(json.dumps(live)), "kubectl-label", now=T1)
    assert set(entries(out)) == {"kubectl-create"}


def test_update_removing_a_field_drops_it_from_every_manager() -> None:
    live = do_apply(None, deployment(tier="front"))
    edited = json.loads(json.dumps(live))
    del edited["metadata"]["labels"]["tier"]
    out = do_update(live, edited, "kubectl-label")
    assert not owns(out, "kubectl", ".metadata.labels.tier")
    assert "kubectl-label" not in entries(out)


def test_update_with_empty_entry_clears_managed_fields() -> None:
    live = do_update(None, deployment(), "kubectl-create")
    cleared = json.loads(json.dumps(live))
    cleared["metadata"]["managedFields"] = [{}]
    assert "managedFields" not in do_update(live, cleared, "kubectl-patch")["metadata"]


def test_ignored_fields_are_neither_owned_nor_applied() -> None:
    cfg = {**deployment(), "status": {"replicas": 9}}
    out = apply(None, cfg, "kubectl", False, SCHEMA, COMPONENTS, T0, ignored_fields=("status",))
    assert "status" not in out and "f:status" not in entries(out)["kubectl"]["fieldsV1"]


# --- lists and sets -----------------------------------------------------------------------


def test_sets_and_keyed_lists_merge_across_managers() -> None:
    a = deployment()
    a["metadata"]["finalizers"] = ["x"]
    live = do_apply(None, a, "alice")
    b = {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "d", "finalizers": ["y"]},
        "spec": {
            "template": {
                "spec": {
                    "containers": [
                        {"name": "side", "image": "busybox", "env": [{"name": "E", "value": "1"}]}
                    ]
                }
            }
        },
    }
    out = do_apply(live, b, "bob")
    assert out["metadata"]["finalizers"] == ["x", "y"]
    assert [c["name"] for c in out["spec"]["template"]["spec"]["containers"]] == ["web", "side"]
    assert owns(out, "bob", '.metadata.finalizers[="y"]')
    assert owns(out, "bob", '.spec.template.spec.containers[name="side"].env[name="E"].value')


def test_atomic_lists_and_maps_are_one_field() -> None:
    cfg = deployment()
    cfg["spec"]["template"]["spec"]["containers"][0]["args"] = ["a", "b"]
    live = do_apply(None, cfg, "alice")
    changed = json.loads(json.dumps(cfg))
    changed["spec"]["selector"] = {"matchLabels": {"app": "other"}}
    with pytest.raises(ApplyConflict) as err:
        do_apply(live, changed, "bob")
    assert [c.field for c in err.value.conflicts] == [".spec.selector"]
    changed["spec"]["template"]["spec"]["containers"][0]["args"] = ["c"]
    out = do_apply(live, changed, "bob", force=True)
    assert out["spec"]["template"]["spec"]["containers"][0]["args"] == ["c"]
    assert owns(out, "bob", '.spec.template.spec.containers[name="web"].args')


# --- errors and formats ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mutate", "code"),
    [
        (lambda d: d["metadata"].__setitem__("managedFields", [{"manager": "x"}]), 400),
        (lambda d: d["spec"]["template"]["spec"]["containers"].append({"name": "web"}), 422),
        (lambda d: d["spec"]["template"]["spec"]["containers"].append({"image": "no-name"}), 422),
    ],
    ids=["managed-fields-set", "duplicate-key", "missing-key"],
)
def test_invalid_configurations(mutate: Any, code: int) -> None:
    cfg = deployment()
    mutate(cfg)
    with pytest.raises(PatchError) as err:
        do_apply(None, cfg)
    assert err.value.code == code and not isinstance(err.value, ApplyConflict)


def test_fields_v1_round_trip() -> None:
    paths = {
        ("f:spec", "f:replicas"),
        ("f:spec", "f:containers", 'k:{"name":"a"}'),
        ("f:spec", "f:containers", 'k:{"name":"a"}', "f:image"),
        ("f:metadata", "f:finalizers", 'v:"x"'),
    }
    tree = to_fields_v1(paths)
    assert tree["f:spec"]["f:containers"] == {'k:{"name":"a"}': {".": {}, "f:image": {}}}
    assert from_fields_v1(tree) == paths
    assert path_string(
        ("f:spec", "f:ports", 'k:{"containerPort":80,"protocol":"TCP"}', "f:name")
    ) == ('.spec.ports[containerPort=80,protocol="TCP"].name')


def test_port_without_protocol_matches_the_defaulted_live_port() -> None:
    components = json.loads(json.dumps(COMPONENTS))
    del components["ContainerPort"]["properties"]["protocol"]["default"]
    live = apply(None, deployment(), "kubectl", False, SCHEMA, components, T0)
    live["spec"]["template"]["spec"]["containers"][0]["ports"][0]["protocol"] = "TCP"
    out = apply(live, deployment(image="nginx:1.26"), "kubectl", False, SCHEMA, components, T1)
    assert out["spec"]["template"]["spec"]["containers"][0]["ports"] == [
        {"containerPort": 80, "protocol": "TCP"}
    ]


def test_update_managers_are_capped_and_the_oldest_become_ancient_changes() -> None:
    live = do_update(None, deployment(), "creator", now="2026-01-01T00:00:00Z")
    for i in range(15):
        changed = json.loads(json.dumps(live))
        changed["metadata"]["labels"][f"l{i}"] = "x"
        live = do_update(live, changed, f"client-{i:02d}", now=f"2026-01-01T00:00:{i + 1:02d}Z")
    found = entries(live)
    updates = [e for e in live["metadata"]["managedFields"] if e["operation"] == "Update"]
    assert len(updates) == 10
    assert "ancient-changes" in found
    # the newest nine keep their own entries; the creator and the oldest clients were merged
    assert {f"client-{i:02d}" for i in range(6, 15)} <= set(found)
    assert "creator" not in found and "client-00" not in found
    assert owns(live, "ancient-changes", ".spec.replicas")
    assert owns(live, "ancient-changes", ".metadata.labels.l0")
    assert owns(live, "client-14", ".metadata.labels.l14")

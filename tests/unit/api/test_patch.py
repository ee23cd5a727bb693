"""The three patch types of the API server, as tables of cases on a Pod-like schema."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from minikube_py.api.patch import (
    PatchError,
    json_patch,
    merge_patch,
    strategic_merge_patch,
)
from minikube_py.api.patch.mergepatch import merge

REF = "#/components/schemas/"


def ref(name: str, **extra: Any) -> dict[str, Any]:
    return {"allOf": [{"$ref": REF + name}], **extra}


def map_list(item: str, *keys: str, strategy: str = "merge") -> dict[str, Any]:
    return {
        "type": "array",
        "items": ref(item, default={}),
        "x-kubernetes-patch-strategy": strategy,
        "x-kubernetes-patch-merge-key": keys[0],
        "x-kubernetes-list-type": "map",
        "x-kubernetes-list-map-keys": list(keys),
    }


STRING = {"type": "string"}
STRINGS = {"type": "array", "items": {"type": "string", "default": ""}}

COMPONENTS: dict[str, Any] = {
    "Pod": {
        "type": "object",
        "properties": {
            "apiVersion": STRING,
            "kind": STRING,
            "metadata": ref("ObjectMeta", default={}),
            "spec": ref("PodSpec", default={}),
        },
    },
    "ObjectMeta": {
        "type": "object",
        "properties": {
            "name": STRING,
            "labels": {"type": "object", "additionalProperties": STRING},
            "annotations": {"type": "object", "additionalProperties": STRING},
            "finalizers": {
                **STRINGS,
                "x-kubernetes-patch-strategy": "merge",
                "x-kubernetes-list-type": "set",
            },
        },
    },
    "PodSpec": {
        "type": "object",
        "properties": {
            "containers": map_list("Container", "name"),
            "volumes": map_list("Volume", "name", strategy="merge,retainKeys"),
            "tolerations": {
                "type": "array",
                "items": ref("Toleration"),
                "x-kubernetes-list-type": "atomic",
            },
            "nodeSelector": {
                "type": "object",
                "additionalProperties": STRING,
                "x-kubernetes-map-type": "atomic",
            },
        },
    },
    "Container": {
        "type": "object",
        "properties": {
            "name": STRING,
            "image": STRING,
            "args": STRINGS,
            "ports": map_list("ContainerPort", "containerPort", "protocol"),
            "env": map_list("EnvVar", "name"),
        },
    },
    "ContainerPort": {
        "type": "object",
        "properties": {
            "containerPort": {"type": "integer"},
            "protocol": {"type": "string", "default": "TCP"},
            "name": STRING,
        },
    },
    "EnvVar": {"type": "object", "properties": {"name": STRING, "value": STRING}},
    "Volume": {
        "type": "object",
        "properties": {
            "name": STRING,
            "emptyDir": {"type": "object", "properties": {"medium": STRING}},
            "configMap": {"type": "object", "properties": {"name": STRING}},
        },
    },
    "Toleration": {"type": "object", "properties": {"key": STRING, "operator": STRING}},
}
POD_SCHEMA = {"$ref": REF + "Pod"}


def pod(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": "p",
            "labels": {"app": "web", "tier": "front"},
            "finalizers": ["a", "b"],
        },
        "spec": {
            "containers": [
                {
                    "name": "web",
                    "image": "nginx:1.25",
                    "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                },
                {
                    "name": "side",
                    "image": "busybox",
                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                },
            ],
            **spec,
        },
    }


def smp(obj: dict[str, Any], patch: Any) -> dict[str, Any]:
    return strategic_merge_patch(obj, patch, POD_SCHEMA, COMPONENTS)


def names(items: list[dict[str, Any]]) -> list[Any]:
    return [i["name"] for i in items]


# --- strategic merge patch -------------------------------------------------------


def test_smp_merges_maps_and_null_deletes() -> None:
    out = smp(pod(), {"metadata": {"labels": {"tier": None, "env": "prod"}}})
    assert out["metadata"]["labels"] == {"app": "web", "env": "prod"}


def test_smp_merges_containers_by_name_and_appends_new_ones() -> None:
    out = smp(
        pod(),
        {
            "spec": {
                "containers": [
                    {"name": "side", "image": "busybox:2"},
                    {"name": "new", "image": "x"},
                ]
            }
        },
    )
    cs = out["spec"]["containers"]
    assert names(cs) == ["web", "side", "new"]
    assert cs[1] == {
        "name": "side",
        "image": "busybox:2",
        "ports": [{"containerPort": 80, "protocol": "TCP"}],
    }
    assert cs[0]["image"] == "nginx:1.25"


def test_smp_merges_nested_lists_by_their_own_keys() -> None:
    patch = {
        "spec": {
            "containers": [
                {"name": "web", "env": [{"name": "B", "value": "3"}, {"name": "C", "value": "4"}]}
            ]
        }
    }
    env = smp(pod(), patch)["spec"]["containers"][0]["env"]
    assert env == [
        {"name": "A", "value": "1"},
        {"name": "B", "value": "3"},
        {"name": "C", "value": "4"},
    ]


def test_smp_merges_ports_by_container_port() -> None:
    patch = {
        "spec": {
            "containers": [
                {
                    "name": "side",
                    "ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 443}],
                }
            ]
        }
    }
    ports = smp(pod(), patch)["spec"]["containers"][1]["ports"]
    assert ports == [
        {"containerPort": 80, "protocol": "TCP", "name": "http"},
        {"containerPort": 443},
    ]


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"spec": {"containers": [{"name": "web", "$patch": "delete"}]}}, ["side"]),
        (
            {"spec": {"containers": [{"name": "only", "image": "x"}, {"$patch": "replace"}]}},
            ["only"],
        ),
        ({"spec": {"containers": [{"name": "nope", "$patch": "delete"}]}}, ["web", "side"]),
    ],
    ids=["delete-element", "replace-list", "delete-missing-is-noop"],
)
def test_smp_list_directives(patch: dict[str, Any], expected: list[str]) -> None:
    assert names(smp(pod(), patch)["spec"]["containers"]) == expected


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"metadata": {"labels": {"x": "1", "$patch": "replace"}}}, {"x": "1"}),
        ({"metadata": {"labels": {"$patch": "delete"}}}, {}),
        (
            {"metadata": {"labels": {"x": "1", "$patch": "merge"}}},
            {"app": "web", "tier": "front", "x": "1"},
        ),
    ],
    ids=["replace-map", "delete-map", "merge-map"],
)
def test_smp_map_directives(patch: dict[str, Any], expected: dict[str, str]) -> None:
    assert smp(pod(), patch)["metadata"]["labels"] == expected


@pytest.mark.parametrize(
    ("patch", "expected"),
    [
        ({"metadata": {"finalizers": ["c", "a"]}}, ["c", "a", "b"]),
        ({"metadata": {"finalizers": ["b", "b"]}}, ["a", "b"]),
        ({"metadata": {"$deleteFromPrimitiveList/finalizers": ["a", "zz"]}}, ["b"]),
        ({"metadata": {"finalizers": None}}, None),
        (
            {
                "metadata": {
                    "$setElementOrder/finalizers": ["b", "c"],
                    "finalizers": ["c"],
                    "$deleteFromPrimitiveList/finalizers": ["a"],
                }
            },
            ["b", "c"],
        ),
        ({"metadata": {"$setElementOrder/finalizers": ["b", "a"]}}, ["b", "a"]),
    ],
    ids=[
        "set-union",
        "dedupe",
        "delete-from-primitive-list",
        "null-deletes",
        "set-order-add-delete",
        "set-order-only",
    ],
)
def test_smp_primitive_merge_lists(patch: dict[str, Any], expected: list[str] | None) -> None:
    assert smp(pod(), patch)["metadata"].get("finalizers") == expected


def test_smp_set_element_order_reorders_containers() -> None:
    patch = {
        "spec": {
            "$setElementOrder/containers": [{"name": "side"}, {"name": "web"}],
            "containers": [{"name": "web", "image": "nginx:1.26"}],
        }
    }
    cs = smp(pod(), patch)["spec"]["containers"]
    assert names(cs) == ["side", "web"]
    assert cs[1]["image"] == "nginx:1.26"


def test_smp_set_element_order_keeps_server_only_items_in_place() -> None:
    obj = pod()
    obj["spec"]["containers"].append({"name": "third", "image": "t"})
    patch = {
        "spec": {
            "$setElementOrder/containers": [{"name": "web"}, {"name": "new"}],
            "containers": [{"name": "new", "image": "n"}],
        }
    }
    assert names(smp(obj, patch)["spec"]["containers"]) == ["web", "new", "side", "third"]


def test_smp_kubectl_client_side_apply_patch_removes_env_and_changes_image() -> None:
    # what kubectl apply (client-side) sends when the manifest drops env B and bumps the image
    patch = {
        "metadata": {"annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}\n"}},
        "spec": {
            "$setElementOrder/containers": [{"name": "web"}, {"name": "side"}],
            "containers": [
                {
                    "$setElementOrder/env": [{"name": "A"}],
                    "env": [{"$patch": "delete", "name": "B"}],
                    "image": "nginx:1.26",
                    "name": "web",
                }
            ],
        },
    }
    out = smp(pod(), patch)
    web = out["spec"]["containers"][0]
    assert web == {"name": "web", "image": "nginx:1.26", "env": [{"name": "A", "value": "1"}]}
    assert names(out["spec"]["containers"]) == ["web", "side"]
    assert out["metadata"]["annotations"] == {
        "kubectl.kubernetes.io/last-applied-configuration": "{}\n"
    }
    assert "$setElementOrder/env" not in web


def test_smp_retain_keys_switches_volume_source() -> None:
    obj = pod(volumes=[{"name": "data", "emptyDir": {}}])
    patch = {
        "spec": {
            "volumes": [
                {"name": "data", "$retainKeys": ["configMap", "name"], "configMap": {"name": "cm"}}
            ]
        }
    }
    assert smp(obj, patch)["spec"]["volumes"] == [{"name": "data", "configMap": {"name": "cm"}}]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("tolerations", [{"key": "k2"}]),
        ("nodeSelector", {"zone": "b"}),
    ],
)
def test_smp_replaces_non_merge_lists_and_merges_maps(field: str, value: Any) -> None:
    obj = pod(tolerations=[{"key": "k1"}], nodeSelector={"disk": "ssd"})
    out = smp(obj, {"spec": {field: value}})
    if field == "tolerations":
        assert out["spec"]["tolerations"] == [{"key": "k2"}]
    else:  # map-type atomic matters to apply, not to strategic merge patch
        assert out["spec"]["nodeSelector"] == {"disk": "ssd", "zone": "b"}


def test_smp_replaces_primitive_lists_without_strategy() -> None:
    obj = pod()
    obj["spec"]["containers"][0]["args"] = ["a", "b"]
    out = smp(obj, {"spec": {"containers": [{"name": "web", "args": ["c"]}]}})
    assert out["spec"]["containers"][0]["args"] == ["c"]


def test_smp_unknown_fields_merge_maps_and_replace_lists() -> None:
    obj = {"x": {"a": 1, "l": [1, 2]}}
    assert smp(obj, {"x": {"b": 2, "l": [3]}}) == {"x": {"a": 1, "b": 2, "l": [3]}}


def test_smp_new_values_lose_nulls_and_directives() -> None:
    out = smp(
        {"spec": {}},
        {
            "spec": {
                "containers": [
                    {"name": "a", "image": None, "env": [{"name": "E", "$patch": "delete"}]}
                ],
                "volumes": [{"$patch": "replace"}],
            }
        },
    )
    assert out["spec"] == {"containers": [{"name": "a", "env": []}], "volumes": []}


def test_smp_type_change_takes_patch_value() -> None:
    assert smp({"a": {"b": 1}}, {"a": [1]}) == {"a": [1]}
    assert smp({"a": "s"}, {"a": {"b": None, "c": 1}}) == {"a": {"c": 1}}


def test_smp_does_not_modify_its_arguments() -> None:
    obj, patch = pod(), {"spec": {"containers": [{"name": "web", "$patch": "delete"}]}}
    before_obj, before_patch = copy.deepcopy(obj), copy.deepcopy(patch)
    smp(obj, patch)
    assert (obj, patch) == (before_obj, before_patch)


@pytest.mark.parametrize(
    ("patch", "code"),
    [
        ([{"op": "add"}], 400),
        ("text", 400),
        ({"spec": {"containers": [{"image": "no-name"}]}}, 422),
        ({"spec": {"containers": [{"$patch": "delete"}]}}, 422),
        ({"spec": {"containers": [{"name": "x", "$patch": "merge"}]}}, 422),
        ({"metadata": {"labels": {"$patch": "explode"}}}, 422),
        ({"spec": {"volumes": [{"name": "data", "$retainKeys": ["name"], "emptyDir": {}}]}}, 422),
        ({"spec": {"volumes": [{"name": "data", "$retainKeys": "name"}]}}, 400),
        ({"metadata": {"$deleteFromPrimitiveList/finalizers": "a"}}, 400),
        ({"metadata": {"$setElementOrder/finalizers": "a"}}, 400),
        ({"metadata": {"$setElementOrder/finalizers": ["a"], "finalizers": ["z"]}}, 422),
        ({"metadata": {"finalizers": [["x"]]}}, 422),
    ],
    ids=[
        "not-an-object",
        "a-string",
        "missing-merge-key",
        "delete-without-key",
        "merge-directive-in-list",
        "unknown-map-directive",
        "retain-keys-mismatch",
        "retain-keys-not-a-list",
        "delete-list-not-a-list",
        "set-order-not-a-list",
        "set-order-missing-item",
        "list-of-lists",
    ],
)
def test_smp_errors(patch: Any, code: int) -> None:
    obj = pod(volumes=[{"name": "data", "emptyDir": {}}])
    with pytest.raises(PatchError) as err:
        smp(obj, patch)
    assert err.value.code == code


def test_smp_without_schema_merges_generically() -> None:
    out = strategic_merge_patch({"a": {"b": [1]}, "c": 1}, {"a": {"b": [2]}, "c": None}, None)
    assert out == {"a": {"b": [2]}}


# --- JSON patch --------------------------------------------------------------------

DOC = {"metadata": {"labels": {"a/b": "x", "m~n": "y"}}, "spec": {"list": [1, 2, 3], "replicas": 1}}

JSON_PATCH_CASES: list[tuple[str, list[dict[str, Any]], Any]] = [
    (
        "add-key",
        [{"op": "add", "path": "/spec/paused", "value": True}],
        {**DOC["spec"], "paused": True},
    ),
    (
        "add-index",
        [{"op": "add", "path": "/spec/list/1", "value": 9}],
        {**DOC["spec"], "list": [1, 9, 2, 3]},
    ),
    (
        "add-end",
        [{"op": "add", "path": "/spec/list/-", "value": 9}],
        {**DOC["spec"], "list": [1, 2, 3, 9]},
    ),
    (
        "add-at-len",
        [{"op": "add", "path": "/spec/list/3", "value": 9}],
        {**DOC["spec"], "list": [1, 2, 3, 9]},
    ),
    (
        "add-replaces-key",
        [{"op": "add", "path": "/spec/replicas", "value": 5}],
        {**DOC["spec"], "replicas": 5},
    ),
    ("remove-key", [{"op": "remove", "path": "/spec/replicas"}], {"list": [1, 2, 3]}),
    ("remove-index", [{"op": "remove", "path": "/spec/list/0"}], {**DOC["spec"], "list": [2, 3]}),
    (
        "replace",
        [{"op": "replace", "path": "/spec/replicas", "value": 3}],
        {**DOC["spec"], "replicas": 3},
    ),
    (
        "replace-index",
        [{"op": "replace", "path": "/spec/list/2", "value": 0}],
        {**DOC["spec"], "list": [1, 2, 0]},
    ),
    (
        "move",
        [{"op": "move", "from": "/spec/replicas", "path": "/spec/count"}],
        {"list": [1, 2, 3], "count": 1},
    ),
    (
        "move-in-list",
        [{"op": "move", "from": "/spec/list/0", "path": "/spec/list/-"}],
        {**DOC["spec"], "list": [2, 3, 1]},
    ),
    (
        "copy",
        [{"op": "copy", "from": "/spec/list", "path": "/spec/other"}],
        {**DOC["spec"], "other": [1, 2, 3]},
    ),
    (
        "test-then-replace",
        [
            {"op": "test", "path": "/spec/replicas", "value": 1.0},
            {"op": "replace", "path": "/spec/replicas", "value": 2},
        ],
        {**DOC["spec"], "replicas": 2},
    ),
    (
        "sequence",
        [
            {"op": "add", "path": "/spec/x", "value": {}},
            {"op": "add", "path": "/spec/x/y", "value": 1},
        ],
        {**DOC["spec"], "x": {"y": 1}},
    ),
]


@pytest.mark.parametrize(
    ("ops", "expected_spec"),
    [c[1:] for c in JSON_PATCH_CASES],
    ids=[c[0] for c in JSON_PATCH_CASES],
)
def test_json_patch(ops: list[dict[str, Any]], expected_spec: Any) -> None:
    assert json_patch(DOC, ops)["spec"] == expected_spec


def test_json_patch_pointer_escapes() -> None:
    ops = [
        {"op": "replace", "path": "/metadata/labels/a~1b", "value": "1"},
        {"op": "remove", "path": "/metadata/labels/m~0n"},
        {"op": "add", "path": "/metadata/annotations", "value": {}},
        {"op": "add", "path": "/metadata/annotations/example.com~1x", "value": "v"},
    ]
    assert json_patch(DOC, ops)["metadata"] == {
        "labels": {"a/b": "1"},
        "annotations": {"example.com/x": "v"},
    }


def test_json_patch_whole_document_and_no_mutation() -> None:
    before = copy.deepcopy(DOC)
    assert json_patch(DOC, [{"op": "replace", "path": "", "value": {"a": 1}}]) == {"a": 1}
    json_patch(DOC, [{"op": "remove", "path": "/spec/list/0"}])
    assert before == DOC


@pytest.mark.parametrize(
    ("patch", "code"),
    [
        ({"op": "add"}, 400),
        (["x"], 400),
        ([{"op": "test", "path": "/spec/replicas", "value": 2}], 422),
        ([{"op": "test", "path": "/spec/replicas", "value": True}], 422),
        ([{"op": "remove", "path": "/spec/missing"}], 422),
        ([{"op": "replace", "path": "/spec/missing", "value": 1}], 422),
        ([{"op": "add", "path": "/spec/missing/x", "value": 1}], 422),
        ([{"op": "add", "path": "/spec/list/5", "value": 1}], 422),
        ([{"op": "add", "path": "/spec/list/01", "value": 1}], 422),
        ([{"op": "remove", "path": "/spec/list/-"}], 422),
        ([{"op": "add", "path": "spec", "value": 1}], 422),
        ([{"op": "add", "path": "/spec/x"}], 422),
        ([{"op": "jump", "path": "/spec"}], 422),
        ([{"op": "move", "from": "/spec", "path": "/spec/inner"}], 422),
        ([{"op": "copy", "from": "/nope", "path": "/spec/x"}], 422),
        ([{"op": "add", "path": "/spec/replicas/x", "value": 1}], 422),
        ([{"op": "test", "path": "/a~2b", "value": 1}], 422),
        ([{"op": "test", "path": "/spec", "value": 1}] * 10001, 413),
    ],
    ids=[
        "not-a-list",
        "op-not-an-object",
        "test-fails",
        "test-bool-is-not-number",
        "remove-missing",
        "replace-missing",
        "add-missing-parent",
        "index-out-of-range",
        "leading-zero-index",
        "remove-dash",
        "pointer-without-slash",
        "add-without-value",
        "unknown-op",
        "move-into-itself",
        "copy-missing-from",
        "into-a-scalar",
        "bad-escape",
        "too-many-ops",
    ],
)
def test_json_patch_errors(patch: Any, code: int) -> None:
    with pytest.raises(PatchError) as err:
        json_patch(DOC, patch)
    assert err.value.code == code


# --- JSON merge patch (RFC 7386 appendix A) ------------------------------------------

RFC7386_CASES: list[tuple[Any, Any, Any]] = [
    ({"a": "b"}, {"a": "c"}, {"a": "c"}),
    ({"a": "b"}, {"b": "c"}, {"a": "b", "b": "c"}),
    ({"a": "b"}, {"a": None}, {}),
    ({"a": "b", "b": "c"}, {"a": None}, {"b": "c"}),
    ({"a": ["b"]}, {"a": "c"}, {"a": "c"}),
    ({"a": "c"}, {"a": ["b"]}, {"a": ["b"]}),
    ({"a": {"b": "c"}}, {"a": {"b": "d", "c": None}}, {"a": {"b": "d"}}),
    ({"a": [{"b": "c"}]}, {"a": [1]}, {"a": [1]}),
    (["a", "b"], ["c", "d"], ["c", "d"]),
    ({"a": "b"}, ["c"], ["c"]),
    ({"a": "foo"}, None, None),
    ({"a": "foo"}, "bar", "bar"),
    ({"e": None}, {"a": 1}, {"e": None, "a": 1}),
    ([1, 2], {"a": "b", "c": None}, {"a": "b"}),
    ({}, {"a": {"bb": {"ccc": None}}}, {"a": {"bb": {}}}),
]


@pytest.mark.parametrize(("target", "patch", "expected"), RFC7386_CASES)
def test_merge_patch_rfc7386(target: Any, patch: Any, expected: Any) -> None:
    assert merge(target, patch) == expected


def test_merge_patch_on_an_object() -> None:
    obj = pod()
    out = merge_patch(
        obj, {"metadata": {"labels": {"tier": None}}, "spec": {"containers": [{"name": "only"}]}}
    )
    assert out["metadata"]["labels"] == {"app": "web"}
    assert out["spec"]["containers"] == [{"name": "only"}]
    assert obj == pod()


@pytest.mark.parametrize("patch", [None, [1], "x"])
def test_merge_patch_rejects_non_objects(patch: Any) -> None:
    with pytest.raises(PatchError) as err:
        merge_patch(pod(), patch)
    assert err.value.code == 400

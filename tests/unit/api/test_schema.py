"""The schema walker: unknown fields, pruning and type errors, as Kubernetes reports them."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from minikube_py.api.openapi import build_openapi
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.schema import (
    TypeIssue,
    check_fields,
    check_object,
    compile_schema,
    node_for_kind,
    walk,
)
from tests.unit.api.manifests import CRONJOB, DEPLOYMENT, POD, SERVICE

REGISTRY = Registry()


def _resource(api_version: str, kind: str) -> ResourceInfo:
    r = REGISTRY.by_kind(api_version, kind)
    assert r is not None
    return r


DEPLOYMENTS = _resource("apps/v1", "Deployment")
PODS = _resource("v1", "Pod")
CONFIGMAPS = _resource("v1", "ConfigMap")


def _deployment() -> dict[str, Any]:
    return copy.deepcopy(DEPLOYMENT)


@pytest.mark.parametrize("manifest", [DEPLOYMENT, POD, SERVICE, CRONJOB], ids=lambda m: m["kind"])
def test_realistic_manifests_are_clean(manifest: dict[str, Any]) -> None:
    obj = copy.deepcopy(manifest)
    result = check_object(_resource(obj["apiVersion"], obj["kind"]), obj, prune=True)
    assert result.ok, result
    assert obj == manifest


def test_unknown_fields_are_reported_with_kubernetes_paths() -> None:
    obj = _deployment()
    obj["spec"]["foo"] = 1
    obj["metadata"]["bar"] = "x"
    obj["spec"]["template"]["spec"]["containers"][0]["imagePullPolice"] = "Always"
    obj["spec"]["template"]["spec"]["containers"][0]["ports"][0]["hostPortt"] = 1
    unknown = check_object(DEPLOYMENTS, obj).unknown
    assert sorted(unknown) == [
        "metadata.bar",
        "spec.foo",
        "spec.template.spec.containers[0].imagePullPolice",
        "spec.template.spec.containers[0].ports[0].hostPortt",
    ]


def test_prune_drops_unknown_fields_and_keeps_the_rest() -> None:
    obj = _deployment()
    obj["spec"]["foo"] = {"nested": True}
    obj["spec"]["template"]["spec"]["containers"][0]["bogus"] = 1
    result = check_object(DEPLOYMENTS, obj, prune=True)
    assert sorted(result.unknown) == ["spec.foo", "spec.template.spec.containers[0].bogus"]
    assert obj == DEPLOYMENT


def test_without_prune_the_object_is_untouched() -> None:
    obj = _deployment()
    obj["spec"]["foo"] = 1
    check_object(DEPLOYMENTS, obj, prune=False)
    assert obj["spec"]["foo"] == 1


def test_check_fields_reports_and_prunes() -> None:
    obj = _deployment()
    obj["status"]["mystery"] = 1
    assert check_fields(build_openapi(REGISTRY), DEPLOYMENTS, obj) == ["status.mystery"]
    assert "mystery" not in obj["status"]


def test_type_errors_name_the_field() -> None:
    obj = _deployment()
    obj["spec"]["replicas"] = "3"
    obj["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = "80"
    obj["spec"]["paused"] = "yes"
    obj["spec"]["template"]["spec"]["containers"][0]["args"] = "--oops"
    errors = check_object(DEPLOYMENTS, obj).type_errors
    assert TypeIssue("spec.replicas", "integer", "string") in errors
    assert (
        TypeIssue("spec.template.spec.containers[0].ports[0].containerPort", "integer", "string")
        in errors
    )
    assert TypeIssue("spec.paused", "boolean", "string") in errors
    assert TypeIssue("spec.template.spec.containers[0].args", "array", "string") in errors
    issue = TypeIssue("spec.replicas", "integer", "string")
    assert (
        issue.message
        == 'Invalid value: "string": spec.replicas in body must be of type integer: "string"'
    )
    assert issue.cause()["field"] == "spec.replicas"


def test_integers_must_fit_their_go_type() -> None:
    obj = _deployment()
    obj["spec"]["replicas"] = 2**40
    obj["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = -(2**31) - 1
    obj["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 2**63
    obj["spec"]["strategy"]["rollingUpdate"]["maxSurge"] = 2**31
    assert check_object(DEPLOYMENTS, obj).type_errors == [
        TypeIssue("spec.replicas", "int32", "1099511627776"),
        TypeIssue("spec.strategy.rollingUpdate.maxSurge", "int32", "2147483648"),
        TypeIssue(
            "spec.template.spec.containers[0].ports[0].containerPort", "int32", "-2147483649"
        ),
        TypeIssue(
            "spec.template.spec.terminationGracePeriodSeconds", "int64", "9223372036854775808"
        ),
    ]
    assert (
        TypeIssue("spec.replicas", "int32", "1099511627776").message
        == 'Invalid value: "1099511627776": spec.replicas in body must be of type int32: "1099511627776"'
    )


def test_integers_at_the_bounds_of_their_go_type_are_fine() -> None:
    obj = _deployment()
    obj["spec"]["replicas"] = 2**31 - 1
    obj["spec"]["template"]["spec"]["containers"][0]["ports"][0]["containerPort"] = -(2**31)
    obj["spec"]["template"]["spec"]["terminationGracePeriodSeconds"] = 2**63 - 1
    obj["spec"]["template"]["spec"]["activeDeadlineSeconds"] = -(2**63)
    assert check_object(DEPLOYMENTS, obj).ok


def test_booleans_are_not_integers() -> None:
    obj = _deployment()
    obj["spec"]["replicas"] = True
    assert check_object(DEPLOYMENTS, obj).type_errors == [
        TypeIssue("spec.replicas", "integer", "boolean")
    ]


def test_int_or_string_and_quantities_accept_both() -> None:
    obj = _deployment()
    strategy = obj["spec"]["strategy"]["rollingUpdate"]
    strategy["maxSurge"], strategy["maxUnavailable"] = 1, "10%"
    resources = obj["spec"]["template"]["spec"]["containers"][0]["resources"]
    resources["limits"] = {"cpu": 2, "memory": "1Gi", "ephemeral-storage": 1.5}
    assert check_object(DEPLOYMENTS, obj).ok
    strategy["maxSurge"] = 1.5
    resources["limits"]["cpu"] = ["2"]
    errors = check_object(DEPLOYMENTS, obj).type_errors
    assert (
        TypeIssue("spec.strategy.rollingUpdate.maxSurge", "integer or string", "number") in errors
    )
    assert (
        TypeIssue(
            "spec.template.spec.containers[0].resources.limits[cpu]",
            "integer or number or string",
            "array",
        )
        in errors
    )


def test_maps_take_any_key_and_check_values() -> None:
    cm: dict[str, Any] = {
        "apiVersion": "v1",
        "kind": "ConfigMap",
        "metadata": {"name": "c", "labels": {"any/key": "v"}},
        "data": {"a.txt": "x"},
    }
    assert check_object(CONFIGMAPS, cm).ok
    cm["data"]["n"] = 5
    assert check_object(CONFIGMAPS, cm).type_errors == [TypeIssue("data[n]", "string", "integer")]


def test_preserve_unknown_fields_keeps_free_form_sources() -> None:
    pod = copy.deepcopy(POD)
    pod["spec"]["volumes"][-1]["gcePersistentDisk"]["anything"] = {"goes": [1, 2]}
    result = check_object(PODS, pod, prune=True)
    assert result.ok
    assert pod["spec"]["volumes"][-1]["gcePersistentDisk"]["anything"] == {"goes": [1, 2]}


def test_managed_fields_sets_are_kept_as_written() -> None:
    obj = _deployment()
    obj["metadata"]["managedFields"][0]["fieldsV1"] = {
        "f:metadata": {"f:labels": {"f:x": {}}},
        'k:{"name":"a"}': {},
    }
    assert check_object(DEPLOYMENTS, obj, prune=True).ok
    assert 'k:{"name":"a"}' in obj["metadata"]["managedFields"][0]["fieldsV1"]


def test_nulls_count_as_unset() -> None:
    obj = _deployment()
    obj["spec"]["replicas"] = None
    obj["metadata"]["labels"] = None
    assert check_object(DEPLOYMENTS, obj).ok


def test_root_must_be_an_object() -> None:
    result = check_object(DEPLOYMENTS, [])  # type: ignore[arg-type]
    assert result.type_errors == [TypeIssue("<root>", "object", "array")]


def test_body_kinds_compile() -> None:
    scale = {
        "apiVersion": "autoscaling/v1",
        "kind": "Scale",
        "metadata": {"name": "web"},
        "spec": {"replicas": 3, "x": 1},
    }
    assert walk(scale, node_for_kind("autoscaling/v1", "Scale")).unknown == ["spec.x"]


def test_compile_handles_plain_kubernetes_shapes() -> None:
    components: dict[str, Any] = {
        "T": {
            "type": "object",
            "properties": {
                "self": {"$ref": "#/components/schemas/T"},
                "port": {"allOf": [{"$ref": "#/components/schemas/IOS"}], "description": "p"},
                "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
            },
        },
        "IOS": {"format": "int-or-string", "oneOf": [{"type": "integer"}, {"type": "string"}]},
    }
    node = compile_schema({"$ref": "#/components/schemas/T"}, components)
    obj = {"self": {"self": {"port": "http", "nope": 1}}, "port": 8080, "free": {"a": 1}}
    result = walk(obj, node)
    assert result.unknown == ["self.self.nope"]
    assert walk({"port": True}, node).type_errors == [
        TypeIssue("port", "integer or string", "boolean")
    ]

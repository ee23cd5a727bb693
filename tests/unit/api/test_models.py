"""The msgspec models: realistic manifests survive a decode/encode round trip unchanged."""

from __future__ import annotations

import copy
from typing import Any

import msgspec
import pytest

from minikube_py import model
from minikube_py.api.registry import RESOURCES
from minikube_py.model import apps, batch, core, meta
from tests.unit.api.manifests import CRONJOB, DEPLOYMENT, POD, SERVICE


def _round_trip(obj: dict[str, Any]) -> dict[str, Any]:
    cls = model.model_for(obj["apiVersion"], obj["kind"])
    assert cls is not None
    typed = msgspec.convert(obj, cls)
    out: dict[str, Any] = msgspec.to_builtins(typed)
    return out


@pytest.mark.parametrize("manifest", [DEPLOYMENT, POD, SERVICE, CRONJOB], ids=lambda m: m["kind"])
def test_manifest_round_trips_without_loss(manifest: dict[str, Any]) -> None:
    assert _round_trip(copy.deepcopy(manifest)) == manifest


def test_round_trip_through_json_bytes() -> None:
    raw = msgspec.json.encode(POD)
    pod = msgspec.json.decode(raw, type=core.Pod)
    assert msgspec.json.decode(msgspec.json.encode(pod)) == POD


def test_typed_access_uses_kubernetes_field_names() -> None:
    dep = msgspec.convert(DEPLOYMENT, apps.Deployment)
    assert dep.spec is not None
    assert dep.spec.strategy is not None and dep.spec.strategy.rollingUpdate is not None
    assert dep.spec.strategy.rollingUpdate.maxSurge == "25%"
    assert dep.spec.strategy.rollingUpdate.maxUnavailable == 0
    container = dep.spec.template.spec.containers[0]  # type: ignore[union-attr]
    assert container.resources is not None and container.resources.requests == {
        "cpu": 0.25,
        "memory": 64000000,
    }
    assert container.readinessProbe is not None and container.readinessProbe.httpGet is not None
    assert container.readinessProbe.httpGet.port == "http"


def test_unset_fields_are_left_out_and_empty_ones_kept() -> None:
    pod = core.Pod(metadata=meta.ObjectMeta(name="p", labels={}))
    assert msgspec.json.decode(msgspec.json.encode(pod)) == {
        "metadata": {"name": "p", "labels": {}}
    }


def test_list_meta_continue_uses_the_json_name() -> None:
    lm = msgspec.json.decode(b'{"continue": "tok", "resourceVersion": "7"}', type=meta.ListMeta)
    assert lm.continue_ == "tok"
    assert msgspec.json.encode(lm) == b'{"resourceVersion":"7","continue":"tok"}'


def test_free_form_volume_sources_keep_every_field() -> None:
    pod = _round_trip(copy.deepcopy(POD))
    legacy = next(v for v in pod["spec"]["volumes"] if v["name"] == "legacy")
    assert legacy["gcePersistentDisk"]["futureField"] is True


def test_every_served_resource_and_its_list_has_a_model() -> None:
    for r in RESOURCES:
        cls = model.model_for(r.api_version, r.kind)
        assert cls is not None, r.kind
        assert model.schema_name(cls) == r.schema_name
        if "list" in r.verbs:  # a create-only review has no list
            assert model.model_for(r.api_version, r.list_kind) is not None, r.list_kind


@pytest.mark.parametrize(
    ("api_version", "kind", "name"),
    [
        ("autoscaling/v1", "Scale", "io.k8s.api.autoscaling.v1.Scale"),
        ("policy/v1", "Eviction", "io.k8s.api.policy.v1.Eviction"),
        ("v1", "Binding", "io.k8s.api.core.v1.Binding"),
        ("authentication.k8s.io/v1", "TokenRequest", "io.k8s.api.authentication.v1.TokenRequest"),
        ("v1", "Status", "io.k8s.apimachinery.pkg.apis.meta.v1.Status"),
        ("v1", "DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"),
        ("events.k8s.io/v1", "Event", "io.k8s.api.events.v1.Event"),
        ("v1", "Event", "io.k8s.api.core.v1.Event"),
    ],
)
def test_body_kinds_have_models_with_kubernetes_names(
    api_version: str, kind: str, name: str
) -> None:
    cls = model.model_for(api_version, kind)
    assert cls is not None
    assert model.schema_name(cls) == name


def test_required_fields_are_enforced_on_decode() -> None:
    with pytest.raises(msgspec.ValidationError, match="containers"):
        msgspec.convert({"restartPolicy": "Always"}, core.PodSpec)


def test_status_decodes_an_error_with_causes() -> None:
    body = {
        "kind": "Status",
        "apiVersion": "v1",
        "status": "Failure",
        "reason": "Invalid",
        "code": 422,
        "details": {
            "name": "x",
            "kind": "pods",
            "causes": [{"reason": "FieldValueRequired", "field": "spec.containers"}],
        },
    }
    status = msgspec.convert(body, meta.Status)
    assert status.details is not None and status.details.causes is not None
    assert status.details.causes[0].field == "spec.containers"
    assert msgspec.to_builtins(status) == body


def test_batch_job_status_and_cronjob_models() -> None:
    cj = msgspec.convert(CRONJOB, batch.CronJob)
    assert cj.spec is not None and cj.spec.jobTemplate.spec is not None
    assert cj.spec.jobTemplate.spec.backoffLimit == 2

"""Validation as Kubernetes does it: exact field paths, reasons and messages."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from minikube_py.api import validation
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.validation import cron
from minikube_py.api.validation.quantity import QuantityError, parse_quantity

REG = Registry()
SUBDOMAIN_MSG = (
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation "
    "is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
)
LABEL_MSG = (
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
    "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
)

Obj = dict[str, Any]


def res(api_version: str, kind: str) -> ResourceInfo:
    r = REG.by_kind(api_version, kind)
    assert r is not None
    return r


POD = res("v1", "Pod")
SERVICE = res("v1", "Service")
DEPLOYMENT = res("apps/v1", "Deployment")


def container(**kw: Any) -> Obj:
    return {"name": "app", "image": "nginx:1.25", **kw}


def pod(**spec: Any) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": "web", "namespace": "default", "uid": "u1"},
        "spec": {"containers": [container()], **spec},
    }


def template(labels: dict[str, str] | None = None, **spec: Any) -> Obj:
    return {
        "metadata": {"labels": labels or {"app": "web"}},
        "spec": {"containers": [container()], **spec},
    }


def deployment(**spec: Any) -> Obj:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template(), **spec},
    }


def service(**spec: Any) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": "web", "namespace": "default"},
        "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}], **spec},
    }


def errors_of(resource: ResourceInfo, obj: Obj) -> list[tuple[str, str]]:
    obj = copy.deepcopy(obj)
    validation.apply_defaults(resource, obj)
    return [(c.field, c.reason) for c in validation.validate_create(resource, obj)]


def messages_of(resource: ResourceInfo, obj: Obj) -> list[str]:
    obj = copy.deepcopy(obj)
    validation.apply_defaults(resource, obj)
    return [str(c) for c in validation.validate_create(resource, obj)]


def mutate(obj: Obj, fn: Callable[[Obj], None]) -> Obj:
    obj = copy.deepcopy(obj)
    fn(obj)
    return obj


# ------------------------------------------------------------------ valid objects

VALID: list[tuple[str, str, Obj]] = [
    ("v1", "Pod", pod()),
    ("v1", "Service", service()),
    ("v1", "Service", service(clusterIP="None", ports=[])),
    ("v1", "Service", {"metadata": {"name": "ext", "namespace": "d"}, "spec": {"type": "ExternalName", "externalName": "example.com."}}),
    ("v1", "Namespace", {"metadata": {"name": "team-a"}}),
    ("v1", "ConfigMap", {"metadata": {"name": "cfg", "namespace": "d"}, "data": {"a.conf": "x", "KEY_1": "y"}}),
    ("v1", "Secret", {"metadata": {"name": "s", "namespace": "d"}, "stringData": {"password": "x"}}),
    ("v1", "Secret", {"metadata": {"name": "tls", "namespace": "d"}, "type": "kubernetes.io/tls", "data": {"tls.crt": "", "tls.key": ""}}),
    ("v1", "ServiceAccount", {"metadata": {"name": "builder", "namespace": "d"}}),
    ("v1", "Node", {"metadata": {"name": "node-1"}, "spec": {"taints": [{"key": "k", "effect": "NoSchedule"}]}}),
    ("v1", "Event", {"metadata": {"name": "web.1", "namespace": "d"}, "involvedObject": {"kind": "Pod", "name": "web", "namespace": "d"}, "reason": "Started"}),
    ("v1", "Endpoints", {"metadata": {"name": "web", "namespace": "d"}, "subsets": [{"addresses": [{"ip": "10.1.0.5"}], "ports": [{"port": 80}]}]}),
    ("v1", "ReplicationController", {"metadata": {"name": "rc", "namespace": "d"}, "spec": {"template": template()}}),
    ("v1", "LimitRange", {"metadata": {"name": "lr", "namespace": "d"}, "spec": {"limits": [{"type": "Container", "max": {"cpu": "2"}, "min": {"cpu": "100m"}}]}}),
    ("v1", "ResourceQuota", {"metadata": {"name": "q", "namespace": "d"}, "spec": {"hard": {"pods": "10", "requests.cpu": "4"}}}),
    ("apps/v1", "Deployment", deployment()),
    ("apps/v1", "ReplicaSet", {"metadata": {"name": "rs", "namespace": "d"}, "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template()}}),
    ("apps/v1", "StatefulSet", {"metadata": {"name": "db", "namespace": "d"}, "spec": {"serviceName": "db", "selector": {"matchLabels": {"app": "web"}}, "template": template()}}),
    ("apps/v1", "DaemonSet", {"metadata": {"name": "ds", "namespace": "d"}, "spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web"]}]}, "template": template()}}),
    ("batch/v1", "Job", {"metadata": {"name": "pi", "namespace": "d", "uid": "abc"}, "spec": {"template": template(restartPolicy="Never")}}),
    ("batch/v1", "CronJob", {"metadata": {"name": "hello", "namespace": "d"}, "spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": template(restartPolicy="OnFailure")}}}}),
    ("batch/v1", "CronJob", {"metadata": {"name": "hourly", "namespace": "d"}, "spec": {"schedule": "@hourly", "timeZone": "Europe/Paris", "jobTemplate": {"spec": {"template": template(restartPolicy="Never")}}}}),
    ("discovery.k8s.io/v1", "EndpointSlice", {"metadata": {"name": "web-abc", "namespace": "d"}, "addressType": "IPv4", "endpoints": [{"addresses": ["10.1.0.5"]}], "ports": [{"port": 80}]}),
    ("coordination.k8s.io/v1", "Lease", {"metadata": {"name": "node-1", "namespace": "kube-node-lease"}, "spec": {"holderIdentity": "node-1", "leaseDurationSeconds": 40}}),
    ("events.k8s.io/v1", "Event", {"metadata": {"name": "e1", "namespace": "d"}, "eventTime": "2024-01-01T00:00:00.000000Z", "type": "Normal", "reason": "Started", "action": "Start", "reportingController": "kubelet", "reportingInstance": "node-1", "regarding": {"kind": "Pod", "name": "web", "namespace": "d"}}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("api_version", "kind", "obj"), VALID, ids=[f"{k}-{i}" for i, (_, k, _) in enumerate(VALID)]
)
def test_valid_objects_have_no_errors(api_version: str, kind: str, obj: Obj) -> None:
    assert errors_of(res(api_version, kind), obj) == []


# ------------------------------------------------------------------ metadata

META_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("bad name", lambda o: o["metadata"].update(name="Foo_bar"), [("metadata.name", "FieldValueInvalid")]),
    ("no name", lambda o: o["metadata"].pop("name"), [("metadata.name", "FieldValueRequired")]),
    ("generateName only", lambda o: (o["metadata"].pop("name"), o["metadata"].update(generateName="web-")), []),
    ("bad generateName", lambda o: o["metadata"].update(generateName="Web-"), [("metadata.generateName", "FieldValueInvalid")]),
    ("no namespace", lambda o: o["metadata"].pop("namespace"), [("metadata.namespace", "FieldValueRequired")]),
    ("bad namespace", lambda o: o["metadata"].update(namespace="a.b"), [("metadata.namespace", "FieldValueInvalid")]),
    ("label key", lambda o: o["metadata"].update(labels={"a/b/c": "x"}), [("metadata.labels", "FieldValueInvalid")]),
    ("label prefix", lambda o: o["metadata"].update(labels={"Bad_Prefix/x": "x"}), [("metadata.labels", "FieldValueInvalid")]),
    ("label value", lambda o: o["metadata"].update(labels={"a": "-x"}), [("metadata.labels", "FieldValueInvalid")]),
    ("label value long", lambda o: o["metadata"].update(labels={"a": "x" * 64}), [("metadata.labels", "FieldValueInvalid")]),
    ("good labels", lambda o: o["metadata"].update(labels={"example.com/MyName": "my_value", "empty": ""}), []),
    ("annotation key", lambda o: o["metadata"].update(annotations={"x y": "v"}), [("metadata.annotations", "FieldValueInvalid")]),
    ("annotation upper ok", lambda o: o["metadata"].update(annotations={"Example.COM/Key": "v"}), []),
    ("annotations too big", lambda o: o["metadata"].update(annotations={"a": "x" * (256 * 1024)}), [("metadata.annotations", "FieldValueTooLong")]),
    ("finalizer", lambda o: o["metadata"].update(finalizers=["bad finalizer"]), [("metadata.finalizers", "FieldValueInvalid")]),
    ("finalizers conflict", lambda o: o["metadata"].update(finalizers=["orphan", "foregroundDeletion"]), [("metadata.finalizers", "FieldValueInvalid")]),
    ("owner ref", lambda o: o["metadata"].update(ownerReferences=[{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "", "uid": "x"}]), [("metadata.ownerReferences.name", "FieldValueInvalid")]),
    ("two controllers", lambda o: o["metadata"].update(ownerReferences=[
        {"apiVersion": "v1", "kind": "A", "name": "a", "uid": "1", "controller": True},
        {"apiVersion": "v1", "kind": "B", "name": "b", "uid": "2", "controller": True}]), [("metadata.ownerReferences", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "want"), META_CASES, ids=[c[0] for c in META_CASES])
def test_object_meta(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(POD, mutate(pod(), change)) == want


def test_name_message_is_kubernetes_wording() -> None:
    assert messages_of(POD, mutate(pod(), lambda o: o["metadata"].update(name="Foo_bar"))) == [
        f'metadata.name: Invalid value: "Foo_bar": {SUBDOMAIN_MSG}'
    ]


def test_name_too_long_gives_two_messages() -> None:
    msgs = messages_of(POD, mutate(pod(), lambda o: o["metadata"].update(name="a" * 254)))
    assert len(msgs) == 1
    assert msgs[0].endswith(": must be no more than 253 characters")


def test_required_name_message() -> None:
    assert messages_of(POD, mutate(pod(), lambda o: o["metadata"].pop("name"))) == [
        "metadata.name: Required value: name or generateName is required"
    ]


def test_cluster_scoped_namespace_forbidden() -> None:
    ns = res("v1", "Namespace")
    assert errors_of(ns, {"metadata": {"name": "x", "namespace": "y"}}) == [
        ("metadata.namespace", "FieldValueForbidden")
    ]


def test_namespace_name_is_a_dns_label() -> None:
    ns = res("v1", "Namespace")
    assert messages_of(ns, {"metadata": {"name": "a.b"}}) == [
        f'metadata.name: Invalid value: "a.b": {LABEL_MSG}'
    ]


def test_service_name_is_a_dns1035_label() -> None:
    assert errors_of(SERVICE, mutate(service(), lambda o: o["metadata"].update(name="1web"))) == [
        ("metadata.name", "FieldValueInvalid")
    ]


def test_label_value_message() -> None:
    msgs = messages_of(POD, mutate(pod(), lambda o: o["metadata"].update(labels={"a": "-x"})))
    assert msgs == [
        'metadata.labels: Invalid value: "-x": a valid label must be an empty string or consist of alphanumeric '
        "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
        "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    ]


# ------------------------------------------------------------------ pods


def _c(o: Obj) -> Obj:
    c: Obj = o["spec"]["containers"][0]
    return c


POD_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("no containers", lambda o: o["spec"].update(containers=[]), [("spec.containers", "FieldValueRequired")]),
    ("no image", lambda o: _c(o).update(image=""), [("spec.containers[0].image", "FieldValueRequired")]),
    ("no container name", lambda o: _c(o).update(name=""), [("spec.containers[0].name", "FieldValueRequired")]),
    ("bad container name", lambda o: _c(o).update(name="App"), [("spec.containers[0].name", "FieldValueInvalid")]),
    ("duplicate container", lambda o: o["spec"]["containers"].append(container()), [("spec.containers[1].name", "FieldValueDuplicate")]),
    ("init name clash", lambda o: o["spec"].update(initContainers=[container()]), [("spec.initContainers[0].name", "FieldValueDuplicate")]),
    ("port zero", lambda o: _c(o).update(ports=[{"containerPort": 0}]), [("spec.containers[0].ports[0].containerPort", "FieldValueRequired")]),
    ("port too big", lambda o: _c(o).update(ports=[{"containerPort": 70000}]), [("spec.containers[0].ports[0].containerPort", "FieldValueInvalid")]),
    ("host port", lambda o: _c(o).update(ports=[{"containerPort": 80, "hostPort": -1}]), [("spec.containers[0].ports[0].hostPort", "FieldValueInvalid")]),
    ("protocol", lambda o: _c(o).update(ports=[{"containerPort": 80, "protocol": "HTTP"}]), [("spec.containers[0].ports[0].protocol", "FieldValueNotSupported")]),
    ("port name", lambda o: _c(o).update(ports=[{"containerPort": 80, "name": "HTTP"}]), [("spec.containers[0].ports[0].name", "FieldValueInvalid")] * 2),
    ("dup port name", lambda o: _c(o).update(ports=[{"containerPort": 80, "name": "http"}, {"containerPort": 81, "name": "http"}]), [("spec.containers[0].ports[1].name", "FieldValueDuplicate")]),
    ("dup host port", lambda o: _c(o).update(ports=[{"containerPort": 80, "hostPort": 80}, {"containerPort": 81, "hostPort": 80}]), [("spec.containers[0].ports[1].hostPort", "FieldValueDuplicate")]),
    ("restart policy", lambda o: o["spec"].update(restartPolicy="Sometimes"), [("spec.restartPolicy", "FieldValueNotSupported")]),
    ("pull policy", lambda o: _c(o).update(imagePullPolicy="Maybe"), [("spec.containers[0].imagePullPolicy", "FieldValueNotSupported")]),
    ("dns policy", lambda o: o["spec"].update(dnsPolicy="Google"), [("spec.dnsPolicy", "FieldValueNotSupported")]),
    ("env name", lambda o: _c(o).update(env=[{"name": "A=B", "value": "x"}]), [("spec.containers[0].env[0].name", "FieldValueInvalid")]),
    ("env no name", lambda o: _c(o).update(env=[{"value": "x"}]), [("spec.containers[0].env[0].name", "FieldValueRequired")]),
    ("env relaxed name", lambda o: _c(o).update(env=[{"name": "1.my-var", "value": "x"}]), []),
    ("env valueFrom empty", lambda o: _c(o).update(env=[{"name": "A", "valueFrom": {}}]), [("spec.containers[0].env[0].valueFrom", "FieldValueInvalid")]),
    ("env secret key", lambda o: _c(o).update(env=[{"name": "A", "valueFrom": {"secretKeyRef": {"name": "s"}}}]), [("spec.containers[0].env[0].valueFrom.secretKeyRef.key", "FieldValueRequired")]),
    ("volume name", lambda o: o["spec"].update(volumes=[{"name": "Data", "emptyDir": {}}]), [("spec.volumes[0].name", "FieldValueInvalid")]),
    ("dup volume", lambda o: o["spec"].update(volumes=[{"name": "d", "emptyDir": {}}, {"name": "d", "emptyDir": {}}]), [("spec.volumes[1].name", "FieldValueDuplicate")]),
    ("two volume types", lambda o: o["spec"].update(volumes=[{"name": "d", "emptyDir": {}, "hostPath": {"path": "/x"}}]), [("spec.volumes[0].emptyDir", "FieldValueForbidden")]),
    ("secret volume", lambda o: o["spec"].update(volumes=[{"name": "d", "secret": {}}]), [("spec.volumes[0].secret.secretName", "FieldValueRequired")]),
    ("volume mode", lambda o: o["spec"].update(volumes=[{"name": "d", "configMap": {"name": "c", "defaultMode": 1000}}]), [("spec.volumes[0].configMap.defaultMode", "FieldValueInvalid")]),
    ("mount unknown volume", lambda o: _c(o).update(volumeMounts=[{"name": "nope", "mountPath": "/data"}]), [("spec.containers[0].volumeMounts[0].name", "FieldValueNotFound")]),
    ("mount ok", lambda o: (o["spec"].update(volumes=[{"name": "d"}]), _c(o).update(volumeMounts=[{"name": "d", "mountPath": "/data"}])), []),
    ("mount path", lambda o: (o["spec"].update(volumes=[{"name": "d"}]), _c(o).update(volumeMounts=[{"name": "d"}])), [("spec.containers[0].volumeMounts[0].mountPath", "FieldValueRequired")]),
    ("request over limit", lambda o: _c(o).update(resources={"limits": {"cpu": "500m"}, "requests": {"cpu": "1"}}), [("spec.containers[0].resources.requests", "FieldValueInvalid")]),
    ("bad quantity", lambda o: _c(o).update(resources={"limits": {"memory": "1Gb"}}), [("spec.containers[0].resources.limits[memory]", "FieldValueInvalid"), ("spec.containers[0].resources.requests[memory]", "FieldValueInvalid")]),
    ("negative quantity", lambda o: _c(o).update(resources={"requests": {"cpu": "-1"}}), [("spec.containers[0].resources.requests[cpu]", "FieldValueInvalid")]),
    ("huge quantity", lambda o: _c(o).update(resources={"requests": {"cpu": "1e5000"}}), [("spec.containers[0].resources.requests[cpu]", "FieldValueInvalid")]),
    ("unknown resource", lambda o: _c(o).update(resources={"requests": {"gpu": "1"}}), [("spec.containers[0].resources.requests[gpu]", "FieldValueInvalid")]),
    ("extended needs limit", lambda o: _c(o).update(resources={"requests": {"example.com/gpu": "1"}}), [("spec.containers[0].resources.limits", "FieldValueRequired")]),
    ("extended integer", lambda o: _c(o).update(resources={"limits": {"example.com/gpu": "500m"}}), [("spec.containers[0].resources.limits[example.com/gpu]", "FieldValueInvalid"), ("spec.containers[0].resources.requests[example.com/gpu]", "FieldValueInvalid")]),
    ("probe no handler", lambda o: _c(o).update(livenessProbe={"periodSeconds": 5}), [("spec.containers[0].livenessProbe", "FieldValueRequired")]),
    ("probe two handlers", lambda o: _c(o).update(readinessProbe={"exec": {"command": ["true"]}, "httpGet": {"port": 80}}), [("spec.containers[0].readinessProbe.httpGet", "FieldValueForbidden")]),
    ("probe negative", lambda o: _c(o).update(readinessProbe={"tcpSocket": {"port": 80}, "initialDelaySeconds": -1}), [("spec.containers[0].readinessProbe.initialDelaySeconds", "FieldValueInvalid")]),
    ("liveness success 1", lambda o: _c(o).update(livenessProbe={"tcpSocket": {"port": "http"}, "successThreshold": 2}), [("spec.containers[0].livenessProbe.successThreshold", "FieldValueInvalid")]),
    ("probe port name", lambda o: _c(o).update(readinessProbe={"httpGet": {"port": "--x"}}), [("spec.containers[0].readinessProbe.httpGet.port", "FieldValueInvalid")] * 2),
    ("init probe", lambda o: o["spec"].update(initContainers=[container(name="init", readinessProbe={"exec": {"command": ["x"]}})]), [("spec.initContainers[0].readinessProbe", "FieldValueForbidden")]),
    ("active deadline", lambda o: o["spec"].update(activeDeadlineSeconds=0), [("spec.activeDeadlineSeconds", "FieldValueInvalid")]),
    ("node selector", lambda o: o["spec"].update(nodeSelector={"a b": "x"}), [("spec.nodeSelector", "FieldValueInvalid")]),
    ("toleration op", lambda o: o["spec"].update(tolerations=[{"key": "k", "operator": "Maybe"}]), [("spec.tolerations[0].operator", "FieldValueNotSupported")]),
    ("toleration empty key", lambda o: o["spec"].update(tolerations=[{"operator": "Equal", "value": "x"}]), [("spec.tolerations[0].operator", "FieldValueInvalid")]),
    ("toleration seconds", lambda o: o["spec"].update(tolerations=[{"key": "k", "operator": "Exists", "effect": "NoSchedule", "tolerationSeconds": 5}]), [("spec.tolerations[0].effect", "FieldValueInvalid")]),
    ("toleration effect", lambda o: o["spec"].update(tolerations=[{"key": "k", "operator": "Exists", "effect": "Never"}]), [("spec.tolerations[0].effect", "FieldValueNotSupported")]),
    ("hostname", lambda o: o["spec"].update(hostname="a.b"), [("spec.hostname", "FieldValueInvalid")]),
    ("ephemeral on create", lambda o: o["spec"].update(ephemeralContainers=[container(name="dbg")]), [("spec.ephemeralContainers", "FieldValueForbidden")]),
    ("sidecar ok", lambda o: o["spec"].update(initContainers=[container(name="side", restartPolicy="Always", readinessProbe={"exec": {"command": ["x"]}})]), []),
    ("container restartPolicy", lambda o: _c(o).update(restartPolicy="Always"), [("spec.containers[0].restartPolicy", "FieldValueForbidden")]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "want"), POD_CASES, ids=[c[0] for c in POD_CASES])
def test_pod(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(POD, mutate(pod(), change)) == want


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda o: _c(o).update(image=""), "spec.containers[0].image: Required value"),
        (
            lambda o: o["spec"].update(restartPolicy="Sometimes"),
            'spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"',
        ),
        (
            lambda o: _c(o).update(
                resources={"limits": {"cpu": "0.5"}, "requests": {"cpu": "1000m"}}
            ),
            'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
        ),
        (
            lambda o: _c(o).update(ports=[{"containerPort": 0}]),
            "spec.containers[0].ports[0].containerPort: Required value",
        ),
        (
            lambda o: _c(o).update(ports=[{"containerPort": 70000}]),
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
        ),
        (
            lambda o: _c(o).update(volumeMounts=[{"name": "nope", "mountPath": "/d"}]),
            'spec.containers[0].volumeMounts[0].name: Not found: "nope"',
        ),
        (
            lambda o: _c(o).update(livenessProbe={}),
            "spec.containers[0].livenessProbe: Required value: must specify a handler type",
        ),
        (
            lambda o: _c(o).update(resources={"limits": {"memory": "1Gb"}}),
            'spec.containers[0].resources.limits[memory]: Invalid value: "1Gb": quantities must match the regular '
            "expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
        ),
    ],
)
def test_pod_messages(change: Callable[[Obj], None], message: str) -> None:
    assert messages_of(POD, mutate(pod(), change))[0] == message


def _stored_pod() -> Obj:
    p = pod(tolerations=[{"key": "dedicated", "operator": "Exists"}])
    validation.apply_defaults(POD, p)
    return p


POD_UPDATE_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("image change", lambda o: _c(o).update(image="nginx:1.26"), []),
    ("labels change", lambda o: o["metadata"].update(labels={"a": "b"}), []),
    ("deadline set", lambda o: o["spec"].update(activeDeadlineSeconds=30), []),
    ("toleration added", lambda o: o["spec"]["tolerations"].append({"key": "k", "operator": "Exists"}), []),
    ("toleration removed", lambda o: o["spec"]["tolerations"].pop(0), [("spec.tolerations", "FieldValueForbidden")]),
    ("env change", lambda o: _c(o).update(env=[{"name": "A", "value": "b"}]), [("spec", "FieldValueForbidden")]),
    ("grace period", lambda o: o["spec"].update(terminationGracePeriodSeconds=5), [("spec", "FieldValueForbidden")]),
    ("container added", lambda o: o["spec"]["containers"].append(container(name="b")), [("spec.containers", "FieldValueForbidden")]),
    ("image removed", lambda o: _c(o).update(image=""), [("spec.containers[0].image", "FieldValueRequired"), ("spec.containers[0].image", "FieldValueRequired")]),
    ("name changed", lambda o: o["metadata"].update(name="other"), [("metadata.name", "FieldValueInvalid")]),
    ("uid changed", lambda o: o["metadata"].update(uid="u2"), [("metadata.uid", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "change", "want"), POD_UPDATE_CASES, ids=[c[0] for c in POD_UPDATE_CASES]
)
def test_pod_update(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    old = _stored_pod()
    new = mutate(old, change)
    validation.apply_defaults(POD, new)
    assert [(c.field, c.reason) for c in validation.validate_update(POD, new, old)] == want


def test_pod_update_forbidden_message_names_the_change() -> None:
    old = _stored_pod()
    new = mutate(old, lambda o: o["spec"].update(terminationGracePeriodSeconds=5))
    (cause,) = validation.validate_update(POD, new, old)
    assert cause.message.startswith(
        "Forbidden: pod updates may not change fields other than `spec.containers[*].image`"
    )
    assert "spec.terminationGracePeriodSeconds: 30 -> 5" in cause.message


def test_pod_deadline_may_only_shrink() -> None:
    old = _stored_pod()
    old["spec"]["activeDeadlineSeconds"] = 30
    new = mutate(old, lambda o: o["spec"].update(activeDeadlineSeconds=60))
    assert [str(c) for c in validation.validate_update(POD, new, old)] == [
        "spec.activeDeadlineSeconds: Invalid value: 60: must be less than or equal to previous value"
    ]


def test_pod_status_update_checks_phase() -> None:
    old = _stored_pod()
    new = mutate(old, lambda o: o.update(status={"phase": "Done"}))
    assert [(c.field, c.reason) for c in validation.validate_status_update(POD, new, old)] == [
        ("status.phase", "FieldValueNotSupported")
    ]


# ------------------------------------------------------------------ services

SERVICE_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("no ports", lambda o: o["spec"].update(ports=[]), [("spec.ports", "FieldValueRequired")]),
    ("port range", lambda o: o["spec"].update(ports=[{"port": 0}]), [("spec.ports[0].port", "FieldValueInvalid"), ("spec.ports[0].targetPort", "FieldValueInvalid")]),
    ("named target", lambda o: o["spec"].update(ports=[{"port": 80, "targetPort": "http"}]), []),
    ("bad target name", lambda o: o["spec"].update(ports=[{"port": 80, "targetPort": "HTTP_PORT"}]), [("spec.ports[0].targetPort", "FieldValueInvalid")] * 2),
    ("names required", lambda o: o["spec"].update(ports=[{"port": 80}, {"port": 81}]), [("spec.ports[0].name", "FieldValueRequired"), ("spec.ports[1].name", "FieldValueRequired")]),
    ("dup port", lambda o: o["spec"].update(ports=[{"name": "a", "port": 80}, {"name": "b", "port": 80}]), [("spec.ports[1]", "FieldValueDuplicate")]),
    ("dup port name", lambda o: o["spec"].update(ports=[{"name": "a", "port": 80}, {"name": "a", "port": 81}]), [("spec.ports[1].name", "FieldValueDuplicate")]),
    ("type", lambda o: o["spec"].update(type="Magic"), [("spec.type", "FieldValueNotSupported")]),
    ("protocol", lambda o: o["spec"].update(ports=[{"port": 80, "protocol": "ICMP"}]), [("spec.ports[0].protocol", "FieldValueNotSupported")]),
    ("nodePort on ClusterIP", lambda o: o["spec"].update(ports=[{"port": 80, "nodePort": 30080}]), [("spec.ports[0].nodePort", "FieldValueForbidden")]),
    ("nodePort range", lambda o: o["spec"].update(type="NodePort", ports=[{"port": 80, "nodePort": 80}]), [("spec.ports[0].nodePort", "FieldValueInvalid")]),
    ("nodePort ok", lambda o: o["spec"].update(type="NodePort", ports=[{"port": 80, "nodePort": 30080}]), []),
    ("selector", lambda o: o["spec"].update(selector={"app": "-bad"}), [("spec.selector", "FieldValueInvalid")]),
    ("clusterIP", lambda o: o["spec"].update(clusterIP="10.0.0.300"), [("spec.clusterIPs[0]", "FieldValueInvalid")]),
    ("clusterIP ok", lambda o: o["spec"].update(clusterIP="10.96.0.10"), []),
    ("headless NodePort", lambda o: o["spec"].update(type="NodePort", clusterIP="None"), [("spec.clusterIPs[0]", "FieldValueInvalid")]),
    ("affinity", lambda o: o["spec"].update(sessionAffinity="Sticky"), [("spec.sessionAffinity", "FieldValueNotSupported")]),
    ("external name", lambda o: o["spec"].update(type="ExternalName", externalName="", ports=[]), [("spec.externalName", "FieldValueRequired")]),
    ("externalIPs", lambda o: o["spec"].update(externalIPs=["127.0.0.1"]), [("spec.externalIPs[0]", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "change", "want"), SERVICE_CASES, ids=[c[0] for c in SERVICE_CASES]
)
def test_service(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(SERVICE, mutate(service(), change)) == want


def test_service_type_message() -> None:
    assert messages_of(SERVICE, mutate(service(), lambda o: o["spec"].update(type="Magic"))) == [
        'spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'
    ]


def test_service_duplicate_port_message() -> None:
    svc = mutate(
        service(),
        lambda o: o["spec"].update(ports=[{"name": "a", "port": 80}, {"name": "b", "port": 80}]),
    )
    assert messages_of(SERVICE, svc) == [
        'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), '
        'Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}'
    ]


def test_service_cluster_ip_is_immutable() -> None:
    old = mutate(service(), lambda o: o["spec"].update(clusterIP="10.96.0.10"))
    validation.apply_defaults(SERVICE, old)
    new = mutate(old, lambda o: o["spec"].update(clusterIP="10.96.0.11", clusterIPs=["10.96.0.11"]))
    assert [str(c) for c in validation.validate_update(SERVICE, new, old)] == [
        'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.11"}: may not change once set'
    ]


# ------------------------------------------------------------------ workloads


def test_deployment_selector_mismatch() -> None:
    d = mutate(deployment(), lambda o: o["spec"]["selector"].update(matchLabels={"app": "api"}))
    assert messages_of(DEPLOYMENT, d) == [
        'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'
    ]


DEPLOYMENT_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("no selector", lambda o: o["spec"].pop("selector"), [("spec.selector", "FieldValueRequired")]),
    ("empty selector", lambda o: o["spec"].update(selector={}), [("spec.selector", "FieldValueInvalid")]),
    ("bad operator", lambda o: o["spec"].update(selector={"matchExpressions": [{"key": "app", "operator": "Like"}]}), [("spec.selector.matchExpressions[0].operator", "FieldValueInvalid")]),
    ("In needs values", lambda o: o["spec"].update(selector={"matchExpressions": [{"key": "app", "operator": "In"}]}), [("spec.selector.matchExpressions[0].values", "FieldValueRequired")]),
    ("negative replicas", lambda o: o["spec"].update(replicas=-1), [("spec.replicas", "FieldValueInvalid")]),
    ("template restart", lambda o: o["spec"]["template"]["spec"].update(restartPolicy="Never"), [("spec.template.spec.restartPolicy", "FieldValueNotSupported")]),
    ("template deadline", lambda o: o["spec"]["template"]["spec"].update(activeDeadlineSeconds=5), [("spec.template.spec.activeDeadlineSeconds", "FieldValueForbidden")]),
    ("template image", lambda o: o["spec"]["template"]["spec"]["containers"][0].update(image=""), [("spec.template.spec.containers[0].image", "FieldValueRequired")]),
    ("template label", lambda o: o["spec"]["template"]["metadata"]["labels"].update({"x": "-"}), [("spec.template.labels", "FieldValueInvalid")]),
    ("strategy", lambda o: o["spec"].update(strategy={"type": "BlueGreen"}), [("spec.strategy", "FieldValueNotSupported")]),
    ("recreate with rolling", lambda o: o["spec"].update(strategy={"type": "Recreate", "rollingUpdate": {}}), [("spec.strategy.rollingUpdate", "FieldValueForbidden")]),
    ("both zero", lambda o: o["spec"].update(strategy={"rollingUpdate": {"maxSurge": 0, "maxUnavailable": "0%"}}), [("spec.strategy.rollingUpdate.maxUnavailable", "FieldValueInvalid")]),
    ("bad percent", lambda o: o["spec"].update(strategy={"rollingUpdate": {"maxSurge": "ten"}}), [("spec.strategy.rollingUpdate.maxSurge", "FieldValueInvalid")]),
    ("over 100", lambda o: o["spec"].update(strategy={"rollingUpdate": {"maxUnavailable": "150%"}}), [("spec.strategy.rollingUpdate.maxUnavailable", "FieldValueInvalid")]),
    ("progress deadline", lambda o: o["spec"].update(minReadySeconds=700), [("spec.progressDeadlineSeconds", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("case", "change", "want"), DEPLOYMENT_CASES, ids=[c[0] for c in DEPLOYMENT_CASES]
)
def test_deployment(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(DEPLOYMENT, mutate(deployment(), change)) == want


def test_deployment_both_zero_message() -> None:
    d = mutate(
        deployment(),
        lambda o: o["spec"].update(
            strategy={"rollingUpdate": {"maxSurge": 0, "maxUnavailable": 0}}
        ),
    )
    assert messages_of(DEPLOYMENT, d) == [
        "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, "
        'StrVal:""}: may not be 0 when `maxSurge` is 0'
    ]


def test_deployment_selector_is_immutable() -> None:
    old = deployment()
    validation.apply_defaults(DEPLOYMENT, old)
    new = mutate(
        old,
        lambda o: (
            o["spec"]["selector"].update(matchLabels={"app": "x"}),
            o["spec"]["template"]["metadata"].update(labels={"app": "x"}),
        ),
    )
    assert [str(c) for c in validation.validate_update(DEPLOYMENT, new, old)] == [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, '
        "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"
    ]


def test_deployment_replicas_and_template_may_change() -> None:
    old = deployment()
    validation.apply_defaults(DEPLOYMENT, old)
    new = mutate(
        old,
        lambda o: (
            o["spec"].update(replicas=5),
            o["spec"]["template"]["spec"]["containers"][0].update(image="nginx:2"),
        ),
    )
    assert validation.validate_update(DEPLOYMENT, new, old) == []


def test_invalid_message_uses_qualified_kind_and_brackets() -> None:
    d = mutate(deployment(), lambda o: o["spec"].update(replicas=-1, minReadySeconds=-1))
    validation.apply_defaults(DEPLOYMENT, d)
    causes = validation.validate_create(DEPLOYMENT, d)
    assert validation.format_invalid_message(DEPLOYMENT, "web", causes) == (
        'Deployment.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, '
        "spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0]"
    )
    assert validation.format_invalid_message("Pod", "x", causes[:1]) == (
        'Pod "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0'
    )


def test_cause_dict_matches_status_cause() -> None:
    (cause,) = validation.validate_create(
        POD, mutate(_stored_pod(), lambda o: _c(o).update(image=""))
    )
    assert validation.cause_dict(cause) == {
        "reason": "FieldValueRequired",
        "message": "Required value",
        "field": "spec.containers[0].image",
    }


def _sts(**spec: Any) -> Obj:
    return {
        "metadata": {"name": "db", "namespace": "d"},
        "spec": {
            "serviceName": "db",
            "selector": {"matchLabels": {"app": "web"}},
            "template": template(),
            **spec,
        },
    }


def test_statefulset_rules() -> None:
    sts = res("apps/v1", "StatefulSet")
    assert errors_of(sts, _sts(podManagementPolicy="Random")) == [
        ("spec.podManagementPolicy", "FieldValueInvalid")
    ]
    assert errors_of(sts, _sts(selector={})) == [("spec.selector", "FieldValueInvalid")]
    old = _sts()
    validation.apply_defaults(sts, old)
    new = mutate(old, lambda o: o["spec"].update(serviceName="other"))
    assert [(c.field, c.reason) for c in validation.validate_update(sts, new, old)] == [
        ("spec", "FieldValueForbidden")
    ]
    scaled = mutate(old, lambda o: o["spec"].update(replicas=3))
    assert validation.validate_update(sts, scaled, old) == []


def test_daemonset_strategy_rules() -> None:
    ds = res("apps/v1", "DaemonSet")
    base = {
        "metadata": {"name": "ds", "namespace": "d"},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template()},
    }
    both = mutate(
        base,
        lambda o: o["spec"].update(
            updateStrategy={"rollingUpdate": {"maxUnavailable": 1, "maxSurge": 1}}
        ),
    )
    assert errors_of(ds, both) == [
        ("spec.updateStrategy.rollingUpdate.maxSurge", "FieldValueInvalid")
    ]
    none = mutate(
        base,
        lambda o: o["spec"].update(
            updateStrategy={"rollingUpdate": {"maxUnavailable": 0, "maxSurge": 0}}
        ),
    )
    assert errors_of(ds, none) == [
        ("spec.updateStrategy.rollingUpdate.maxUnavailable", "FieldValueRequired")
    ]
    mismatch = mutate(base, lambda o: o["spec"]["template"]["metadata"].update(labels={"app": "x"}))
    assert errors_of(ds, mismatch) == [("spec.template.metadata.labels", "FieldValueInvalid")]


def test_replicaset_and_rc() -> None:
    rs = res("apps/v1", "ReplicaSet")
    assert errors_of(
        rs, {"metadata": {"name": "rs", "namespace": "d"}, "spec": {"template": template()}}
    ) == [("spec.selector", "FieldValueRequired")]
    rc = res("v1", "ReplicationController")
    bad = {
        "metadata": {"name": "rc", "namespace": "d"},
        "spec": {"selector": {"app": "other"}, "template": template()},
    }
    assert errors_of(rc, bad) == [("spec.template.metadata.labels", "FieldValueInvalid")]


# ------------------------------------------------------------------ batch

JOB = res("batch/v1", "Job")
CRONJOB = res("batch/v1", "CronJob")


def job(**spec: Any) -> Obj:
    return {
        "metadata": {"name": "pi", "namespace": "d", "uid": "abc"},
        "spec": {"template": template(restartPolicy="Never"), **spec},
    }


JOB_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("restart always", lambda o: o["spec"]["template"]["spec"].update(restartPolicy="Always"), [("spec.template.spec.restartPolicy", "FieldValueRequired")]),
    ("restart unset", lambda o: o["spec"]["template"]["spec"].pop("restartPolicy"), [("spec.template.spec.restartPolicy", "FieldValueRequired")]),
    ("negative completions", lambda o: o["spec"].update(completions=-1), [("spec.completions", "FieldValueInvalid")]),
    ("negative parallelism", lambda o: o["spec"].update(parallelism=-1), [("spec.parallelism", "FieldValueInvalid")]),
    ("negative backoff", lambda o: o["spec"].update(backoffLimit=-1), [("spec.backoffLimit", "FieldValueInvalid")]),
    ("completion mode", lambda o: o["spec"].update(completionMode="Sometimes"), [("spec.completionMode", "FieldValueNotSupported")]),
    ("manual selector mismatch", lambda o: o["spec"].update(manualSelector=True, selector={"matchLabels": {"x": "y"}}), [("spec.template.metadata.labels", "FieldValueInvalid")]),
    ("manual selector ok", lambda o: o["spec"].update(manualSelector=True, selector={"matchLabels": {"app": "web"}}), []),
    ("conflicting label", lambda o: o["spec"]["template"]["metadata"]["labels"].update({"controller-uid": "other"}), [("spec.template.metadata.labels[controller-uid]", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "want"), JOB_CASES, ids=[c[0] for c in JOB_CASES])
def test_job(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(JOB, mutate(job(), change)) == want


def test_job_restart_policy_message() -> None:
    j = mutate(job(), lambda o: o["spec"]["template"]["spec"].update(restartPolicy="Always"))
    assert messages_of(JOB, j) == [
        'spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"'
    ]


def test_job_selector_and_template_are_immutable() -> None:
    old = job()
    validation.apply_defaults(JOB, old)
    new = mutate(
        old, lambda o: o["spec"]["template"]["spec"]["containers"][0].update(image="busybox")
    )
    assert [(c.field, c.reason) for c in validation.validate_update(JOB, new, old)] == [
        ("spec.template", "FieldValueInvalid")
    ]
    bumped = mutate(old, lambda o: o["spec"].update(backoffLimit=2))
    assert validation.validate_update(JOB, bumped, old) == []


def cronjob(**spec: Any) -> Obj:
    return {
        "metadata": {"name": "hello", "namespace": "d"},
        "spec": {
            "schedule": "0 * * * *",
            "jobTemplate": {"spec": {"template": template(restartPolicy="OnFailure")}},
            **spec,
        },
    }


CRON_CASES: list[tuple[str, Callable[[Obj], None], list[tuple[str, str]]]] = [
    ("no schedule", lambda o: o["spec"].pop("schedule"), [("spec.schedule", "FieldValueRequired")]),
    ("bad schedule", lambda o: o["spec"].update(schedule="* * *"), [("spec.schedule", "FieldValueInvalid")]),
    ("TZ in schedule", lambda o: o["spec"].update(schedule="TZ=UTC 0 * * * *"), [("spec.schedule", "FieldValueInvalid")]),
    ("policy", lambda o: o["spec"].update(concurrencyPolicy="Sometimes"), [("spec.concurrencyPolicy", "FieldValueNotSupported")]),
    ("time zone", lambda o: o["spec"].update(timeZone="Mars/Olympus"), [("spec.timeZone", "FieldValueInvalid")]),
    ("history", lambda o: o["spec"].update(successfulJobsHistoryLimit=-1), [("spec.successfulJobsHistoryLimit", "FieldValueInvalid")]),
    ("template restart", lambda o: o["spec"]["jobTemplate"]["spec"]["template"]["spec"].update(restartPolicy="Always"), [("spec.jobTemplate.spec.template.spec.restartPolicy", "FieldValueRequired")]),
    ("template selector", lambda o: o["spec"]["jobTemplate"]["spec"].update(selector={"matchLabels": {"app": "web"}}), [("spec.jobTemplate.spec.selector", "FieldValueInvalid")]),
    ("long name", lambda o: o["metadata"].update(name="c" * 53), [("metadata.name", "FieldValueInvalid")]),
]  # fmt: skip


@pytest.mark.parametrize(("case", "change", "want"), CRON_CASES, ids=[c[0] for c in CRON_CASES])
def test_cronjob(case: str, change: Callable[[Obj], None], want: list[tuple[str, str]]) -> None:
    assert errors_of(CRONJOB, mutate(cronjob(), change)) == want


@pytest.mark.parametrize(
    ("schedule", "error"),
    [
        ("*/5 * * * *", None),
        ("0 0 1 jan-mar mon,fri", None),
        ("@daily", None),
        ("@every 1h30m", None),
        ("* * *", "expected exactly 5 fields, found 3: [* * *]"),
        ("60 * * * *", "end of range (60) above maximum (59): 60"),
        ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
        ("x * * * *", 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'),
        ("5-1 * * * *", "beginning of range (5) beyond end of range (1): 5-1"),
        ("*/0 * * * *", "step of range should be a positive number: */0"),
        ("@fortnightly", "unrecognized descriptor: @fortnightly"),
        ("", "empty spec string"),
    ],
)
def test_cron_parser(schedule: str, error: str | None) -> None:
    assert cron.parse(schedule) == error


# ------------------------------------------------------------------ config and secrets

CONFIGMAP = res("v1", "ConfigMap")
SECRET = res("v1", "Secret")


@pytest.mark.parametrize(
    ("obj", "want"),
    [
        ({"data": {"bad key": "x"}}, [("data[bad key]", "FieldValueInvalid")]),
        ({"data": {"..": "x"}}, [("data[..]", "FieldValueInvalid")]),
        ({"data": {"a": "x"}, "binaryData": {"a": "eA=="}}, [("data[a]", "FieldValueInvalid")]),
        ({"data": {"a": "x" * (1024 * 1024 + 1)}}, [("", "FieldValueTooLong")]),
    ],
)
def test_configmap(obj: Obj, want: list[tuple[str, str]]) -> None:
    assert errors_of(CONFIGMAP, {"metadata": {"name": "c", "namespace": "d"}, **obj}) == want


def test_configmap_key_message() -> None:
    assert messages_of(
        CONFIGMAP, {"metadata": {"name": "c", "namespace": "d"}, "data": {"a b": ""}}
    ) == [
        "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' "
        "(e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"
    ]


def test_immutable_configmap() -> None:
    old = {"metadata": {"name": "c", "namespace": "d"}, "data": {"a": "1"}, "immutable": True}
    new = mutate(old, lambda o: o["data"].update(a="2"))
    assert [(c.field, c.reason) for c in validation.validate_update(CONFIGMAP, new, old)] == [
        ("data", "FieldValueForbidden")
    ]
    unset = mutate(old, lambda o: o.pop("immutable"))
    assert [(c.field, c.reason) for c in validation.validate_update(CONFIGMAP, unset, old)] == [
        ("immutable", "FieldValueForbidden")
    ]


@pytest.mark.parametrize(
    ("obj", "want"),
    [
        (
            {"type": "kubernetes.io/tls", "data": {"tls.crt": ""}},
            [("data[tls.key]", "FieldValueRequired")],
        ),
        (
            {"type": "kubernetes.io/dockerconfigjson", "data": {}},
            [("data[.dockerconfigjson]", "FieldValueRequired")],
        ),
        (
            {
                "type": "kubernetes.io/dockerconfigjson",
                "data": {".dockerconfigjson": "bm90IGpzb24="},
            },
            [("data[.dockerconfigjson]", "FieldValueInvalid")],
        ),
        (
            {
                "type": "kubernetes.io/dockerconfigjson",
                "stringData": {".dockerconfigjson": '{"auths":{}}'},
            },
            [],
        ),
        (
            {"type": "kubernetes.io/basic-auth", "data": {}},
            [("data[username]", "FieldValueRequired"), ("data[password]", "FieldValueRequired")],
        ),
        (
            {"type": "kubernetes.io/service-account-token"},
            [("metadata.annotations[kubernetes.io/service-account.name]", "FieldValueRequired")],
        ),
        ({"data": {"k": "!!!"}}, [("data[k]", "FieldValueInvalid")]),
    ],
)
def test_secret(obj: Obj, want: list[tuple[str, str]]) -> None:
    assert errors_of(SECRET, {"metadata": {"name": "s", "namespace": "d"}, **obj}) == want


def test_secret_type_is_immutable() -> None:
    old = {"metadata": {"name": "s", "namespace": "d"}, "type": "Opaque", "data": {}}
    new = mutate(
        old, lambda o: o.update(type="kubernetes.io/tls", data={"tls.crt": "", "tls.key": ""})
    )
    assert [str(c) for c in validation.validate_update(SECRET, new, old)] == [
        'type: Invalid value: "kubernetes.io/tls": field is immutable'
    ]


# ------------------------------------------------------------------ other kinds


def test_namespace_status_phase() -> None:
    ns = res("v1", "Namespace")
    old = {"metadata": {"name": "a"}, "status": {"phase": "Active"}}
    new = mutate(old, lambda o: o["status"].update(phase="Terminating"))
    assert [(c.field, c.reason) for c in validation.validate_status_update(ns, new, old)] == [
        ("status.phase", "FieldValueInvalid")
    ]


def test_node_taints() -> None:
    node = res("v1", "Node")
    obj = {
        "metadata": {"name": "n"},
        "spec": {
            "taints": [
                {"key": "k", "effect": "NoSchedule"},
                {"key": "k", "effect": "NoSchedule"},
                {"key": "x", "effect": "Sometimes"},
                {"key": "y"},
            ]
        },
    }
    assert errors_of(node, obj) == [
        ("spec.taints[1]", "FieldValueDuplicate"),
        ("spec.taints[2].effect", "FieldValueNotSupported"),
        ("spec.taints[3].effect", "FieldValueRequired"),
    ]


def test_core_event_namespace_must_match() -> None:
    ev = res("v1", "Event")
    obj = {
        "metadata": {"name": "e", "namespace": "a"},
        "involvedObject": {"kind": "Pod", "name": "p", "namespace": "b"},
    }
    assert errors_of(ev, obj) == [("involvedObject.namespace", "FieldValueInvalid")]


def test_events_v1_requires_reporting_fields() -> None:
    ev = res("events.k8s.io/v1", "Event")
    obj = {
        "metadata": {"name": "e", "namespace": "d"},
        "eventTime": "2024-01-01T00:00:00.000000Z",
        "type": "Info",
        "regarding": {"kind": "Pod", "name": "p", "namespace": "d"},
    }
    assert errors_of(ev, obj) == [
        ("reportingController", "FieldValueRequired"),
        ("reportingController", "FieldValueInvalid"),
        ("reportingController", "FieldValueInvalid"),
        ("reportingInstance", "FieldValueRequired"),
        ("action", "FieldValueRequired"),
        ("reason", "FieldValueRequired"),
        ("type", "FieldValueInvalid"),
    ]


def test_endpoints_rules() -> None:
    ep = res("v1", "Endpoints")
    obj = {
        "metadata": {"name": "e", "namespace": "d"},
        "subsets": [
            {
                "addresses": [{"ip": "127.0.0.1"}, {"ip": "nope"}],
                "ports": [{"port": 80}, {"port": 81}],
            },
            {},
        ],
    }
    assert errors_of(ep, obj) == [
        ("subsets[0].addresses[0].ip", "FieldValueInvalid"),
        ("subsets[0].addresses[1].ip", "FieldValueInvalid"),
        ("subsets[0].ports[0].name", "FieldValueRequired"),
        ("subsets[0].ports[1].name", "FieldValueRequired"),
        ("subsets[1]", "FieldValueRequired"),
    ]


def test_endpoint_slice_rules() -> None:
    es = res("discovery.k8s.io/v1", "EndpointSlice")
    base = {"metadata": {"name": "s", "namespace": "d"}, "addressType": "IPv4"}
    assert errors_of(es, {**base, "addressType": "IPv5"}) == [
        ("addressType", "FieldValueNotSupported")
    ]
    assert errors_of(es, {**base, "endpoints": [{"addresses": []}]}) == [
        ("endpoints[0].addresses", "FieldValueRequired")
    ]
    assert errors_of(es, {**base, "endpoints": [{"addresses": ["fe80::1"]}]}) == [
        ("endpoints[0].addresses[0]", "FieldValueInvalid")
    ]
    assert errors_of(es, {**base, "ports": [{"port": 80, "protocol": "HTTP"}]}) == [
        ("ports[0].protocol", "FieldValueNotSupported")
    ]
    fqdn = {
        **base,
        "addressType": "FQDN",
        "endpoints": [{"addresses": ["example.com", "localhost"]}],
    }
    assert errors_of(es, fqdn) == [("endpoints[0].addresses[1]", "FieldValueInvalid")]
    new = {**base, "addressType": "IPv6"}
    assert [(c.field, c.reason) for c in validation.validate_update(es, new, base)] == [
        ("addressType", "FieldValueInvalid")
    ]


def test_lease_durations() -> None:
    lease = res("coordination.k8s.io/v1", "Lease")
    obj = {
        "metadata": {"name": "l", "namespace": "d"},
        "spec": {"leaseDurationSeconds": 0, "leaseTransitions": -1},
    }
    assert errors_of(lease, obj) == [
        ("spec.leaseDurationSeconds", "FieldValueInvalid"),
        ("spec.leaseTransitions", "FieldValueInvalid"),
    ]


def test_limit_range_order() -> None:
    lr = res("v1", "LimitRange")
    obj = {
        "metadata": {"name": "l", "namespace": "d"},
        "spec": {
            "limits": [
                {"type": "Container", "min": {"cpu": "2"}, "max": {"cpu": "1"}},
                {"type": "Pod", "default": {"cpu": "1"}},
                {"type": "Widget"},
            ]
        },
    }
    assert errors_of(lr, obj) == [
        ("spec.limits[0].min[cpu]", "FieldValueInvalid"),
        ("spec.limits[0].defaultRequest[cpu]", "FieldValueInvalid"),
        ("spec.limits[0].default[cpu]", "FieldValueInvalid"),
        ("spec.limits[1].default", "FieldValueForbidden"),
        ("spec.limits[2].type", "FieldValueInvalid"),
    ]


def test_resource_quota() -> None:
    rq = res("v1", "ResourceQuota")
    obj = {
        "metadata": {"name": "q", "namespace": "d"},
        "spec": {"hard": {"pods": "1.5", "widgets": "1", "cpu": "x"}},
    }
    assert errors_of(rq, obj) == [
        ("spec.hard[pods]", "FieldValueInvalid"),
        ("spec.hard[widgets]", "FieldValueInvalid"),
        ("spec.hard[widgets]", "FieldValueInvalid"),
        ("spec.hard[cpu]", "FieldValueInvalid"),
    ]


# ------------------------------------------------------------------ quantities


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("100m", "100m"),
        ("0.5", "500m"),
        ("1000m", "1"),
        ("1Gi", "1Gi"),
        ("1024Mi", "1Gi"),
        ("1.5Gi", "1536Mi"),
        ("2e3", "2e3"),
        ("1.5e3", "1500"),
        ("128974848", "128974848"),
        ("129e6", "129e6"),
        ("0.129G", "129M"),
        ("123Mi", "123Mi"),
        ("512", "512"),
        ("1k", "1k"),
        ("0", "0"),
        ("-1", "-1"),
        ("0.0001", "100u"),
        ("1n", "1n"),
        ("0.1n", "1n"),
        (3, "3"),
        (0.25, "250m"),
    ],
)
def test_quantity_canonical_form(text: str | int | float, canonical: str) -> None:
    assert parse_quantity(text).canonical() == canonical


@pytest.mark.parametrize("text", ["1Gb", "abc", "", "1.2.3", "--1", "1e", "Mi"])
def test_quantity_rejects(text: str) -> None:
    with pytest.raises(QuantityError):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # Kubernetes caps no magnitude: its own canonical form, exponent a multiple of 3
        ("1e400", "10e399"),
        ("1E4299", "1e4299"),
        ("0.5e4300", "5e4299"),
        ("0e2147483647", "0"),
        ("1e-2147483647", "1e-9"),  # rounded up to a nano unit
        # binary quantities are capped at Go's MaxInt64, as Kubernetes caps them
        ("9Ei", "9223372036854775807"),
        ("-16Ei", "-9223372036854775807"),
        ("7Ei", "7Ei"),
    ],
)
def test_quantity_extremes_as_kubernetes_keeps_them(text: str, canonical: str) -> None:
    assert parse_quantity(text).canonical() == canonical


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1e4300", "quantity too large: at most 4300 digits before the decimal point"),
        ("1" * 4300 + "E", "quantity too large: at most 4300 digits before the decimal point"),
        ("1" * 4301, "quantity too long: at most 4300 digits"),
        ("0." + "0" * 4300 + "1", "quantity too long: at most 4300 digits"),
        ("1e2147483648", "unable to parse quantity's suffix"),  # past int32: Go wraps it
        ("1e9223372036854775808", "unable to parse quantity's suffix"),  # past int64, as Go
        ("1e" + "9" * 5000, "unable to parse quantity's suffix"),
    ],
)
def test_quantities_too_large_to_work_with_are_refused_at_once(text: str, message: str) -> None:
    with pytest.raises(QuantityError) as refused:
        parse_quantity(text)
    assert str(refused.value) == message


def test_quantity_comparison() -> None:
    assert parse_quantity("500m") < parse_quantity("1")
    assert parse_quantity("1Gi").value == parse_quantity("1073741824").value

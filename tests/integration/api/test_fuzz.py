"""Property-based robustness: generated bad and odd requests against one real server.

For every resource the registry serves and every write verb (create, update,
the four patch types, delete with a body, the subresources), hypothesis sends
random bytes, broken JSON and YAML, JSON of the wrong shape, objects with odd
values at random depths (guided by the kind's OpenAPI schema), wrong
apiVersion/kind, mismatched names and namespaces, odd query strings and odd
paths. Whatever comes in:

- the answer is never a 5xx;
- every refusal is a metav1.Status whose code is the HTTP status;
- a refused write changes nothing (the store revision does not move);
- the server logs no traceback and no ERROR line.

Examples run one after another against one server, so a revision that moves
during a refused request can only be that request's doing. A write that
succeeds may change a seed object; that seed is then replaced by a fresh one.
Settings are derandomized so CI sees the same examples every run.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from collections.abc import Awaitable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiohttp
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minikube_py.api.openapi import schema_for
from minikube_py.api.registry import RESOURCES, ResourceInfo
from tests.integration.api.apiclient import WAIT, Api, Response, assert_clean_log, connect
from tests.support.cluster import Cluster

T = TypeVar("T")

NS = "fuzz"
# MKPY_FUZZ_SCALE=N runs N times the examples with fresh randomness, to hunt for
# new bugs locally; CI runs the same derandomized examples every time
SCALE = int(os.environ.get("MKPY_FUZZ_SCALE", "1") or 1)
FUZZ = settings(
    max_examples=25 * SCALE,
    deadline=None,
    derandomize=SCALE == 1,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

JSON = "application/json"
YAML = "application/yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"
PATCH_TYPES = (
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
    "application/apply-patch+yaml",
)
WRITE_SUBRESOURCES = ("status", "scale", "finalize")  # PUT and PATCH
POST_SUBRESOURCES = ("binding", "eviction", "token")


def _rid(r: ResourceInfo) -> str:
    return f"{r.group or 'core'}/{r.version}/{r.plural}"


# --------------------------------------------------------------------------- seeds

_LABELS = {"app": "fuzz"}
_POD_SPEC: dict[str, Any] = {"containers": [{"name": "c", "image": "busybox:1.36"}]}
_TEMPLATE: dict[str, Any] = {"metadata": {"labels": _LABELS}, "spec": _POD_SPEC}


def _seed_spec(r: ResourceInfo, name: str) -> dict[str, Any]:
    """The kind-specific part of a valid object of `r`."""
    k = (r.group, r.kind)
    if k == ("", "Pod"):
        return {"spec": _POD_SPEC}
    if k == ("", "Service"):
        return {"spec": {"selector": _LABELS, "ports": [{"port": 80, "targetPort": 8080}]}}
    if k == ("", "Endpoints"):
        return {"subsets": [{"addresses": [{"ip": "10.1.2.3"}], "ports": [{"port": 80}]}]}
    if k == ("", "ConfigMap"):
        return {"data": {"k": "v"}}
    if k == ("", "Secret"):
        return {"stringData": {"k": "v"}, "type": "Opaque"}
    if k == ("", "Node"):
        return {"spec": {"podCIDR": "10.244.0.0/24"}}
    if k == ("", "Event"):
        return {
            "involvedObject": {"kind": "Pod", "name": "p", "namespace": NS},
            "reason": "Fuzz",
            "message": "m",
            "type": "Normal",
            "firstTimestamp": "2026-01-01T00:00:00Z",
            "lastTimestamp": "2026-01-01T00:00:00Z",
            "count": 1,
        }
    if k == ("", "ReplicationController"):
        return {"spec": {"replicas": 1, "selector": _LABELS, "template": _TEMPLATE}}
    if k == ("", "LimitRange"):
        return {"spec": {"limits": [{"type": "Container", "max": {"cpu": "1"}}]}}
    if k == ("", "ResourceQuota"):
        return {"spec": {"hard": {"pods": "10"}}}
    if k in (("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "StatefulSet")):
        spec: dict[str, Any] = {
            "replicas": 1,
            "selector": {"matchLabels": _LABELS},
            "template": _TEMPLATE,
        }
        if r.kind == "StatefulSet":
            spec["serviceName"] = "svc"
        return {"spec": spec}
    if k == ("apps", "DaemonSet"):
        return {"spec": {"selector": {"matchLabels": _LABELS}, "template": _TEMPLATE}}
    if k == ("batch", "Job"):
        tmpl = {"spec": {**_POD_SPEC, "restartPolicy": "Never"}}
        return {"spec": {"template": tmpl}}
    if k == ("batch", "CronJob"):
        tmpl = {"spec": {**_POD_SPEC, "restartPolicy": "Never"}}
        return {"spec": {"schedule": "*/5 * * * *", "jobTemplate": {"spec": {"template": tmpl}}}}
    if k == ("discovery.k8s.io", "EndpointSlice"):
        return {
            "addressType": "IPv4",
            "endpoints": [{"addresses": ["10.1.2.3"]}],
            "ports": [{"name": "http", "port": 80, "protocol": "TCP"}],
        }
    if k == ("coordination.k8s.io", "Lease"):
        return {"spec": {"holderIdentity": "me", "leaseDurationSeconds": 15}}
    if k == ("events.k8s.io", "Event"):
        return {
            "eventTime": "2026-01-01T00:00:00.000000Z",
            "reportingController": "fuzz.io/c",
            "reportingInstance": "i",
            "action": "Act",
            "reason": "Fuzz",
            "type": "Normal",
            "regarding": {"kind": "Pod", "name": "p", "namespace": NS},
        }
    if k == ("", "PersistentVolumeClaim"):
        return {
            "spec": {
                "accessModes": ["ReadWriteOnce"],
                "resources": {"requests": {"storage": "1Gi"}},
            }
        }
    if k == ("", "PersistentVolume"):
        return {
            "spec": {
                "capacity": {"storage": "1Gi"},
                "accessModes": ["ReadWriteOnce"],
                "hostPath": {"path": "/tmp/fuzz"},
            }
        }
    if k == ("", "PodTemplate"):
        return {"template": _TEMPLATE}
    if k == ("autoscaling", "HorizontalPodAutoscaler"):
        target = {"apiVersion": "apps/v1", "kind": "Deployment", "name": "d"}
        return {"spec": {"scaleTargetRef": target, "minReplicas": 1, "maxReplicas": 3}}
    if k == ("policy", "PodDisruptionBudget"):
        return {"spec": {"minAvailable": 1, "selector": {"matchLabels": _LABELS}}}
    rbac = "rbac.authorization.k8s.io"
    if k in ((rbac, "Role"), (rbac, "ClusterRole")):
        return {"rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get"]}]}
    if k in ((rbac, "RoleBinding"), (rbac, "ClusterRoleBinding")):
        role = "Role" if r.kind == "RoleBinding" else "ClusterRole"
        return {
            "roleRef": {"apiGroup": rbac, "kind": role, "name": "r"},
            "subjects": [{"kind": "User", "name": "u", "apiGroup": rbac}],
        }
    if k == ("networking.k8s.io", "Ingress"):
        return {"spec": {"defaultBackend": {"service": {"name": "s", "port": {"number": 80}}}}}
    if k == ("networking.k8s.io", "IngressClass"):
        return {"spec": {"controller": "example.com/ingress"}}
    if k == ("networking.k8s.io", "NetworkPolicy"):
        return {"spec": {"podSelector": {}}}
    if k == ("scheduling.k8s.io", "PriorityClass"):
        return {"value": 1000}
    if k == ("storage.k8s.io", "StorageClass"):
        return {"provisioner": "example.com/fuzz"}
    return {}


def seed_object(r: ResourceInfo, name: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name, "labels": dict(_LABELS)}
    if r.namespaced:
        meta["namespace"] = NS
    return {"apiVersion": r.api_version, "kind": r.kind, "metadata": meta, **_seed_spec(r, name)}


def collection_path(r: ResourceInfo, ns: str | None = NS) -> str:
    base = f"/apis/{r.group}/{r.version}" if r.group else f"/api/{r.version}"
    if r.namespaced:
        return f"{base}/namespaces/{ns}/{r.plural}"
    return f"{base}/{r.plural}"


# --------------------------------------------------------------------------- the harness


@dataclass
class Fuzz:
    """One event loop, one HTTP session and the seed objects, shared by the module."""

    cluster: Cluster
    runner: asyncio.Runner
    api: Api
    seeds: dict[str, str] = field(default_factory=dict)  # resource id -> current seed name
    serial: int = 0

    def run(self, coro: Awaitable[T]) -> T:
        async def wrapped() -> T:
            return await coro

        return self.runner.run(wrapped())

    async def seed(self, r: ResourceInfo) -> str:
        """The name of an object of `r` that exists as created (made on first use)."""
        rid = _rid(r)
        if rid not in self.seeds:
            self.serial += 1
            name = f"seed-{r.kind.lower()}-{self.serial}"
            resp = await self.api.request("POST", collection_path(r), seed_object(r, name))
            assert resp.status == 201, f"seed {rid}: {resp.status} {resp.body}"
            self.seeds[rid] = name
        return self.seeds[rid]

    def spoil(self, r: ResourceInfo) -> None:
        """A write succeeded against the seed: use a fresh one from now on."""
        self.seeds.pop(_rid(r), None)

    async def settle(self) -> None:
        """Wait for background work (the namespace controller) to stop moving the revision."""
        deadline = time.monotonic() + WAIT
        last = await self.api.revision()
        quiet = 0
        while time.monotonic() < deadline and quiet < 3:
            await asyncio.sleep(0.05)
            now = await self.api.revision()
            quiet = quiet + 1 if now == last else 0
            last = now

    async def probe(
        self,
        method: str,
        path: str,
        *,
        data: bytes | None = None,
        content_type: str | None = None,
        params: list[tuple[str, str]] | None = None,
        accept: str = JSON,
        resource: ResourceInfo | None = None,
        seed_gone_ok: bool = False,
    ) -> Response:
        """Send one request and check every property; returns the response."""
        before = await self.api.revision()
        headers = {"Accept": accept}
        if content_type is not None:
            headers["Content-Type"] = content_type
        resp = await _send(self.api, method, path, data, params, headers)
        shown = [(k, v[:60]) for k, v in params or []]
        where = f"{method} {path} params={shown} ctype={content_type} body={data[:300] if data else data!r}"
        assert resp.status < 500, f"{where} -> {resp.status}: {resp.body}"
        if method == "HEAD":
            return resp
        if 200 <= resp.status < 300:
            assert isinstance(resp.body, dict), f"{where} -> {resp.status}: {resp.body!r}"
            if method != "GET":
                if resource is not None:
                    self.spoil(resource)
                if resource is None or resource.kind == "Namespace" or seed_gone_ok:
                    await self.settle()
            return resp
        assert_failure(resp, where)
        after = await self.api.revision()
        assert after == before, f"{where} -> {resp.status} but the revision moved {before}->{after}"
        return resp


async def _send(
    api: Api,
    method: str,
    path: str,
    data: bytes | None,
    params: list[tuple[str, str]] | None,
    headers: dict[str, str],
) -> Response:
    """Like Api.request, but a watch that is accepted is closed at once (it would stream)."""
    async with api.session.request(
        method,
        api.cluster.url + path,
        data=data,
        params=params,
        headers=headers,
        timeout=aiohttp.ClientTimeout(total=WAIT),
    ) as resp:
        streaming = resp.status == 200 and any(k == "watch" for k, _ in params or [])
        raw = b'{"watch": "accepted"}' if streaming else await resp.read()
        try:
            parsed: Any = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode(errors="replace")
        return Response(resp.status, parsed, dict(resp.headers))


def assert_failure(resp: Response, where: str) -> None:
    """A refusal is a metav1.Status: kind Status, v1, Failure, its code the HTTP status."""
    body = resp.body
    assert isinstance(body, dict), f"{where} -> {resp.status}, not a Status: {body!r}"
    assert body.get("kind") == "Status" and body.get("apiVersion") == "v1", (where, body)
    assert body.get("status") == "Failure", (where, body)
    assert body.get("code") == resp.status, (where, body)
    assert isinstance(body.get("reason"), str) and body["reason"], (where, body)
    assert isinstance(body.get("message"), str) and body["message"], (where, body)
    causes = (body.get("details") or {}).get("causes")
    if resp.status == 422:
        assert causes and all(isinstance(c, dict) for c in causes), (where, body)


@pytest.fixture(scope="module")
def fuzz(cluster: Cluster) -> Iterator[Fuzz]:
    with asyncio.Runner() as runner:
        stack = AsyncExitStack()
        api = runner.run(stack.enter_async_context(connect(cluster)))
        f = Fuzz(cluster, runner, api)
        resp = runner.run(api.request("POST", "/api/v1/namespaces", _namespace(NS)))
        assert resp.status == 201, resp.body
        try:
            yield f
        finally:
            runner.run(stack.aclose())
    assert_clean_log(cluster.data_dir)


def _namespace(name: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


# --------------------------------------------------------------------------- strategies

HUGE_INTS = st.sampled_from(
    [2**31, -(2**31) - 1, 2**53 + 1, 2**63, -(2**63) - 1, 2**64, 10**30, -(10**30), 10**400]
)
ODD_STRINGS = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "\u202e\u0000\ud7ff",
        "💥" * 20,
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "0x1F",
        "-1",
        "null",
        "true",
        "a" * 300,
        "x" * 70_000,
        "../../etc/passwd",
        "a/b",
        "%2F",
        "A_B.c",
        "999999999999999999999m",
        "1.5Gi",
        "-5Mi",
        "100000000000000000000000000000000000000Ei",
        "*/5 * * * *",
        "@every 1x",
        "TCP",
        "Always",
        "2026-13-45T99:99:99Z",
    ]
)


def _deep(n: int) -> Any:
    out: Any = "leaf"
    for i in range(n):
        out = {"a": out} if i % 2 else [out]
    return out


ODD = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**40), max_value=2**40),
    HUGE_INTS,
    st.floats(allow_nan=False, allow_infinity=False),
    ODD_STRINGS,
    st.text(max_size=30),
    st.lists(st.one_of(st.integers(), st.text(max_size=5), st.none()), max_size=3),
    st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=8), st.integers()), max_size=3),
    st.sampled_from([_deep(40), _deep(300)]),
)

_COMPONENTS: dict[str, dict[str, Any]] = {}


def _resolve(schema: Any) -> dict[str, Any]:
    for _ in range(10):
        if not isinstance(schema, dict):
            return {}
        ref = schema.get("$ref")
        if ref is None and len(schema.get("allOf") or []) == 1:
            ref = schema["allOf"][0].get("$ref")
        if ref is None:
            return schema
        schema = _COMPONENTS.get(ref.rsplit("/", 1)[-1], {})
    return {}


def _schema_value(data: st.DataObject, schema: Any, depth: int) -> Any:
    """A value shaped by `schema`, except that any node may be odd (of the wrong type)."""
    s = _resolve(schema)
    if depth > 7 or data.draw(st.integers(0, 7)) == 0:
        return data.draw(ODD)
    props: dict[str, Any] = s.get("properties") or {}
    typ = s.get("type")
    if props:
        keys = data.draw(st.lists(st.sampled_from(sorted(props)), max_size=4, unique=True))
        return {k: _schema_value(data, props[k], depth + 1) for k in keys}
    if typ == "object":
        extra = s.get("additionalProperties")
        keys = data.draw(st.lists(st.text(min_size=1, max_size=10), max_size=3, unique=True))
        return {k: _schema_value(data, extra or {}, depth + 1) for k in keys}
    if typ == "array":
        n = data.draw(st.integers(0, 3))
        return [_schema_value(data, s.get("items") or {}, depth + 1) for _ in range(n)]
    if typ == "integer":
        return data.draw(st.one_of(st.integers(-5, 70_000), HUGE_INTS))
    if typ == "number":
        return data.draw(st.floats(allow_nan=False, allow_infinity=False))
    if typ == "boolean":
        return data.draw(st.booleans())
    if typ == "string" or s.get("x-kubernetes-int-or-string"):
        return data.draw(st.one_of(ODD_STRINGS, st.text(max_size=20), st.integers(-5, 70_000)))
    return data.draw(ODD)


def odd_object(data: st.DataObject, r: ResourceInfo, name: str) -> dict[str, Any]:
    """The seed object with schema-shaped random values merged into it at random depths."""
    root, comps = schema_for(r)
    if not _COMPONENTS:
        _COMPONENTS.update(comps)
    obj = seed_object(r, name)
    generated = _schema_value(data, root, 0)
    if isinstance(generated, dict):
        generated.pop("apiVersion", None)
        generated.pop("kind", None)
        meta = generated.pop("metadata", None)
        obj.update(generated)
        if isinstance(meta, dict):
            obj["metadata"] = {**obj["metadata"], **meta}
    if data.draw(st.integers(0, 5)) == 0:  # wrong apiVersion / kind / name / namespace
        which = data.draw(st.sampled_from(["apiVersion", "kind", "name", "namespace", "metadata"]))
        value = data.draw(st.one_of(ODD, st.sampled_from(["v2", "apps/v1", "Secret", "other"])))
        if which in ("name", "namespace"):
            obj["metadata"][which] = value
        else:
            obj[which] = value
    return obj


def _encode(obj: Any, yaml_form: bool) -> bytes:
    if yaml_form:
        import yaml

        return yaml.safe_dump(obj).encode()
    return json.dumps(obj).encode()


BROKEN_TEXT = st.sampled_from(
    [
        b"{",
        b"}",
        b"[",
        b'{"a":',
        b'{"a" 1}',
        b"{'a': 1}",
        b'{"a":1,}',
        b"\xff\xfe{}",
        b"\xef\xbb\xbf{}",
        b'{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"},"data":{"a":NaN}}',
        b'{"spec":{"replicas":Infinity}}',
        b'{"a":-Infinity}',
        b'{"a":1e99999}',
        b'{"a":"\\ud800"}',
        b'{"a":"\x00"}',
        b"a: [",
        b"a: {b: }}",
        b"? [a, b]\n: c\n",
        b"? {a: b}\n: c\n",
        b"&a [*a]",
        b"*unknown",
        b"!!python/object/apply:os.system ['true']",
        b"!!binary AAAA",
        b"a: !!float nan",
        b"a: .inf",
        b"---\na: 1\n---\nb: 2\n",
        b"\t- a",
        b"%YAML 9.9\n---\na: 1",
        b"a: b: c",
        b"k8s\x00",
        b"k8s\x00\x0a\x05\x12\x03abc",
        b"k8s\x00\xff\xff\xff\xff\x0f",
        b"[" * 100_000,
        b'{"a":' * 50_000,
        b"- " * 20_000 + b"a",
        b"[" * 5_000 + b"]" * 5_000,
        b"a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
        b"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
        b"e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n",
    ]
)
WRONG_SHAPES = st.sampled_from(
    [b"[]", b"[1,2]", b"1", b"-1e400", b"null", b'"a string"', b"true", b"{}", b'{"metadata":[]}']
)


@st.composite
def bodies(draw: st.DrawFn, r: ResourceInfo, name: str) -> bytes:
    """Any body at all: bytes, broken text, wrong shapes, truncated or odd objects."""
    data = draw(st.data())
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.binary(max_size=300))
    if choice == 1:
        return draw(BROKEN_TEXT)
    if choice == 2:
        return draw(WRONG_SHAPES)
    yaml_form = draw(st.booleans())
    text = _encode(odd_object(data, r, name), yaml_form)
    if choice == 3:
        return text[: draw(st.integers(0, max(0, len(text) - 1)))]
    return text


QUERY_KEYS = (
    "limit",
    "resourceVersion",
    "resourceVersionMatch",
    "fieldSelector",
    "labelSelector",
    "timeoutSeconds",
    "dryRun",
    "fieldValidation",
    "fieldManager",
    "force",
    "continue",
    "propagationPolicy",
    "gracePeriodSeconds",
    "orphanDependents",
    "allowWatchBookmarks",
    "sendInitialEvents",
    "includeObject",
    "pretty",
)
QUERY_VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1",
            "abc",
            "1.5",
            "nan",
            "inf",
            "-inf",
            "1e400",
            "99999999999999999999999",
            "Bogus",
            "All",
            "Nope",
            "Strict",
            "true",
            "false",
            "Exact",
            "NotOlderThan",
            "Foreground",
            "a=",
            "=b",
            "a in (",
            "a notin ()",
            "!",
            "a,,b",
            "a==b==c",
            "metadata.name=x",
            "spec.nodeName!=",
            "status.phase=Running,foo=bar",
            "x" * 5000,
            "\x00",
            "k8s.io/a=b",
            "a in (b,c),!d,e!=f",
            "eyJydiI6IDF9",
            "!!!!",
            "Table",
            "Object",
        ]
    ),
    st.text(max_size=20),
)


def queries(extra: tuple[str, ...] = ()) -> st.SearchStrategy[list[tuple[str, str]]]:
    keys = st.sampled_from((*QUERY_KEYS, *extra))
    return st.lists(st.tuples(keys, QUERY_VALUES), max_size=4)


CONTENT_TYPES = st.sampled_from(
    [JSON, YAML, PROTOBUF, "application/json; charset=utf-8", "text/plain", "", "*/*", "a/b;c"]
)
ACCEPTS = st.sampled_from(
    [
        JSON,
        YAML,
        "application/json;as=Table;v=v1;g=meta.k8s.io",
        "application/json;as=PartialObjectMetadata;v=v1;g=meta.k8s.io",
        "application/json;as=Bogus;g=x",
        "text/html",
        "*/*",
    ]
)

CREATE_RESOURCES = [r for r in RESOURCES if "create" in r.verbs]
# resources with objects to update, patch and delete (not the create-only reviews)
WRITE_RESOURCES = [r for r in RESOURCES if {"update", "patch", "delete"} <= set(r.verbs)]


def _ids(r: ResourceInfo) -> str:
    return _rid(r)


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("r", CREATE_RESOURCES, ids=_ids)
@settings(FUZZ, max_examples=12 * SCALE)
@given(data=st.data())
def test_create(fuzz: Fuzz, r: ResourceInfo, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from([f"new-{r.kind.lower()}", "Bad_Name", "a" * 300]))
    body = data.draw(bodies(r, name))
    ctype = data.draw(st.one_of(st.just(JSON), CONTENT_TYPES))
    params = data.draw(queries())
    ns = data.draw(st.sampled_from([NS, NS, "missing-ns", "Bad_NS", "default"]))
    fuzz.run(
        fuzz.probe("POST", collection_path(r, ns), data=body, content_type=ctype, params=params)
    )


@pytest.mark.parametrize("r", WRITE_RESOURCES, ids=_ids)
@settings(FUZZ, max_examples=10 * SCALE)
@given(data=st.data())
def test_update(fuzz: Fuzz, r: ResourceInfo, data: st.DataObject) -> None:
    async def go() -> None:
        name = await fuzz.seed(r)
        subs = [None] + [s for s in WRITE_SUBRESOURCES if s in r.subresources]
        sub = data.draw(st.sampled_from(subs))
        url_name = data.draw(st.sampled_from([name, name, "other-name"]))
        body = data.draw(bodies(r, name))
        ctype = data.draw(st.one_of(st.just(JSON), CONTENT_TYPES))
        params = data.draw(queries())
        path = f"{collection_path(r)}/{url_name}" + (f"/{sub}" if sub else "")
        await fuzz.probe("PUT", path, data=body, content_type=ctype, params=params, resource=r)

    fuzz.run(go())


JSON_PATCH_OPS = st.lists(
    st.fixed_dictionaries(
        {
            "op": st.sampled_from(["add", "remove", "replace", "move", "copy", "test", "bogus"]),
            "path": st.sampled_from(
                [
                    "",
                    "/",
                    "/metadata",
                    "/metadata/name",
                    "/metadata/labels/a~1b",
                    "/metadata/labels/~2",
                    "/spec",
                    "/spec/replicas",
                    "/spec/containers/0",
                    "/spec/containers/-",
                    "/spec/containers/99",
                    "/spec/containers/-1",
                    "/spec/template/spec/containers/0/image",
                    "/data/k",
                    "/status",
                    "/kind",
                    "/apiVersion",
                    "no-slash",
                    "/a/b/c/d",
                ]
            ),
        },
        optional={
            "value": ODD,
            "from": st.sampled_from(["/metadata/labels", "/spec", "/x", "", "bad"]),
        },
    ),
    max_size=4,
)


@st.composite
def patch_bodies(draw: st.DrawFn, r: ResourceInfo, name: str, ctype: str) -> bytes:
    if ctype == "application/json-patch+json" and draw(st.booleans()):
        ops: Any = draw(JSON_PATCH_OPS)
        if draw(st.integers(0, 4)) == 0:
            ops = draw(st.one_of(ODD, st.just({"op": "add"}), st.just([1, "a", None])))
        return json.dumps(ops).encode()
    return draw(bodies(r, name))


@pytest.mark.parametrize("r", WRITE_RESOURCES, ids=_ids)
@settings(FUZZ, max_examples=20 * SCALE)
@given(data=st.data())
def test_patch(fuzz: Fuzz, r: ResourceInfo, data: st.DataObject) -> None:
    async def go() -> None:
        ctype = data.draw(st.sampled_from(PATCH_TYPES))
        name = await fuzz.seed(r)
        subs = [None] + [s for s in WRITE_SUBRESOURCES if s in r.subresources]
        sub = data.draw(st.sampled_from(subs))
        url_name = data.draw(st.sampled_from([name, name, "missing-name"]))
        body = data.draw(patch_bodies(r, name, ctype))
        params = data.draw(queries())
        if ctype.startswith("application/apply") and data.draw(st.booleans()):
            params.append(("fieldManager", "fuzz"))
        path = f"{collection_path(r)}/{url_name}" + (f"/{sub}" if sub else "")
        await fuzz.probe("PATCH", path, data=body, content_type=ctype, params=params, resource=r)

    fuzz.run(go())


DELETE_OPTIONS = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["DeleteOptions", "Pod", ""]),
        "apiVersion": st.sampled_from(["v1", "meta.k8s.io/v1", "x"]),
        "gracePeriodSeconds": st.one_of(ODD, st.integers(-5, 100)),
        "propagationPolicy": st.one_of(ODD, st.sampled_from(["Foreground", "Orphan", "Bogus"])),
        "orphanDependents": ODD,
        "dryRun": st.one_of(ODD, st.sampled_from([["All"], ["Bogus"], "All"])),
        "preconditions": st.one_of(
            ODD,
            st.fixed_dictionaries({}, optional={"uid": ODD, "resourceVersion": ODD}),
        ),
    },
)


@pytest.mark.parametrize("r", WRITE_RESOURCES, ids=_ids)
@settings(FUZZ, max_examples=10 * SCALE)
@given(data=st.data())
def test_delete(fuzz: Fuzz, r: ResourceInfo, data: st.DataObject) -> None:
    async def go() -> None:
        name = await fuzz.seed(r)
        url_name = data.draw(st.sampled_from([name, name, "missing-name"]))
        if data.draw(st.booleans()):
            options = data.draw(DELETE_OPTIONS)
            body = _encode(options, data.draw(st.booleans()))
        else:
            body = data.draw(bodies(r, name))
        ctype = data.draw(st.one_of(st.just(JSON), CONTENT_TYPES))
        params = data.draw(queries())
        collection = r.namespaced and data.draw(st.integers(0, 4)) == 0
        path = collection_path(r) if collection else f"{collection_path(r)}/{url_name}"
        if collection:  # never more than the seeds: a label only they carry
            params.append(("labelSelector", "app=fuzz"))
        await fuzz.probe(
            "DELETE",
            path,
            data=body,
            content_type=ctype,
            params=params,
            resource=r,
            seed_gone_ok=True,
        )
        if collection:
            fuzz.seeds.clear()

    fuzz.run(go())


SUB_RESOURCES = [(r, s) for r in WRITE_RESOURCES for s in POST_SUBRESOURCES if s in r.subresources]


@st.composite
def subresource_bodies(draw: st.DrawFn, r: ResourceInfo, sub: str, name: str) -> bytes:
    if draw(st.booleans()):
        return draw(bodies(r, name))
    shaped: dict[str, Any]
    if sub == "binding":
        shaped = {
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": draw(st.one_of(ODD, st.just({"name": name}))),
            "target": draw(
                st.one_of(
                    ODD,
                    st.fixed_dictionaries({"kind": ODD, "name": st.one_of(ODD, st.just("node-1"))}),
                )
            ),
        }
    elif sub == "eviction":
        shaped = {
            "apiVersion": "policy/v1",
            "kind": "Eviction",
            "metadata": {"name": name},
            "deleteOptions": draw(st.one_of(ODD, DELETE_OPTIONS)),
        }
    else:
        shaped = {
            "apiVersion": "authentication.k8s.io/v1",
            "kind": "TokenRequest",
            "spec": draw(
                st.one_of(
                    ODD,
                    st.fixed_dictionaries(
                        {},
                        optional={
                            "expirationSeconds": st.one_of(ODD, st.integers(-5, 10**6)),
                            "audiences": ODD,
                            "boundObjectRef": ODD,
                        },
                    ),
                )
            ),
        }
    return _encode(shaped, draw(st.booleans()))


@pytest.mark.parametrize(
    ("r", "sub"), SUB_RESOURCES, ids=lambda x: x if isinstance(x, str) else _rid(x)
)
@settings(FUZZ, max_examples=15 * SCALE)
@given(data=st.data())
def test_post_subresource(fuzz: Fuzz, r: ResourceInfo, sub: str, data: st.DataObject) -> None:
    async def go() -> None:
        name = await fuzz.seed(r)
        url_name = data.draw(st.sampled_from([name, name, "missing-name"]))
        body = data.draw(subresource_bodies(r, sub, name))
        ctype = data.draw(st.one_of(st.just(JSON), CONTENT_TYPES))
        params = data.draw(queries())
        await fuzz.probe(
            "POST",
            f"{collection_path(r)}/{url_name}/{sub}",
            data=body,
            content_type=ctype,
            params=params,
            resource=r,
            seed_gone_ok=True,
        )

    fuzz.run(go())


@pytest.mark.parametrize("r", WRITE_RESOURCES, ids=_ids)
@settings(FUZZ, max_examples=5 * SCALE)
@given(
    params=queries(("watch", "resourceVersionMatch")),
    watch=st.booleans(),
    accept=ACCEPTS,
    named=st.booleans(),
)
def test_read_with_odd_queries(
    fuzz: Fuzz,
    r: ResourceInfo,
    params: list[tuple[str, str]],
    watch: bool,
    accept: str,
    named: bool,
) -> None:
    async def go() -> None:
        path = collection_path(r)
        if named:
            path += "/" + await fuzz.seed(r)
        query = [*params, ("watch", "true")] if watch else params
        await fuzz.probe("GET", path, params=query, accept=accept)

    fuzz.run(go())


@FUZZ
@given(data=st.data())
def test_bad_watch_timeouts_are_400(fuzz: Fuzz, data: st.DataObject) -> None:
    """timeoutSeconds is an integer count of seconds; anything else is refused up front."""
    value = data.draw(st.sampled_from(["abc", "nan", "inf", "-inf", "1e400", "1.5x", "0x10"]))
    r = data.draw(st.sampled_from(WRITE_RESOURCES))
    resp = fuzz.run(
        fuzz.probe("GET", collection_path(r), params=[("watch", "true"), ("timeoutSeconds", value)])
    )
    assert resp.status == 400, resp.body


ODD_SEGMENTS = st.sampled_from(
    [
        "bogus",
        "..",
        ".",
        "%2F",
        "a%2Fb",
        "%00",
        "%ZZ",
        "x" * 300,
        "Bad_Name",
        "💥",
        "namespaces",
        "status",
        "scale",
        "binding",
        "log",
        "finalize",
        "-",
        "~",
    ]
)


@settings(FUZZ, max_examples=100 * SCALE)
@given(
    r=st.sampled_from(RESOURCES),
    cut=st.integers(0, 6),
    extra=st.lists(ODD_SEGMENTS, max_size=4),
    method=st.sampled_from(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
    body=st.one_of(st.none(), BROKEN_TEXT, WRONG_SHAPES),
    ctype=st.one_of(CONTENT_TYPES, st.sampled_from(PATCH_TYPES)),
)
def test_odd_paths(
    fuzz: Fuzz,
    r: ResourceInfo,
    cut: int,
    extra: list[str],
    method: str,
    body: bytes | None,
    ctype: str,
) -> None:
    parts = collection_path(r).strip("/").split("/")
    parts = parts[: max(1, len(parts) - cut)] + extra
    path = "/" + "/".join(parts)
    resp = fuzz.run(
        fuzz.probe(method, path, data=body, content_type=ctype, params=[("watch", "false")])
    )
    if method == "HEAD":
        return
    assert resp.status != 200 or method == "GET" or isinstance(resp.body, dict)


def _resource(group: str, plural: str) -> ResourceInfo:
    return next(r for r in RESOURCES if r.group == group and r.plural == plural)


@pytest.mark.parametrize("where", ["body", "query"])
def test_huge_grace_period_on_a_bound_pod(fuzz: Fuzz, where: str) -> None:
    """Found by fuzzing: a grace period past what a Go Duration holds overflowed (500)."""
    pods = _resource("", "pods")

    async def go() -> None:
        name = await fuzz.seed(pods)
        binding = {"apiVersion": "v1", "kind": "Binding", "target": {"name": "node-1"}}
        path = f"{collection_path(pods)}/{name}"
        bound = await fuzz.probe(
            "POST",
            f"{path}/binding",
            data=json.dumps(binding).encode(),
            content_type=JSON,
            resource=pods,
        )
        assert bound.status == 201, bound.body
        body = {"gracePeriodSeconds": 2**62} if where == "body" else None
        params = [("gracePeriodSeconds", str(2**62))] if where == "query" else None
        data = json.dumps(body).encode() if body else None
        resp = await fuzz.probe(
            "DELETE", path, data=data, params=params, content_type=JSON, resource=pods
        )
        assert resp.status == 200, resp.body["message"]

    fuzz.run(go())


def test_token_lifetime_past_two_to_the_32_is_422(fuzz: Fuzz) -> None:
    """Found by fuzzing: expirationSeconds past a datetime's range overflowed (500)."""
    sas = _resource("", "serviceaccounts")

    async def go() -> None:
        name = await fuzz.seed(sas)
        body = {"spec": {"expirationSeconds": 2**62}}
        resp = await fuzz.probe(
            "POST",
            f"{collection_path(sas)}/{name}/token",
            data=json.dumps(body).encode(),
            content_type=JSON,
        )
        assert resp.status == 422, resp.body

    fuzz.run(go())

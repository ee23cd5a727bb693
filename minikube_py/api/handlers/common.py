"""Shared pieces of the REST verbs: limits, query options, response encoding,
and pure helpers over objects and requests."""

from __future__ import annotations

import base64
import json
import logging
from dataclasses import dataclass
from typing import Any

import msgspec
from aiohttp import web

from minikube_py.api import errors, objects, tables
from minikube_py.api.registry import ResourceInfo
from minikube_py.api.strategy import Strategy

log = logging.getLogger(__name__)

PATCH_RETRIES = 8
WATCH_DEFAULT_TIMEOUT = (1800, 3600)  # Kubernetes picks a random timeout in [30m, 60m)
BOOKMARK_INTERVAL = 30.0
DELETECOLLECTION_LIMIT = 10_000
LIST_PAGE = 500
LIST_STREAM_CHUNK = 500  # items per write when a list is streamed out
RV_WAIT = 3.0  # how long a request for a newer resourceVersion waits for it, as Kubernetes
BINDING = "binding"  # the binding subresource writes spec.nodeName past the pod's immutability
MAX_TOKEN_SECONDS = 2**32  # TokenRequest validation's upper bound
# the kinds POSTed to subresources, whose bodies are type-checked against them
SUBRESOURCE_KINDS = {
    "binding": ("v1", "Binding"),
    "eviction": ("policy/v1", "Eviction"),
    "token": ("authentication.k8s.io/v1", "TokenRequest"),
}

_encoder = msgspec.json.Encoder()


def encode(obj: Any) -> bytes:
    return _encoder.encode(obj)


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=encode(body), status=status, content_type="application/json", headers=headers
    )


@dataclass
class Options:
    """Query options shared by the write verbs."""

    dry_run: bool
    field_manager: str
    field_validation: str  # Strict, Warn, Ignore

    @classmethod
    def parse(cls, request: web.Request, default_manager: str) -> Options:
        q = request.query
        dry = q.getall("dryRun", [])
        for d in dry:
            if d != "All":
                raise errors.bad_request(f'Invalid dryRun value "{d}": supported values: "All"')
        fv = q.get("fieldValidation", "Warn") or "Warn"
        if fv not in ("Strict", "Warn", "Ignore"):
            raise errors.bad_request(
                f'invalid fieldValidation directive "{fv}": supported values: "Ignore", "Warn", "Strict"'
            )
        manager = q.get("fieldManager") or default_manager
        if len(manager) > 128:
            raise errors.bad_request("fieldManager: Too long: must have at most 128 bytes")
        return cls(bool(dry), manager, fv)


def default_manager(request: web.Request) -> str:
    agent = request.headers.get("User-Agent", "unknown")
    return agent.split("/", 1)[0][:128] or "unknown"


def kind_check(resource: ResourceInfo, obj: dict[str, Any], expect_kind: str | None = None) -> None:
    kind = expect_kind or resource.kind
    api_version = obj.get("apiVersion")
    if api_version is None or api_version == "":
        obj["apiVersion"] = resource.api_version
    elif api_version != resource.api_version and expect_kind is None:
        raise errors.bad_request(
            f"the API version in the data ({api_version}) does not match the expected API version ({resource.api_version})"
        )
    got = obj.get("kind")
    if got is None or got == "":
        obj["kind"] = kind
    elif got != kind:
        raise errors.bad_request(
            f"the kind in the data ({got}) does not match the expected kind ({kind})"
        )
    meta = obj.get("metadata")
    if meta is None:
        obj["metadata"] = {}
    elif not isinstance(meta, dict):
        raise errors.bad_request("metadata: expected an object")


def deleted_status(resource: ResourceInfo, obj: dict[str, Any]) -> dict[str, Any]:
    """What Kubernetes answers for an object deleted at once (kubectl waits on details.uid)."""
    meta = obj.get("metadata", {})
    details: dict[str, Any] = {"name": meta.get("name", "")}
    if resource.group:
        details["group"] = resource.group
    details["kind"] = resource.plural
    details["uid"] = meta.get("uid", "")
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": details,
    }


def check_watch_options(send_initial: str | None, match: str) -> None:
    """Watch option rules as Kubernetes validates ListOptions (422, not 400)."""
    if send_initial is None or match == "NotOlderThan":
        return
    message = "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"
    raise errors.APIError(
        422,
        "Invalid",
        f'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: {message}',
        details={
            "group": "meta.k8s.io",
            "kind": "ListOptions",
            "causes": [
                {
                    "reason": "FieldValueForbidden",
                    "message": f"Forbidden: {message}",
                    "field": "resourceVersionMatch",
                }
            ],
        },
    )


def ignored(resource: ResourceInfo) -> tuple[str, ...]:
    return ("status",) if resource.has_status else ()


def include_object(request: web.Request) -> str:
    try:
        return tables.check_include_object(request.query.get("includeObject", ""))
    except tables.TableError as exc:
        raise errors.bad_request(str(exc)) from exc


def changed(current: dict[str, Any], new: dict[str, Any]) -> bool:
    a = objects.for_storage(current)
    b = objects.for_storage(new)
    a_meta = {k: v for k, v in a.get("metadata", {}).items() if k != "managedFields"}
    b_meta = {k: v for k, v in b.get("metadata", {}).items() if k != "managedFields"}
    return a_meta != b_meta or {k: v for k, v in a.items() if k != "metadata"} != {
        k: v for k, v in b.items() if k != "metadata"
    }


def int_rv(rv: str) -> int:
    try:
        value = int(rv)
    except ValueError as exc:
        raise errors.bad_request(f'invalid resource version "{rv}"') from exc
    if value < 0:
        raise errors.bad_request(f'invalid resource version "{rv}"')
    return value


def to_scale(strategy: Strategy, obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata", {})
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    sel = strategy.scale_selector(spec.get("selector") or {})
    return {
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            k: meta[k]
            for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
            if k in meta
        },
        "spec": {"replicas": spec.get("replicas", 0)},
        "status": {"replicas": status.get("replicas", 0), "selector": sel},
    }


def encode_continue(revision: int, store_token: str) -> str:
    raw = json.dumps(
        {"v": "meta.k8s.io/v1", "rv": revision, "t": store_token}, separators=(",", ":")
    ).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_continue(token: str) -> tuple[int, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        return int(data["rv"]), str(data["t"])
    except (ValueError, KeyError, TypeError) as exc:
        raise errors.bad_request(f"continue key is not valid: {exc}") from exc

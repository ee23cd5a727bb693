"""What a request asks for: its resource path, its query options, its body.

Parses `/api/v1/...` and `/apis/<group>/<version>/...` paths into a
`RequestInfo`, negotiates the response form from `Accept`, and decodes bodies
(JSON, YAML, Kubernetes protobuf) once, at the edge, with a size bound.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

import yaml
from aiohttp import web

from minikube_py.api import errors
from minikube_py.api.registry import Registry, ResourceInfo

MAX_BODY_BYTES = 3 * 1024 * 1024
# JSON nesting a body may have: Kubernetes objects need a few dozen levels, and the
# walkers here (schema, patch, apply, copies) recurse, so the bound is well below
# Python's recursion limit
MAX_DEPTH = 100
INT_MIN, INT64_MAX, UINT_MAX = -(2**63), 2**63 - 1, 2**64 - 1  # int64 and uint64 bounds

JSON = "application/json"
YAML = "application/yaml"
PROTOBUF = "application/vnd.kubernetes.protobuf"
JSON_PATCH = "application/json-patch+json"
MERGE_PATCH = "application/merge-patch+json"
STRATEGIC_PATCH = "application/strategic-merge-patch+json"
APPLY_PATCH = "application/apply-patch+yaml"
PATCH_TYPES = (JSON_PATCH, MERGE_PATCH, STRATEGIC_PATCH, APPLY_PATCH)


@dataclass
class RequestInfo:
    resource: ResourceInfo
    namespace: str | None
    name: str | None
    subresource: str | None


def parse_path(registry: Registry, path: str) -> RequestInfo | None:
    """Map a resource path to what it names; None when it names no resource."""
    parts = [p for p in path.split("/") if p]
    if not parts:
        return None
    if parts[0] == "api" and len(parts) >= 2:
        group, version, rest = "", parts[1], parts[2:]
    elif parts[0] == "apis" and len(parts) >= 3:
        group, version, rest = parts[1], parts[2], parts[3:]
    else:
        return None
    if not rest:
        return None
    namespace: str | None = None
    ns_info = registry.lookup("", "v1", "namespaces")
    if (
        rest[0] == "namespaces"
        and len(rest) >= 3
        and not (
            group == ""
            and ns_info is not None
            and rest[2] in ns_info.subresources
            and len(rest) == 3
        )
    ):
        namespace, rest = rest[1], rest[2:]
    resource = registry.lookup(group, version, rest[0])
    if resource is None or len(rest) > 3:
        return None
    if namespace is not None and not resource.namespaced:
        return None
    name = rest[1] if len(rest) >= 2 else None
    sub = rest[2] if len(rest) == 3 else None
    if sub is not None and sub not in resource.subresources:
        return None
    return RequestInfo(resource, namespace, name, sub)


def media_type(header: str) -> tuple[str, dict[str, str]]:
    """Split `type/sub;k=v;...` into the bare type and its parameters."""
    parts = [p.strip() for p in header.split(";")]
    params: dict[str, str] = {}
    for p in parts[1:]:
        if "=" in p:
            k, v = p.split("=", 1)
            params[k.strip().lower()] = v.strip()
    return parts[0].lower(), params


def accepts(request: web.Request) -> list[tuple[str, dict[str, str]]]:
    header = request.headers.get("Accept", "") or "*/*"
    return [media_type(item) for item in header.split(",") if item.strip()]


def table_version(request: web.Request) -> str | None:
    """The meta.k8s.io Table version the client asks for first, if any."""
    for mtype, params in accepts(request):
        if (
            params.get("as") == "Table"
            and params.get("g") == "meta.k8s.io"
            and params.get("v") in ("v1", "v1beta1")
        ):
            return f"meta.k8s.io/{params['v']}"
        if mtype in (JSON, "*/*", "application/*", YAML, PROTOBUF):
            return None
    return None


def wants_partial_metadata(request: web.Request) -> bool:
    for mtype, params in accepts(request):
        if (
            params.get("as") in ("PartialObjectMetadata", "PartialObjectMetadataList")
            and params.get("g") == "meta.k8s.io"
        ):
            return True
        if mtype in (JSON, "*/*", "application/*"):
            return False
    return False


async def read_body(request: web.Request) -> bytes:
    if request.content_length is not None and request.content_length > MAX_BODY_BYTES:
        raise errors.too_large(MAX_BODY_BYTES)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.content.iter_chunked(65536):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise errors.too_large(MAX_BODY_BYTES)
        chunks.append(chunk)
    return b"".join(chunks)


def _pairs_hook(dups: list[str]) -> Any:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in pairs:
            if k in out:
                dups.append(k)
            out[k] = v
        return out

    return hook


def _no_constant(name: str) -> Any:
    raise ValueError(f"invalid character {name!r} looking for beginning of value")


def decode_json(data: bytes, dups: list[str] | None = None) -> Any:
    """Strict JSON: no NaN or Infinity literals, bounded nesting, values JSON can carry."""
    try:
        if dups is None:
            value = json.loads(data, parse_constant=_no_constant)
        else:
            value = json.loads(
                data, object_pairs_hook=_pairs_hook(dups), parse_constant=_no_constant
            )
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:
        raise errors.bad_request(
            f"couldn't get version/kind; json parse error: {_first_line(exc)}"
        ) from exc
    check_json_value(value, len(data))
    return value


def _first_line(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text.splitlines()[0][:300]


def check_json_value(value: Any, size: int) -> None:
    """Refuse (400) what decodes but is no JSON document Kubernetes would accept.

    Nesting deeper than MAX_DEPTH (every walker here recurses), more values than
    the text could hold without YAML aliases (an alias bomb), non-finite
    numbers, integers outside int64/uint64, strings that are not Unicode
    (lone surrogates), and YAML-only values (binary, sets, timestamps).
    Iterative, so the check itself cannot overflow the stack.
    """
    budget = 10_000 + 4 * size
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        budget -= 1
        if budget < 0:
            raise errors.bad_request(
                "the request body expands to far more values than it holds (excessive aliasing)"
            )
        if depth > MAX_DEPTH:
            raise errors.bad_request(f"the request body is nested deeper than {MAX_DEPTH} levels")
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, sub in item.items():
                if not isinstance(key, str):
                    raise errors.bad_request(f"object keys must be strings, got {key!r:.80}")
                _check_text(key)
                stack.append((sub, depth + 1))
        elif isinstance(item, list):
            stack.extend((sub, depth + 1) for sub in item)
        elif item is None or isinstance(item, bool):
            continue
        elif isinstance(item, int):
            if not INT_MIN <= item <= UINT_MAX:
                raise errors.bad_request(
                    f"the number {str(item)[:40]} is out of range for an integer"
                )
        elif isinstance(item, float):
            if not math.isfinite(item):
                raise errors.bad_request(f"the number {item} cannot be represented in JSON")
        else:
            raise errors.bad_request(
                f"a value of YAML type {type(item).__name__} cannot be converted to JSON"
            )


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise errors.bad_request(f"invalid Unicode in the request body: {exc.reason}") from exc


class _UniqueKeyLoader(yaml.SafeLoader):
    duplicates: list[str]


def _json_key(key: Any, node: yaml.Node) -> str:
    """A mapping key as the YAML-to-JSON conversion writes it: scalars become strings."""
    if isinstance(key, str):
        return key
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    if isinstance(key, int | float):
        return str(key)
    raise yaml.constructor.ConstructorError(
        None, None, f"a mapping key must be a string, not a {type(key).__name__}", node.start_mark
    )


def _construct_mapping(
    loader: _UniqueKeyLoader, node: yaml.MappingNode, deep: bool = False
) -> dict[Any, Any]:
    loader.flatten_mapping(node)
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _json_key(loader.construct_object(key_node, deep=True), key_node)  # type: ignore[no-untyped-call]
        if key in out:
            loader.duplicates.append(str(key))
        out[key] = loader.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
    return out


_UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)  # type: ignore[arg-type]
# Kubernetes YAML is YAML 1.2-ish: timestamps stay strings
_UniqueKeyLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def decode_yaml(data: bytes, dups: list[str] | None = None) -> Any:
    try:
        loader = _UniqueKeyLoader(data.decode("utf-8", errors="replace"))
    except yaml.YAMLError as exc:  # the reader refuses control characters up front
        raise errors.bad_request(f"error converting YAML to JSON: {_first_line(exc)}") from exc
    loader.duplicates = dups if dups is not None else []
    try:
        value = loader.get_single_data()
    except (yaml.YAMLError, RecursionError) as exc:
        raise errors.bad_request(f"error converting YAML to JSON: {_first_line(exc)}") from exc
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]
    check_json_value(value, len(data))
    return value


def decode_typed_body(
    content_type: str, data: bytes, api_version: str, kind: str
) -> dict[str, Any]:
    """Decode the body of an options kind (DeleteOptions, Eviction, Binding,
    TokenRequest, Scale), refusing (400) values of the wrong type as Kubernetes'
    typed decoding does; what reads it can then trust the types."""
    obj = decode_object_body(content_type, data, [])
    check_types(obj, api_version, kind)
    return obj


def check_types(obj: dict[str, Any], api_version: str, kind: str) -> None:
    from minikube_py.api.schema import node_for_kind, walk

    issues = walk(obj, node_for_kind(api_version, kind)).type_errors
    if issues:
        wrong = "; ".join(f"{i.path}: expected {i.expected}, got {i.got}" for i in issues[:20])
        raise errors.bad_request(f"{kind} in version {api_version!r} cannot be decoded: {wrong}")


def int_query(request: web.Request, name: str) -> int | None:
    """An integer query parameter (int64, as Kubernetes parses it); None when unset."""
    raw = request.query.get(name)
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not INT_MIN <= value <= INT64_MAX:
        raise errors.bad_request(f'invalid {name} "{raw[:60]}": must be a 64-bit integer')
    return value


def check_dry_run(values: list[str]) -> None:
    for value in values:
        if value != "All":
            raise errors.bad_request(f'Invalid dryRun value "{value}": supported values: "All"')


def decode_object_body(content_type: str, data: bytes, dups: list[str]) -> dict[str, Any]:
    """Decode a create/update body into an object dict."""
    mtype, _ = media_type(content_type or JSON)
    if not data.strip():
        raise errors.bad_request("the request body is empty; an object was expected")
    if mtype == PROTOBUF:
        from minikube_py.api import protobuf

        try:
            obj: Any = protobuf.decode_body(data)
        except protobuf.ProtobufError as exc:
            raise errors.bad_request(f"unable to decode protobuf body: {exc}") from exc
        check_json_value(obj, len(data))
    elif mtype in (JSON, "*/*", ""):
        obj = decode_json(data, dups)
    elif mtype in (YAML, "application/x-yaml", "text/yaml"):
        obj = decode_yaml(data, dups)
    else:
        raise errors.unsupported_media(content_type)
    if not isinstance(obj, dict):
        raise errors.bad_request("the request body must be a JSON or YAML object")
    return obj

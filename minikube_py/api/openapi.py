"""OpenAPI documents generated from the models in `model/` and the Registry.

Built once at startup by `build_openapi(registry)`:

- `/openapi/v3`: an index naming one document per group-version
  (`api/v1`, `apis/apps/v1`, ...) with a content hash in its URL;
- each per-group-version OpenAPI 3.0 document: every path and verb of the
  group-version's resources and subresources, each operation tagged with
  `x-kubernetes-action` and `x-kubernetes-group-version-kind` and taking
  `dryRun`, `fieldManager` and `fieldValidation` where Kubernetes does (kubectl
  checks the patch operation for `fieldValidation` before it leaves validation
  to the server), and `components.schemas` with every schema reachable;
- `/openapi/v2`: the same as one Swagger 2.0 document, in JSON and in the
  protobuf form kubectl asks for (`openapi_proto.py`).

Schemas are named and shaped as Kubernetes names and shapes them
(`io.k8s.api.core.v1.Pod`, Quantity and IntOrString as `oneOf`, references to
described fields wrapped in `allOf`), carry the patch and list extensions the
models declare, and each top-level kind carries `x-kubernetes-group-version-kind`.
`schema_for` hands the patch and field-validation code a kind's schema.
This module serves nothing itself; `server.py` does.
"""

from __future__ import annotations

import copy
import hashlib
import inspect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import msgspec
import msgspec.inspect as mi

from minikube_py import model
from minikube_py.api.discovery import SUBRESOURCES
from minikube_py.api.openapi_proto import encode_swagger
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.model._base import (
    FIELDS_V1_SCHEMA,
    INT_OR_STRING_SCHEMA,
    MICRO_TIME_SCHEMA,
    QUANTITY_SCHEMA,
    RAW_EXTENSION_SCHEMA,
    SCHEMA_REF,
    TIME_SCHEMA,
)

__all__ = [
    "V3_REF",
    "OpenAPIDocs",
    "build_openapi",
    "component_schemas",
    "doc_path",
    "schema_for",
    "schema_for_kind",
]

Schema = dict[str, Any]

V3_REF = "#/components/schemas/"
V2_REF = "#/definitions/"
META = "io.k8s.apimachinery.pkg.apis.meta.v1"
STATUS = f"{META}.Status"
DELETE_OPTIONS = f"{META}.DeleteOptions"
PATCH = f"{META}.Patch"
WATCH_EVENT = f"{META}.WatchEvent"
FREE_FORM: Schema = {"type": "object", "x-kubernetes-preserve-unknown-fields": True}

# named scalars: the v3 shape (v2 shapes in _V2_SCALARS)
_SCALARS: dict[str, Schema] = {
    TIME_SCHEMA: {
        "description": "A timestamp in RFC 3339 form, to the second, e.g. 2024-05-01T10:00:00Z.",
        "type": "string",
        "format": "date-time",
    },
    MICRO_TIME_SCHEMA: {
        "description": "A timestamp in RFC 3339 form with microseconds.",
        "type": "string",
        "format": "date-time",
    },
    QUANTITY_SCHEMA: {
        "description": "A resource amount: a number with an optional suffix, e.g. 500m, 1.5, 2Gi, 1e3.",
        "oneOf": [{"type": "string"}, {"type": "number"}],
    },
    INT_OR_STRING_SCHEMA: {
        "description": 'An int32 or a string, e.g. a port number or name, or a count or "25%".',
        "format": "int-or-string",
        "oneOf": [{"type": "integer"}, {"type": "string"}],
        "x-kubernetes-int-or-string": True,
    },
    FIELDS_V1_SCHEMA: {
        "description": "A set of field paths, encoded as a JSON trie.",
        "type": "object",
        "x-kubernetes-preserve-unknown-fields": True,
    },
    RAW_EXTENSION_SCHEMA: {
        "description": "An embedded object of any kind.",
        "type": "object",
        "x-kubernetes-preserve-unknown-fields": True,
    },
}
_V2_SCALARS: dict[str, Schema] = {
    QUANTITY_SCHEMA: {"description": _SCALARS[QUANTITY_SCHEMA]["description"], "type": "string"},
    INT_OR_STRING_SCHEMA: {
        "description": _SCALARS[INT_OR_STRING_SCHEMA]["description"],
        "type": "string",
        "format": "int-or-string",
    },
}


# --------------------------------------------------------------------------- schemas


class _SchemaBuilder:
    """Turns msgspec models into Kubernetes-shaped OpenAPI v3 component schemas."""

    def __init__(self) -> None:
        self.components: dict[str, Schema] = {}

    def add_struct(self, info: mi.StructType) -> str:
        cls = info.cls
        name = model.schema_name(cls)
        if name in self.components:
            return name
        out: Schema = {}
        self.components[name] = out  # registered first: recursive types terminate
        description = inspect.getdoc(cls)
        if description:
            out["description"] = " ".join(description.split())
        properties: Schema = {}
        required: list[str] = []
        for f in info.fields:
            properties[f.encode_name] = self.field(f.type)
            if f.required:
                required.append(f.encode_name)
        out["type"] = "object"
        if properties:
            out["properties"] = properties
        if required:
            out["required"] = required
        return name

    def field(self, t: mi.Type) -> Schema:
        """The schema of a field or item type."""
        if isinstance(t, mi.Metadata):
            extra_ref = (t.extra or {}).get(SCHEMA_REF)
            if isinstance(extra_ref, str):
                self.components.setdefault(extra_ref, copy.deepcopy(_SCALARS[extra_ref]))
                inner: Schema = {"$ref": V3_REF + extra_ref}
            else:
                inner = self.field(t.type)
            extra = dict(t.extra_json_schema or {})
            if not extra:
                return inner
            if "$ref" in inner:
                # Kubernetes keeps $ref alone and puts what it adds beside an allOf
                return {"allOf": [inner], **extra}
            return {**inner, **extra}
        if isinstance(t, mi.UnionType):
            members = [m for m in t.types if not isinstance(m, mi.NoneType)]
            if len(members) == 1:
                return self.field(members[0])
            return {"anyOf": [self.field(m) for m in members]}
        if isinstance(t, mi.StructType):
            return {"$ref": V3_REF + self.add_struct(t)}
        if isinstance(t, mi.StrType):
            return {"type": "string"}
        if isinstance(t, mi.BoolType):
            return {"type": "boolean"}
        if isinstance(t, mi.IntType):
            return {"type": "integer"}
        if isinstance(t, mi.FloatType):
            return {"type": "number"}
        if isinstance(t, mi.ListType | mi.VarTupleType | mi.SetType | mi.FrozenSetType):
            return {"type": "array", "items": self.field(t.item_type)}
        if isinstance(t, mi.DictType):
            if isinstance(t.value_type, mi.AnyType):
                return dict(FREE_FORM)
            return {"type": "object", "additionalProperties": self.field(t.value_type)}
        if isinstance(t, mi.AnyType):
            return {}
        raise TypeError(f"no OpenAPI form for {t!r}")


def _gvk(api_version: str, kind: str) -> dict[str, str]:
    group, _, version = api_version.rpartition("/")
    return {"group": group, "kind": kind, "version": version}


@cache
def component_schemas() -> dict[str, Schema]:
    """Every model's v3 component schema by Kubernetes name, kinds tagged with their GVK.

    Shared and cached: callers must not modify what they get.
    """
    builder = _SchemaBuilder()
    gvks: dict[str, list[dict[str, str]]] = {}
    # one inspection for every model: nested types are shared, not re-inspected per kind
    infos = mi.multi_type_info([*model.KINDS.values(), model.meta.Patch])
    for (api_version, kind), info in zip(model.KINDS, infos, strict=False):
        assert isinstance(info, mi.StructType)
        gvks.setdefault(builder.add_struct(info), []).append(_gvk(api_version, kind))
    patch_info = infos[-1]  # request bodies of patch operations
    assert isinstance(patch_info, mi.StructType)
    builder.add_struct(patch_info)
    for group, version in sorted({(r.group, r.version) for r in _all_resources() if r.group}):
        for name, kind in ((DELETE_OPTIONS, "DeleteOptions"), (WATCH_EVENT, "WatchEvent")):
            gvks[name].append({"group": group, "kind": kind, "version": version})
    for name, entries in gvks.items():
        builder.components[name]["x-kubernetes-group-version-kind"] = entries
    return builder.components


def _all_resources() -> tuple[ResourceInfo, ...]:
    return Registry().resources


def _kind_schema_name(api_version: str, kind: str) -> str | None:
    cls = model.model_for(api_version, kind)
    return model.schema_name(cls) if cls is not None else None


def schema_for(resource: ResourceInfo) -> tuple[Schema, dict[str, Schema]]:
    """(root schema, components) of a resource's kind; free-form when no model exists."""
    name = resource.schema_name or _kind_schema_name(resource.api_version, resource.kind)
    return schema_for_kind_name(name)


def schema_for_kind(api_version: str, kind: str) -> tuple[Schema, dict[str, Schema]]:
    """(root schema, components) of any kind we model, e.g. ("autoscaling/v1", "Scale")."""
    return schema_for_kind_name(_kind_schema_name(api_version, kind))


def schema_for_kind_name(name: str | None) -> tuple[Schema, dict[str, Schema]]:
    components = component_schemas()
    root = components.get(name) if name else None
    return (root if root is not None else dict(FREE_FORM)), components


# --------------------------------------------------------------------------- paths

_MEDIA = ("application/json", "application/yaml", "application/vnd.kubernetes.protobuf")
_WATCH_MEDIA = (
    "application/json",
    "application/yaml",
    "application/vnd.kubernetes.protobuf",
    "application/json;stream=watch",
    "application/vnd.kubernetes.protobuf;stream=watch",
)
_PATCH_MEDIA = (
    "application/apply-patch+yaml",
    "application/json-patch+json",
    "application/merge-patch+json",
    "application/strategic-merge-patch+json",
)


def _query(name: str, type_: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "query",
        "description": description,
        "schema": {"type": type_, "uniqueItems": True},
    }


def _path_param(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": {"type": "string", "uniqueItems": True},
    }


P_PRETTY = _query("pretty", "string", "If 'true', the output is pretty printed.")
P_NAMESPACE = _path_param("namespace", "object name and auth scope, such as for teams and projects")
P_DRY_RUN = _query("dryRun", "string", "All: run every stage of the request but persist nothing.")
P_FIELD_MANAGER = _query(
    "fieldManager", "string", "Name of the actor making the change, for field ownership."
)
P_FIELD_VALIDATION = _query(
    "fieldValidation",
    "string",
    "How unknown and duplicate fields are handled: Ignore drops them, Warn drops them with a "
    "warning, Strict fails the request.",
)
P_FORCE = _query("force", "boolean", "Apply only: take ownership of conflicting fields.")
P_GRACE = _query(
    "gracePeriodSeconds", "integer", "Seconds before the object is deleted; 0 means now."
)
P_ORPHAN = _query("orphanDependents", "boolean", "Deprecated: use propagationPolicy.")
P_PROPAGATION = _query(
    "propagationPolicy", "string", "Orphan, Background or Foreground garbage collection."
)
P_IGNORE_STORE = _query(
    "ignoreStoreReadErrorWithClusterBreakingPotential",
    "boolean",
    "Delete even if the stored object is unreadable.",
)
_LIST_PARAMS = [
    _query("allowWatchBookmarks", "boolean", "Ask for BOOKMARK events in a watch."),
    _query("continue", "string", "Token from a previous limited list, to fetch the next chunk."),
    _query("fieldSelector", "string", "Restrict the objects by their fields."),
    _query("labelSelector", "string", "Restrict the objects by their labels."),
    _query(
        "limit", "integer", "Most items to return; a continue token follows when there are more."
    ),
    _query("resourceVersion", "string", "What resource version the result may be served from."),
    _query("resourceVersionMatch", "string", "How resourceVersion applies: Exact or NotOlderThan."),
    _query(
        "sendInitialEvents", "boolean", "Start a watch with the current objects as ADDED events."
    ),
    _query("timeoutSeconds", "integer", "Time limit of the call."),
    _query("watch", "boolean", "Stream changes instead of returning a list."),
]
_LIST_NO_WATCH = [
    p
    for p in _LIST_PARAMS
    if p["name"] not in ("watch", "allowWatchBookmarks", "sendInitialEvents")
]


def _ref(name: str) -> Schema:
    return {"$ref": V3_REF + name}


def _content(name: str | None, media: Iterable[str] = _MEDIA, *, text: bool = False) -> Schema:
    schema: Schema = {"type": "string"} if text or name is None else _ref(name)
    return {mt: {"schema": schema} for mt in media}


def _responses(name: str | None, codes: Iterable[str] = ("200",), *, text: bool = False) -> Schema:
    labels = {"200": "OK", "201": "Created", "202": "Accepted"}
    out: Schema = {
        c: {"description": labels[c], "content": _content(name, text=text)} for c in codes
    }
    out["401"] = {"description": "Unauthorized"}
    return out


def _body(name: str, media: Iterable[str] = ("*/*",)) -> Schema:
    return {"content": {mt: {"schema": _ref(name)} for mt in media}, "required": True}


@dataclass
class _GV:
    """The operations of one group-version, filled resource by resource."""

    group: str
    version: str
    paths: dict[str, Schema] = field(default_factory=dict)

    @property
    def prefix(self) -> str:
        return f"/apis/{self.group}/{self.version}" if self.group else f"/api/{self.version}"

    @property
    def tag(self) -> str:
        return f"{(self.group.split('.')[0] if self.group else 'core')}_{self.version}"

    @property
    def id_part(self) -> str:
        group = self.group.split(".")[0] if self.group else "core"
        return f"{group[:1].upper()}{group[1:]}{self.version[:1].upper()}{self.version[1:]}"

    def add(self, path: str, method: str, op: Schema, path_params: list[Schema]) -> None:
        entry = self.paths.setdefault(path, {"parameters": [*path_params, P_PRETTY]})
        if method in entry:
            raise ValueError(f"duplicate operation {method} {path}")
        op.setdefault("tags", [self.tag])
        entry[method] = op


def _op(
    description: str, op_id: str, action: str, gvk: dict[str, str], responses: Schema, **more: Any
) -> Schema:
    out: Schema = {"description": description, "operationId": op_id, "responses": responses}
    out.update(more)
    out["x-kubernetes-action"] = action
    out["x-kubernetes-group-version-kind"] = gvk
    return out


def _write_params(*, patch: bool = False) -> list[Schema]:
    params = [P_DRY_RUN, P_FIELD_MANAGER, P_FIELD_VALIDATION]
    return [*params, P_FORCE] if patch else params


def _add_resource(gv: _GV, r: ResourceInfo) -> None:
    kind_schema = r.schema_name or _kind_schema_name(r.api_version, r.kind) or ""
    list_schema = _kind_schema_name(r.api_version, r.list_kind) or ""
    gvk = _gvk(r.api_version, r.kind)
    ns_word = "Namespaced" if r.namespaced else ""
    ns_params = [P_NAMESPACE] if r.namespaced else []
    ns_path = "/namespaces/{namespace}" if r.namespaced else ""
    name_param = _path_param("name", f"name of the {r.kind}")
    collection = f"{gv.prefix}{ns_path}/{r.plural}"
    item = f"{collection}/{{name}}"
    ident = f"{gv.id_part}{ns_word}{r.kind}"
    verbs = set(r.verbs)

    if "list" in verbs:
        gv.add(
            collection,
            "get",
            _op(
                f"list or watch objects of kind {r.kind}",
                f"list{ident}",
                "list",
                gvk,
                _responses(list_schema),
                parameters=list(_LIST_PARAMS),
            ),
            ns_params,
        )
        if r.namespaced:
            gv.add(
                f"{gv.prefix}/{r.plural}",
                "get",
                _op(
                    f"list or watch objects of kind {r.kind} in every namespace",
                    f"list{gv.id_part}{r.kind}ForAllNamespaces",
                    "list",
                    gvk,
                    _responses(list_schema),
                    parameters=list(_LIST_PARAMS),
                ),
                [],
            )
    if "create" in verbs:
        gv.add(
            collection,
            "post",
            _op(
                f"create a {r.kind}",
                f"create{ident}",
                "post",
                gvk,
                _responses(kind_schema, ("200", "201", "202")),
                parameters=_write_params(),
                requestBody=_body(kind_schema),
            ),
            ns_params,
        )
    if "deletecollection" in verbs:
        gv.add(
            collection,
            "delete",
            _op(
                f"delete a collection of {r.kind}",
                f"deleteCollection{ident}",
                "deletecollection",
                gvk,
                _responses(STATUS),
                parameters=[
                    P_GRACE,
                    P_IGNORE_STORE,
                    P_ORPHAN,
                    P_PROPAGATION,
                    P_DRY_RUN,
                    *_LIST_NO_WATCH,
                ],
                requestBody=_body(DELETE_OPTIONS, ("application/json",)),
            ),
            ns_params,
        )
    item_params = [name_param, *ns_params]
    if "get" in verbs:
        gv.add(
            item,
            "get",
            _op(
                f"read the specified {r.kind}", f"read{ident}", "get", gvk, _responses(kind_schema)
            ),
            item_params,
        )
    if "update" in verbs:
        gv.add(
            item,
            "put",
            _op(
                f"replace the specified {r.kind}",
                f"replace{ident}",
                "put",
                gvk,
                _responses(kind_schema, ("200", "201")),
                parameters=_write_params(),
                requestBody=_body(kind_schema),
            ),
            item_params,
        )
    if "patch" in verbs:
        gv.add(
            item,
            "patch",
            _op(
                f"partially update the specified {r.kind}",
                f"patch{ident}",
                "patch",
                gvk,
                _responses(kind_schema, ("200", "201")),
                parameters=_write_params(patch=True),
                requestBody=_body(PATCH, _PATCH_MEDIA),
            ),
            item_params,
        )
    if "delete" in verbs:
        gv.add(
            item,
            "delete",
            _op(
                f"delete a {r.kind}",
                f"delete{ident}",
                "delete",
                gvk,
                {**_responses(kind_schema, ("200", "202"))},
                parameters=[P_DRY_RUN, P_GRACE, P_IGNORE_STORE, P_ORPHAN, P_PROPAGATION],
                requestBody=_body(DELETE_OPTIONS, ("application/json",)),
            ),
            item_params,
        )
    if "watch" in verbs:
        watch_params = list(_LIST_PARAMS)
        gv.add(
            f"{gv.prefix}/watch{ns_path}/{r.plural}",
            "get",
            _op(
                f"watch changes to a list of {r.kind}; deprecated, use watch on the list",
                f"watch{ident}List",
                "watchlist",
                gvk,
                _watch_responses(),
                parameters=watch_params,
            ),
            ns_params,
        )
        gv.add(
            f"{gv.prefix}/watch{ns_path}/{r.plural}/{{name}}",
            "get",
            _op(
                f"watch changes to a {r.kind}; deprecated, use watch on the list with a fieldSelector",
                f"watch{ident}",
                "watch",
                gvk,
                _watch_responses(),
                parameters=watch_params,
            ),
            item_params,
        )
        if r.namespaced:
            gv.add(
                f"{gv.prefix}/watch/{r.plural}",
                "get",
                _op(
                    f"watch changes to {r.kind} in every namespace; deprecated",
                    f"watch{gv.id_part}{r.kind}ListForAllNamespaces",
                    "watchlist",
                    gvk,
                    _watch_responses(),
                    parameters=watch_params,
                ),
                [],
            )
    for sub in r.subresources:
        _add_subresource(gv, r, sub, item, item_params, ident, kind_schema)


def _watch_responses() -> Schema:
    return {
        "200": {"description": "OK", "content": _content(WATCH_EVENT, _WATCH_MEDIA)},
        "401": {"description": "Unauthorized"},
    }


_CONNECT_PARAMS: dict[str, list[Schema]] = {
    "exec": [
        _query("command", "string", "Command to run; repeat for each argument."),
        _query("container", "string", "Container to run it in; the only one by default."),
        _query("stdin", "boolean", "Redirect standard input."),
        _query("stdout", "boolean", "Redirect standard output."),
        _query("stderr", "boolean", "Redirect standard error."),
        _query("tty", "boolean", "Allocate a TTY."),
    ],
    "attach": [
        _query("container", "string", "Container to attach to; the only one by default."),
        _query("stdin", "boolean", "Redirect standard input."),
        _query("stdout", "boolean", "Redirect standard output."),
        _query("stderr", "boolean", "Redirect standard error."),
        _query("tty", "boolean", "Allocate a TTY."),
    ],
    "portforward": [_query("ports", "integer", "Pod ports to forward.")],
    "log": [
        _query("container", "string", "Container whose log to read."),
        _query("follow", "boolean", "Stream the log."),
        _query(
            "insecureSkipTLSVerifyBackend",
            "boolean",
            "Skip verifying the node's serving certificate.",
        ),
        _query("limitBytes", "integer", "Most bytes to return."),
        _query("previous", "boolean", "The log of the previous, terminated container."),
        _query("sinceSeconds", "integer", "Only lines newer than this many seconds."),
        _query("sinceTime", "string", "Only lines newer than this RFC 3339 time."),
        _query("stream", "string", "All, Stdout or Stderr."),
        _query("tailLines", "integer", "Only the last lines."),
        _query("timestamps", "boolean", "Prefix each line with its RFC 3339 time."),
    ],
}


def _add_subresource(
    gv: _GV,
    r: ResourceInfo,
    sub: str,
    item: str,
    item_params: list[Schema],
    ident: str,
    kind_schema: str,
) -> None:
    verbs, sub_gvk = SUBRESOURCES.get(sub, (("get",), None))
    if sub_gvk is None:
        gvk, schema = _gvk(r.api_version, r.kind), kind_schema
    else:
        group, version, kind = sub_gvk
        api_version = f"{group}/{version}" if group else version
        gvk, schema = _gvk(api_version, kind), _kind_schema_name(api_version, kind) or ""
    path = f"{item}/{sub}"
    sub_id = f"{ident}{sub[:1].upper()}{sub[1:]}"
    if sub in ("exec", "attach", "portforward"):
        for method in ("get", "post"):
            gv.add(
                path,
                method,
                _op(
                    f"connect {method.upper()} requests to {sub} of {r.kind}",
                    f"connect{gv.id_part}{method.title()}{sub_id[len(gv.id_part) :]}",
                    "connect",
                    gvk,
                    _responses(None, text=True),
                    parameters=list(_CONNECT_PARAMS[sub]),
                ),
                item_params,
            )
        return
    if sub == "log":
        gv.add(
            path,
            "get",
            _op(
                f"read the log of the specified {r.kind}",
                f"read{sub_id}",
                "get",
                gvk,
                _responses(None, text=True),
                parameters=list(_CONNECT_PARAMS["log"]),
            ),
            item_params,
        )
        return
    if "get" in verbs:
        gv.add(
            path,
            "get",
            _op(
                f"read {sub} of the specified {r.kind}",
                f"read{sub_id}",
                "get",
                gvk,
                _responses(schema),
            ),
            item_params,
        )
    if "update" in verbs:
        gv.add(
            path,
            "put",
            _op(
                f"replace {sub} of the specified {r.kind}",
                f"replace{sub_id}",
                "put",
                gvk,
                _responses(schema, ("200", "201")),
                parameters=_write_params(),
                requestBody=_body(schema),
            ),
            item_params,
        )
    if "patch" in verbs:
        gv.add(
            path,
            "patch",
            _op(
                f"partially update {sub} of the specified {r.kind}",
                f"patch{sub_id}",
                "patch",
                gvk,
                _responses(schema, ("200", "201")),
                parameters=_write_params(patch=True),
                requestBody=_body(PATCH, _PATCH_MEDIA),
            ),
            item_params,
        )
    if "create" in verbs:
        gv.add(
            path,
            "post",
            _op(
                f"create {sub} of a {r.kind}",
                f"create{sub_id}",
                "post",
                gvk,
                _responses(schema, ("200", "201", "202")),
                parameters=_write_params(),
                requestBody=_body(schema),
            ),
            item_params,
        )


# --------------------------------------------------------------------------- documents


def _refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(V3_REF):
            yield ref[len(V3_REF) :]
        for v in value.values():
            yield from _refs(v)
    elif isinstance(value, list):
        for v in value:
            yield from _refs(v)


def _closure(roots: Iterable[str], components: dict[str, Schema]) -> dict[str, Schema]:
    out: dict[str, Schema] = {}
    todo = list(roots)
    while todo:
        name = todo.pop()
        if name in out or name not in components:
            continue
        out[name] = components[name]
        todo.extend(_refs(components[name]))
    return dict(sorted(out.items()))


def doc_path(group: str, version: str) -> str:
    """The /openapi/v3/<path> of a group-version's document: api/v1, apis/apps/v1, ..."""
    return f"apis/{group}/{version}" if group else f"api/{version}"


def _encode(doc: Any) -> bytes:
    return msgspec.json.encode(doc, order="sorted")


def _hash(data: bytes) -> str:
    return hashlib.sha512(data).hexdigest().upper()


def _v3_document(gv: _GV, components: dict[str, Schema]) -> Schema:
    return {
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes", "version": "v1.33.0"},
        "paths": gv.paths,
        "components": {
            "schemas": _closure(_refs(gv.paths), components),
            "securitySchemes": {
                "BearerToken": {
                    "type": "apiKey",
                    "name": "authorization",
                    "in": "header",
                    "description": "Bearer Token authentication",
                },
            },
        },
        "security": [{"BearerToken": []}],
    }


# --- Swagger 2.0 -----------------------------------------------------------------------


def _to_v2(value: Any) -> Any:
    """A v3 schema rewritten for Swagger 2.0: #/definitions/ references, no allOf wrappers."""
    if isinstance(value, list):
        return [_to_v2(v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _to_v2(v) for k, v in value.items()}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith(V3_REF):
        out["$ref"] = V2_REF + ref[len(V3_REF) :]
    all_of = out.get("allOf")
    if isinstance(all_of, list) and len(all_of) == 1 and set(all_of[0]) == {"$ref"}:
        del out["allOf"]
        out["$ref"] = all_of[0]["$ref"]
    return out


def _v2_param(p: Schema) -> Schema:
    out = {k: v for k, v in p.items() if k != "schema"}
    out.update(p.get("schema", {}))
    return out


def _v2_operation(op: Schema) -> Schema:
    out: Schema = {
        k: v for k, v in op.items() if k not in ("parameters", "requestBody", "responses")
    }
    params = [_v2_param(p) for p in op.get("parameters", [])]
    body = op.get("requestBody")
    if body is not None:
        media = list(body["content"])
        out["consumes"] = media
        params.insert(
            0,
            {
                "name": "body",
                "in": "body",
                "required": True,
                "schema": _to_v2(body["content"][media[0]]["schema"]),
            },
        )
    if params:
        out["parameters"] = params
    responses: Schema = {}
    produces: list[str] = []
    for code, resp in op["responses"].items():
        entry: Schema = {"description": resp["description"]}
        content = resp.get("content")
        if content:
            produces = produces or list(content)
            entry["schema"] = _to_v2(next(iter(content.values()))["schema"])
        responses[code] = entry
    if produces:
        out["produces"] = produces
    out["responses"] = responses
    out["schemes"] = ["https"]
    return out


def _v2_document(gvs: Iterable[_GV], components: dict[str, Schema]) -> Schema:
    paths: dict[str, Schema] = {}
    for gv in gvs:
        for path, entry in gv.paths.items():
            paths[path] = {
                k: ([_v2_param(p) for p in v] if k == "parameters" else _v2_operation(v))
                for k, v in entry.items()
            }
    definitions = _to_v2(components)
    for name, shape in _V2_SCALARS.items():
        if name in definitions:
            definitions[name] = dict(shape)
    return {
        "swagger": "2.0",
        "info": {"title": "Kubernetes", "version": "v1.33.0"},
        "paths": paths,
        "definitions": definitions,
        "securityDefinitions": {
            "BearerToken": {
                "type": "apiKey",
                "name": "authorization",
                "in": "header",
                "description": "Bearer Token authentication",
            },
        },
        "security": [{"BearerToken": []}],
    }


# --- the bundle ------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAPIDocs:
    """Every OpenAPI document the server serves, encoded once, with content hashes."""

    # /openapi/v3: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=..."}}}
    v3_index: bytes
    # "api/v1", "apis/apps/v1", ... -> the encoded document
    v3_docs: dict[str, bytes]
    # same keys -> uppercase hex SHA-512 of the document (its ETag and ?hash=)
    v3_hashes: dict[str, str]
    # /openapi/v2 as Swagger 2.0 JSON, and its hash
    v2: bytes
    v2_hash: str
    # /openapi/v2 as gnostic protobuf (openapi_proto.MEDIA_TYPE), what kubectl asks for
    v2_protobuf: bytes
    # the v3 component schemas every document draws from
    components: dict[str, Schema]

    def schema_for(self, resource: ResourceInfo) -> tuple[Schema, dict[str, Schema]]:
        """(root schema, components) of a resource's kind, for patches and field checks."""
        return schema_for(resource)

    def v3_doc(self, path: str) -> Schema:
        """A per-group-version document decoded, e.g. v3_doc("apis/apps/v1")."""
        doc: Schema = msgspec.json.decode(self.v3_docs[path])
        return doc


def build_openapi(registry: Registry) -> OpenAPIDocs:
    """Build every document for the registry's resources."""
    components = component_schemas()
    gvs: dict[tuple[str, str], _GV] = {}
    for r in registry.resources:
        gv = gvs.setdefault((r.group, r.version), _GV(r.group, r.version))
        _add_resource(gv, r)
    docs: dict[str, bytes] = {}
    hashes: dict[str, str] = {}
    index: dict[str, Schema] = {}
    for (group, version), gv in gvs.items():
        path = doc_path(group, version)
        data = _encode(_v3_document(gv, components))
        docs[path] = data
        hashes[path] = _hash(data)
        index[path] = {"serverRelativeURL": f"/openapi/v3/{path}?hash={hashes[path]}"}
    v2_doc = _v2_document(gvs.values(), components)
    v2 = _encode(v2_doc)
    return OpenAPIDocs(
        v3_index=_encode({"paths": index}),
        v3_docs=docs,
        v3_hashes=hashes,
        v2=v2,
        v2_hash=_hash(v2),
        v2_protobuf=encode_swagger(v2_doc),
        components=components,
    )

"""The Swagger 2.0 document in the protobuf form kubectl asks /openapi/v2 for.

kubectl reads /openapi/v2 only as `application/com.github.proto-openapi.spec.v2@v1.0+protobuf`
(gnostic's `openapi.v2.Document`). kubectl 1.27 and 1.28 fetch it for `explain` and
for client-side validation before they look at v3, so it must be served. Encoded
here: the document, its info, paths with operations and parameters, and every
definition with what kubectl reads (type, format, description, $ref, required,
properties, items, additionalProperties, enum, allOf and `x-` extensions, whose
values gnostic carries as YAML text; JSON is YAML).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from minikube_py.api.protobuf._wire import Writer

__all__ = ["MEDIA_TYPE", "encode_swagger"]

MEDIA_TYPE = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf"

_METHODS = {"get": 2, "put": 3, "post": 4, "delete": 5, "options": 6, "head": 7, "patch": 8}


def _str(w: Writer, number: int, value: Any) -> None:
    if isinstance(value, str) and value:
        w.bytes_field(number, value.encode())


def _strs(w: Writer, number: int, values: Any) -> None:
    for value in values or ():
        w.bytes_field(number, str(value).encode())


def _bool(w: Writer, number: int, value: Any) -> None:
    if value is True:
        w.varint_field(number, 1)


def _msg(w: Writer, number: int, body: bytes) -> None:
    w.bytes_field(number, body)


def _any(value: Any) -> bytes:
    w = Writer()
    w.bytes_field(2, msgspec.json.encode(value))  # Any.yaml
    return w.getvalue()


def _named(name: str, value: bytes) -> bytes:
    w = Writer()
    w.bytes_field(1, name.encode())
    w.bytes_field(2, value)
    return w.getvalue()


def _extensions(w: Writer, number: int, obj: Mapping[str, Any]) -> None:
    for key, value in obj.items():
        if key.startswith("x-"):
            _msg(w, number, _named(key, _any(value)))


def _schema(s: Mapping[str, Any]) -> bytes:
    w = Writer()
    _str(w, 1, s.get("$ref"))
    _str(w, 2, s.get("format"))
    _str(w, 3, s.get("title"))
    _str(w, 4, s.get("description"))
    if "default" in s:
        _msg(w, 5, _any(s["default"]))
    _bool(w, 16, s.get("uniqueItems"))
    _strs(w, 19, s.get("required"))
    for value in s.get("enum") or ():
        _msg(w, 20, _any(value))
    additional = s.get("additionalProperties")
    if isinstance(additional, Mapping):
        _msg(w, 21, _named_free(1, _schema(additional)))
    elif isinstance(additional, bool):
        inner = Writer()
        inner.varint_field(2, int(additional))
        _msg(w, 21, inner.getvalue())
    kind = s.get("type")
    if kind:
        inner = Writer()
        _strs(inner, 1, [kind] if isinstance(kind, str) else kind)
        _msg(w, 22, inner.getvalue())
    items = s.get("items")
    if isinstance(items, Mapping):
        _msg(w, 23, _named_free(1, _schema(items)))
    for member in s.get("allOf") or ():
        _msg(w, 24, _schema(member))
    properties = s.get("properties")
    if isinstance(properties, Mapping):
        inner = Writer()
        for name, sub in properties.items():
            _msg(inner, 1, _named(name, _schema(sub)))
        _msg(w, 25, inner.getvalue())
    _bool(w, 27, s.get("readOnly"))
    _extensions(w, 31, s)
    return w.getvalue()


def _named_free(number: int, body: bytes) -> bytes:
    """A message holding one embedded message at `number`."""
    w = Writer()
    w.bytes_field(number, body)
    return w.getvalue()


def _parameter(p: Mapping[str, Any]) -> bytes:
    """A ParametersItem."""
    w = Writer()
    if p.get("in") == "body":
        _bool(w, 4, p.get("required"))
        _str(w, 1, p.get("description"))
        _str(w, 2, p.get("name"))
        _str(w, 3, p.get("in"))
        if isinstance(p.get("schema"), Mapping):
            _msg(w, 5, _schema(p["schema"]))
        parameter = _named_free(1, w.getvalue())  # Parameter.body_parameter
    else:
        query = p.get("in") != "path"
        _bool(w, 1, p.get("required"))
        _str(w, 2, p.get("in"))
        _str(w, 3, p.get("description"))
        _str(w, 4, p.get("name"))
        _str(w, 6 if query else 5, p.get("type"))
        _str(w, 7 if query else 6, p.get("format"))
        _bool(w, 20 if query else 19, p.get("uniqueItems"))
        _extensions(w, 23 if query else 22, p)
        # NonBodyParameter.query_parameter_sub_schema (3) or path_parameter_sub_schema (4)
        non_body = _named_free(3 if query else 4, w.getvalue())
        parameter = _named_free(2, non_body)  # Parameter.non_body_parameter
    return _named_free(1, parameter)  # ParametersItem.parameter


def _operation(op: Mapping[str, Any]) -> bytes:
    w = Writer()
    _strs(w, 1, op.get("tags"))
    _str(w, 2, op.get("summary"))
    _str(w, 3, op.get("description"))
    _str(w, 5, op.get("operationId"))
    _strs(w, 6, op.get("produces"))
    _strs(w, 7, op.get("consumes"))
    for p in op.get("parameters") or ():
        _msg(w, 8, _parameter(p))
    responses = Writer()
    for code, resp in (op.get("responses") or {}).items():
        r = Writer()
        _str(r, 1, resp.get("description"))
        if isinstance(resp.get("schema"), Mapping):
            _msg(r, 2, _named_free(1, _schema(resp["schema"])))  # SchemaItem.schema
        value = _named_free(1, r.getvalue())  # ResponseValue.response
        _msg(responses, 1, _named(str(code), value))
    _msg(w, 9, responses.getvalue())
    _strs(w, 10, op.get("schemes"))
    _extensions(w, 13, op)
    return w.getvalue()


def _path_item(item: Mapping[str, Any]) -> bytes:
    w = Writer()
    for method, number in _METHODS.items():
        if isinstance(item.get(method), Mapping):
            _msg(w, number, _operation(item[method]))
    for p in item.get("parameters") or ():
        _msg(w, 9, _parameter(p))
    return w.getvalue()


def encode_swagger(doc: Mapping[str, Any]) -> bytes:
    """A Swagger 2.0 document (as produced by openapi.py) as a gnostic openapi.v2.Document."""
    w = Writer()
    _str(w, 1, doc.get("swagger"))
    info = doc.get("info") or {}
    inner = Writer()
    _str(inner, 1, info.get("title"))
    _str(inner, 2, info.get("version"))
    _msg(w, 2, inner.getvalue())
    paths = Writer()
    for path, item in (doc.get("paths") or {}).items():
        _msg(paths, 2, _named(path, _path_item(item)))
    _msg(w, 8, paths.getvalue())
    definitions = Writer()
    for name, schema in (doc.get("definitions") or {}).items():
        _msg(definitions, 1, _named(name, _schema(schema)))
    _msg(w, 9, definitions.getvalue())
    return w.getvalue()

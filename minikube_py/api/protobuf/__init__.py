"""Kubernetes protobuf bodies (`application/vnd.kubernetes.protobuf`) to JSON dicts and back.

kubectl create, helm and client-go send built-in objects as protobuf: the magic `k8s\\0`,
then a `runtime.Unknown` {typeMeta {apiVersion, kind}, raw (the object's own message),
contentEncoding, contentType}. `decode_body` turns that into the dict Kubernetes would
write as JSON for the same object; `encode_object` does the reverse.

Owns the wire reader (`_wire`), the field tables (`_schema`) and the Go-faithful mapping
(`_codec`); knows nothing of handlers, the store or the registry.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from minikube_py.api.protobuf._codec import Codec, JSONDict
from minikube_py.api.protobuf._errors import ProtobufError, UnknownKindError
from minikube_py.api.protobuf._schema import META_KINDS, TOP_LEVEL, api_version_of, parse_table
from minikube_py.api.protobuf._wire import LENGTH, Writer, iter_fields

__all__ = [
    "MAGIC",
    "MEDIA_TYPE",
    "ProtobufError",
    "UnknownKindError",
    "decode_body",
    "decode_object",
    "encode_object",
    "is_supported",
    "supported_kinds",
]

MEDIA_TYPE = "application/vnd.kubernetes.protobuf"
MAGIC = b"k8s\x00"


@cache
def _codec() -> Codec:
    codec = Codec(parse_table())
    codec.nested_body = decode_body
    return codec


@cache
def _kinds() -> dict[tuple[str, str], str]:
    return {api_version_of(name): name for name in TOP_LEVEL}


def _message_for(api_version: str, kind: str) -> str:
    name = _kinds().get((api_version, kind))
    if name is None and kind in META_KINDS:
        name = f"meta/v1.{kind}"  # DeleteOptions and Status travel under any group version
    if name is None:
        raise UnknownKindError(
            f"no protobuf decoding for {kind} of {api_version or '(no apiVersion)'}"
        )
    return name


def supported_kinds() -> list[tuple[str, str]]:
    """(apiVersion, kind) of every top-level object this codec knows (plus meta kinds)."""
    return sorted(_kinds())


def is_supported(api_version: str, kind: str) -> bool:
    return (api_version, kind) in _kinds() or kind in META_KINDS


def decode_object(api_version: str, kind: str, raw: bytes | memoryview) -> JSONDict:
    """The JSON dict of one object's own message (the `raw` of a runtime.Unknown)."""
    obj: JSONDict = {"kind": kind, "apiVersion": api_version}
    obj.update(_codec().decode(_message_for(api_version, kind), raw))
    return obj


def decode_body(data: bytes) -> JSONDict:
    """A protobuf request body as the JSON dict Kubernetes would make of it.

    Raises ProtobufError (UnknownKindError for a kind without a table) for anything else.
    """
    if not data.startswith(MAGIC):
        raise ProtobufError("not a Kubernetes protobuf body: it does not start with k8s\\x00")
    api_version = kind = content_encoding = ""
    raw = memoryview(b"")
    for number, wire_type, value in iter_fields(memoryview(data)[len(MAGIC) :]):
        if wire_type != LENGTH or not isinstance(value, memoryview):
            raise ProtobufError(
                f"runtime.Unknown field {number}: wire type {wire_type}, want {LENGTH}"
            )
        if number == 1:
            for sub, sub_type, sub_value in iter_fields(value):
                if sub_type != LENGTH or not isinstance(sub_value, memoryview):
                    raise ProtobufError(
                        f"runtime.TypeMeta field {sub}: wire type {sub_type}, want {LENGTH}"
                    )
                if sub == 1:
                    api_version = bytes(sub_value).decode("utf-8", "replace")
                elif sub == 2:
                    kind = bytes(sub_value).decode("utf-8", "replace")
        elif number == 2:
            raw = value
        elif number == 3:
            content_encoding = bytes(value).decode("utf-8", "replace")
    if content_encoding:
        raise ProtobufError(f"unsupported contentEncoding {content_encoding!r} in a protobuf body")
    if not kind:
        raise ProtobufError("protobuf body without a kind")
    return decode_object(api_version, kind, raw)


def encode_object(obj: dict[str, Any]) -> bytes:
    """The protobuf body (magic + runtime.Unknown) of a JSON dict with apiVersion and kind."""
    api_version = obj.get("apiVersion")
    kind = obj.get("kind")
    if not isinstance(api_version, str) or not isinstance(kind, str) or not kind:
        raise ProtobufError("an object needs string apiVersion and kind to be encoded")
    raw = _codec().encode(_message_for(api_version, kind), obj)
    type_meta = Writer()
    type_meta.bytes_field(1, api_version.encode())
    type_meta.bytes_field(2, kind.encode())
    unknown = Writer()
    unknown.bytes_field(1, type_meta.buf)
    unknown.bytes_field(2, raw)
    unknown.bytes_field(3, b"")  # contentEncoding
    unknown.bytes_field(4, b"")  # contentType
    return MAGIC + unknown.getvalue()

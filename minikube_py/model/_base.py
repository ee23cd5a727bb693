"""Building blocks shared by every model module: the base Struct, the field
documentation helper and the named scalar types of Kubernetes' OpenAPI.

A model attribute is named exactly like the Kubernetes JSON field. Field
documentation and the Kubernetes schema extensions (patch merge keys, list
types, enums) ride on `msgspec.Meta`, so the OpenAPI generator in `api/` reads
them back with `msgspec.inspect`. Named scalars (Time, Quantity, IntOrString, ...)
carry their OpenAPI component name in `Meta.extra[SCHEMA_REF]`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any

import msgspec

# the key in msgspec.Meta.extra naming the OpenAPI component of a named scalar
SCHEMA_REF = "k8s-schema-ref"

TIME_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.Time"
MICRO_TIME_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime"
QUANTITY_SCHEMA = "io.k8s.apimachinery.pkg.api.resource.Quantity"
INT_OR_STRING_SCHEMA = "io.k8s.apimachinery.pkg.util.intstr.IntOrString"
FIELDS_V1_SCHEMA = "io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1"
RAW_EXTENSION_SCHEMA = "io.k8s.apimachinery.pkg.runtime.RawExtension"


class Base(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Base of every API model: keyword-only, unset (None) fields left out when encoding."""


# RFC 3339 timestamp in seconds, e.g. "2024-05-01T10:00:00Z"
Time = Annotated[str, msgspec.Meta(extra={SCHEMA_REF: TIME_SCHEMA})]
# RFC 3339 timestamp with microseconds, e.g. "2024-05-01T10:00:00.123456Z"
MicroTime = Annotated[str, msgspec.Meta(extra={SCHEMA_REF: MICRO_TIME_SCHEMA})]
# a resource amount: "500m", "1Gi", 2, 0.5
Quantity = Annotated[int | float | str, msgspec.Meta(extra={SCHEMA_REF: QUANTITY_SCHEMA})]
# Go's int32 and int64, as Kubernetes' OpenAPI marks them (spec.replicas is int32,
# terminationGracePeriodSeconds int64); the schema walker refuses a value out of range
Int32 = Annotated[int, msgspec.Meta(extra_json_schema={"format": "int32"})]
Int64 = Annotated[int, msgspec.Meta(extra_json_schema={"format": "int64"})]
# a port number or name, a count or a percentage: 8080, "http", "25%"
IntOrString = Annotated[int | str, msgspec.Meta(extra={SCHEMA_REF: INT_OR_STRING_SCHEMA})]
# the managedFields set of field paths, kept as written
FieldsV1 = Annotated[dict[str, Any], msgspec.Meta(extra={SCHEMA_REF: FIELDS_V1_SCHEMA})]
# an embedded object of any kind (watch events)
RawExtension = Annotated[dict[str, Any], msgspec.Meta(extra={SCHEMA_REF: RAW_EXTENSION_SCHEMA})]
# base64-encoded bytes, kept encoded exactly as Kubernetes writes them
Bytes = Annotated[str, msgspec.Meta(extra_json_schema={"format": "byte"})]
# a sub-structure we keep as written without modelling it field by field
FreeForm = Annotated[
    dict[str, Any], msgspec.Meta(extra_json_schema={"x-kubernetes-preserve-unknown-fields": True})
]


def doc(
    description: str,
    *,
    merge_key: str | None = None,
    strategy: str | None = None,
    list_type: str | None = None,
    map_keys: Sequence[str] = (),
    map_type: str | None = None,
    enum: Sequence[str] = (),
    fmt: str | None = None,
) -> msgspec.Meta:
    """A field's description plus the Kubernetes schema extensions it declares.

    merge_key/strategy: strategic merge patch (`x-kubernetes-patch-merge-key`,
    `x-kubernetes-patch-strategy`); list_type/map_keys/map_type: server-side
    apply (`x-kubernetes-list-type`, `x-kubernetes-list-map-keys`,
    `x-kubernetes-map-type`); enum: the allowed values; fmt: the OpenAPI format.
    """
    extra: dict[str, Any] = {}
    if merge_key is not None:
        extra["x-kubernetes-patch-merge-key"] = merge_key
    if strategy is not None:
        extra["x-kubernetes-patch-strategy"] = strategy
    if list_type is not None:
        extra["x-kubernetes-list-type"] = list_type
    if map_keys:
        extra["x-kubernetes-list-map-keys"] = list(map_keys)
    if map_type is not None:
        extra["x-kubernetes-map-type"] = map_type
    if enum:
        extra["enum"] = list(enum)
    if fmt is not None:
        extra["format"] = fmt
    return msgspec.Meta(description=description, extra_json_schema=extra or None)


def merge_list(
    description: str, key: str, *, map_keys: Sequence[str] = (), retain_keys: bool = False
) -> msgspec.Meta:
    """A list merged by `key` in strategic merge patch and a map-list for apply."""
    return doc(
        description,
        merge_key=key,
        strategy="merge,retainKeys" if retain_keys else "merge",
        list_type="map",
        map_keys=map_keys or (key,),
    )


def atomic(description: str) -> msgspec.Meta:
    """A list replaced as a whole by patches."""
    return doc(description, list_type="atomic")

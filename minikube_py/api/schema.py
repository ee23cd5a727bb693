"""Checks an object (a JSON dict) against its kind's OpenAPI v3 schema.

What Kubernetes' typed decoding does to a request body, done on the dict:
fields the schema does not know are reported as `unknown field "spec.foo"`
(fieldValidation Strict fails on them, Warn warns) and pruned (what Ignore and
Warn keep); values of the wrong JSON type are reported with the field path
written as Kubernetes writes it (`spec.containers[0].ports[0].containerPort`).
Honoured: `x-kubernetes-preserve-unknown-fields` (kept as written),
`additionalProperties` (maps such as labels and data: keys are free, values
checked), `x-kubernetes-int-or-string` and Quantity (`oneOf` of scalar types),
`$ref` and `allOf` wrappers. `null` counts as unset, as in Kubernetes. An
integer must fit its `format` (int32, int64: the Go type Kubernetes decodes it
into); one that does not is a type error too.

Schemas are compiled once per kind into a small tree and cached; the walk
itself does not look at the schema dicts again. Required fields, enums and
value rules are validation.py's business, not this module's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from minikube_py.api.openapi import schema_for, schema_for_kind
from minikube_py.api.patch.jsonvalue import kind_of
from minikube_py.api.registry import ResourceInfo

if TYPE_CHECKING:
    from minikube_py.api.openapi import OpenAPIDocs

__all__ = [
    "CheckResult",
    "SchemaNode",
    "TypeIssue",
    "check_fields",
    "check_object",
    "compile_schema",
    "node_for",
    "node_for_kind",
    "walk",
]

Schema = Mapping[str, Any]
_REF_PREFIXES = ("#/components/schemas/", "#/definitions/")
_SCALAR_TYPES = frozenset({"string", "integer", "number", "boolean"})
# the values an integer of each OpenAPI format holds (Go's int32 and int64)
_INT_RANGES = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}


@dataclass(frozen=True, slots=True)
class TypeIssue:
    """A value of the wrong JSON type at `path`."""

    path: str
    expected: str  # e.g. "integer", "object", "integer or string"
    got: str  # the JSON type of the value found; for an integer out of range, the value

    @property
    def message(self) -> str:
        """The cause message, worded as Kubernetes words schema type errors."""
        return f'Invalid value: "{self.got}": {self.path} in body must be of type {self.expected}: "{self.got}"'

    def cause(self) -> dict[str, str]:
        """A metav1.StatusCause for the error."""
        return {"reason": "FieldValueTypeInvalid", "message": self.message, "field": self.path}


@dataclass(slots=True)
class CheckResult:
    """What a walk found: unknown field paths (in document order) and type errors."""

    unknown: list[str] = field(default_factory=list)
    type_errors: list[TypeIssue] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unknown and not self.type_errors


class SchemaNode:
    """One compiled schema: the JSON types allowed and how to descend."""

    __slots__ = ("additional", "int_format", "items", "preserve", "properties", "types")

    def __init__(self) -> None:
        # allowed JSON types ("object", "array", "string", "integer", "number", "boolean"); None: any
        self.types: frozenset[str] | None = None
        self.properties: dict[str, SchemaNode] | None = None
        self.items: SchemaNode | None = None
        self.additional: SchemaNode | None = None
        self.preserve = False
        # "int32" or "int64": the range an integer value must fit; None: unbounded
        self.int_format: str | None = None

    @property
    def expected(self) -> str:
        if self.types is None:
            return "any"
        order = ("object", "array", "integer", "number", "string", "boolean")
        return " or ".join(t for t in order if t in self.types)


# --------------------------------------------------------------------------- compiling


class _Compiler:
    def __init__(self, components: Mapping[str, Schema]) -> None:
        self.components = components
        self.named: dict[str, SchemaNode] = {}

    def compile(self, schema: Schema) -> SchemaNode:
        ref = self._single_ref(schema)
        if ref is not None and ref in self.components:
            node = self.named.get(ref)
            if node is None:
                node = self.named[ref] = SchemaNode()  # registered first: recursion terminates
                self._fill(node, self._merged(schema))
            return node
        node = SchemaNode()
        self._fill(node, self._merged(schema))
        return node

    def _single_ref(self, schema: Schema) -> str | None:
        """The component name when the schema is just a reference (plus a description)."""
        extra = set(schema) - {"$ref", "allOf", "description", "default"}
        if extra:
            return None
        ref = schema.get("$ref")
        all_of = schema.get("allOf")
        if (
            ref is None
            and isinstance(all_of, list)
            and len(all_of) == 1
            and isinstance(all_of[0], Mapping)
        ):
            return self._single_ref(all_of[0])
        return _ref_name(ref) if isinstance(ref, str) else None

    def _merged(self, schema: Schema, depth: int = 0) -> dict[str, Any]:
        """The schema with `$ref` and `allOf` members folded in (outer keys win)."""
        out: dict[str, Any] = {}
        ref = schema.get("$ref")
        if isinstance(ref, str) and depth < 32:
            target = self.components.get(_ref_name(ref) or "")
            if target is not None:
                out.update(self._merged(target, depth + 1))
        for member in schema.get("allOf") or ():
            if isinstance(member, Mapping) and depth < 32:
                out.update(self._merged(member, depth + 1))
        out.update({k: v for k, v in schema.items() if k not in ("$ref", "allOf")})
        return out

    def _fill(self, node: SchemaNode, s: dict[str, Any]) -> None:
        if s.get("x-kubernetes-preserve-unknown-fields"):
            node.preserve = True
        if s.get("x-kubernetes-int-or-string") or s.get("format") == "int-or-string":
            node.types = frozenset({"integer", "string"})
            node.int_format = "int32"  # intstr.IntOrString holds an int32
            return
        alternatives = s.get("oneOf") or s.get("anyOf")
        if isinstance(alternatives, list) and "type" not in s:
            types: set[str] = set()
            for alt in alternatives:
                t = self._merged(alt).get("type") if isinstance(alt, Mapping) else None
                if not isinstance(t, str):
                    return  # not a plain union of types: accept anything
                types.add(t)
            node.types = frozenset(types | ({"integer"} if "number" in types else set()))
            return
        t = s.get("type")
        if t is None:
            if "properties" in s or "additionalProperties" in s:
                t = "object"
            else:
                return  # untyped: anything goes
        if not isinstance(t, str):
            return
        if t == "number":
            node.types = frozenset({"number", "integer"})
            return
        node.types = frozenset({t})
        if t == "integer" and s.get("format") in _INT_RANGES:
            node.int_format = s["format"]
        if t == "array":
            items = s.get("items")
            node.items = self.compile(items) if isinstance(items, Mapping) else None
        elif t == "object":
            props = s.get("properties")
            additional = s.get("additionalProperties")
            if isinstance(props, Mapping) and props:
                node.properties = {name: self.compile(sub) for name, sub in props.items()}
            if isinstance(additional, Mapping):
                node.additional = self.compile(additional)
            elif additional is True or (node.properties is None and additional is None):
                # an object with nothing declared keeps what it holds
                node.preserve = True


def _ref_name(ref: str) -> str | None:
    for prefix in _REF_PREFIXES:
        if ref.startswith(prefix):
            return ref[len(prefix) :]
    return None


def compile_schema(root: Schema, components: Mapping[str, Schema]) -> SchemaNode:
    """Compile a root schema and the components it references into a walkable tree."""
    return _Compiler(components).compile(root)


_nodes: dict[str, SchemaNode] = {}


def node_for(resource: ResourceInfo) -> SchemaNode:
    """The compiled schema of a resource's kind (cached)."""
    key = f"{resource.api_version}/{resource.kind}"
    node = _nodes.get(key)
    if node is None:
        node = _nodes[key] = compile_schema(*schema_for(resource))
    return node


def node_for_kind(api_version: str, kind: str) -> SchemaNode:
    """The compiled schema of any modelled kind, e.g. ("autoscaling/v1", "Scale") (cached)."""
    key = f"{api_version}/{kind}"
    node = _nodes.get(key)
    if node is None:
        node = _nodes[key] = compile_schema(*schema_for_kind(api_version, kind))
    return node


# --------------------------------------------------------------------------- walking


def _json_type(value: Any) -> str:
    # OpenAPI tells an integer from other numbers; JSON itself does not.
    if isinstance(value, int) and not isinstance(value, bool):
        return "integer"
    return kind_of(value)


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _walk(value: Any, node: SchemaNode, path: str, prune: bool, out: CheckResult) -> None:
    if value is None:
        return
    got = _json_type(value)
    if node.types is not None and got not in node.types:
        out.type_errors.append(TypeIssue(path or "<root>", node.expected, got))
        return
    if got == "integer" and node.int_format is not None:
        low, high = _INT_RANGES[node.int_format]
        if not low <= value <= high:
            out.type_errors.append(TypeIssue(path or "<root>", node.int_format, str(value)))
        return
    if got == "object":
        if node.properties is not None:
            unknown: list[str] = []
            for key, sub in value.items():
                child = node.properties.get(key)
                if child is not None:
                    _walk(sub, child, _child(path, key), prune, out)
                elif node.additional is not None:
                    _walk(sub, node.additional, f"{path}[{key}]" if path else key, prune, out)
                elif not node.preserve:
                    unknown.append(key)
                    out.unknown.append(_child(path, key))
            if prune:
                for key in unknown:
                    del value[key]
        elif node.additional is not None:
            for key, sub in value.items():
                _walk(sub, node.additional, f"{path}[{key}]" if path else key, prune, out)
    elif got == "array" and node.items is not None:
        for index, item in enumerate(value):
            _walk(item, node.items, f"{path}[{index}]", prune, out)


def walk(obj: Any, node: SchemaNode, *, prune: bool = False) -> CheckResult:
    """Check `obj` against a compiled schema; with prune, unknown fields are deleted in place."""
    out = CheckResult()
    _walk(obj, node, "", prune, out)
    return out


def check_object(
    resource: ResourceInfo, obj: dict[str, Any], *, prune: bool = False
) -> CheckResult:
    """Check an object of `resource`'s kind: unknown fields and type errors."""
    return walk(obj, node_for(resource), prune=prune)


def check_fields(
    openapi: OpenAPIDocs | None, resource: ResourceInfo, obj: dict[str, Any], *, prune: bool = True
) -> list[str]:
    """The unknown field paths of `obj`, e.g. ["spec.foo"]; pruned from `obj` unless prune=False.

    Pruning is what Kubernetes does under fieldValidation Ignore and Warn (and
    Strict fails the request anyway). `openapi` is accepted for callers that
    hold the built documents; the schemas come from the same models either way.
    """
    del openapi
    return check_object(resource, obj, prune=prune).unknown

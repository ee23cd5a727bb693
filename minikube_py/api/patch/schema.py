"""Reading the merge metadata of a type from its OpenAPI v3 schema.

A schema is a root schema dict plus a components dict, as Kubernetes serves
them under /openapi/v3: references look like
`{"$ref": "#/components/schemas/io.k8s.api.core.v1.Container"}`, often wrapped
as `{"allOf": [{"$ref": ...}], "description": ...}`. The extensions read here:

- `x-kubernetes-patch-strategy` ("merge", "retainKeys", "merge,retainKeys",
  "replace") and `x-kubernetes-patch-merge-key`: strategic merge patch;
- `x-kubernetes-list-type` (atomic, set, map), `x-kubernetes-list-map-keys`
  and `x-kubernetes-map-type` (atomic, granular): server-side apply.

A missing schema (None) means "nothing known": maps merge, lists are atomic.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

Schema = Mapping[str, Any]

_REF_PREFIXES = ("#/components/schemas/", "#/definitions/")


@dataclass(frozen=True, slots=True)
class ListInfo:
    """How a list field merges, for each patch type."""

    # strategic merge patch
    patch_strategies: frozenset[str]
    merge_key: str | None
    # server-side apply: "atomic", "set" or "map"
    list_type: str
    map_keys: tuple[str, ...]

    @property
    def smp_merge(self) -> bool:
        return "merge" in self.patch_strategies


ATOMIC_LIST = ListInfo(frozenset(), None, "atomic", ())


_CACHE_LIMIT = 20000
_VIEWS: dict[int, SchemaView] = {}


class SchemaView:
    """Walks a type's schema alongside a JSON value.

    Lookups are memoised per schema object (kept alive by the memo, so ids stay
    unique); `SchemaView.of(components)` shares one view per components dict.
    Schemas must not be mutated once used.
    """

    def __init__(self, components: Mapping[str, Schema] | None = None) -> None:
        self.components: Mapping[str, Schema] = components or {}
        self._resolved: dict[int, tuple[Schema, Schema | None]] = {}
        self._fields: dict[tuple[int, str], tuple[Schema, Schema | None]] = {}
        self._lists: dict[int, tuple[Schema, ListInfo]] = {}

    @classmethod
    def of(cls, components: Mapping[str, Schema] | None) -> SchemaView:
        """The shared view of a components dict (one per dict, bounded)."""
        if components is None:
            return cls()
        view = _VIEWS.get(id(components))
        if view is None or view.components is not components:
            if len(_VIEWS) > 64:
                _VIEWS.clear()
            view = _VIEWS[id(components)] = cls(components)
        return view

    def _bound(self) -> None:
        if len(self._resolved) + len(self._fields) + len(self._lists) > _CACHE_LIMIT:
            self._resolved.clear()
            self._fields.clear()
            self._lists.clear()

    def resolve(self, schema: Schema | None) -> Schema | None:
        """The schema with `$ref` and single-`allOf` references followed.

        Keys written next to the reference (extensions, description) win over
        the referenced schema's, as Kubernetes writes property-level extensions.
        """
        if schema is None:
            return None
        hit = self._resolved.get(id(schema))
        if hit is not None and hit[0] is schema:
            return hit[1]
        out = self._resolve(schema)
        self._bound()
        self._resolved[id(schema)] = (schema, out)
        return out

    def _resolve(self, schema: Schema | None) -> Schema | None:
        seen = 0
        while schema is not None and seen < 32:
            seen += 1
            ref = schema.get("$ref")
            all_of = schema.get("allOf")
            if isinstance(ref, str):
                target = self._lookup(ref)
                outer = {k: v for k, v in schema.items() if k != "$ref"}
                schema = {**target, **outer} if target is not None else (outer or None)
                continue
            if isinstance(all_of, list) and len(all_of) == 1 and isinstance(all_of[0], Mapping):
                outer = {k: v for k, v in schema.items() if k != "allOf"}
                inner = self.resolve(all_of[0]) or {}
                schema = {**inner, **outer}
                continue
            return schema
        return schema

    def _lookup(self, ref: str) -> Schema | None:
        for prefix in _REF_PREFIXES:
            if ref.startswith(prefix):
                return self.components.get(ref[len(prefix) :])
        return None

    def field(self, schema: Schema | None, name: str) -> Schema | None:
        """The schema of the field `name` of an object schema (or its map values)."""
        if schema is None:
            return None
        hit = self._fields.get((id(schema), name))
        if hit is not None and hit[0] is schema:
            return hit[1]
        out = self._field(schema, name)
        self._bound()
        self._fields[(id(schema), name)] = (schema, out)
        return out

    def _field(self, schema: Schema, name: str) -> Schema | None:
        s = self.resolve(schema)
        if s is None:
            return None
        props = s.get("properties")
        if isinstance(props, Mapping) and name in props:
            return self.resolve(props[name])
        extra = s.get("additionalProperties")
        if isinstance(extra, Mapping):
            return self.resolve(extra)
        return None

    def items(self, schema: Schema | None) -> Schema | None:
        """The schema of the elements of an array schema."""
        s = self.resolve(schema)
        if s is None:
            return None
        items = s.get("items")
        return self.resolve(items) if isinstance(items, Mapping) else None

    def list_info(self, schema: Schema | None) -> ListInfo:
        """Merge metadata of a list field (its schema as the property holds it)."""
        if schema is None:
            return ATOMIC_LIST
        hit = self._lists.get(id(schema))
        if hit is not None and hit[0] is schema:
            return hit[1]
        out = self._list_info(schema)
        self._bound()
        self._lists[id(schema)] = (schema, out)
        return out

    def _list_info(self, schema: Schema) -> ListInfo:
        s = self.resolve(schema)
        if s is None:
            return ATOMIC_LIST
        raw = s.get("x-kubernetes-patch-strategy")
        strategies = (
            frozenset(p.strip() for p in raw.split(",")) if isinstance(raw, str) else frozenset()
        )
        merge_key = s.get("x-kubernetes-patch-merge-key")
        merge_key = merge_key if isinstance(merge_key, str) and merge_key else None
        list_type = s.get("x-kubernetes-list-type")
        raw_keys = s.get("x-kubernetes-list-map-keys")
        keys = (
            tuple(k for k in raw_keys if isinstance(k, str)) if isinstance(raw_keys, list) else ()
        )
        if list_type not in ("atomic", "set", "map"):
            # Built-in types without a list type: derive it from the patch strategy,
            # as Kubernetes does when it turns its OpenAPI into apply schemas.
            if "merge" in strategies and merge_key:
                list_type, keys = "map", (merge_key,)
            elif "merge" in strategies:
                list_type = "set"
            else:
                list_type = "atomic"
        if list_type == "map" and not keys:
            keys = (merge_key,) if merge_key else ()
            if not keys:
                list_type = "atomic"
        return ListInfo(strategies, merge_key, str(list_type), keys)

    def map_strategies(self, schema: Schema | None) -> frozenset[str]:
        """Strategic merge patch strategies declared on a map field."""
        s = self.resolve(schema)
        raw = s.get("x-kubernetes-patch-strategy") if s is not None else None
        return frozenset(p.strip() for p in raw.split(",")) if isinstance(raw, str) else frozenset()

    def is_atomic_map(self, schema: Schema | None) -> bool:
        """A map or struct that server-side apply treats as one value."""
        s = self.resolve(schema)
        return s is not None and s.get("x-kubernetes-map-type") == "atomic"

    def default(self, schema: Schema | None) -> Any:
        """The schema's `default`, or None."""
        s = self.resolve(schema)
        return s.get("default") if s is not None else None

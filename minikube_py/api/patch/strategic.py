"""Strategic merge patch, as the Kubernetes API server applies it.

Maps merge recursively and `null` deletes a key. Lists follow the field's
`x-kubernetes-patch-strategy`: with "merge", lists of objects merge by the
`x-kubernetes-patch-merge-key` and lists of scalars merge as sets; any other
list is replaced. Directives (what `kubectl patch` and kubectl's client-side
three-way apply send):

- `$patch: replace` in a map replaces the map; `$patch: delete` empties it;
  as a list element, `{"$patch": "replace"}` replaces the whole list and
  `{"<key>": v, "$patch": "delete"}` removes the element(s) with that key;
- `$retainKeys: [...]` drops every key of the live map not listed;
- `$deleteFromPrimitiveList/<field>: [...]` removes values from a scalar list;
- `$setElementOrder/<field>: [...]` orders a merged list: the listed items in
  that order, items only the server has kept where they were.

Unknown fields (no schema) merge as maps and replace as lists. Directives never
reach the result. Element order follows the Kubernetes implementation
(patch items in patch order, interleaved with server-only items by their
original positions).
"""

from __future__ import annotations

import json
from typing import Any

from minikube_py.api.patch.errors import PatchError, malformed
from minikube_py.api.patch.jsonvalue import JSONObj, deep_copy, json_equal, kind_of
from minikube_py.api.patch.schema import Schema, SchemaView

DIRECTIVE = "$patch"
RETAIN_KEYS = "$retainKeys"
DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList/"
SET_ELEMENT_ORDER = "$setElementOrder/"

_BAD_PRIMITIVE_LIST = "invalid patch format of primitive list"
_BAD_RETAIN_KEYS = "invalid patch format of retainKeys"
_RETAIN_KEYS_MISMATCH = "patch content doesn't match retainKeys list"
_BAD_SET_ORDER = "invalid patch format of setElementOrder list"


def strategic_merge_patch(
    obj: JSONObj,
    patch: Any,
    schema: Schema | None,
    components: dict[str, Any] | None = None,
) -> JSONObj:
    """The object after a strategic merge patch; neither argument is modified.

    `schema` is the type's root OpenAPI v3 schema and `components` the schemas
    its `$ref`s point to. Raises PatchError (400 malformed, 422 not applicable).
    """
    if not isinstance(patch, dict):
        raise malformed("a strategic merge patch must be a JSON object")
    merger = _Merger(SchemaView.of(components))
    return merger.merge_map(deep_copy(obj), deep_copy(patch), schema, "")


def _child(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _hashable(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


class _Merger:
    def __init__(self, view: SchemaView) -> None:
        self.view = view

    # -- maps ---------------------------------------------------------------

    def merge_map(
        self, original: JSONObj | None, patch: JSONObj, schema: Schema | None, path: str
    ) -> JSONObj:
        if DIRECTIVE in patch:
            directive = patch[DIRECTIVE]
            if directive == "replace":
                rest = {k: v for k, v in patch.items() if k != DIRECTIVE}
                return self.merge_map(None, rest, schema, path)
            if directive == "delete":
                return {}
            if directive != "merge":
                raise PatchError(f"Unknown patch type: {directive} in map: {patch}", path or None)
            patch = {k: v for k, v in patch.items() if k != DIRECTIVE}
        result: JSONObj = original if original is not None else {}
        self._retain_keys(result, patch, path)
        self._set_element_orders(result, patch, schema, path)
        for key, value in patch.items():
            if key.startswith(DELETE_FROM_PRIMITIVE_LIST):
                self._delete_from_primitive_list(result, key, value, path)
                continue
            if value is None:
                result.pop(key, None)
                continue
            sub = self.view.field(schema, key)
            current = result.get(key)
            if key not in result or kind_of(current) != kind_of(value):
                result[key] = self.fresh(value, sub, _child(path, key))
            elif isinstance(value, dict):
                if "replace" in self.view.map_strategies(sub):
                    result[key] = self.fresh(value, sub, _child(path, key))
                else:
                    result[key] = self.merge_map(current, value, sub, _child(path, key))
            elif isinstance(value, list) and isinstance(current, list):
                result[key] = self.merge_list_field(current, value, sub, _child(path, key))
            else:
                result[key] = value
        return result

    def fresh(self, value: Any, schema: Schema | None, path: str) -> Any:
        """What a patch value becomes where the object has nothing to merge it with."""
        if isinstance(value, dict):
            return self.merge_map(None, value, schema, path)
        if isinstance(value, list):
            info = self.view.list_info(schema)
            if info.smp_merge and any(isinstance(v, dict) for v in value):
                return self.merge_list_field([], value, schema, path)
            item_schema = self.view.items(schema)
            return [self.fresh(v, item_schema, path) for v in value]
        return value

    def _retain_keys(self, original: JSONObj, patch: JSONObj, path: str) -> None:
        if RETAIN_KEYS not in patch:
            return
        keys = patch.pop(RETAIN_KEYS)
        if not isinstance(keys, list):
            raise malformed(_BAD_RETAIN_KEYS, path or None)
        retained = {k for k in keys if isinstance(k, str)}
        for key, value in patch.items():
            if value is None or key.startswith((DELETE_FROM_PRIMITIVE_LIST, SET_ELEMENT_ORDER)):
                continue
            if key not in retained:
                raise PatchError(_RETAIN_KEYS_MISMATCH, _child(path, key))
        for key in [k for k in original if k not in retained]:
            del original[key]

    def _delete_from_primitive_list(
        self, original: JSONObj, key: str, values: Any, path: str
    ) -> None:
        field = key[len(DELETE_FROM_PRIMITIVE_LIST) :]
        if not field:
            raise malformed(_BAD_PRIMITIVE_LIST, path or None)
        if not isinstance(values, list):
            raise malformed(_BAD_PRIMITIVE_LIST, _child(path, field))
        current = original.get(field)
        if not isinstance(current, list):
            return
        original[field] = [v for v in current if not any(json_equal(v, d) for d in values)]

    # -- lists --------------------------------------------------------------

    def merge_list_field(
        self, original: list[Any], patch: list[Any], schema: Schema | None, path: str
    ) -> list[Any]:
        info = self.view.list_info(schema)
        item_schema = self.view.items(schema)
        if not info.smp_merge:
            return [self.fresh(v, item_schema, path) for v in patch]
        return self._merge_slice(original, patch, item_schema, info.merge_key, path)

    def _merge_slice(
        self,
        original: list[Any],
        patch: list[Any],
        item_schema: Schema | None,
        merge_key: str | None,
        path: str,
    ) -> list[Any]:
        if not original and not patch:
            return original
        element_kind = _element_kind(original + patch, path)
        if element_kind != "object":
            merged = _dedupe(original + patch)
            patch_items, server_only = _partition(merged, patch, None)
            return _normalize_order(patch_items, server_only, patch, original, None)
        if not merge_key:
            raise PatchError(f"cannot merge lists of objects without a merge key: {path}", path)
        original, patch = self._special_elements(original, patch, merge_key, item_schema, path)
        merged = list(original)
        for item in patch:
            if merge_key not in item:
                raise PatchError(
                    f"map: {item} does not contain declared merge key: {merge_key}", path
                )
            at = _find(merged, merge_key, item[merge_key])
            if at is None:
                merged.append(self.fresh(item, item_schema, path))
            else:
                merged[at] = self.merge_map(merged[at], item, item_schema, path)
        patch_items, server_only = _partition(merged, patch, merge_key)
        return _normalize_order(patch_items, server_only, patch, original, merge_key)

    def _special_elements(
        self,
        original: list[Any],
        patch: list[Any],
        merge_key: str,
        item_schema: Schema | None,
        path: str,
    ) -> tuple[list[Any], list[Any]]:
        plain: list[Any] = []
        replace = False
        for item in patch:
            if DIRECTIVE not in item:
                plain.append(item)
                continue
            directive = item[DIRECTIVE]
            if directive == "delete":
                if merge_key not in item:
                    raise PatchError(
                        f"map: {item} does not contain declared merge key: {merge_key}", path
                    )
                original = [o for o in original if not _key_matches(o, merge_key, item[merge_key])]
            elif directive == "replace":
                replace = True
            elif directive == "merge":
                raise PatchError("merging lists cannot yet be specified in the patch", path)
            else:
                raise PatchError(f"Unknown patch type: {directive} in map: {item}", path)
        if replace:
            return [self.fresh(v, item_schema, path) for v in plain], []
        return original, plain

    # -- $setElementOrder ---------------------------------------------------

    def _set_element_orders(
        self, original: JSONObj, patch: JSONObj, schema: Schema | None, path: str
    ) -> None:
        for key in [k for k in patch if k.startswith(SET_ELEMENT_ORDER)]:
            order = patch.pop(key)
            field = key[len(SET_ELEMENT_ORDER) :]
            if not field or not isinstance(order, list):
                raise malformed(_BAD_SET_ORDER, path or None)
            fpath = _child(path, field)
            live = original.get(field)
            change = patch.get(field)
            if live is not None and not isinstance(live, list):
                raise PatchError(f"{fpath}: expected a list, found {kind_of(live)}", fpath)
            if change is not None and not isinstance(change, list):
                raise malformed(_BAD_SET_ORDER, fpath)
            sub = self.view.field(schema, field)
            merge_key = self.view.list_info(sub).merge_key
            if change is not None:
                _check_order(change, order, merge_key, fpath)
            if live is None and change is None:
                continue
            if change is None:
                merged: list[Any] = list(live or [])
            else:
                merged = self.merge_list_field(list(live or []), change, sub, fpath)
            key_for_order = merge_key if any(isinstance(v, dict) for v in merged) else None
            patch_items, server_only = _partition(merged, order, key_for_order)
            original[field] = _normalize_order(
                patch_items, server_only, order, live or [], key_for_order
            )
            patch.pop(field, None)


def _element_kind(items: list[Any], path: str) -> str:
    kinds = {kind_of(v) for v in items}
    if "array" in kinds:
        raise PatchError("lists of lists are not supported", path)
    if len(kinds) > 1 and "object" in kinds:
        raise PatchError(f"list element types are not identical: {path}", path)
    return "object" if "object" in kinds else "scalar"


def _dedupe(items: list[Any]) -> list[Any]:
    seen: set[str] = set()
    out: list[Any] = []
    for v in items:
        h = _hashable(v)
        if h not in seen:
            seen.add(h)
            out.append(v)
    return out


def _key_matches(item: Any, key: str, value: Any) -> bool:
    return isinstance(item, dict) and key in item and json_equal(item[key], value)


def _find(items: list[Any], key: str, value: Any) -> int | None:
    for i, item in enumerate(items):
        if _key_matches(item, key, value):
            return i
    return None


def _identity(item: Any, merge_key: str | None) -> str | None:
    """What identifies a list item for ordering: its merge key value, or itself."""
    if merge_key is None:
        return _hashable(item)
    if isinstance(item, dict) and merge_key in item:
        return _hashable(item[merge_key])
    return None


def _positions(order: list[Any], merge_key: str | None) -> dict[str, int]:
    out: dict[str, int] = {}
    for i, item in enumerate(order):
        if isinstance(item, dict) and DIRECTIVE in item:
            continue
        ident = _identity(item, merge_key)
        if ident is not None and ident not in out:
            out[ident] = i
    return out


def _partition(
    items: list[Any], by: list[Any], merge_key: str | None
) -> tuple[list[Any], list[Any]]:
    """Split items into those the patch (or order list) names and those only the server has."""
    named = _positions(by, merge_key)
    inside: list[Any] = []
    outside: list[Any] = []
    for item in items:
        ident = _identity(item, merge_key)
        (inside if ident is not None and ident in named else outside).append(item)
    return inside, outside


def _normalize_order(
    patch_items: list[Any],
    server_only: list[Any],
    patch_order: list[Any],
    server_order: list[Any],
    merge_key: str | None,
) -> list[Any]:
    """Patch items in patch order, interleaved with server-only items by live position."""
    in_patch = _positions(patch_order, merge_key)
    in_server = _positions(server_order, merge_key)
    big = len(patch_order) + len(server_order) + 1

    def rank(table: dict[str, int], item: Any) -> int:
        ident = _identity(item, merge_key)
        return table.get(ident, big) if ident is not None else big

    patch_items = sorted(patch_items, key=lambda v: rank(in_patch, v))
    server_only = sorted(server_only, key=lambda v: rank(in_server, v))
    out: list[Any] = []
    i = j = 0
    while i < len(server_only) or j < len(patch_items):
        if j >= len(patch_items):
            out.append(server_only[i])
            i += 1
        elif i >= len(server_only):
            out.append(patch_items[j])
            j += 1
        else:
            left, right = rank(in_server, server_only[i]), rank(in_server, patch_items[j])
            if left < big and right < big and left < right:
                out.append(server_only[i])
                i += 1
            else:
                out.append(patch_items[j])
                j += 1
    return out


def _check_order(patch_list: list[Any], order: list[Any], merge_key: str | None, path: str) -> None:
    """The patch list's items must appear in the order list, in the same relative order."""
    if not order or not patch_list:
        return
    items = [v for v in patch_list if not (isinstance(v, dict) and DIRECTIVE in v)]
    key = merge_key if any(isinstance(v, dict) for v in items) else None
    positions = _positions(order, key)
    last = -1
    for item in items:
        ident = _identity(item, key)
        at = positions.get(ident, -1) if ident is not None else -1
        if at < 0 or at < last:
            raise PatchError(
                f"the order in patch list {patch_list} doesn't match $setElementOrder list {order}",
                path,
            )
        last = at

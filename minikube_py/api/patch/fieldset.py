"""Field sets of server-side apply: which fields of an object a manager owns.

A path is a tuple of path elements written as Kubernetes writes them in
`managedFields[].fieldsV1`:

- `f:<name>`           a field of an object (or a key of a map)
- `k:{"name":"web"}`   the item of a `list-type: map` list with these key values
- `v:"finalizer"`      the item of a `list-type: set` list with this value
- `i:3`                the item at an index (lists without keys; rarely needed)

A field set is a Python set of paths, each one a member. `to_fields_v1` and
`from_fields_v1` convert to and from the nested JSON form, where a member that
also has children is marked by `".": {}`. `flatten` turns an object into the
member paths it holds, each with its value (a leaf) or ITEM (a list item whose
fields are listed separately), following the type's schema: granular maps
recurse, `x-kubernetes-map-type: atomic` maps and atomic lists are one leaf.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from minikube_py.api.patch.errors import PatchError
from minikube_py.api.patch.jsonvalue import json_equal
from minikube_py.api.patch.schema import Schema, SchemaView

Path = tuple[str, ...]
FieldSet = set[Path]


class _Item:
    """The value flatten gives a list item that is a member in its own right."""

    def __repr__(self) -> str:
        return "ITEM"


ITEM: Any = _Item()


# --- path elements ------------------------------------------------------------------


def _canonical(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _json(value: Any) -> str:
    return json.dumps(_canonical(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def field_element(name: str) -> str:
    return f"f:{name}"


def key_element(keys: dict[str, Any]) -> str:
    return "k:" + _json({k: _canonical(v) for k, v in keys.items()})


def value_element(value: Any) -> str:
    return "v:" + _json(value)


def path_string(path: Path) -> str:
    """A path as Kubernetes prints it in conflicts: .spec.containers[name="web"].image"""
    out: list[str] = []
    for element in path:
        kind, _, rest = element.partition(":")
        if kind == "f":
            out.append("." + rest)
        elif kind == "k":
            keys = json.loads(rest)
            out.append("[" + ",".join(f"{k}={_json(keys[k])}" for k in sorted(keys)) + "]")
        elif kind == "v":
            out.append(f"[={rest}]")
        elif kind == "i":
            out.append(f"[{rest}]")
        else:
            out.append(element)
    return "".join(out)


# --- fieldsV1 -------------------------------------------------------------------------


def to_fields_v1(paths: Iterable[Path]) -> dict[str, Any]:
    """The fieldsV1 JSON of a field set."""
    root: dict[str, Any] = {}
    members: set[Path] = set()
    for path in paths:
        node = root
        for element in path:
            node = node.setdefault(element, {})
        members.add(path)

    def mark(node: dict[str, Any], prefix: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for element in sorted(node):
            child_path = (*prefix, element)
            child = mark(node[element], child_path)
            if child and child_path in members:
                child = {".": {}, **child}
            out[element] = child
        return out

    return mark(root, ())


def from_fields_v1(tree: Any) -> FieldSet:
    """The field set a fieldsV1 JSON holds; anything malformed is skipped."""
    out: FieldSet = set()

    def walk(node: Any, prefix: Path) -> None:
        if not isinstance(node, dict):
            return
        for element, child in node.items():
            if element == ".":
                if prefix:
                    out.add(prefix)
                continue
            path = (*prefix, element)
            if isinstance(child, dict) and not child:
                out.add(path)
            else:
                walk(child, path)

    walk(tree, ())
    return out


# --- objects as paths ---------------------------------------------------------------


class Flattener:
    """Turns a value into {path: leaf value or ITEM} along its schema.

    strict: an item of a keyed list that lacks a key (with no default) or
    repeats one is an error (an applied configuration); otherwise the whole
    list is treated as one leaf (a live object).
    """

    def __init__(self, view: SchemaView, *, strict: bool) -> None:
        self.view = view
        self.strict = strict

    def flatten(self, value: dict[str, Any], schema: Schema | None) -> dict[Path, Any]:
        out: dict[Path, Any] = {}
        self._object(value, schema, (), out)
        return out

    def _object(
        self, value: dict[str, Any], schema: Schema | None, path: Path, out: dict[Path, Any]
    ) -> None:
        for key, child in value.items():
            if child is None:
                continue
            self._value(child, self.view.field(schema, key), (*path, field_element(key)), out)

    def _value(self, value: Any, schema: Schema | None, path: Path, out: dict[Path, Any]) -> None:
        if isinstance(value, dict):
            if not value or self.view.is_atomic_map(schema):
                out[path] = value
            else:
                self._object(value, schema, path, out)
        elif isinstance(value, list):
            self._list(value, schema, path, out)
        else:
            out[path] = value

    def _list(
        self, value: list[Any], schema: Schema | None, path: Path, out: dict[Path, Any]
    ) -> None:
        info = self.view.list_info(schema)
        if info.list_type == "set" and all(not isinstance(v, dict | list) for v in value):
            for item in value:
                out[(*path, value_element(item))] = item
            return
        if info.list_type != "map" or not value:
            out[path] = value
            return
        item_schema = self.view.items(schema)
        elements = self.item_elements(value, info.map_keys, item_schema, path)
        if elements is None:
            out[path] = value
            return
        for element, item in zip(elements, value, strict=True):
            item_path = (*path, element)
            out[item_path] = ITEM
            self._object(item, item_schema, item_path, out)

    def item_elements(
        self, items: list[Any], keys: tuple[str, ...], item_schema: Schema | None, path: Path
    ) -> list[str] | None:
        """The `k:` element of each item of a keyed list, or None if they have none."""
        elements: list[str] = []
        seen: set[str] = set()
        for item in items:
            element = item_key(self.view, item, keys, item_schema)
            if element is None or element in seen:
                if not self.strict:
                    return None
                what = (
                    "omits a key field"
                    if element is None
                    else f"has duplicate entries for key {element[2:]}"
                )
                raise PatchError(
                    f"{path_string(path)}: associative list with keys {list(keys)} {what}",
                    path_string(path),
                )
            seen.add(element)
            elements.append(element)
        return elements


def item_key(
    view: SchemaView, item: Any, keys: tuple[str, ...], item_schema: Schema | None
) -> str | None:
    """The `k:` element of one item of a keyed list (key defaults filled in)."""
    if not isinstance(item, dict):
        return None
    values: dict[str, Any] = {}
    for k in keys:
        v = item.get(k)
        if v is None:
            v = view.default(view.field(item_schema, k))
        if v is None:
            if len(keys) == 1:
                return None
            continue  # a missing key of a multi-key list: Kubernetes allows optional ones
        values[k] = v
    return key_element(values) if values else None


def item_matches(
    view: SchemaView, item: Any, element: str, keys: tuple[str, ...], item_schema: Schema | None
) -> bool:
    """Whether a list item is the one a `k:` or `v:` path element names."""
    if element.startswith("v:"):
        return json_equal(item, json.loads(element[2:]))
    if element.startswith("k:"):
        return item_key(view, item, keys, item_schema) == element
    return False

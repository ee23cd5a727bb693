"""JSON patch (RFC 6902) over JSON pointers (RFC 6901).

Operations: add, remove, replace, move, copy, test; pointers escape `~` as
`~0` and `/` as `~1`; `-` names the end of an array (for add). The document
is never modified: each call works on a copy.

Errors follow the API server: a body that is not a list of operations is
malformed (400); an operation that does not fit the document, including a
failed `test`, is 422; more than `MAX_OPERATIONS` operations is 413.
"""

from __future__ import annotations

import re
from typing import Any

from minikube_py.api.patch.errors import PatchError, malformed
from minikube_py.api.patch.jsonvalue import deep_copy, json_equal

MAX_OPERATIONS = 10000  # the API server's limit on operations in one JSON patch

_INDEX = re.compile(r"0|[1-9][0-9]*")
_OPS = ("add", "remove", "replace", "move", "copy", "test")


def parse_pointer(pointer: str) -> list[str]:
    """The reference tokens of a JSON pointer, unescaped ("" is the whole document)."""
    if pointer == "":
        return []
    if not pointer.startswith("/"):
        raise PatchError(f'JSON pointer "{pointer}" must be empty or start with "/"', pointer)
    tokens = pointer[1:].split("/")
    for t in tokens:
        if re.search(r"~(?![01])", t):
            raise PatchError(f'JSON pointer "{pointer}" has an invalid escape', pointer)
    return [t.replace("~1", "/").replace("~0", "~") for t in tokens]


def json_patch(document: Any, patch: Any) -> Any:
    """The document after applying the JSON patch `patch` (a decoded JSON list)."""
    operations = _check_operations(patch)
    doc = deep_copy(document)
    for i, op in enumerate(operations):
        doc = _apply_one(doc, op, i)
    return doc


def _check_operations(patch: Any) -> list[dict[str, Any]]:
    if not isinstance(patch, list):
        raise malformed("json: cannot unmarshal object into Go value of type jsonpatch.Patch")
    if len(patch) > MAX_OPERATIONS:
        raise PatchError(
            f"The allowed maximum operations in a JSON patch is {MAX_OPERATIONS}, got {len(patch)}",
            code=413,
        )
    for op in patch:
        if not isinstance(op, dict):
            raise malformed(
                "json: cannot unmarshal array element into Go value of type jsonpatch.Operation"
            )
    return patch


def _string_member(op: dict[str, Any], name: str, index: int) -> str:
    value = op.get(name)
    if not isinstance(value, str):
        raise PatchError(f'operation {index}: "{name}" is missing or not a string', None)
    return value


def _apply_one(doc: Any, op: dict[str, Any], index: int) -> Any:
    kind = op.get("op")
    if kind not in _OPS:
        raise PatchError(f"Unexpected kind: {kind}")
    path = _string_member(op, "path", index)
    if kind in ("add", "replace", "test") and "value" not in op:
        raise PatchError(f"{kind} operation {index}: missing value", path)
    if kind == "add":
        return _add(doc, path, deep_copy(op["value"]))
    if kind == "remove":
        doc, _ = _remove(doc, path, "remove")
        return doc
    if kind == "replace":
        return _replace(doc, path, deep_copy(op["value"]))
    if kind == "test":
        found = _get(doc, path, "test")
        if not json_equal(found, op["value"]):
            raise PatchError(f"testing value {path} failed: test failed", path)
        return doc
    source = _string_member(op, "from", index)
    if kind == "move":
        if path != source and path.startswith(source + "/"):
            raise PatchError(f'move operation: "from" {source} is a prefix of "path" {path}', path)
        if path == source:
            _get(doc, source, "move")
            return doc
        doc, value = _remove(doc, source, "move")
        return _add(doc, path, value)
    value = deep_copy(_get(doc, source, "copy"))
    return _add(doc, path, value)


def _array_index(token: str, size: int, path: str, op: str, *, allow_end: bool) -> int:
    if token == "-" and allow_end:
        return size
    if not _INDEX.fullmatch(token):
        raise PatchError(
            f"{op} operation does not apply: {path}: invalid array index {token!r}", path
        )
    i = int(token)
    if i > size or (i == size and not allow_end):
        raise PatchError(f"{op} operation does not apply: {path}: index {i} out of bounds", path)
    return i


def _parent(doc: Any, tokens: list[str], path: str, op: str) -> Any:
    node = doc
    for t in tokens[:-1]:
        if isinstance(node, dict):
            if t not in node:
                raise PatchError(
                    f"{op} operation does not apply: doc is missing path: {path}", path
                )
            node = node[t]
        elif isinstance(node, list):
            node = node[_array_index(t, len(node), path, op, allow_end=False)]
        else:
            raise PatchError(f"{op} operation does not apply: doc is missing path: {path}", path)
    return node


def _get(doc: Any, path: str, op: str) -> Any:
    tokens = parse_pointer(path)
    if not tokens:
        return doc
    parent = _parent(doc, tokens, path, op)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"{op} operation does not apply: doc is missing path: {path}", path)
        return parent[last]
    if isinstance(parent, list):
        return parent[_array_index(last, len(parent), path, op, allow_end=False)]
    raise PatchError(f"{op} operation does not apply: doc is missing path: {path}", path)


def _add(doc: Any, path: str, value: Any) -> Any:
    tokens = parse_pointer(path)
    if not tokens:
        return value
    parent = _parent(doc, tokens, path, "add")
    last = tokens[-1]
    if isinstance(parent, dict):
        parent[last] = value
    elif isinstance(parent, list):
        parent.insert(_array_index(last, len(parent), path, "add", allow_end=True), value)
    else:
        raise PatchError(f"add operation does not apply: doc is missing path: {path}", path)
    return doc


def _remove(doc: Any, path: str, op: str) -> tuple[Any, Any]:
    tokens = parse_pointer(path)
    if not tokens:
        raise PatchError(f"{op} operation does not apply: cannot remove the whole document", path)
    parent = _parent(doc, tokens, path, op)
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"{op} operation does not apply: doc is missing key: {path}", path)
        return doc, parent.pop(last)
    if isinstance(parent, list):
        return doc, parent.pop(_array_index(last, len(parent), path, op, allow_end=False))
    raise PatchError(f"{op} operation does not apply: doc is missing path: {path}", path)


def _replace(doc: Any, path: str, value: Any) -> Any:
    tokens = parse_pointer(path)
    if not tokens:
        return value
    parent = _parent(doc, tokens, path, "replace")
    last = tokens[-1]
    if isinstance(parent, dict):
        if last not in parent:
            raise PatchError(f"replace operation does not apply: doc is missing key: {path}", path)
        parent[last] = value
    elif isinstance(parent, list):
        parent[_array_index(last, len(parent), path, "replace", allow_end=False)] = value
    else:
        raise PatchError(f"replace operation does not apply: doc is missing path: {path}", path)
    return doc

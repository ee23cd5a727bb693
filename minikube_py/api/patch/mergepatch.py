"""JSON merge patch (RFC 7386): objects merge recursively, null deletes, anything
else (arrays included) replaces."""

from __future__ import annotations

from typing import Any

from minikube_py.api.patch.errors import malformed
from minikube_py.api.patch.jsonvalue import JSONObj, deep_copy


def merge(target: Any, patch: Any) -> Any:
    """RFC 7386 MergePatch(target, patch); neither argument is modified."""
    if not isinstance(patch, dict):
        return deep_copy(patch)
    result: JSONObj = deep_copy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge(result.get(key), value)
    return result


def merge_patch(obj: JSONObj, patch: Any) -> JSONObj:
    """An API object after a JSON merge patch; the patch must be a JSON object."""
    if not isinstance(patch, dict):
        raise malformed("a JSON merge patch of an object must be a JSON object")
    result = merge(obj, patch)
    assert isinstance(result, dict)
    return result

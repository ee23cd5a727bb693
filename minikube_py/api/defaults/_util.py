"""Small helpers shared by the defaulting modules: typed access into JSON dicts."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation.quantity import QuantityError, parse_quantity


def sub(obj: dict[str, Any], key: str) -> dict[str, Any]:
    """obj[key] as a dict, created when missing; a non-dict value is left alone (validation reports it)."""
    value = obj.get(key)
    if value is None:
        value = obj[key] = {}
    return value if isinstance(value, dict) else {}


def dicts(value: Any) -> list[dict[str, Any]]:
    """The dict items of a list (anything else in it is left for validation)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, dict)]


def setdefault(obj: dict[str, Any], key: str, value: Any) -> None:
    """Set obj[key] when it is missing, null or empty string, as Go's zero-value checks do."""
    if obj.get(key) in (None, ""):
        obj[key] = value


def canonical_quantities(values: Any) -> None:
    """Rewrite each quantity of a ResourceList in the canonical form Kubernetes serializes."""
    if not isinstance(values, dict):
        return
    for name, raw in values.items():
        try:
            values[name] = parse_quantity(raw).canonical()
        except QuantityError:
            pass  # validation reports it

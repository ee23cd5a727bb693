"""Admission: the checks of a write that need more than the object itself, as
Kubernetes' validating admission plugins make them (today: one default
PriorityClass, from the Priority plugin).

The write path (handlers/writes.py) calls `admit` after validation and before
the store write, dry runs included, for creates and for updates of the object
itself (not of its subresources), as Kubernetes does. A check reads what it
needs from the store and answers a refusal (an APIError) or None; it never writes.
To add one, write `async def check(store, attributes)` and list it under its
resource in `_CHECKS`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import msgspec

from minikube_py.api import errors
from minikube_py.api.registry import ResourceInfo
from minikube_py.store import Store

__all__ = ["Attributes", "admit"]

Operation = Literal["CREATE", "UPDATE"]


@dataclass(frozen=True, slots=True)
class Attributes:
    """What is being written: the object as it will be stored, and the one it replaces."""

    resource: ResourceInfo
    operation: Operation
    obj: dict[str, Any]
    old: dict[str, Any] | None = None

    @property
    def name(self) -> str:
        return str(self.obj.get("metadata", {}).get("name", ""))


Check = Callable[[Store, Attributes], Awaitable[errors.APIError | None]]


async def admit(store: Store, attributes: Attributes) -> None:
    """Run the checks of the resource being written; raise the first refusal."""
    resource = attributes.resource
    for check in _CHECKS.get((resource.group, resource.plural), ()):
        refusal = await check(store, attributes)
        if refusal is not None:
            raise refusal


# --------------------------------------------------------------------------- checks


async def _one_default_priority_class(store: Store, a: Attributes) -> errors.APIError | None:
    """A second PriorityClass may not be marked globalDefault (Kubernetes answers 403)."""
    if a.obj.get("globalDefault") is not True:
        return None
    default = await _default_priority_class(store, a.resource)
    if default is None or (a.operation == "UPDATE" and default == a.name):
        return None
    return errors.forbidden(
        a.resource,
        a.name,
        f"PriorityClass {default} is already marked as default. Only one default can exist",
    )


async def _default_priority_class(store: Store, resource: ResourceInfo) -> str | None:
    """The name of the default PriorityClass; of several (a race), the lowest value's."""
    found: tuple[int, str] | None = None
    page = await store.list(resource.key_prefix())
    for kv in page.items:
        pc = msgspec.json.decode(kv.value)
        if pc.get("globalDefault") is True:
            candidate = (int(pc.get("value") or 0), str(pc["metadata"]["name"]))
            if found is None or candidate < found:
                found = candidate
    return found[1] if found is not None else None


_CHECKS: dict[tuple[str, str], tuple[Check, ...]] = {
    ("scheduling.k8s.io", "priorityclasses"): (_one_default_priority_class,),
}

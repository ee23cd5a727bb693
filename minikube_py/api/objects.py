"""Pure helpers over object dicts: timestamps, names, metadata the server owns,
what counts as a spec change, and the status a new object starts with."""

from __future__ import annotations

import copy
import datetime
import secrets
import uuid
from typing import Any

from minikube_py.api.registry import ResourceInfo

# the alphabet Kubernetes uses for generateName suffixes (no vowels, no lookalikes)
_SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
SERVER_METADATA = (
    "uid",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "generation",
    "selfLink",
)


def now_rfc3339(clock: datetime.datetime | None = None) -> str:
    t = clock or datetime.datetime.now(datetime.UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def now_micro() -> str:
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def generated_name(prefix: str) -> str:
    return prefix + "".join(secrets.choice(_SUFFIX_ALPHABET) for _ in range(5))


def new_uid() -> str:
    return str(uuid.uuid4())


def spec_view(obj: dict[str, Any]) -> dict[str, Any]:
    """Everything that is neither metadata nor status: a change here bumps generation."""
    return {k: v for k, v in obj.items() if k not in ("metadata", "status", "apiVersion", "kind")}


def for_storage(obj: dict[str, Any]) -> dict[str, Any]:
    """The object as stored: resourceVersion comes from the store revision, not the value."""
    meta = obj.get("metadata")
    if isinstance(meta, dict) and "resourceVersion" in meta:
        obj = dict(obj)
        obj["metadata"] = {k: v for k, v in meta.items() if k != "resourceVersion"}
    return obj


def initial_status(resource: ResourceInfo, obj: dict[str, Any]) -> None:
    """Reset status on create, as the Kubernetes strategies do."""
    kind = resource.kind
    if kind == "Pod":
        obj["status"] = {"phase": "Pending", "qosClass": qos_class(obj)}
    elif kind == "Namespace":
        obj["status"] = {"phase": "Active"}
    elif kind == "Service":
        obj["status"] = {"loadBalancer": {}}
    elif kind in ("Node",):
        obj.setdefault("status", {})
    elif resource.has_status:
        obj["status"] = {}


def qos_class(pod: dict[str, Any]) -> str:
    containers = list(pod.get("spec", {}).get("containers") or []) + list(
        pod.get("spec", {}).get("initContainers") or []
    )
    any_set = False
    guaranteed = True
    for c in containers:
        res = c.get("resources") or {}
        req = res.get("requests") or {}
        lim = res.get("limits") or {}
        if req or lim:
            any_set = True
        for r in ("cpu", "memory"):
            if r not in lim or (r in req and str(req[r]) != str(lim[r])):
                guaranteed = False
    if not any_set:
        return "BestEffort"
    return "Guaranteed" if guaranteed else "Burstable"


def deep(obj: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(obj)


def get_path(obj: dict[str, Any], dotted: str) -> Any:
    cur: Any = obj
    for part in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur

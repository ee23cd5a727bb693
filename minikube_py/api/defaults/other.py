"""Defaults of discovery.k8s.io/v1 EndpointSlice and scheduling.k8s.io/v1 PriorityClass."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import dicts, setdefault


def default_endpoint_slice(es: dict[str, Any]) -> None:
    for port in dicts(es.get("ports")):
        if port.get("name") is None:
            port["name"] = ""
        setdefault(port, "protocol", "TCP")


def default_priority_class(pc: dict[str, Any]) -> None:
    setdefault(pc, "preemptionPolicy", "PreemptLowerPriority")

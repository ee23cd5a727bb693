"""Defaults of autoscaling/v2 HorizontalPodAutoscaler, as SetDefaults_HorizontalPodAutoscaler."""

from __future__ import annotations

from typing import Any

from minikube_py.api.defaults._util import setdefault, sub

DEFAULT_CPU_UTILIZATION = 80
_SCALE_UP_POLICIES = (("Pods", 4, 15), ("Percent", 100, 15))
_SCALE_DOWN_POLICIES = (("Percent", 100, 15),)


def _policies(policies: tuple[tuple[str, int, int], ...]) -> list[dict[str, Any]]:
    return [{"type": t, "value": v, "periodSeconds": p} for t, v, p in policies]


def default_hpa(hpa: dict[str, Any]) -> None:
    spec = sub(hpa, "spec")
    setdefault(spec, "minReplicas", 1)
    if not spec.get("metrics"):
        target = {"type": "Utilization", "averageUtilization": DEFAULT_CPU_UTILIZATION}
        spec["metrics"] = [{"type": "Resource", "resource": {"name": "cpu", "target": target}}]
    behavior = spec.get("behavior")
    if not isinstance(behavior, dict):
        return  # an unset behavior stays unset: the controller's defaults apply
    up = sub(behavior, "scaleUp")
    if up.get("stabilizationWindowSeconds") is None:
        up["stabilizationWindowSeconds"] = 0
    setdefault(up, "selectPolicy", "Max")
    if not up.get("policies"):
        up["policies"] = _policies(_SCALE_UP_POLICIES)
    down = sub(behavior, "scaleDown")
    setdefault(down, "selectPolicy", "Max")
    if not down.get("policies"):
        down["policies"] = _policies(_SCALE_DOWN_POLICIES)

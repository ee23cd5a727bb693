"""policy/v1 PodDisruptionBudget and scheduling.k8s.io/v1 PriorityClass, as
pkg/apis/policy/validation and pkg/apis/scheduling/validation check them."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import apps
from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict

EVICTION_POLICIES = ("AlwaysAllow", "IfHealthyBudget")
PREEMPTION_POLICIES = ("Never", "PreemptLowerPriority")
HIGHEST_USER_PRIORITY = 1_000_000_000
# the two classes every cluster has; only they may use the system- prefix and go higher
SYSTEM_PRIORITY_CLASSES = {
    "system-node-critical": 2_000_001_000,
    "system-cluster-critical": 2_000_000_000,
}


def validate_pdb(pdb: dict[str, Any]) -> list[Cause]:
    spec = as_dict(pdb.get("spec"))
    out: list[Cause] = []
    min_available, max_unavailable = spec.get("minAvailable"), spec.get("maxUnavailable")
    if min_available is not None and max_unavailable is not None:
        out.append(f.invalid("spec", "", "minAvailable and maxUnavailable cannot be both set"))
    for key, value in (("minAvailable", min_available), ("maxUnavailable", max_unavailable)):
        if value is not None:
            out += apps.positive_int_or_percent(value, f"spec.{key}")
            out += apps.not_more_than_100_percent(value, f"spec.{key}")
    out += m.validate_label_selector(spec.get("selector"), "spec.selector")
    policy = spec.get("unhealthyPodEvictionPolicy")
    if policy is not None and policy not in EVICTION_POLICIES:
        out.append(f.not_supported("spec.unhealthyPodEvictionPolicy", policy, EVICTION_POLICIES))
    return out


def validate_priority_class(pc: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    name = str(as_dict(pc.get("metadata")).get("name") or "")
    value = pc.get("value")
    system_value = SYSTEM_PRIORITY_CLASSES.get(name)
    if system_value is not None:
        if value != system_value:
            out.append(
                f.forbidden(
                    "value", f"value of system priority class {name} must be {system_value}"
                )
            )
    elif name.startswith("system-"):
        out.append(
            f.forbidden("metadata.name", "priority class names with 'system-' prefix are reserved")
        )
    elif not isinstance(value, int) or isinstance(value, bool):
        out.append(f.required("value"))
    elif value > HIGHEST_USER_PRIORITY:
        out.append(
            f.forbidden(
                "value",
                f"maximum allowed value of a user defined priority is {HIGHEST_USER_PRIORITY}",
            )
        )
    elif value < -2_147_483_648:
        out.append(f.invalid("value", value, "must be a 32-bit integer"))
    policy = pc.get("preemptionPolicy")
    if policy is not None and policy not in PREEMPTION_POLICIES:
        out.append(f.not_supported("preemptionPolicy", policy, PREEMPTION_POLICIES))
    return out


def validate_priority_class_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    if new.get("value") != old.get("value"):
        out.append(f.forbidden("value", "may not be changed in an update."))
    if new.get("preemptionPolicy") != old.get("preemptionPolicy"):
        out.append(f.immutable("preemptionPolicy", str(new.get("preemptionPolicy"))))
    return out

"""autoscaling/v2 HorizontalPodAutoscaler, as pkg/apis/autoscaling/validation checks it."""

from __future__ import annotations

from typing import Any

from minikube_py.api.validation import field as f
from minikube_py.api.validation import meta as m
from minikube_py.api.validation.field import Cause
from minikube_py.api.validation.meta import as_dict, as_int, as_list, as_str

METRIC_TYPES = ("ContainerResource", "External", "Object", "Pods", "Resource")
TARGET_TYPES = ("AverageValue", "Utilization", "Value")
SELECT_POLICIES = ("Disabled", "Max", "Min")
POLICY_TYPES = ("Percent", "Pods")
MAX_PERIOD = 1800
MAX_WINDOW = 3600


def _target(target: Any, path: str) -> list[Cause]:
    if target is None:
        return [f.required(path)]
    t = as_dict(target)
    ttype = t.get("type")
    if ttype not in TARGET_TYPES:
        return [f.not_supported(f.child(path, "type"), ttype, TARGET_TYPES)]
    util = t.get("averageUtilization")
    if util is not None and (as_int(util) or 0) < 1:
        return [f.invalid(f.child(path, "averageUtilization"), util, "must be greater than 0")]
    key = {"Utilization": "averageUtilization", "Value": "value", "AverageValue": "averageValue"}
    if t.get(key[str(ttype)]) is None:
        return [f.required(f.child(path, key[str(ttype)]), f"must set {key[str(ttype)]}")]
    return []


def _metric(metric: dict[str, Any], path: str) -> list[Cause]:
    mtype = metric.get("type")
    if mtype not in METRIC_TYPES:
        return [f.not_supported(f.child(path, "type"), mtype, METRIC_TYPES)]
    key = str(mtype)[:1].lower() + str(mtype)[1:]
    others = [
        k for k in ("object", "pods", "resource", "containerResource", "external") if k != key
    ]
    out: list[Cause] = [
        f.forbidden(f.child(path, k), "must populate information for the given metric source only")
        for k in others
        if metric.get(k) is not None
    ]
    source = metric.get(key)
    sp = f.child(path, key)
    if source is None:
        return [*out, f.required(sp, "must populate information for the given metric source")]
    s = as_dict(source)
    if mtype in ("Resource", "ContainerResource"):
        if not as_str(s.get("name")):
            out.append(f.required(f.child(sp, "name")))
        if mtype == "ContainerResource" and not as_str(s.get("container")):
            out.append(f.required(f.child(sp, "container")))
    else:
        name = as_str(as_dict(s.get("metric")).get("name"))
        if not name:
            out.append(f.required(f.child(sp, "metric", "name"), "must specify a metric name"))
    return out + _target(s.get("target"), f.child(sp, "target"))


def _rules(rules: Any, path: str) -> list[Cause]:
    if rules is None:
        return []
    r = as_dict(rules)
    out: list[Cause] = []
    window = r.get("stabilizationWindowSeconds")
    if window is not None and not 0 <= (as_int(window) or 0) <= MAX_WINDOW:
        out.append(
            f.invalid(
                f.child(path, "stabilizationWindowSeconds"),
                window,
                f"must be less than or equal to {MAX_WINDOW}",
            )
        )
    select = r.get("selectPolicy")
    if select is not None and select not in SELECT_POLICIES:
        out.append(f.not_supported(f.child(path, "selectPolicy"), select, SELECT_POLICIES))
    policies = as_list(r.get("policies"))
    if not policies and r:
        out.append(f.required(f.child(path, "policies"), "must specify at least one Policy"))
    for i, raw in enumerate(policies):
        p = as_dict(raw)
        pp = f.index(f.child(path, "policies"), i)
        if p.get("type") not in POLICY_TYPES:
            out.append(f.not_supported(f.child(pp, "type"), p.get("type"), POLICY_TYPES))
        if (as_int(p.get("value")) or 0) <= 0:
            out.append(f.invalid(f.child(pp, "value"), p.get("value"), "must be greater than zero"))
        period = as_int(p.get("periodSeconds")) or 0
        if period <= 0:
            out.append(f.invalid(f.child(pp, "periodSeconds"), period, "must be greater than zero"))
        elif period > MAX_PERIOD:
            out.append(
                f.invalid(
                    f.child(pp, "periodSeconds"),
                    period,
                    f"must be less than or equal to {MAX_PERIOD}",
                )
            )
    return out


def validate_hpa(hpa: dict[str, Any]) -> list[Cause]:
    spec = as_dict(hpa.get("spec"))
    out: list[Cause] = []
    ref = as_dict(spec.get("scaleTargetRef"))
    for key in ("kind", "name"):
        value = as_str(ref.get(key))
        if not value:
            out.append(f.required(f"spec.scaleTargetRef.{key}"))
        else:
            out += f.invalid_each(
                f"spec.scaleTargetRef.{key}", value, m.path_segment_name(value, False)
            )
    min_replicas = as_int(spec.get("minReplicas"))
    if min_replicas is not None and min_replicas < 1:
        out.append(
            f.invalid("spec.minReplicas", min_replicas, "must be greater than or equal to 1")
        )
    max_replicas = as_int(spec.get("maxReplicas")) or 0
    if max_replicas < 1:
        out.append(f.invalid("spec.maxReplicas", max_replicas, "must be greater than 0"))
    elif min_replicas is not None and max_replicas < min_replicas:
        out.append(
            f.invalid(
                "spec.maxReplicas", max_replicas, "must be greater than or equal to `minReplicas`"
            )
        )
    for i, metric in enumerate(as_list(spec.get("metrics"))):
        out += _metric(as_dict(metric), f.index("spec.metrics", i))
    behavior = spec.get("behavior")
    if behavior is not None:
        b = as_dict(behavior)
        out += _rules(b.get("scaleUp"), "spec.behavior.scaleUp")
        out += _rules(b.get("scaleDown"), "spec.behavior.scaleDown")
    return out

"""Conversion between the API versions of one stored resource.

Kubernetes serves some resources in several versions over one stored object:
events.k8s.io/v1 Events are core/v1 Events, autoscaling/v1 HorizontalPodAutoscalers
are stored as autoscaling/v2. A `ResourceInfo` whose `storage` names another version
is converted here on the way in (request version -> storage version) and out
(storage version -> request version). One pure function per direction, registered
for its (apiVersion, kind) pair; a pair registered twice is a bug.

Owns only dict-to-dict mapping: metadata passes through untouched (managedFields
included), and the inputs are never mutated (watch events share their decoded
objects). The field mappings follow Kubernetes' pkg/apis/events/v1 and
pkg/apis/autoscaling/v1 conversions; what autoscaling/v1 cannot express is kept in
the `autoscaling.alpha.kubernetes.io/...` annotations, as Kubernetes keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from minikube_py.api.registry import ResourceInfo

Obj = dict[str, Any]
Converter = Callable[[Obj], Obj]
GVK = tuple[str, str]  # (apiVersion, kind)

_CONVERTERS: dict[tuple[GVK, GVK], Converter] = {}


class ConversionError(Exception):
    """A stored value or request body this module cannot convert (a bug: every
    served version registers both directions)."""


def register(source: GVK, target: GVK) -> Callable[[Converter], Converter]:
    """Register `fn` as the conversion from `source` to `target`, refusing a duplicate."""

    def wrap(fn: Converter) -> Converter:
        if (source, target) in _CONVERTERS:
            raise ValueError(f"duplicate conversion {source} -> {target}")
        _CONVERTERS[(source, target)] = fn
        return fn

    return wrap


def has_conversion(source: GVK, target: GVK) -> bool:
    return (source, target) in _CONVERTERS


def convert(obj: Obj, api_version: str, kind: str) -> Obj:
    """`obj` as `api_version`/`kind`; itself when it already is."""
    source = (str(obj.get("apiVersion") or ""), str(obj.get("kind") or ""))
    if source == (api_version, kind):
        return obj
    fn = _CONVERTERS.get((source, (api_version, kind)))
    if fn is None:
        raise ConversionError(f"no conversion from {source} to {(api_version, kind)}")
    out = fn(obj)
    return {"apiVersion": api_version, "kind": kind, **out}


def to_storage(resource: ResourceInfo, obj: Obj) -> Obj:
    """A request-version object in its storage version (itself when they are one)."""
    if not resource.converted:
        return obj
    return convert(obj, resource.storage_api_version, resource.kind)


def from_storage(resource: ResourceInfo, obj: Obj) -> Obj:
    """A stored object in the request's version (itself when they are one)."""
    if not resource.converted:
        return obj
    return convert(obj, resource.api_version, resource.kind)


def _copy(value: Any) -> Any:
    return json.loads(json.dumps(value)) if isinstance(value, dict | list) else value


def _mapped(obj: Obj, pairs: tuple[tuple[str, str], ...], skip: tuple[str, ...] = ()) -> Obj:
    """Every top-level field of `obj`, renamed by `pairs`, deep-copied."""
    rename = dict(pairs)
    return {
        rename.get(k, k): _copy(v)
        for k, v in obj.items()
        if k not in ("apiVersion", "kind") and k not in skip
    }


# ---------------------------------------------------------------- events

CORE_EVENT = ("v1", "Event")
EVENTS_V1_EVENT = ("events.k8s.io/v1", "Event")
# events.k8s.io/v1 field -> core/v1 field (reportingInstance, reason, type, action,
# eventTime, series and related keep their names)
_EVENT_FIELDS = (
    ("regarding", "involvedObject"),
    ("note", "message"),
    ("reportingController", "reportingComponent"),
    ("deprecatedSource", "source"),
    ("deprecatedFirstTimestamp", "firstTimestamp"),
    ("deprecatedLastTimestamp", "lastTimestamp"),
    ("deprecatedCount", "count"),
)


@register(EVENTS_V1_EVENT, CORE_EVENT)
def events_v1_to_core(event: Obj) -> Obj:
    return _mapped(event, _EVENT_FIELDS)


@register(CORE_EVENT, EVENTS_V1_EVENT)
def core_to_events_v1(event: Obj) -> Obj:
    return _mapped(event, tuple((b, a) for a, b in _EVENT_FIELDS))


# ---------------------------------------------------------------- horizontal pod autoscalers

HPA_V1 = ("autoscaling/v1", "HorizontalPodAutoscaler")
HPA_V2 = ("autoscaling/v2", "HorizontalPodAutoscaler")
METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/metrics"
CURRENT_METRICS_ANNOTATION = "autoscaling.alpha.kubernetes.io/current-metrics"
CONDITIONS_ANNOTATION = "autoscaling.alpha.kubernetes.io/conditions"
BEHAVIOR_ANNOTATION = "autoscaling.alpha.kubernetes.io/behavior"
_HPA_ANNOTATIONS = (
    METRICS_ANNOTATION,
    CURRENT_METRICS_ANNOTATION,
    CONDITIONS_ANNOTATION,
    BEHAVIOR_ANNOTATION,
)


def _dict(value: Any) -> Obj:
    return value if isinstance(value, dict) else {}


def _is_cpu_utilization(metric: Obj) -> bool:
    resource = _dict(metric.get("resource"))
    target = _dict(resource.get("target"))
    return (
        metric.get("type") == "Resource"
        and resource.get("name") == "cpu"
        and target.get("type") == "Utilization"
        and target.get("averageUtilization") is not None
    )


def _is_cpu_current(metric: Obj) -> bool:
    resource = _dict(metric.get("resource"))
    return (
        metric.get("type") == "Resource"
        and resource.get("name") == "cpu"
        and _dict(resource.get("current")).get("averageUtilization") is not None
    )


def _drop_none(d: Obj) -> Obj:
    return {k: v for k, v in d.items() if v is not None}


def _metric_to_v1(metric: Obj) -> Obj:
    """An autoscaling/v2 MetricSpec in autoscaling/v1's (v2beta1-shaped) MetricSpec."""
    mtype = metric.get("type")
    out: Obj = {"type": mtype}
    if mtype in ("Resource", "ContainerResource"):
        key = "resource" if mtype == "Resource" else "containerResource"
        src = _dict(metric.get(key))
        target = _dict(src.get("target"))
        out[key] = _drop_none(
            {
                "name": src.get("name"),
                "container": src.get("container"),
                "targetAverageUtilization": target.get("averageUtilization"),
                "targetAverageValue": target.get("averageValue"),
            }
        )
    elif mtype == "Pods":
        src = _dict(metric.get("pods"))
        ident = _dict(src.get("metric"))
        out["pods"] = _drop_none(
            {
                "metricName": ident.get("name"),
                "selector": ident.get("selector"),
                "targetAverageValue": _dict(src.get("target")).get("averageValue"),
            }
        )
    elif mtype == "Object":
        src = _dict(metric.get("object"))
        ident = _dict(src.get("metric"))
        target = _dict(src.get("target"))
        out["object"] = _drop_none(
            {
                "target": src.get("describedObject"),
                "metricName": ident.get("name"),
                "selector": ident.get("selector"),
                "targetValue": target.get("value"),
                "averageValue": target.get("averageValue"),
            }
        )
    elif mtype == "External":
        src = _dict(metric.get("external"))
        ident = _dict(src.get("metric"))
        target = _dict(src.get("target"))
        out["external"] = _drop_none(
            {
                "metricName": ident.get("name"),
                "metricSelector": ident.get("selector"),
                "targetValue": target.get("value"),
                "targetAverageValue": target.get("averageValue"),
            }
        )
    return out


def _target(value: Any = None, average_value: Any = None, utilization: Any = None) -> Obj:
    if utilization is not None:
        return {"type": "Utilization", "averageUtilization": utilization}
    if average_value is not None:
        return {"type": "AverageValue", "averageValue": average_value}
    return {"type": "Value", "value": value}


def _metric_from_v1(metric: Obj) -> Obj:
    """autoscaling/v1's MetricSpec (from the metrics annotation) as autoscaling/v2's."""
    mtype = metric.get("type")
    out: Obj = {"type": mtype}
    if mtype in ("Resource", "ContainerResource"):
        key = "resource" if mtype == "Resource" else "containerResource"
        src = _dict(metric.get(key))
        out[key] = _drop_none(
            {
                "name": src.get("name"),
                "container": src.get("container"),
                "target": _target(
                    average_value=src.get("targetAverageValue"),
                    utilization=src.get("targetAverageUtilization"),
                ),
            }
        )
    elif mtype == "Pods":
        src = _dict(metric.get("pods"))
        out["pods"] = {
            "metric": _drop_none({"name": src.get("metricName"), "selector": src.get("selector")}),
            "target": _target(average_value=src.get("targetAverageValue")),
        }
    elif mtype == "Object":
        src = _dict(metric.get("object"))
        out["object"] = {
            "describedObject": src.get("target"),
            "metric": _drop_none({"name": src.get("metricName"), "selector": src.get("selector")}),
            "target": _target(src.get("targetValue"), src.get("averageValue")),
        }
    elif mtype == "External":
        src = _dict(metric.get("external"))
        out["external"] = {
            "metric": _drop_none(
                {"name": src.get("metricName"), "selector": src.get("metricSelector")}
            ),
            "target": _target(src.get("targetValue"), src.get("targetAverageValue")),
        }
    return out


def _annotation(annotations: Obj, key: str) -> Any:
    raw = annotations.pop(key, None)
    if not isinstance(raw, str):
        return None
    try:
        return json.loads(raw)
    except ValueError:
        return None  # Kubernetes ignores an annotation it cannot parse, too


@register(HPA_V2, HPA_V1)
def hpa_v2_to_v1(hpa: Obj) -> Obj:
    out = _mapped(hpa, (), skip=("spec", "status"))
    meta = out.setdefault("metadata", {})
    annotations: Obj = dict(_dict(meta.get("annotations")))
    spec = _dict(hpa.get("spec"))
    if "spec" in hpa:
        v1_spec: Obj = {
            k: _copy(spec[k]) for k in ("scaleTargetRef", "minReplicas", "maxReplicas") if k in spec
        }
        others: list[Obj] = []
        for metric in spec.get("metrics") or []:
            metric = _dict(metric)
            if _is_cpu_utilization(metric) and "targetCPUUtilizationPercentage" not in v1_spec:
                target = metric["resource"]["target"]
                v1_spec["targetCPUUtilizationPercentage"] = target["averageUtilization"]
            else:
                others.append(_metric_to_v1(metric))
        if others:
            annotations[METRICS_ANNOTATION] = json.dumps(others, separators=(",", ":"))
        if spec.get("behavior") is not None:
            annotations[BEHAVIOR_ANNOTATION] = json.dumps(spec["behavior"], separators=(",", ":"))
        out["spec"] = v1_spec
    if "status" in hpa:
        status = _dict(hpa.get("status"))
        v1_status: Obj = {
            k: _copy(status[k])
            for k in ("observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas")
            if k in status
        }
        current_others: list[Any] = []
        for metric in status.get("currentMetrics") or []:
            metric = _dict(metric)
            if _is_cpu_current(metric) and "currentCPUUtilizationPercentage" not in v1_status:
                current = metric["resource"]["current"]
                v1_status["currentCPUUtilizationPercentage"] = current["averageUtilization"]
            else:
                current_others.append(metric)
        if current_others:
            annotations[CURRENT_METRICS_ANNOTATION] = json.dumps(
                current_others, separators=(",", ":")
            )
        if status.get("conditions"):
            annotations[CONDITIONS_ANNOTATION] = json.dumps(
                status["conditions"], separators=(",", ":")
            )
        out["status"] = v1_status
    if annotations:
        meta["annotations"] = annotations
    return out


@register(HPA_V1, HPA_V2)
def hpa_v1_to_v2(hpa: Obj) -> Obj:
    out = _mapped(hpa, (), skip=("spec", "status"))
    meta = out.setdefault("metadata", {})
    annotations: Obj = dict(_dict(meta.get("annotations")))
    metrics = _annotation(annotations, METRICS_ANNOTATION)
    behavior = _annotation(annotations, BEHAVIOR_ANNOTATION)
    current_metrics = _annotation(annotations, CURRENT_METRICS_ANNOTATION)
    conditions = _annotation(annotations, CONDITIONS_ANNOTATION)
    if annotations:
        meta["annotations"] = annotations
    else:
        meta.pop("annotations", None)
    if "spec" in hpa:
        spec = _dict(hpa.get("spec"))
        v2_spec: Obj = {
            k: _copy(spec[k]) for k in ("scaleTargetRef", "minReplicas", "maxReplicas") if k in spec
        }
        v2_metrics: list[Obj] = []
        cpu = spec.get("targetCPUUtilizationPercentage")
        if cpu is not None:
            target = {"type": "Utilization", "averageUtilization": cpu}
            v2_metrics.append({"type": "Resource", "resource": {"name": "cpu", "target": target}})
        if isinstance(metrics, list):
            v2_metrics += [_metric_from_v1(_dict(m)) for m in metrics]
        if v2_metrics:
            v2_spec["metrics"] = v2_metrics
        if isinstance(behavior, dict):
            v2_spec["behavior"] = behavior
        out["spec"] = v2_spec
    if "status" in hpa:
        status = _dict(hpa.get("status"))
        v2_status: Obj = {
            k: _copy(status[k])
            for k in ("observedGeneration", "lastScaleTime", "currentReplicas", "desiredReplicas")
            if k in status
        }
        current: list[Any] = []
        cpu_now = status.get("currentCPUUtilizationPercentage")
        if cpu_now is not None:
            current.append(
                {
                    "type": "Resource",
                    "resource": {"name": "cpu", "current": {"averageUtilization": cpu_now}},
                }
            )
        if isinstance(current_metrics, list):
            current += current_metrics
        if current:
            v2_status["currentMetrics"] = current
        if isinstance(conditions, list):
            v2_status["conditions"] = conditions
        out["status"] = v2_status
    return out

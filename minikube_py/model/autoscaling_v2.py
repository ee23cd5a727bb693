"""autoscaling/v2: horizontal pod autoscalers (stored; no autoscaler controller yet).

A module of its own because its schemas live in io.k8s.api.autoscaling.v2, apart
from autoscaling/v1's Scale."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import (
    Base,
    FreeForm,
    Int32,
    Int64,
    Quantity,
    Time,
    atomic,
    doc,
    merge_list,
)
from minikube_py.model.meta import LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.autoscaling.v2"

_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."
METRIC_TYPES = ("ContainerResource", "External", "Object", "Pods", "Resource")
TARGET_TYPES = ("AverageValue", "Utilization", "Value")


class CrossVersionObjectReference(Base, kw_only=True):
    """The scaled object."""

    kind: Annotated[str, doc("Kind of the object, e.g. Deployment.")]
    name: Annotated[str, doc("Name of the object.")]
    apiVersion: Annotated[str | None, doc("API version of the object.")] = None


class MetricTarget(Base, kw_only=True):
    """The wanted value of a metric."""

    type: Annotated[str, doc("Utilization, Value or AverageValue.", enum=TARGET_TYPES)]
    value: Annotated[Quantity | None, doc("The wanted value.")] = None
    averageValue: Annotated[Quantity | None, doc("The wanted average over pods.")] = None
    averageUtilization: Annotated[
        Int32 | None, doc("The wanted average, in percent of the pods' requests.")
    ] = None


class MetricIdentifier(Base, kw_only=True):
    """A metric by name and labels."""

    name: Annotated[str, doc("Name of the metric.")]
    selector: Annotated[LabelSelector | None, doc("Labels of the metric.")] = None


class ResourceMetricSource(Base, kw_only=True):
    """A resource (cpu, memory) of the scaled pods."""

    name: Annotated[str, doc("The resource, e.g. cpu.")]
    target: Annotated[MetricTarget, doc("The wanted value.")]


class ContainerResourceMetricSource(Base, kw_only=True):
    """A resource of one container of the scaled pods."""

    name: Annotated[str, doc("The resource, e.g. cpu.")]
    target: Annotated[MetricTarget, doc("The wanted value.")]
    container: Annotated[str, doc("Name of the container.")]


class PodsMetricSource(Base, kw_only=True):
    """A metric of the scaled pods, averaged."""

    metric: Annotated[MetricIdentifier, doc("The metric.")]
    target: Annotated[MetricTarget, doc("The wanted value.")]


class ObjectMetricSource(Base, kw_only=True):
    """A metric of another object."""

    describedObject: Annotated[CrossVersionObjectReference, doc("The object.")]
    target: Annotated[MetricTarget, doc("The wanted value.")]
    metric: Annotated[MetricIdentifier, doc("The metric.")]


class ExternalMetricSource(Base, kw_only=True):
    """A metric from outside the cluster."""

    metric: Annotated[MetricIdentifier, doc("The metric.")]
    target: Annotated[MetricTarget, doc("The wanted value.")]


class MetricSpec(Base, kw_only=True):
    """One metric to scale on."""

    type: Annotated[str, doc("Which source is set.", enum=METRIC_TYPES)]
    object: Annotated[ObjectMetricSource | None, doc("A metric of another object.")] = None
    pods: Annotated[PodsMetricSource | None, doc("A metric of the pods.")] = None
    resource: Annotated[ResourceMetricSource | None, doc("A resource of the pods.")] = None
    containerResource: Annotated[
        ContainerResourceMetricSource | None, doc("A resource of one container.")
    ] = None
    external: Annotated[ExternalMetricSource | None, doc("A metric from outside.")] = None


class HPAScalingPolicy(Base, kw_only=True):
    """How much may change within a period."""

    type: Annotated[str, doc("Pods or Percent.", enum=("Percent", "Pods"))]
    value: Annotated[Int32, doc("The amount of change allowed.")]
    periodSeconds: Annotated[Int32, doc("The period, 1 to 1800 seconds.")]


class HPAScalingRules(Base, kw_only=True):
    """How fast to scale in one direction."""

    stabilizationWindowSeconds: Annotated[
        Int32 | None, doc("Past recommendations considered, 0 to 3600 seconds.")
    ] = None
    selectPolicy: Annotated[
        str | None, doc("Max, Min or Disabled.", enum=("Disabled", "Max", "Min"))
    ] = None
    policies: Annotated[list[HPAScalingPolicy] | None, atomic("The policies.")] = None
    tolerance: Annotated[Quantity | None, doc("Metric deviation that triggers no scaling.")] = None


class HorizontalPodAutoscalerBehavior(Base, kw_only=True):
    """Scaling speed up and down."""

    scaleUp: Annotated[HPAScalingRules | None, doc("Rules for scaling up.")] = None
    scaleDown: Annotated[HPAScalingRules | None, doc("Rules for scaling down.")] = None


class HorizontalPodAutoscalerSpec(Base, kw_only=True):
    """What to scale, between which bounds, on which metrics."""

    scaleTargetRef: Annotated[CrossVersionObjectReference, doc("The scaled object.")]
    minReplicas: Annotated[Int32 | None, doc("Fewest replicas; 1 by default.")] = None
    maxReplicas: Annotated[Int32, doc("Most replicas; at least minReplicas.")]
    metrics: Annotated[
        list[MetricSpec] | None, atomic("Metrics to scale on; 80% CPU by default.")
    ] = None
    behavior: Annotated[
        HorizontalPodAutoscalerBehavior | None, doc("Scaling speed up and down.")
    ] = None


class HorizontalPodAutoscalerStatus(Base, kw_only=True):
    """What the autoscaler last observed."""

    observedGeneration: Annotated[Int64 | None, doc("Generation observed.")] = None
    lastScaleTime: Annotated[Time | None, doc("When it last scaled.")] = None
    currentReplicas: Annotated[Int32 | None, doc("Replicas now.")] = None
    desiredReplicas: Annotated[Int32, doc("Replicas wanted.")]
    currentMetrics: Annotated[list[FreeForm] | None, atomic("Last read metric values.")] = None
    conditions: Annotated[list[FreeForm] | None, merge_list("Current conditions.", "type")] = None


class HorizontalPodAutoscaler(Base, kw_only=True):
    """Scales a workload between bounds on metrics."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[HorizontalPodAutoscalerSpec | None, doc("The autoscaling wanted.")] = None
    status: Annotated[HorizontalPodAutoscalerStatus | None, doc("Observed state. Read-only.")] = (
        None
    )


class HorizontalPodAutoscalerList(Base, kw_only=True):
    """A list of horizontal pod autoscalers."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[HorizontalPodAutoscaler], doc("The autoscalers.")]

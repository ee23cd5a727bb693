"""autoscaling/v1: Scale, the body of the scale subresource, and HorizontalPodAutoscaler
(served over the autoscaling/v2 objects, converted by api/conversion.py)."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, Int64, Time, doc
from minikube_py.model.meta import ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.autoscaling.v1"


class ScaleSpec(Base, kw_only=True):
    """The desired scale."""

    replicas: Annotated[Int32 | None, doc("Desired number of replicas.")] = None


class ScaleStatus(Base, kw_only=True):
    """The observed scale."""

    replicas: Annotated[Int32, doc("Observed number of replicas.")]
    selector: Annotated[str | None, doc("Label selector of the pods, in string form.")] = None


class Scale(Base, kw_only=True):
    """The replica count of a scalable resource."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Metadata of the scaled object.")] = None
    spec: Annotated[ScaleSpec | None, doc("Desired scale.")] = None
    status: Annotated[ScaleStatus | None, doc("Observed scale. Read-only.")] = None


_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."


class CrossVersionObjectReference(Base, kw_only=True):
    """The scaled object."""

    kind: Annotated[str, doc("Kind of the object, e.g. Deployment.")]
    name: Annotated[str, doc("Name of the object.")]
    apiVersion: Annotated[str | None, doc("API version of the object.")] = None


class HorizontalPodAutoscalerSpec(Base, kw_only=True):
    """autoscaling/v1's autoscaling: CPU only (other metrics live in the
    autoscaling.alpha.kubernetes.io/metrics annotation)."""

    scaleTargetRef: Annotated[CrossVersionObjectReference, doc("The scaled object.")]
    minReplicas: Annotated[Int32 | None, doc("Fewest replicas; 1 by default.")] = None
    maxReplicas: Annotated[Int32, doc("Most replicas; at least minReplicas.")]
    targetCPUUtilizationPercentage: Annotated[
        Int32 | None, doc("Target average CPU, in percent of the pods' requests.")
    ] = None


class HorizontalPodAutoscalerStatus(Base, kw_only=True):
    """What the autoscaler last observed."""

    observedGeneration: Annotated[Int64 | None, doc("Generation observed.")] = None
    lastScaleTime: Annotated[Time | None, doc("When it last scaled.")] = None
    currentReplicas: Annotated[Int32, doc("Replicas now.")]
    desiredReplicas: Annotated[Int32, doc("Replicas wanted.")]
    currentCPUUtilizationPercentage: Annotated[
        Int32 | None, doc("Average CPU now, in percent of the pods' requests.")
    ] = None


class HorizontalPodAutoscaler(Base, kw_only=True):
    """Scales a workload between bounds on its CPU."""

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

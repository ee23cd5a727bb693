"""policy/v1: Eviction (the body of the pods/eviction subresource) and PodDisruptionBudget."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, Int64, IntOrString, Time, doc, merge_list
from minikube_py.model.meta import Condition, DeleteOptions, LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.policy.v1"


class Eviction(Base, kw_only=True):
    """Evicts a pod, honouring disruption budgets."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Names the pod to evict.")] = None
    deleteOptions: Annotated[DeleteOptions | None, doc("Options of the pod deletion.")] = None


class PodDisruptionBudgetSpec(Base, kw_only=True):
    """How many of the selected pods must stay up through voluntary disruptions."""

    minAvailable: Annotated[
        IntOrString | None, doc("Pods (or a percentage) that must stay available.")
    ] = None
    selector: Annotated[LabelSelector | None, doc("The pods the budget covers.")] = None
    maxUnavailable: Annotated[
        IntOrString | None, doc("Pods (or a percentage) that may be unavailable.")
    ] = None
    unhealthyPodEvictionPolicy: Annotated[
        str | None,
        doc("IfHealthyBudget or AlwaysAllow.", enum=("AlwaysAllow", "IfHealthyBudget")),
    ] = None


class PodDisruptionBudgetStatus(Base, kw_only=True):
    """What the disruption controller last observed."""

    observedGeneration: Annotated[Int64 | None, doc("Generation observed.")] = None
    disruptedPods: Annotated[
        dict[str, Time] | None, doc("Pods evicted but not yet gone, with when.")
    ] = None
    disruptionsAllowed: Annotated[Int32, doc("Pod disruptions allowed now.")]
    currentHealthy: Annotated[Int32, doc("Healthy pods now.")]
    desiredHealthy: Annotated[Int32, doc("Healthy pods wanted.")]
    expectedPods: Annotated[Int32, doc("Pods the budget counts.")]
    conditions: Annotated[list[Condition] | None, merge_list("Current conditions.", "type")] = None


class PodDisruptionBudget(Base, kw_only=True):
    """Limits voluntary disruptions (evictions) of a set of pods."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ObjectMeta | None, doc("Standard object metadata.")] = None
    spec: Annotated[PodDisruptionBudgetSpec | None, doc("The budget.")] = None
    status: Annotated[PodDisruptionBudgetStatus | None, doc("Observed state. Read-only.")] = None


class PodDisruptionBudgetList(Base, kw_only=True):
    """A list of pod disruption budgets."""

    apiVersion: Annotated[str | None, doc("Versioned schema of this object.")] = None
    kind: Annotated[str | None, doc("The REST kind of this object.")] = None
    metadata: Annotated[ListMeta | None, doc("Standard list metadata.")] = None
    items: Annotated[list[PodDisruptionBudget], doc("The budgets.")]

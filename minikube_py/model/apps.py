"""apps/v1: deployments, replica sets, daemon sets and stateful sets."""

from __future__ import annotations

from typing import Annotated

from minikube_py.model._base import Base, Int32, Int64, IntOrString, Time, atomic, doc, merge_list
from minikube_py.model.core import PersistentVolumeClaim, PodTemplateSpec
from minikube_py.model.meta import LabelSelector, ListMeta, ObjectMeta

SCHEMA_PACKAGE = "io.k8s.api.apps.v1"

_META = "Standard object metadata."
_LIST_META = "Standard list metadata."
_API_VERSION = "Versioned schema of this object, e.g. v1 or apps/v1."
_KIND = "The REST kind of this object, in CamelCase, e.g. Pod."
_SELECTOR = "Label query over the pods managed; must match the template's labels."
_MIN_READY = "Seconds a new pod must be ready without crashing to count as available."
_REVISION_LIMIT = "Old revisions kept for rollback."


class _ConditionFields(Base, kw_only=True):
    type: Annotated[str, doc("Condition type.")]
    status: Annotated[str, doc("True, False or Unknown.")]
    lastTransitionTime: Annotated[Time | None, doc("Last status change.")] = None
    reason: Annotated[str | None, doc("Reason of the last transition.")] = None
    message: Annotated[str | None, doc("Details.")] = None


# --- deployments ----------------------------------------------------------------------


class RollingUpdateDeployment(Base, kw_only=True):
    """Pace of a rolling update."""

    maxUnavailable: Annotated[
        IntOrString | None,
        doc(
            "Pods that may be unavailable during the update, a number or percentage; 25% by default."
        ),
    ] = None
    maxSurge: Annotated[
        IntOrString | None,
        doc("Pods that may exist above the desired count, a number or percentage; 25% by default."),
    ] = None


class DeploymentStrategy(Base, kw_only=True):
    """How old pods are replaced by new ones."""

    type: Annotated[
        str | None,
        doc(
            "Recreate or RollingUpdate; RollingUpdate by default.",
            enum=("Recreate", "RollingUpdate"),
        ),
    ] = None
    rollingUpdate: Annotated[RollingUpdateDeployment | None, doc("Settings of RollingUpdate.")] = (
        None
    )


class DeploymentSpec(Base, kw_only=True):
    """The desired state of a deployment."""

    replicas: Annotated[Int32 | None, doc("Desired number of pods; 1 by default.")] = None
    selector: Annotated[LabelSelector, doc(_SELECTOR)]
    template: Annotated[PodTemplateSpec, doc("Pods to create.")]
    strategy: Annotated[DeploymentStrategy | None, doc("How pods are replaced.")] = None
    minReadySeconds: Annotated[Int32 | None, doc(_MIN_READY)] = None
    revisionHistoryLimit: Annotated[Int32 | None, doc(_REVISION_LIMIT + " 10 by default.")] = None
    paused: Annotated[bool | None, doc("Stop rolling out changes.")] = None
    progressDeadlineSeconds: Annotated[
        Int32 | None,
        doc("Seconds without progress before the rollout is reported failed; 600 by default."),
    ] = None


class DeploymentCondition(_ConditionFields, kw_only=True):
    """One condition of a deployment: Available, Progressing or ReplicaFailure."""

    lastUpdateTime: Annotated[Time | None, doc("Last time the condition was updated.")] = None


class DeploymentStatus(Base, kw_only=True):
    """The observed state of a deployment."""

    observedGeneration: Annotated[Int64 | None, doc("Generation last acted upon.")] = None
    replicas: Annotated[Int32 | None, doc("Pods targeted by the deployment.")] = None
    updatedReplicas: Annotated[Int32 | None, doc("Pods with the current template.")] = None
    readyReplicas: Annotated[Int32 | None, doc("Ready pods.")] = None
    availableReplicas: Annotated[Int32 | None, doc("Available pods.")] = None
    unavailableReplicas: Annotated[
        Int32 | None, doc("Pods still needed for full availability.")
    ] = None
    terminatingReplicas: Annotated[Int32 | None, doc("Pods being terminated.")] = None
    conditions: Annotated[
        list[DeploymentCondition] | None, merge_list("Current conditions.", "type")
    ] = None
    collisionCount: Annotated[Int32 | None, doc("Template hash collisions seen.")] = None


class Deployment(Base, kw_only=True):
    """Declarative updates of a set of identical pods, through replica sets."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[DeploymentSpec | None, doc("Desired state.")] = None
    status: Annotated[DeploymentStatus | None, doc("Observed state. Read-only.")] = None


class DeploymentList(Base, kw_only=True):
    """A list of deployments."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[Deployment], doc("The deployments.")]


# --- replica sets ---------------------------------------------------------------------


class ReplicaSetSpec(Base, kw_only=True):
    """The desired state of a replica set."""

    replicas: Annotated[Int32 | None, doc("Desired number of pods; 1 by default.")] = None
    minReadySeconds: Annotated[Int32 | None, doc(_MIN_READY)] = None
    selector: Annotated[LabelSelector, doc(_SELECTOR)]
    template: Annotated[PodTemplateSpec | None, doc("Pods created when too few exist.")] = None


class ReplicaSetCondition(_ConditionFields, kw_only=True):
    """One condition of a replica set."""


class ReplicaSetStatus(Base, kw_only=True):
    """The observed state of a replica set."""

    replicas: Annotated[Int32, doc("Pods observed.")]
    fullyLabeledReplicas: Annotated[Int32 | None, doc("Pods with all template labels.")] = None
    readyReplicas: Annotated[Int32 | None, doc("Ready pods.")] = None
    availableReplicas: Annotated[Int32 | None, doc("Available pods.")] = None
    terminatingReplicas: Annotated[Int32 | None, doc("Pods being terminated.")] = None
    observedGeneration: Annotated[Int64 | None, doc("Generation last acted upon.")] = None
    conditions: Annotated[
        list[ReplicaSetCondition] | None, merge_list("Current conditions.", "type")
    ] = None


class ReplicaSet(Base, kw_only=True):
    """Keeps a number of identical pods running."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[ReplicaSetSpec | None, doc("Desired state.")] = None
    status: Annotated[ReplicaSetStatus | None, doc("Observed state. Read-only.")] = None


class ReplicaSetList(Base, kw_only=True):
    """A list of replica sets."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[ReplicaSet], doc("The replica sets.")]


# --- daemon sets ----------------------------------------------------------------------


class RollingUpdateDaemonSet(Base, kw_only=True):
    """Pace of a daemon set rolling update."""

    maxUnavailable: Annotated[
        IntOrString | None, doc("Nodes whose pod may be down at once; 1 by default.")
    ] = None
    maxSurge: Annotated[
        IntOrString | None, doc("Nodes that may run an extra new pod at once; 0 by default.")
    ] = None


class DaemonSetUpdateStrategy(Base, kw_only=True):
    """How a daemon set replaces its pods."""

    type: Annotated[
        str | None,
        doc(
            "RollingUpdate or OnDelete; RollingUpdate by default.",
            enum=("OnDelete", "RollingUpdate"),
        ),
    ] = None
    rollingUpdate: Annotated[RollingUpdateDaemonSet | None, doc("Settings of RollingUpdate.")] = (
        None
    )


class DaemonSetSpec(Base, kw_only=True):
    """The desired state of a daemon set."""

    selector: Annotated[LabelSelector, doc(_SELECTOR)]
    template: Annotated[PodTemplateSpec, doc("The pod run on each node.")]
    updateStrategy: Annotated[DaemonSetUpdateStrategy | None, doc("How pods are replaced.")] = None
    minReadySeconds: Annotated[Int32 | None, doc(_MIN_READY)] = None
    revisionHistoryLimit: Annotated[Int32 | None, doc(_REVISION_LIMIT)] = None


class DaemonSetCondition(_ConditionFields, kw_only=True):
    """One condition of a daemon set."""


class DaemonSetStatus(Base, kw_only=True):
    """The observed state of a daemon set."""

    currentNumberScheduled: Annotated[Int32, doc("Nodes running the pod that should.")]
    numberMisscheduled: Annotated[Int32, doc("Nodes running the pod that should not.")]
    desiredNumberScheduled: Annotated[Int32, doc("Nodes that should run the pod.")]
    numberReady: Annotated[Int32, doc("Nodes with a ready pod.")]
    observedGeneration: Annotated[Int64 | None, doc("Generation last acted upon.")] = None
    updatedNumberScheduled: Annotated[
        Int32 | None, doc("Nodes running the current pod template.")
    ] = None
    numberAvailable: Annotated[Int32 | None, doc("Nodes with an available pod.")] = None
    numberUnavailable: Annotated[Int32 | None, doc("Nodes without an available pod.")] = None
    collisionCount: Annotated[Int32 | None, doc("Template hash collisions seen.")] = None
    conditions: Annotated[
        list[DaemonSetCondition] | None, merge_list("Current conditions.", "type")
    ] = None


class DaemonSet(Base, kw_only=True):
    """Runs one pod on each (selected) node."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[DaemonSetSpec | None, doc("Desired state.")] = None
    status: Annotated[DaemonSetStatus | None, doc("Observed state. Read-only.")] = None


class DaemonSetList(Base, kw_only=True):
    """A list of daemon sets."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[DaemonSet], doc("The daemon sets.")]


# --- stateful sets --------------------------------------------------------------------


class RollingUpdateStatefulSetStrategy(Base, kw_only=True):
    """Pace of a stateful set rolling update."""

    partition: Annotated[
        Int32 | None, doc("Ordinal from which pods are updated; 0 by default.")
    ] = None
    maxUnavailable: Annotated[
        IntOrString | None, doc("Pods that may be unavailable during the update.")
    ] = None


class StatefulSetUpdateStrategy(Base, kw_only=True):
    """How a stateful set replaces its pods."""

    type: Annotated[
        str | None,
        doc(
            "RollingUpdate or OnDelete; RollingUpdate by default.",
            enum=("OnDelete", "RollingUpdate"),
        ),
    ] = None
    rollingUpdate: Annotated[
        RollingUpdateStatefulSetStrategy | None, doc("Settings of RollingUpdate.")
    ] = None


class StatefulSetPersistentVolumeClaimRetentionPolicy(Base, kw_only=True):
    """What happens to claims from volumeClaimTemplates."""

    whenDeleted: Annotated[str | None, doc("Retain or Delete, when the set is deleted.")] = None
    whenScaled: Annotated[str | None, doc("Retain or Delete, when the set scales down.")] = None


class StatefulSetOrdinals(Base, kw_only=True):
    """Numbering of a stateful set's pods."""

    start: Annotated[Int32 | None, doc("First ordinal; 0 by default.")] = None


class StatefulSetSpec(Base, kw_only=True):
    """The desired state of a stateful set."""

    replicas: Annotated[Int32 | None, doc("Desired number of pods; 1 by default.")] = None
    selector: Annotated[LabelSelector, doc(_SELECTOR)]
    template: Annotated[PodTemplateSpec, doc("Pods to create, each with a stable identity.")]
    volumeClaimTemplates: Annotated[
        list[PersistentVolumeClaim] | None, atomic("Claims each pod gets its own copy of.")
    ] = None
    serviceName: Annotated[str | None, doc("Headless service giving the pods their DNS names.")] = (
        None
    )
    podManagementPolicy: Annotated[
        str | None, doc("OrderedReady or Parallel.", enum=("OrderedReady", "Parallel"))
    ] = None
    updateStrategy: Annotated[StatefulSetUpdateStrategy | None, doc("How pods are replaced.")] = (
        None
    )
    revisionHistoryLimit: Annotated[Int32 | None, doc(_REVISION_LIMIT)] = None
    minReadySeconds: Annotated[Int32 | None, doc(_MIN_READY)] = None
    persistentVolumeClaimRetentionPolicy: Annotated[
        StatefulSetPersistentVolumeClaimRetentionPolicy | None, doc("Claim lifecycle.")
    ] = None
    ordinals: Annotated[StatefulSetOrdinals | None, doc("Pod numbering.")] = None


class StatefulSetCondition(_ConditionFields, kw_only=True):
    """One condition of a stateful set."""


class StatefulSetStatus(Base, kw_only=True):
    """The observed state of a stateful set."""

    observedGeneration: Annotated[Int64 | None, doc("Generation last acted upon.")] = None
    replicas: Annotated[Int32, doc("Pods created.")]
    readyReplicas: Annotated[Int32 | None, doc("Ready pods.")] = None
    currentReplicas: Annotated[Int32 | None, doc("Pods at currentRevision.")] = None
    updatedReplicas: Annotated[Int32 | None, doc("Pods at updateRevision.")] = None
    currentRevision: Annotated[str | None, doc("Revision of the current pods.")] = None
    updateRevision: Annotated[str | None, doc("Revision being rolled out.")] = None
    collisionCount: Annotated[Int32 | None, doc("Template hash collisions seen.")] = None
    conditions: Annotated[
        list[StatefulSetCondition] | None, merge_list("Current conditions.", "type")
    ] = None
    availableReplicas: Annotated[Int32 | None, doc("Available pods.")] = None


class StatefulSet(Base, kw_only=True):
    """Pods with stable names and storage, created and replaced in order."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ObjectMeta | None, doc(_META)] = None
    spec: Annotated[StatefulSetSpec | None, doc("Desired state.")] = None
    status: Annotated[StatefulSetStatus | None, doc("Observed state. Read-only.")] = None


class StatefulSetList(Base, kw_only=True):
    """A list of stateful sets."""

    apiVersion: Annotated[str | None, doc(_API_VERSION)] = None
    kind: Annotated[str | None, doc(_KIND)] = None
    metadata: Annotated[ListMeta | None, doc(_LIST_META)] = None
    items: Annotated[list[StatefulSet], doc("The stateful sets.")]

"""msgspec models of the Kubernetes API objects, field names exactly as Kubernetes writes them.

One module per API group. `KINDS` maps (apiVersion, kind) to the model of every
kind the API server serves or accepts as a body; `schema_name` gives a model's
Kubernetes OpenAPI component name. This package imports nothing else of
minikube_py.
"""

from __future__ import annotations

import sys
from typing import Any

import msgspec

from minikube_py.model import (
    apps,
    authentication,
    authorization,
    autoscaling,
    autoscaling_v2,
    batch,
    coordination,
    core,
    discovery,
    events,
    meta,
    networking,
    policy,
    rbac,
    scheduling,
    storage,
)
from minikube_py.model._base import SCHEMA_REF, Base

__all__ = [
    "KINDS",
    "SCHEMA_REF",
    "Base",
    "apps",
    "authentication",
    "authorization",
    "autoscaling",
    "autoscaling_v2",
    "batch",
    "coordination",
    "core",
    "discovery",
    "events",
    "kind_of",
    "meta",
    "model_for",
    "networking",
    "policy",
    "rbac",
    "scheduling",
    "schema_name",
    "storage",
]


def _kinds(
    api_version: str, module: Any, *names: str
) -> dict[tuple[str, str], type[msgspec.Struct]]:
    return {(api_version, name): getattr(module, name) for name in names}


# (apiVersion, kind) -> model, for every top-level kind (and its List)
KINDS: dict[tuple[str, str], type[msgspec.Struct]] = {
    **_kinds(
        "v1",
        core,
        *(
            f"{kind}{suffix}"
            for kind in (
                "Namespace",
                "Pod",
                "Service",
                "Endpoints",
                "ConfigMap",
                "Secret",
                "ServiceAccount",
                "Node",
                "Event",
                "ReplicationController",
                "LimitRange",
                "ResourceQuota",
                "PersistentVolumeClaim",
                "PersistentVolume",
                "PodTemplate",
            )
            for suffix in ("", "List")
        ),
        "Binding",
    ),
    **_kinds("v1", meta, "Status", "DeleteOptions", "WatchEvent"),
    **_kinds(
        "apps/v1",
        apps,
        *(
            f"{k}{s}"
            for k in ("Deployment", "ReplicaSet", "DaemonSet", "StatefulSet")
            for s in ("", "List")
        ),
    ),
    **_kinds("batch/v1", batch, "Job", "JobList", "CronJob", "CronJobList"),
    **_kinds("discovery.k8s.io/v1", discovery, "EndpointSlice", "EndpointSliceList"),
    **_kinds("coordination.k8s.io/v1", coordination, "Lease", "LeaseList"),
    **_kinds("events.k8s.io/v1", events, "Event", "EventList"),
    **_kinds(
        "autoscaling/v1",
        autoscaling,
        "Scale",
        "HorizontalPodAutoscaler",
        "HorizontalPodAutoscalerList",
    ),
    **_kinds("policy/v1", policy, "Eviction", "PodDisruptionBudget", "PodDisruptionBudgetList"),
    **_kinds(
        "autoscaling/v2",
        autoscaling_v2,
        "HorizontalPodAutoscaler",
        "HorizontalPodAutoscalerList",
    ),
    **_kinds(
        "rbac.authorization.k8s.io/v1",
        rbac,
        *(
            f"{k}{s}"
            for k in ("Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding")
            for s in ("", "List")
        ),
    ),
    **_kinds(
        "networking.k8s.io/v1",
        networking,
        *(f"{k}{s}" for k in ("Ingress", "IngressClass", "NetworkPolicy") for s in ("", "List")),
    ),
    **_kinds("scheduling.k8s.io/v1", scheduling, "PriorityClass", "PriorityClassList"),
    **_kinds("storage.k8s.io/v1", storage, "StorageClass", "StorageClassList"),
    **_kinds(
        "authentication.k8s.io/v1",
        authentication,
        "TokenRequest",
        "SelfSubjectReview",
        "TokenReview",
    ),
    **_kinds("authentication.k8s.io/v1beta1", authentication, "SelfSubjectReview"),
    **_kinds(
        "authorization.k8s.io/v1",
        authorization,
        "SelfSubjectAccessReview",
        "SelfSubjectRulesReview",
        "SubjectAccessReview",
        "LocalSubjectAccessReview",
    ),
    **_kinds("meta.k8s.io/v1", meta, "Table"),
}


def model_for(api_version: str, kind: str) -> type[msgspec.Struct] | None:
    """The model of a kind, or None when it is not one we know."""
    return KINDS.get((api_version, kind))


def kind_of(struct: type[msgspec.Struct]) -> list[tuple[str, str]]:
    """Every (apiVersion, kind) a model is registered under."""
    return [key for key, value in KINDS.items() if value is struct]


def schema_name(struct: type[msgspec.Struct]) -> str:
    """The Kubernetes OpenAPI component name of a model, e.g. io.k8s.api.core.v1.Pod."""
    package = getattr(sys.modules[struct.__module__], "SCHEMA_PACKAGE", None)
    if package is None:
        raise ValueError(f"{struct.__module__}.{struct.__qualname__} is not an API model")
    return f"{package}.{struct.__name__}"

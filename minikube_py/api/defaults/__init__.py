"""Defaulting of API objects as the Kubernetes API server does it, in place, over dicts.

`apply_defaults(resource, obj)` fills what Kubernetes' defaulters (and the few
admission plugins every cluster runs: ServiceAccount, Priority,
DefaultTolerationSeconds) fill, so that `kubectl get -o yaml` shows what users
expect. It is idempotent and runs on every create and update, before validation.
Quantities are rewritten in their canonical form, as Kubernetes serializes them.

`default_job_selector(job, uid)` generates a Job's selector and pod labels;
`apply_defaults` calls it itself when the Job already has its uid.

One module per group; this package reads only the resource registry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from minikube_py.api.defaults import (
    apps,
    autoscaling,
    batch,
    core,
    networking,
    other,
    pods,
    rbac,
    storage,
)
from minikube_py.api.defaults.batch import default_job_selector
from minikube_py.api.registry import ResourceInfo

__all__ = ["apply_defaults", "default_job_selector"]

_DEFAULTERS: dict[tuple[str, str], Callable[[dict[str, Any]], None]] = {
    ("", "Pod"): pods.default_pod,
    ("", "Service"): core.default_service,
    ("", "Secret"): core.default_secret,
    ("", "Namespace"): core.default_namespace,
    ("", "ReplicationController"): core.default_replication_controller,
    ("", "Endpoints"): core.default_endpoints,
    ("", "Event"): core.default_core_event,
    ("", "Node"): core.default_node,
    ("", "LimitRange"): core.default_limit_range,
    ("", "ResourceQuota"): core.default_resource_quota,
    ("apps", "Deployment"): apps.default_deployment,
    ("apps", "ReplicaSet"): apps.default_replica_set,
    ("apps", "StatefulSet"): apps.default_stateful_set,
    ("apps", "DaemonSet"): apps.default_daemon_set,
    ("batch", "Job"): batch.default_job,
    ("batch", "CronJob"): batch.default_cron_job,
    ("discovery.k8s.io", "EndpointSlice"): other.default_endpoint_slice,
    ("", "PodTemplate"): core.default_pod_template,
    ("", "PersistentVolumeClaim"): storage.default_pvc,
    ("", "PersistentVolume"): storage.default_pv,
    ("storage.k8s.io", "StorageClass"): storage.default_storage_class,
    ("scheduling.k8s.io", "PriorityClass"): other.default_priority_class,
    ("autoscaling", "HorizontalPodAutoscaler"): autoscaling.default_hpa,
    ("networking.k8s.io", "NetworkPolicy"): networking.default_network_policy,
    ("networking.k8s.io", "IngressClass"): networking.default_ingress_class,
    ("rbac.authorization.k8s.io", "RoleBinding"): rbac.default_binding,
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): rbac.default_binding,
}


def apply_defaults(resource: ResourceInfo, obj: dict[str, Any]) -> None:
    """Fill the defaulted fields of `obj`, a `resource` object, in place."""
    defaulter = _DEFAULTERS.get((resource.group, resource.kind))
    if defaulter is not None:
        defaulter(obj)

"""Validation of API objects as the Kubernetes API server does it, over plain dicts.

Public surface:

- `validate_create(resource, obj)`, `validate_update(resource, new, old)` and
  `validate_status_update(resource, new, old)` return a list of `Cause`
  (empty when the object is valid). Call them after `apply_defaults`, as the
  real server validates defaulted objects.
- `format_invalid_message(kind_or_resource, name, causes)` is the message of the
  422 Status; `cause_dict` turns a Cause into a `details.causes` entry.
- `apply_defaults` and `default_job_selector` are re-exported from
  `minikube_py.api.defaults` for the handlers' convenience.

One module per group (`pods`, `core`, `apps`, `batch`, `rbac`, `networking`, `policy`
(with scheduling's PriorityClass), `autoscaling`, `storage` (with core's volumes and pod
templates), `other`), `meta` for
ObjectMeta and the name/label rules, `field` for the error constructors. This
package reads only the resource registry; it never touches the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from minikube_py.api.registry import ResourceInfo
from minikube_py.api.validation import (
    apps,
    autoscaling,
    batch,
    core,
    networking,
    other,
    pods,
    policy,
    rbac,
    storage,
)
from minikube_py.api.validation import field as _field
from minikube_py.api.validation import meta as _meta
from minikube_py.api.validation.field import Cause, qualified_kind
from minikube_py.api.validation.meta import as_dict

__all__ = [
    "Cause",
    "apply_defaults",
    "cause_dict",
    "default_job_selector",
    "format_invalid_message",
    "qualified_kind",
    "type_causes",
    "validate_create",
    "validate_status_update",
    "validate_update",
]

Check = Callable[[dict[str, Any]], list[Cause]]
UpdateCheck = Callable[[dict[str, Any], dict[str, Any]], list[Cause]]


def _none(obj: dict[str, Any]) -> list[Cause]:
    return []


def _none2(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    return []


@dataclass(frozen=True, slots=True)
class _Rules:
    name: _meta.NameFn = _meta.name_is_dns_subdomain
    validate: Check = _none  # every write of the object
    create: Check = _none  # only on create
    update: UpdateCheck = _none2  # only on update, against the stored object
    status: UpdateCheck = _none2  # status subresource writes


def _cron_job_update(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    return batch.validate_cron_job(new, old)


def _pod_status(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    out: list[Cause] = []
    phase = as_dict(new.get("status")).get("phase")
    phases = ("Pending", "Running", "Succeeded", "Failed", "Unknown")
    if phase is not None and phase not in phases:
        out.append(_field.not_supported("status.phase", phase, phases))
    old_phase = as_dict(old.get("status")).get("phase")
    if old_phase in ("Succeeded", "Failed") and phase != old_phase:
        out.append(
            _field.forbidden("status.phase", f"cannot transition from terminal phase {old_phase}")
        )
    return out


def _workload_status(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    return apps.validate_workload_status(new)


def _job_status(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
    return batch.validate_job_status(new)


def _apps_update(extra: UpdateCheck | None = None) -> UpdateCheck:
    def check(new: dict[str, Any], old: dict[str, Any]) -> list[Cause]:
        out = apps.validate_selector_immutable(new, old)
        return out + extra(new, old) if extra is not None else out

    return check


_RULES: dict[tuple[str, str], _Rules] = {
    ("", "Pod"): _Rules(
        validate=pods.validate_pod,
        create=pods.validate_pod_create,
        update=pods.validate_pod_update,
        status=_pod_status,
    ),
    ("", "Namespace"): _Rules(
        name=_meta.name_is_dns_label,
        validate=core.validate_namespace,
        status=core.validate_namespace_status,
    ),
    ("", "Service"): _Rules(
        name=_meta.name_is_dns1035_label,
        validate=core.validate_service,
        update=core.validate_service_update,
    ),
    ("", "Endpoints"): _Rules(validate=core.validate_endpoints),
    ("", "ConfigMap"): _Rules(
        validate=core.validate_config_map, update=core.validate_config_map_update
    ),
    ("", "Secret"): _Rules(validate=core.validate_secret, update=core.validate_secret_update),
    ("", "ServiceAccount"): _Rules(),
    ("", "Node"): _Rules(validate=core.validate_node, update=core.validate_node_update),
    ("", "Event"): _Rules(name=_meta.no_name_check, validate=core.validate_core_event),
    ("", "ReplicationController"): _Rules(
        validate=core.validate_replication_controller, status=_workload_status
    ),
    ("", "LimitRange"): _Rules(validate=core.validate_limit_range),
    ("", "ResourceQuota"): _Rules(validate=core.validate_resource_quota),
    ("apps", "Deployment"): _Rules(
        validate=apps.validate_deployment, update=_apps_update(), status=_workload_status
    ),
    ("apps", "ReplicaSet"): _Rules(
        validate=apps.validate_replica_set, update=_apps_update(), status=_workload_status
    ),
    ("apps", "StatefulSet"): _Rules(
        validate=apps.validate_stateful_set,
        update=_apps_update(apps.validate_stateful_set_update),
        status=_workload_status,
    ),
    ("apps", "DaemonSet"): _Rules(
        validate=apps.validate_daemon_set, update=_apps_update(), status=_workload_status
    ),
    ("batch", "Job"): _Rules(
        validate=batch.validate_job, update=batch.validate_job_update, status=_job_status
    ),
    ("batch", "CronJob"): _Rules(create=batch.validate_cron_job, update=_cron_job_update),
    ("discovery.k8s.io", "EndpointSlice"): _Rules(
        validate=other.validate_endpoint_slice,
        create=other.validate_address_type,
        update=other.validate_endpoint_slice_update,
    ),
    ("coordination.k8s.io", "Lease"): _Rules(validate=other.validate_lease),
    ("", "PodTemplate"): _Rules(validate=storage.validate_pod_template),
    ("", "PersistentVolumeClaim"): _Rules(
        validate=storage.validate_pvc, update=storage.validate_pvc_update
    ),
    ("", "PersistentVolume"): _Rules(
        validate=storage.validate_pv, update=storage.validate_pv_update
    ),
    ("storage.k8s.io", "StorageClass"): _Rules(
        validate=storage.validate_storage_class, update=storage.validate_storage_class_update
    ),
    ("rbac.authorization.k8s.io", "Role"): _Rules(
        name=_meta.path_segment_name, validate=rbac.validate_role
    ),
    ("rbac.authorization.k8s.io", "ClusterRole"): _Rules(
        name=_meta.path_segment_name, validate=rbac.validate_cluster_role
    ),
    ("rbac.authorization.k8s.io", "RoleBinding"): _Rules(
        name=_meta.path_segment_name,
        validate=rbac.validate_role_binding,
        update=rbac.validate_binding_update,
    ),
    ("rbac.authorization.k8s.io", "ClusterRoleBinding"): _Rules(
        name=_meta.path_segment_name,
        validate=rbac.validate_cluster_role_binding,
        update=rbac.validate_binding_update,
    ),
    ("networking.k8s.io", "Ingress"): _Rules(validate=networking.validate_ingress),
    ("networking.k8s.io", "IngressClass"): _Rules(
        validate=networking.validate_ingress_class,
        update=networking.validate_ingress_class_update,
    ),
    ("networking.k8s.io", "NetworkPolicy"): _Rules(validate=networking.validate_network_policy),
    ("policy", "PodDisruptionBudget"): _Rules(validate=policy.validate_pdb),
    ("scheduling.k8s.io", "PriorityClass"): _Rules(
        validate=policy.validate_priority_class, update=policy.validate_priority_class_update
    ),
    ("autoscaling", "HorizontalPodAutoscaler"): _Rules(
        name=_meta.path_segment_name, validate=autoscaling.validate_hpa
    ),
    # the strict rules hold for events created through events.k8s.io; an update there
    # (of any Event, a core/v1 one too: they are one set) only keeps its fields fixed
    ("events.k8s.io", "Event"): _Rules(
        create=core.validate_events_v1_event, update=core.validate_events_v1_update
    ),
}
_DEFAULT_RULES = _Rules()


def _rules(resource: ResourceInfo) -> _Rules:
    return _RULES.get((resource.group, resource.kind), _DEFAULT_RULES)


def validate_create(resource: ResourceInfo, obj: dict[str, Any]) -> list[Cause]:
    """Every error Kubernetes would report when creating this (defaulted) object."""
    rules = _rules(resource)
    out = _meta.validate_object_meta(obj.get("metadata"), resource.namespaced, rules.name)
    out += rules.validate(obj)
    out += rules.create(obj)
    return out


def validate_update(
    resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
) -> list[Cause]:
    """Errors of an update (PUT or patch) from `old`, the stored object, to `new`."""
    rules = _rules(resource)
    out = _meta.validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    out += rules.validate(new)
    out += rules.update(new, old)
    return out


def validate_status_update(
    resource: ResourceInfo, new: dict[str, Any], old: dict[str, Any]
) -> list[Cause]:
    """Errors of a write to the status subresource (only metadata and status are checked)."""
    rules = _rules(resource)
    out = _meta.validate_object_meta_update(new.get("metadata"), old.get("metadata"))
    out += rules.status(new, old)
    return out


def format_invalid_message(kind: str | ResourceInfo, name: str, causes: Sequence[Cause]) -> str:
    """`Deployment.apps "web" is invalid: ...`: pass the ResourceInfo for the group suffix."""
    if isinstance(kind, ResourceInfo):
        kind = qualified_kind(kind.kind, kind.group)
    return _field.format_invalid_message(kind, name, causes)


def apply_defaults(resource: ResourceInfo, obj: dict[str, Any]) -> None:
    """See `minikube_py.api.defaults.apply_defaults` (imported late: defaults uses our quantities)."""
    from minikube_py.api import defaults

    defaults.apply_defaults(resource, obj)


def default_job_selector(obj: dict[str, Any], uid: str) -> None:
    """See `minikube_py.api.defaults.default_job_selector`."""
    from minikube_py.api import defaults

    defaults.default_job_selector(obj, uid)


def validate_types(resource: ResourceInfo, obj: dict[str, Any]) -> list[Cause]:
    """Values of the wrong JSON type (what Kubernetes' typed decoding refuses), one
    cause per field; checked before defaulting, which trusts the types."""
    from minikube_py.api.schema import check_object

    return type_causes(check_object(resource, obj).type_errors)


def type_causes(issues: Sequence[Any]) -> list[Cause]:
    """Causes for the schema walker's type issues (`schema.TypeIssue`)."""
    return [Cause(issue.cause()["reason"], issue.path, issue.message) for issue in issues]


def cause_dict(cause: Cause) -> dict[str, str]:
    """A `details.causes` entry."""
    return cause.to_dict()

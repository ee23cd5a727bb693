"""Server-side printing: list and get responses as a meta.k8s.io Table.

kubectl asks for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io` (or
v1beta1) and prints the cells it gets back; without a Table it prints only names.
This module owns the columns of every served resource and the function that
turns an object dict into its row, exactly as Kubernetes' printers do
(pkg/printers/internalversion): the server always produces every column, wide
ones (priority 1) included, and kubectl hides those unless asked for `-o wide`.
Resources without a printer get apiserver's default table (NAME, CREATED AT).

Pure functions over plain dicts: the caller passes `now`, so AGE and friends are
reproducible. It must not touch the store or HTTP; handlers map `TableError` to
400 BadRequest.

Watches: Kubernetes sends the column definitions with the first event only and
`columnDefinitions: null` afterwards (kubectl reuses the last ones it saw); a
Status object (an ERROR event) passes through untransformed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from minikube_py.api import conversion
from minikube_py.api.registry import ResourceInfo
from minikube_py.api.selectors import (
    SelectorError,
    format_label_selector,
    format_labels,
    label_selector_from_dict,
)

__all__ = [
    "INCLUDE_METADATA",
    "INCLUDE_NONE",
    "INCLUDE_OBJECT",
    "TABLE_VERSIONS",
    "TableError",
    "build_object_table",
    "build_table",
    "build_watch_table",
    "check_include_object",
    "column_definitions",
    "human_duration",
    "row_cells",
    "table_api_version",
]

Obj = Mapping[str, Any]
Cells = list[Any]

TABLE_VERSIONS = ("v1", "v1beta1")
INCLUDE_METADATA = "Metadata"
INCLUDE_OBJECT = "Object"
INCLUDE_NONE = "None"


class TableError(ValueError):
    """A Table request the server cannot answer as asked (400 BadRequest)."""


# --- time -----------------------------------------------------------------------------------

_FRACTION = re.compile(r"(\.\d{6})\d+")


def _parse_time(value: Any) -> dt.datetime | None:
    """An RFC 3339 timestamp (metav1.Time or MicroTime) as an aware datetime."""
    if not isinstance(value, str) or not value:
        return None
    try:
        parsed = dt.datetime.fromisoformat(_FRACTION.sub(r"\1", value))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


def _aware(now: dt.datetime) -> dt.datetime:
    return now if now.tzinfo else now.replace(tzinfo=dt.UTC)


def human_duration(delta: dt.timedelta) -> str:
    """Kubernetes' duration.HumanDuration: two or three significant figures ("3m12s", "2d5h")."""
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    # up to two seconds in the future is clock skew, "almost now"
    if micros <= -2_000_000:
        return "<invalid>"
    if micros < 0:
        return "0s"
    seconds = micros // 1_000_000
    if seconds < 60 * 2:
        return f"{seconds}s"
    minutes = seconds // 60
    if minutes < 10:
        s = seconds % 60
        return f"{minutes}m" if s == 0 else f"{minutes}m{s}s"
    if minutes < 60 * 3:
        return f"{minutes}m"
    hours = minutes // 60
    if hours < 8:
        m = minutes % 60
        return f"{hours}h" if m == 0 else f"{hours}h{m}m"
    if hours < 48:
        return f"{hours}h"
    if hours < 24 * 8:
        h = hours % 24
        return f"{hours // 24}d" if h == 0 else f"{hours // 24}d{h}h"
    if hours < 24 * 365 * 2:
        return f"{hours // 24}d"
    if hours < 24 * 365 * 8:
        days = (hours // 24) % 365
        return f"{hours // 24 // 365}y" if days == 0 else f"{hours // 24 // 365}y{days}d"
    return f"{hours // 24 // 365}y"


def _since(value: Any, now: dt.datetime) -> str:
    """translateTimestampSince: the age of a timestamp, or <unknown> without one."""
    when = _parse_time(value)
    if when is None:
        return "<unknown>"
    return human_duration(_aware(now) - when)


# --- small helpers --------------------------------------------------------------------------


def _get(obj: Any, *path: str) -> Any:
    for key in path:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(key)
    return obj


def _int(value: Any, default: int = 0) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _name(obj: Obj) -> str:
    return str(_get(obj, "metadata", "name") or "")


def _age(obj: Obj, now: dt.datetime) -> str:
    return _since(_get(obj, "metadata", "creationTimestamp"), now)


def _containers_cells(pod_spec: Any) -> tuple[str, str]:
    """layoutContainerCells: container names and images, comma separated."""
    containers = [c for c in _list(_get(pod_spec, "containers")) if isinstance(c, Mapping)]
    return ",".join(str(c.get("name") or "") for c in containers), ",".join(
        str(c.get("image") or "") for c in containers
    )


def _bool_ptr(value: Any) -> str:
    if value is None:
        return "<unset>"
    return "True" if value else "False"


def _condition_true(conditions: Any, kind: str) -> bool:
    for cond in _list(conditions):
        if isinstance(cond, Mapping) and cond.get("type") == kind:
            return cond.get("status") == "True"
    return False


def _more(items: list[str], count: int, limit: int = 3) -> str:
    """listWithMoreString: the first few items and how many more there are."""
    text = ",".join(items[:limit])
    if count > limit:
        return f"{text} + {count - limit} more..."
    return text or "<unset>"


def _host_port(ip: str, port: Any) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


# --- column definitions ---------------------------------------------------------------------

# Column descriptions: the OpenAPI (SwaggerDoc) text of the field each column shows.
_DOC: dict[str, str] = {
    "ObjectMeta.name": "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names",
    "ObjectMeta.creationTimestamp": "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
    "PodStatus.podIP": "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.",
    "PodStatus.nominatedNodeName": "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods. This field does not guarantee that the pod will be scheduled on this node. Scheduler may decide to place the pod elsewhere if other nodes become available sooner. Scheduler may also decide to give the resources on this node to a higher priority pod that is created after preemption. As a result, this field may be different than PodSpec.nodeName when the pod is scheduled.",
    "PodSpec.nodeName": "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once this field is set, the kubelet for this node becomes responsible for the lifecycle of this pod. This field should not be used to express a desire for the pod to be scheduled on a specific node. https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#nodename",
    "PodSpec.readinessGates": 'If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True" More info: https://git.k8s.io/enhancements/keps/sig-network/580-pod-readiness-gates',
    "PodSpec.nodeSelector": "NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/",
    "ReplicationControllerSpec.replicas": "Replicas is the number of desired replicas. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
    "ReplicationControllerSpec.selector": "Selector is a label query over pods that should match the Replicas count. If Selector is empty, it is defaulted to the labels present on the Pod template. Label keys and values that must match in order to be controlled by this replication controller, if empty defaulted to labels on Pod template. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    "ReplicationControllerStatus.replicas": "Replicas is the most recently observed number of replicas. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicationcontroller#what-is-a-replicationcontroller",
    "ReplicationControllerStatus.readyReplicas": "The number of ready replicas for this replication controller.",
    "ReplicaSetSpec.replicas": "Replicas is the number of desired pods. This is a pointer to distinguish between explicit zero and unspecified. Defaults to 1. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset",
    "ReplicaSetSpec.selector": "Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    "ReplicaSetStatus.replicas": "Replicas is the most recently observed number of non-terminating pods. More info: https://kubernetes.io/docs/concepts/workloads/controllers/replicaset",
    "ReplicaSetStatus.readyReplicas": "The number of non-terminating pods targeted by this ReplicaSet with a Ready Condition.",
    "DaemonSetStatus.desiredNumberScheduled": "The total number of nodes that should be running the daemon pod (including nodes correctly running the daemon pod). More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    "DaemonSetStatus.currentNumberScheduled": "The number of nodes that are running at least 1 daemon pod and are supposed to run the daemon pod. More info: https://kubernetes.io/docs/concepts/workloads/controllers/daemonset/",
    "DaemonSetStatus.numberReady": "numberReady is the number of nodes that should be running the daemon pod and have one or more of the daemon pod running with a Ready Condition.",
    "DaemonSetStatus.updatedNumberScheduled": "The total number of nodes that are running updated daemon pod",
    "DaemonSetStatus.numberAvailable": "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available (ready for at least spec.minReadySeconds)",
    "DaemonSetSpec.selector": "A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    "JobStatus.succeeded": "The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.",
    "JobSpec.selector": "A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors",
    "CronJobSpec.schedule": "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.",
    "CronJobSpec.timeZone": "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones",
    "CronJobSpec.suspend": "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.\n\nDefaults to false.",
    "CronJobStatus.active": "A list of pointers to currently running jobs.",
    "CronJobStatus.lastScheduleTime": "Information when was the last time the job was successfully scheduled.",
    "ServiceSpec.type": 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. If clusterIP is "None", no virtual IP is allocated and the endpoints are published as a set of endpoints rather than a virtual IP. "NodePort" builds on ClusterIP and allocates a port on every node which routes to the same endpoints as the clusterIP. "LoadBalancer" builds on NodePort and creates an external load-balancer (if supported in the current cloud) which routes to the same endpoints as the clusterIP. "ExternalName" aliases this service to the specified externalName. Several other fields do not apply to ExternalName services. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
    "ServiceSpec.clusterIP": 'clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range (as per system configuration), and is not in use, it will be allocated to the service; otherwise creation of the service will fail. This field may not be changed through updates unless the type field is also being changed to ExternalName (which requires this field to be blank) or the type field is being changed from ExternalName (in which case this field may optionally be specified, as describe above).\n\nValid values are "None", empty string (""), or a valid IP address. Setting this to "None" makes a "headless service" (no virtual IP), which is useful when direct endpoint connections are preferred and proxying is not required.\n\nOnly applies to types ClusterIP, NodePort, and LoadBalancer. If this field is specified when creating a Service of type ExternalName, creation will fail. This field will be wiped when updating a Service to type ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies',
    "ServiceSpec.externalIPs": "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.\n\nThese IPs are not managed by Kubernetes.\n\nThe user is responsible for ensuring that traffic arrives at a node with this IP.\n\nA common example is external load-balancers that are not part of the Kubernetes system.",
    "ServiceSpec.ports": "The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies",
    "ServiceSpec.selector": "Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify. Only applies to types ClusterIP, NodePort, and LoadBalancer. Ignored if type is ExternalName. More info: https://kubernetes.io/docs/concepts/services-networking/service/",
    "Endpoints.subsets": "The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.",
    "NodeSystemInfo.kubeletVersion": "Kubelet Version reported by the node.",
    "NodeSystemInfo.osImage": "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).",
    "NodeSystemInfo.kernelVersion": "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
    "NodeSystemInfo.containerRuntimeVersion": "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).",
    "NodeStatus.addresses": "List of addresses reachable to the node. Queried from cloud provider, if available. More info: https://kubernetes.io/docs/reference/node/node-status/#addresses Note: This field is declared as mergeable, but the merge key is not sufficiently unique, which can cause data corruption when it is merged. Callers should instead use a full-replacement patch. See https://pr.k8s.io/79391 for an example. Consumers should assume that addresses can change during the lifetime of a Node. However, there are some exceptions where this may not be possible, such as Pods that inherit a Node's address in its own status or consumers of the downward API (status.hostIP).",
    "Event.lastTimestamp": "The time at which the most recent occurrence of this event was recorded.",
    "Event.type": "Type of this event (Normal, Warning), new types could be added in the future",
    "Event.reason": "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    "Event.involvedObject": "The object that this event is about.",
    "Event.source": "The component reporting this event. Should be a short machine understandable string.",
    "Event.message": "A human-readable description of the status of this operation.",
    "Event.firstTimestamp": "The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)",
    "Event.count": "The number of times this event has occurred.",
    "ObjectReference.fieldPath": 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2]. For example, if the object reference is to a container within a pod, this would take on a value like: "spec.containers{name}" (where "name" refers to the name of the container that triggered the event) or if no container name is specified "spec.containers[2]" (container with index 2 in this pod). This syntax is chosen only to have some well-defined way of referencing a part of an object.',
    "Secret.type": "Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types",
    "Secret.data": "Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string, representing the arbitrary (possibly non-string) data value here. Described in https://tools.ietf.org/html/rfc4648#section-4",
    "ServiceAccount.secrets": 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret',
    "ConfigMap.data": "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field. The keys stored in Data must not overlap with the keys in the BinaryData field, this is enforced during validation process.",
    "DeploymentStatus.updatedReplicas": "Total number of non-terminating pods targeted by this deployment that have the desired template spec.",
    "DeploymentStatus.availableReplicas": "Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.",
    "DeploymentSpec.selector": "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.",
    "LeaseSpec.holderIdentity": "holderIdentity contains the identity of the holder of a current lease. If Coordinated Leader Election is used, the holder identity must be equal to the elected LeaseCandidate.metadata.name field.",
    "EndpointSlice.addressType": 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name. (Deprecated) The EndpointSlice controller only generates, and kube-proxy only processes, slices of addressType "IPv4" and "IPv6". No semantics are defined for the "FQDN" type.',
    "EndpointSlice.ports": "ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. Each slice may include a maximum of 100 ports. Services always have at least 1 port, so EndpointSlices generated by the EndpointSlice controller will likewise always have at least 1 port. EndpointSlices used for other purposes may have an empty ports list.",
    "EndpointSlice.endpoints": "endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.",
}

_TEMPLATE_CONTAINERS = "Names of each container in the template."
_TEMPLATE_IMAGES = "Images referenced by each container in the template."


def _col(
    name: str, type_: str, description: str, *, priority: int = 0, fmt: str = ""
) -> dict[str, Any]:
    return {
        "name": name,
        "type": type_,
        "format": fmt,
        "description": description,
        "priority": priority,
    }


def _name_col() -> dict[str, Any]:
    return _col("Name", "string", _DOC["ObjectMeta.name"], fmt="name")


def _age_col() -> dict[str, Any]:
    return _col("Age", "string", _DOC["ObjectMeta.creationTimestamp"])


def _wide_template_cols(selector_doc: str | None) -> list[dict[str, Any]]:
    cols = [
        _col("Containers", "string", _TEMPLATE_CONTAINERS, priority=1),
        _col("Images", "string", _TEMPLATE_IMAGES, priority=1),
    ]
    if selector_doc is not None:
        cols.append(_col("Selector", "string", selector_doc, priority=1))
    return cols


# --- rows -----------------------------------------------------------------------------------

_POD_SUCCEEDED = [
    {
        "type": "Completed",
        "status": "True",
        "reason": "Succeeded",
        "message": "The pod has completed successfully.",
    }
]
_POD_FAILED = [
    {"type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."}
]


def _later(current: dt.datetime | None, candidate: Any) -> dt.datetime | None:
    when = _parse_time(candidate)
    if when is None or (current is not None and when <= current):
        return current
    return when


def _restartable(container: Any) -> bool:
    # a sidecar: an init container with restartPolicy Always
    return isinstance(container, Mapping) and container.get("restartPolicy") == "Always"


def _pod_row(pod: Obj, now: dt.datetime) -> Cells:
    """printPod: READY, STATUS, RESTARTS computed the way kubectl users know them."""
    spec: Mapping[str, Any] = pod.get("spec") or {}
    status: Mapping[str, Any] = pod.get("status") or {}
    init_containers = [c for c in _list(spec.get("initContainers")) if isinstance(c, Mapping)]
    init_by_name = {c.get("name"): c for c in init_containers}

    restarts = restartable_restarts = ready = 0
    total = len(_list(spec.get("containers"))) + sum(1 for c in init_containers if _restartable(c))
    last_restart: dt.datetime | None = None
    last_restartable: dt.datetime | None = None

    phase = str(status.get("phase") or "")
    reason = str(status.get("reason") or phase)
    for cond in _list(status.get("conditions")):
        if (
            isinstance(cond, Mapping)
            and cond.get("type") == "PodScheduled"
            and cond.get("reason") == "SchedulingGated"
        ):
            reason = "SchedulingGated"

    initializing = False
    for i, cs in enumerate(_list(status.get("initContainerStatuses"))):
        if not isinstance(cs, Mapping):
            continue
        count = _int(cs.get("restartCount"))
        restarts += count
        finished = _get(cs, "lastState", "terminated", "finishedAt")
        last_restart = _later(last_restart, finished)
        sidecar = _restartable(init_by_name.get(cs.get("name")))
        if sidecar:
            restartable_restarts += count
            last_restartable = _later(last_restartable, finished)
        terminated = _get(cs, "state", "terminated")
        waiting = _get(cs, "state", "waiting")
        if isinstance(terminated, Mapping) and _int(terminated.get("exitCode")) == 0:
            continue
        if sidecar and cs.get("started"):
            if cs.get("ready"):
                ready += 1
            continue
        if isinstance(terminated, Mapping):
            if terminated.get("reason"):
                reason = f"Init:{terminated['reason']}"
            elif _int(terminated.get("signal")):
                reason = f"Init:Signal:{_int(terminated.get('signal'))}"
            else:
                reason = f"Init:ExitCode:{_int(terminated.get('exitCode'))}"
        elif (
            isinstance(waiting, Mapping)
            and waiting.get("reason")
            and waiting.get("reason") != "PodInitializing"
        ):
            reason = f"Init:{waiting['reason']}"
        else:
            reason = f"Init:{i}/{len(init_containers)}"
        initializing = True
        break

    if not initializing or _condition_true(status.get("conditions"), "Initialized"):
        restarts, last_restart = restartable_restarts, last_restartable
        has_running = False
        for cs in reversed(_list(status.get("containerStatuses"))):
            if not isinstance(cs, Mapping):
                continue
            restarts += _int(cs.get("restartCount"))
            last_restart = _later(last_restart, _get(cs, "lastState", "terminated", "finishedAt"))
            waiting = _get(cs, "state", "waiting")
            terminated = _get(cs, "state", "terminated")
            if isinstance(waiting, Mapping) and waiting.get("reason"):
                reason = str(waiting["reason"])
            elif isinstance(terminated, Mapping) and terminated.get("reason"):
                reason = str(terminated["reason"])
            elif isinstance(terminated, Mapping):
                signal = _int(terminated.get("signal"))
                reason = (
                    f"Signal:{signal}" if signal else f"ExitCode:{_int(terminated.get('exitCode'))}"
                )
            elif cs.get("ready") and isinstance(_get(cs, "state", "running"), Mapping):
                has_running = True
                ready += 1
        # a pod whose sidecar still runs is not "Completed"
        if reason == "Completed" and has_running:
            reason = "Running" if _condition_true(status.get("conditions"), "Ready") else "NotReady"

    if _get(pod, "metadata", "deletionTimestamp"):
        if status.get("reason") == "NodeLost":
            reason = "Unknown"
        elif phase not in ("Failed", "Succeeded"):
            reason = "Terminating"

    restarts_cell = str(restarts)
    if restarts and last_restart is not None:
        restarts_cell = f"{restarts} ({human_duration(_aware(now) - last_restart)} ago)"

    pod_ips = [p for p in _list(status.get("podIPs")) if isinstance(p, Mapping)]
    pod_ip = str((pod_ips[0].get("ip") if pod_ips else status.get("podIP")) or "") or "<none>"
    gates = _list(spec.get("readinessGates"))
    readiness = "<none>"
    if gates:
        conditions = {
            c.get("type"): c for c in _list(status.get("conditions")) if isinstance(c, Mapping)
        }
        true = sum(
            1
            for g in gates
            if isinstance(g, Mapping)
            and _get(conditions.get(g.get("conditionType")), "status") == "True"
        )
        readiness = f"{true}/{len(gates)}"
    return [
        _name(pod),
        f"{ready}/{total}",
        reason,
        restarts_cell,
        _age(pod, now),
        pod_ip,
        str(spec.get("nodeName") or "") or "<none>",
        str(status.get("nominatedNodeName") or "") or "<none>",
        readiness,
    ]


def _pod_conditions(pod: Obj) -> list[dict[str, str]]:
    phase = _get(pod, "status", "phase")
    if phase == "Succeeded":
        return _POD_SUCCEEDED
    if phase == "Failed":
        return _POD_FAILED
    return []


def _deployment_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    status: Mapping[str, Any] = obj.get("status") or {}
    try:
        selector = str(label_selector_from_dict(spec.get("selector")))
    except SelectorError:
        selector = "<invalid>"
    names, images = _containers_cells(_get(spec, "template", "spec"))
    return [
        _name(obj),
        f"{_int(status.get('readyReplicas'))}/{_int(spec.get('replicas'), 1)}",
        _int(status.get("updatedReplicas")),
        _int(status.get("availableReplicas")),
        _age(obj, now),
        names,
        images,
        selector,
    ]


def _replica_set_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    status: Mapping[str, Any] = obj.get("status") or {}
    names, images = _containers_cells(_get(spec, "template", "spec"))
    return [
        _name(obj),
        _int(spec.get("replicas"), 1),
        _int(status.get("replicas")),
        _int(status.get("readyReplicas")),
        _age(obj, now),
        names,
        images,
        format_label_selector(spec.get("selector")),
    ]


def _replication_controller_row(obj: Obj, now: dt.datetime) -> Cells:
    cells = _replica_set_row(obj, now)
    # a ReplicationController's selector is a plain label map
    cells[-1] = format_labels(_get(obj, "spec", "selector"))
    return cells


def _daemon_set_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    status: Mapping[str, Any] = obj.get("status") or {}
    names, images = _containers_cells(_get(spec, "template", "spec"))
    return [
        _name(obj),
        _int(status.get("desiredNumberScheduled")),
        _int(status.get("currentNumberScheduled")),
        _int(status.get("numberReady")),
        _int(status.get("updatedNumberScheduled")),
        _int(status.get("numberAvailable")),
        format_labels(_get(spec, "template", "spec", "nodeSelector")),
        _age(obj, now),
        names,
        images,
        format_label_selector(spec.get("selector")),
    ]


def _stateful_set_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    names, images = _containers_cells(_get(spec, "template", "spec"))
    ready = _int(_get(obj, "status", "readyReplicas"))
    return [_name(obj), f"{ready}/{_int(spec.get('replicas'), 1)}", _age(obj, now), names, images]


def _job_status(obj: Obj) -> str:
    conditions = _get(obj, "status", "conditions")
    if _condition_true(conditions, "Complete"):
        return "Complete"
    if _condition_true(conditions, "Failed"):
        return "Failed"
    if _get(obj, "metadata", "deletionTimestamp"):
        return "Terminating"
    if _condition_true(conditions, "Suspended"):
        return "Suspended"
    if _condition_true(conditions, "FailureTarget"):
        return "FailureTarget"
    return "Running"


def _job_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    status: Mapping[str, Any] = obj.get("status") or {}
    succeeded = _int(status.get("succeeded"))
    if spec.get("completions") is not None:
        completions = f"{succeeded}/{_int(spec.get('completions'))}"
    elif _int(spec.get("parallelism")) > 1:
        completions = f"{succeeded}/1 of {_int(spec.get('parallelism'))}"
    else:
        completions = f"{succeeded}/1"
    start = _parse_time(status.get("startTime"))
    end = _parse_time(status.get("completionTime"))
    duration = ""
    if start is not None:
        duration = human_duration((end or _aware(now)) - start)
    names, images = _containers_cells(_get(spec, "template", "spec"))
    return [
        _name(obj),
        _job_status(obj),
        completions,
        duration,
        _age(obj, now),
        names,
        images,
        format_label_selector(spec.get("selector")),
    ]


def _cron_job_row(obj: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = obj.get("spec") or {}
    status: Mapping[str, Any] = obj.get("status") or {}
    last = status.get("lastScheduleTime")
    job_spec = _get(spec, "jobTemplate", "spec")
    names, images = _containers_cells(_get(job_spec, "template", "spec"))
    return [
        _name(obj),
        str(spec.get("schedule") or ""),
        "<none>" if spec.get("timeZone") is None else str(spec["timeZone"]),
        _bool_ptr(spec.get("suspend")),
        len(_list(status.get("active"))),
        _since(last, now) if last else "<none>",
        _age(obj, now),
        names,
        images,
        format_label_selector(_get(job_spec, "selector")),
    ]


def _load_balancer_ips(status: Any) -> str:
    found: set[str] = set()
    for ingress in _list(_get(status, "loadBalancer", "ingress")):
        if isinstance(ingress, Mapping):
            if ingress.get("ip"):
                found.add(str(ingress["ip"]))
            elif ingress.get("hostname"):
                found.add(str(ingress["hostname"]))
    return ",".join(sorted(found))


def _service_external_ip(svc: Obj) -> str:
    spec: Mapping[str, Any] = svc.get("spec") or {}
    kind = spec.get("type") or "ClusterIP"
    external = [str(ip) for ip in _list(spec.get("externalIPs"))]
    if kind in ("ClusterIP", "NodePort"):
        return ",".join(external) if external else "<none>"
    if kind == "LoadBalancer":
        lb = _load_balancer_ips(svc.get("status"))
        if external:
            return ",".join((lb.split(",") if lb else []) + external)
        return lb or "<pending>"
    if kind == "ExternalName":
        return str(spec.get("externalName") or "")
    return "<unknown>"


def _service_ports(ports: Any) -> str:
    pieces = []
    for port in _list(ports):
        if not isinstance(port, Mapping):
            continue
        protocol = port.get("protocol") or "TCP"
        node_port = _int(port.get("nodePort"))
        if node_port > 0:
            pieces.append(f"{_int(port.get('port'))}:{node_port}/{protocol}")
        else:
            pieces.append(f"{_int(port.get('port'))}/{protocol}")
    return ",".join(pieces)


def _service_row(svc: Obj, now: dt.datetime) -> Cells:
    spec: Mapping[str, Any] = svc.get("spec") or {}
    cluster_ips = _list(spec.get("clusterIPs"))
    cluster_ip = (
        str(cluster_ips[0]) if cluster_ips else str(spec.get("clusterIP") or "") or "<none>"
    )
    return [
        _name(svc),
        str(spec.get("type") or "ClusterIP"),
        cluster_ip,
        _service_external_ip(svc),
        _service_ports(spec.get("ports")) or "<none>",
        _age(svc, now),
        format_labels(spec.get("selector")),
    ]


def _endpoints_cell(endpoints: Obj) -> str:
    subsets = [s for s in _list(endpoints.get("subsets")) if isinstance(s, Mapping)]
    if not subsets:
        return "<none>"
    shown: list[str] = []
    count = 0
    for subset in subsets:
        addresses = [
            str(a.get("ip") or "") for a in _list(subset.get("addresses")) if isinstance(a, Mapping)
        ]
        ports = [p for p in _list(subset.get("ports")) if isinstance(p, Mapping)]
        if not ports:
            # a headless service may have no ports
            count += len(addresses)
            shown.extend(addresses[: max(0, 3 - len(shown))])
            continue
        for port in ports:
            count += len(addresses)
            for ip in addresses:
                if len(shown) < 3:
                    shown.append(_host_port(ip, _int(port.get("port"))))
    text = ",".join(shown)
    return f"{text} + {count - 3} more..." if count > 3 else text


def _endpoints_row(obj: Obj, now: dt.datetime) -> Cells:
    return [_name(obj), _endpoints_cell(obj), _age(obj, now)]


def _endpoint_slice_row(obj: Obj, now: dt.datetime) -> Cells:
    ports: list[str] = []
    for port in _list(obj.get("ports")):
        if not isinstance(port, Mapping):
            continue
        if port.get("port") is not None:
            ports.append(str(_int(port.get("port"))))
        elif port.get("name") is not None:
            ports.append(str(port["name"]))
        else:
            ports.append("*")
    addresses = [
        str(a)
        for e in _list(obj.get("endpoints"))
        if isinstance(e, Mapping)
        for a in _list(e.get("addresses"))
    ]
    return [
        _name(obj),
        str(obj.get("addressType") or ""),
        _more(ports, len(ports)),
        _more(addresses, len(addresses)),
        _age(obj, now),
    ]


def _node_roles(labels: Mapping[str, Any]) -> list[str]:
    roles: set[str] = set()
    for key, value in labels.items():
        if key.startswith("node-role.kubernetes.io/"):
            role = key.removeprefix("node-role.kubernetes.io/")
            if role:
                roles.add(role)
        elif key == "kubernetes.io/role" and value:
            roles.add(str(value))
    return sorted(roles)


def _node_address(node: Obj, kind: str) -> str:
    for address in _list(_get(node, "status", "addresses")):
        if isinstance(address, Mapping) and address.get("type") == kind:
            return str(address.get("address") or "")
    return "<none>"


def _node_row(node: Obj, now: dt.datetime) -> Cells:
    states: list[str] = []
    for cond in _list(_get(node, "status", "conditions")):
        if isinstance(cond, Mapping) and cond.get("type") == "Ready":
            states = ["Ready" if cond.get("status") == "True" else "NotReady"]
    if not states:
        states = ["Unknown"]
    if _get(node, "spec", "unschedulable"):
        states.append("SchedulingDisabled")
    info: Mapping[str, Any] = _get(node, "status", "nodeInfo") or {}
    return [
        _name(node),
        ",".join(states),
        ",".join(_node_roles(_get(node, "metadata", "labels") or {})) or "<none>",
        _age(node, now),
        str(info.get("kubeletVersion") or ""),
        _node_address(node, "InternalIP"),
        _node_address(node, "ExternalIP"),
        str(info.get("osImage") or "") or "<unknown>",
        str(info.get("kernelVersion") or "") or "<unknown>",
        str(info.get("containerRuntimeVersion") or "") or "<unknown>",
    ]


def _namespace_row(obj: Obj, now: dt.datetime) -> Cells:
    return [_name(obj), str(_get(obj, "status", "phase") or ""), _age(obj, now)]


def _config_map_row(obj: Obj, now: dt.datetime) -> Cells:
    count = len(obj.get("data") or {}) + len(obj.get("binaryData") or {})
    return [_name(obj), count, _age(obj, now)]


def _secret_row(obj: Obj, now: dt.datetime) -> Cells:
    return [_name(obj), str(obj.get("type") or ""), len(obj.get("data") or {}), _age(obj, now)]


def _service_account_row(obj: Obj, now: dt.datetime) -> Cells:
    return [_name(obj), len(_list(obj.get("secrets"))), _age(obj, now)]


def _lease_row(obj: Obj, now: dt.datetime) -> Cells:
    return [_name(obj), str(_get(obj, "spec", "holderIdentity") or ""), _age(obj, now)]


def _resource_quota_row(obj: Obj, now: dt.datetime) -> Cells:
    hard: Mapping[str, Any] = _get(obj, "status", "hard") or {}
    used: Mapping[str, Any] = _get(obj, "status", "used") or {}
    requests: list[str] = []
    limits: list[str] = []
    for resource in sorted(hard):
        pieces = resource.split(".")
        target = limits if len(pieces) > 1 and pieces[0] == "limits" else requests
        target.append(f"{resource}: {used.get(resource, '0')}/{hard[resource]}")
    return [_name(obj), ", ".join(requests), ", ".join(limits), _age(obj, now)]


def _event_row(event: Obj, now: dt.datetime) -> Cells:
    first = _since(event.get("firstTimestamp"), now)
    if _parse_time(event.get("firstTimestamp")) is None:
        first = _since(event.get("eventTime"), now)
    last = _since(event.get("lastTimestamp"), now)
    if _parse_time(event.get("lastTimestamp")) is None:
        last = first
    count = _int(event.get("count"))
    series = event.get("series")
    if isinstance(series, Mapping):
        last = _since(series.get("lastObservedTime"), now)
        count = _int(series.get("count"))
    elif count == 0:
        count = 1  # singleton events of the new API carry no count
    involved: Mapping[str, Any] = event.get("involvedObject") or {}
    kind = str(involved.get("kind") or "").lower()
    target = f"{kind}/{involved['name']}" if involved.get("name") else kind
    component = str(_get(event, "source", "component") or event.get("reportingComponent") or "")
    instance = str(_get(event, "source", "host") or event.get("reportingInstance") or "")
    return [
        last,
        str(event.get("type") or ""),
        str(event.get("reason") or ""),
        target,
        str(involved.get("fieldPath") or ""),
        f"{component}, {instance}" if instance else component,
        str(event.get("message") or "").strip(),
        first,
        count,
        _name(event),
    ]


def _default_row(obj: Obj, now: dt.datetime) -> Cells:
    # apiserver's default table convertor: the creation time itself, RFC 3339 in UTC
    created = _parse_time(_get(obj, "metadata", "creationTimestamp"))
    stamp = (
        created.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if created
        else "0001-01-01T00:00:00Z"
    )
    return [_name(obj), stamp]


_ACCESS_MODES = (
    ("ReadWriteOnce", "RWO"),
    ("ReadOnlyMany", "ROX"),
    ("ReadWriteMany", "RWX"),
    ("ReadWriteOncePod", "RWOP"),
)


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _access_modes(modes: Any) -> str:
    """GetAccessModesAsString: RWO,ROX,RWX,RWOP in that order, each once."""
    present = {m for m in _list(modes) if isinstance(m, str)}
    return ",".join(short for mode, short in _ACCESS_MODES if mode in present)


def _str_or(value: Any, missing: str) -> str:
    return str(value) if value not in (None, "") else missing


def _role_binding_row(obj: Obj, now: dt.datetime) -> Cells:
    """printRoleBinding / printClusterRoleBinding, with the wide subject columns."""
    ref = _map(obj.get("roleRef"))
    users: list[str] = []
    groups: list[str] = []
    accounts: list[str] = []
    for subject in _list(obj.get("subjects")):
        if not isinstance(subject, Mapping):
            continue
        kind, name = subject.get("kind"), str(subject.get("name") or "")
        if kind == "User":
            users.append(name)
        elif kind == "Group":
            groups.append(name)
        elif kind == "ServiceAccount":
            accounts.append(f"{subject.get('namespace') or ''}/{name}")
    return [
        _name(obj),
        f"{ref.get('kind') or ''}/{ref.get('name') or ''}",
        _age(obj, now),
        ", ".join(users),
        ", ".join(groups),
        ", ".join(accounts),
    ]


def _ingress_hosts(rules: list[Any]) -> str:
    """formatHosts: up to three hosts, `*` when no rule names one."""
    hosts = [str(r["host"]) for r in rules[:3] if isinstance(r, Mapping) and r.get("host")]
    if not hosts:
        return "*"
    text = ",".join(hosts)
    return f"{text} + {len(rules) - 3} more..." if len(rules) > 3 else text


def _lb_addresses(entries: Any) -> str:
    out: list[str] = []
    for entry in _list(entries):
        if isinstance(entry, Mapping):
            out.extend(str(entry[k]) for k in ("ip", "hostname") if entry.get(k))
    return ",".join(out)


def _ingress_row(obj: Obj, now: dt.datetime) -> Cells:
    spec = _map(obj.get("spec"))
    return [
        _name(obj),
        _str_or(spec.get("ingressClassName"), "<none>"),
        _ingress_hosts(_list(spec.get("rules"))),
        _lb_addresses(_get(obj, "status", "loadBalancer", "ingress")),
        "80, 443" if _list(spec.get("tls")) else "80",
        _age(obj, now),
    ]


def _ingress_class_row(obj: Obj, now: dt.datetime) -> Cells:
    params = _get(obj, "spec", "parameters")
    shown = "<none>"
    if isinstance(params, Mapping):
        shown = str(params.get("kind") or "")
        if params.get("apiGroup"):
            shown += f".{params['apiGroup']}"
        shown += f"/{params.get('name') or ''}"
    return [_name(obj), str(_get(obj, "spec", "controller") or ""), shown, _age(obj, now)]


def _network_policy_row(obj: Obj, now: dt.datetime) -> Cells:
    selector = _get(obj, "spec", "podSelector")
    return [
        _name(obj),
        format_label_selector(selector if isinstance(selector, Mapping) else None),
        _age(obj, now),
    ]


def _pdb_row(obj: Obj, now: dt.datetime) -> Cells:
    spec = _map(obj.get("spec"))
    return [
        _name(obj),
        _str_or(spec.get("minAvailable"), "N/A"),
        _str_or(spec.get("maxUnavailable"), "N/A"),
        _int(_get(obj, "status", "disruptionsAllowed")),
        _age(obj, now),
    ]


def _priority_class_row(obj: Obj, now: dt.datetime) -> Cells:
    return [
        _name(obj),
        _int(obj.get("value")),
        obj.get("globalDefault") is True,
        _age(obj, now),
        _str_or(obj.get("preemptionPolicy"), "<unset>"),
    ]


def _metric_target(target: Mapping[str, Any], current: Mapping[str, Any]) -> str:
    """One `current/target` pair of the TARGETS column."""
    if target.get("type") == "Utilization":
        have = current.get("averageUtilization")
        cur = f"{have}%" if have is not None else "<unknown>"
        return f"{cur}/{target.get('averageUtilization', '<unset>')}%"
    key = "averageValue" if target.get("type") == "AverageValue" else "value"
    cur = _str_or(current.get(key), "<unknown>")
    suffix = " (avg)" if key == "averageValue" and target.get("type") != "AverageValue" else ""
    return f"{cur}/{_str_or(target.get(key), '<unset>')}{suffix}"


def _hpa_targets(metrics: list[Any], currents: list[Any]) -> str:
    """formatHPAMetrics: up to three metrics, each as its current and target values."""
    if not metrics:
        return "<none>"
    shown: list[str] = []
    for i, metric in enumerate(metrics[:3]):
        if not isinstance(metric, Mapping):
            continue
        mtype = str(metric.get("type") or "")
        source_key = mtype[:1].lower() + mtype[1:]
        source = metric.get(source_key)
        source = source if isinstance(source, Mapping) else {}
        current = currents[i] if i < len(currents) and isinstance(currents[i], Mapping) else {}
        current_source = current.get(source_key)
        current_values = (
            _get(current_source, "current") if isinstance(current_source, Mapping) else {}
        )
        target = source.get("target")
        text = _metric_target(
            target if isinstance(target, Mapping) else {},
            current_values if isinstance(current_values, Mapping) else {},
        )
        if mtype in ("Resource", "ContainerResource") and source.get("name"):
            text = f"{source['name']}: {text}"
        shown.append(text)
    text = ", ".join(shown)
    return f"{text} + {len(metrics) - 3} more..." if len(metrics) > 3 else text


def _hpa_row(obj: Obj, now: dt.datetime) -> Cells:
    spec = _map(obj.get("spec"))
    ref = _map(spec.get("scaleTargetRef"))
    return [
        _name(obj),
        f"{ref.get('kind') or ''}/{ref.get('name') or ''}",
        _hpa_targets(_list(spec.get("metrics")), _list(_get(obj, "status", "currentMetrics"))),
        _str_or(spec.get("minReplicas"), "<unset>"),
        _int(spec.get("maxReplicas")),
        _int(_get(obj, "status", "currentReplicas")),
        _age(obj, now),
    ]


def _pvc_row(obj: Obj, now: dt.datetime) -> Cells:
    spec = _map(obj.get("spec"))
    status = _map(obj.get("status"))
    phase = str(status.get("phase") or "")
    if _get(obj, "metadata", "deletionTimestamp"):
        phase = "Terminating"
    bound = bool(spec.get("volumeName"))
    storage = _get(status, "capacity", "storage") if bound else None
    return [
        _name(obj),
        phase,
        str(spec.get("volumeName") or ""),
        str(storage) if storage is not None else "",
        _access_modes(status.get("accessModes")) if bound else "",
        _storage_class(obj),
        _str_or(spec.get("volumeAttributesClassName"), "<unset>"),
        _age(obj, now),
        _str_or(spec.get("volumeMode"), "<unset>"),
    ]


def _storage_class(obj: Obj) -> str:
    """GetPersistentVolume(Claim)Class: the beta annotation wins over the field."""
    beta = _get(obj, "metadata", "annotations", "volume.beta.kubernetes.io/storage-class")
    return str(beta if beta is not None else _get(obj, "spec", "storageClassName") or "")


def _pv_row(obj: Obj, now: dt.datetime) -> Cells:
    spec = _map(obj.get("spec"))
    status = _map(obj.get("status"))
    claim = ""
    ref = spec.get("claimRef")
    if isinstance(ref, Mapping):
        claim = f"{ref.get('namespace') or ''}/{ref.get('name') or ''}"
    phase = str(status.get("phase") or "")
    if _get(obj, "metadata", "deletionTimestamp"):
        phase = "Terminating"
    storage = _get(spec, "capacity", "storage")
    return [
        _name(obj),
        str(storage) if storage is not None else "",
        _access_modes(spec.get("accessModes")),
        str(spec.get("persistentVolumeReclaimPolicy") or ""),
        phase,
        claim,
        _storage_class(obj),
        _str_or(spec.get("volumeAttributesClassName"), "<unset>"),
        str(status.get("reason") or ""),
        _age(obj, now),
        _str_or(spec.get("volumeMode"), "<unset>"),
    ]


def _storage_class_row(obj: Obj, now: dt.datetime) -> Cells:
    default = any(
        _get(obj, "metadata", "annotations", key) == "true"
        for key in (
            "storageclass.kubernetes.io/is-default-class",
            "storageclass.beta.kubernetes.io/is-default-class",
        )
    )
    return [
        _name(obj) + (" (default)" if default else ""),
        str(obj.get("provisioner") or ""),
        _str_or(obj.get("reclaimPolicy"), "Delete"),
        _str_or(obj.get("volumeBindingMode"), "Immediate"),
        obj.get("allowVolumeExpansion") is True,
        _age(obj, now),
    ]


def _pod_template_row(obj: Obj, now: dt.datetime) -> Cells:
    names, images = _containers_cells(_get(obj, "template", "spec"))
    labels = _get(obj, "template", "metadata", "labels")
    return [
        _name(obj),
        names,
        images,
        format_labels(labels if isinstance(labels, Mapping) else None),
    ]


# --- the printers ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Printer:
    columns: tuple[dict[str, Any], ...]
    row: Callable[[Obj, dt.datetime], Cells]
    conditions: Callable[[Obj], list[dict[str, str]]] | None = None


def _printers() -> dict[str, _Printer]:
    d = _DOC
    name, age = _name_col(), _age_col()
    pod = _Printer(
        (
            name,
            _col(
                "Ready",
                "string",
                "The aggregate readiness state of this pod for accepting traffic.",
            ),
            _col("Status", "string", "The aggregate status of the containers in this pod."),
            _col(
                "Restarts",
                "string",
                "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.",
            ),
            age,
            _col("IP", "string", d["PodStatus.podIP"], priority=1),
            _col("Node", "string", d["PodSpec.nodeName"], priority=1),
            _col("Nominated Node", "string", d["PodStatus.nominatedNodeName"], priority=1),
            _col("Readiness Gates", "string", d["PodSpec.readinessGates"], priority=1),
        ),
        _pod_row,
        _pod_conditions,
    )
    replication_controller = _Printer(
        (
            name,
            _col("Desired", "integer", d["ReplicationControllerSpec.replicas"]),
            _col("Current", "integer", d["ReplicationControllerStatus.replicas"]),
            _col("Ready", "integer", d["ReplicationControllerStatus.readyReplicas"]),
            age,
            *_wide_template_cols(d["ReplicationControllerSpec.selector"]),
        ),
        _replication_controller_row,
    )
    replica_set = _Printer(
        (
            name,
            _col("Desired", "integer", d["ReplicaSetSpec.replicas"]),
            _col("Current", "integer", d["ReplicaSetStatus.replicas"]),
            _col("Ready", "integer", d["ReplicaSetStatus.readyReplicas"]),
            age,
            *_wide_template_cols(d["ReplicaSetSpec.selector"]),
        ),
        _replica_set_row,
    )
    daemon_set = _Printer(
        (
            name,
            _col("Desired", "integer", d["DaemonSetStatus.desiredNumberScheduled"]),
            _col("Current", "integer", d["DaemonSetStatus.currentNumberScheduled"]),
            _col("Ready", "integer", d["DaemonSetStatus.numberReady"]),
            _col("Up-to-date", "integer", d["DaemonSetStatus.updatedNumberScheduled"]),
            _col("Available", "integer", d["DaemonSetStatus.numberAvailable"]),
            _col("Node Selector", "string", d["PodSpec.nodeSelector"]),
            age,
            *_wide_template_cols(d["DaemonSetSpec.selector"]),
        ),
        _daemon_set_row,
    )
    job = _Printer(
        (
            name,
            _col("Status", "string", "Status of the job."),
            _col("Completions", "string", d["JobStatus.succeeded"]),
            _col("Duration", "string", "Time required to complete the job."),
            age,
            *_wide_template_cols(d["JobSpec.selector"]),
        ),
        _job_row,
    )
    cron_job = _Printer(
        (
            name,
            _col("Schedule", "string", d["CronJobSpec.schedule"]),
            _col("Timezone", "string", d["CronJobSpec.timeZone"]),
            _col("Suspend", "boolean", d["CronJobSpec.suspend"]),
            _col("Active", "integer", d["CronJobStatus.active"]),
            _col("Last Schedule", "string", d["CronJobStatus.lastScheduleTime"]),
            age,
            *_wide_template_cols(d["JobSpec.selector"]),
        ),
        _cron_job_row,
    )
    service = _Printer(
        (
            name,
            _col("Type", "string", d["ServiceSpec.type"]),
            _col("Cluster-IP", "string", d["ServiceSpec.clusterIP"]),
            _col("External-IP", "string", d["ServiceSpec.externalIPs"]),
            _col("Port(s)", "string", d["ServiceSpec.ports"]),
            age,
            _col("Selector", "string", d["ServiceSpec.selector"], priority=1),
        ),
        _service_row,
    )
    stateful_set = _Printer(
        (
            name,
            _col("Ready", "string", "Number of the pod with ready state"),
            age,
            *_wide_template_cols(None),
        ),
        _stateful_set_row,
    )
    endpoints = _Printer(
        (name, _col("Endpoints", "string", d["Endpoints.subsets"]), age), _endpoints_row
    )
    node = _Printer(
        (
            name,
            _col("Status", "string", "The status of the node"),
            _col("Roles", "string", "The roles of the node"),
            age,
            _col("Version", "string", d["NodeSystemInfo.kubeletVersion"]),
            _col("Internal-IP", "string", d["NodeStatus.addresses"], priority=1),
            _col("External-IP", "string", d["NodeStatus.addresses"], priority=1),
            _col("OS-Image", "string", d["NodeSystemInfo.osImage"], priority=1),
            _col("Kernel-Version", "string", d["NodeSystemInfo.kernelVersion"], priority=1),
            _col(
                "Container-Runtime",
                "string",
                d["NodeSystemInfo.containerRuntimeVersion"],
                priority=1,
            ),
        ),
        _node_row,
    )
    event = _Printer(
        (
            _col("Last Seen", "string", d["Event.lastTimestamp"]),
            _col("Type", "string", d["Event.type"]),
            _col("Reason", "string", d["Event.reason"]),
            _col("Object", "string", d["Event.involvedObject"]),
            _col("Subobject", "string", d["ObjectReference.fieldPath"], priority=1),
            _col("Source", "string", d["Event.source"], priority=1),
            _col("Message", "string", d["Event.message"]),
            _col("First Seen", "string", d["Event.firstTimestamp"], priority=1),
            _col("Count", "string", d["Event.count"], priority=1),
            _col("Name", "string", d["ObjectMeta.name"], priority=1, fmt="name"),
        ),
        _event_row,
    )
    namespace = _Printer(
        (name, _col("Status", "string", "The status of the namespace"), age), _namespace_row
    )
    secret = _Printer(
        (
            name,
            _col("Type", "string", d["Secret.type"]),
            _col("Data", "string", d["Secret.data"]),
            age,
        ),
        _secret_row,
    )
    service_account = _Printer(
        (name, _col("Secrets", "string", d["ServiceAccount.secrets"]), age), _service_account_row
    )
    deployment = _Printer(
        (
            name,
            _col("Ready", "string", "Number of the pod with ready state"),
            _col("Up-to-date", "string", d["DeploymentStatus.updatedReplicas"]),
            _col("Available", "string", d["DeploymentStatus.availableReplicas"]),
            age,
            *_wide_template_cols(d["DeploymentSpec.selector"]),
        ),
        _deployment_row,
    )
    config_map = _Printer((name, _col("Data", "string", d["ConfigMap.data"]), age), _config_map_row)
    lease = _Printer(
        (name, _col("Holder", "string", d["LeaseSpec.holderIdentity"]), age), _lease_row
    )
    resource_quota = _Printer(
        (
            name,
            _col(
                "Request",
                "string",
                "Request represents a minimum amount of cpu/memory that a container may consume.",
            ),
            _col(
                "Limit",
                "string",
                "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.",
            ),
            age,
        ),
        _resource_quota_row,
    )
    endpoint_slice = _Printer(
        (
            name,
            _col("AddressType", "string", d["EndpointSlice.addressType"]),
            _col("Ports", "string", d["EndpointSlice.ports"]),
            _col("Endpoints", "string", d["EndpointSlice.endpoints"]),
            age,
        ),
        _endpoint_slice_row,
    )
    role_binding = _Printer(
        (
            name,
            _col("Role", "string", "RoleRef is the reference to the role the binding grants."),
            age,
            _col("Users", "string", "Users in the binding.", priority=1),
            _col("Groups", "string", "Groups in the binding.", priority=1),
            _col("ServiceAccounts", "string", "ServiceAccounts in the binding.", priority=1),
        ),
        _role_binding_row,
    )
    ingress = _Printer(
        (
            name,
            _col("Class", "string", "The name of the IngressClass resource that should be used."),
            _col("Hosts", "string", "Hosts that incoming requests are matched against."),
            _col(
                "Address",
                "string",
                "Address is a list containing ingress points for the load-balancer.",
            ),
            _col("Ports", "string", "Ports of TLS configurations that open."),
            age,
        ),
        _ingress_row,
    )
    ingress_class = _Printer(
        (
            name,
            _col("Controller", "string", "Controller that is responsible for handling this class."),
            _col("Parameters", "string", "A reference to a resource with additional parameters."),
            age,
        ),
        _ingress_class_row,
    )
    network_policy = _Printer(
        (
            name,
            _col(
                "Pod-Selector",
                "string",
                "Selects the pods to which this NetworkPolicy object applies.",
            ),
            age,
        ),
        _network_policy_row,
    )
    pdb = _Printer(
        (
            name,
            _col(
                "Min Available",
                "string",
                "The minimum number of pods that must be available simultaneously.",
            ),
            _col(
                "Max Unavailable",
                "string",
                "The maximum number of pods that may be unavailable simultaneously.",
            ),
            _col(
                "Allowed Disruptions",
                "integer",
                "Calculated number of pods that may be disrupted at this time.",
            ),
            age,
        ),
        _pdb_row,
    )
    priority_class = _Printer(
        (
            name,
            _col("Value", "integer", "The integer value of this priority class."),
            _col(
                "Global-Default",
                "boolean",
                "Whether this is the default priority of pods without a class.",
            ),
            age,
            _col(
                "PreemptionPolicy", "string", "The policy for preempting pods with lower priority."
            ),
        ),
        _priority_class_row,
    )
    hpa = _Printer(
        (
            name,
            _col("Reference", "string", "The scaled resource, kind/name."),
            _col("Targets", "string", "The current and target values of the metrics."),
            _col("MinPods", "string", "The lower limit of replicas."),
            _col("MaxPods", "integer", "The upper limit of replicas."),
            _col("Replicas", "integer", "Current number of replicas."),
            age,
        ),
        _hpa_row,
    )
    pvc = _Printer(
        (
            name,
            _col("Status", "string", "The phase of the claim."),
            _col(
                "Volume",
                "string",
                "The binding reference to the PersistentVolume backing this claim.",
            ),
            _col("Capacity", "string", "The actual resources of the underlying volume."),
            _col(
                "Access Modes", "string", "The actual access modes the volume backing the PVC has."
            ),
            _col("StorageClass", "string", "The name of the StorageClass required by the claim."),
            _col(
                "VolumeAttributesClass", "string", "The VolumeAttributesClass used by this claim."
            ),
            age,
            _col(
                "VolumeMode", "string", "What type of volume is required by the claim.", priority=1
            ),
        ),
        _pvc_row,
    )
    pv = _Printer(
        (
            name,
            _col("Capacity", "string", "The volume's capacity."),
            _col("Access Modes", "string", "The ways the volume can be mounted."),
            _col(
                "Reclaim Policy",
                "string",
                "What happens to the volume when released from its claim.",
            ),
            _col("Status", "string", "The phase of the volume."),
            _col("Claim", "string", "The claim bound to the volume, namespace/name."),
            _col("StorageClass", "string", "The StorageClass of the volume."),
            _col("VolumeAttributesClass", "string", "The VolumeAttributesClass of the volume."),
            _col("Reason", "string", "Why the volume is in its phase."),
            age,
            _col("VolumeMode", "string", "Filesystem or Block.", priority=1),
        ),
        _pv_row,
    )
    storage_class = _Printer(
        (
            name,
            _col(
                "Provisioner", "string", "The volume plugin that provisions volumes of this class."
            ),
            _col(
                "ReclaimPolicy",
                "string",
                "What happens to dynamically provisioned volumes when released.",
            ),
            _col("VolumeBindingMode", "string", "When volume binding and provisioning happen."),
            _col("AllowVolumeExpansion", "string", "Whether claims of this class may grow."),
            age,
        ),
        _storage_class_row,
    )
    pod_template = _Printer(
        (
            name,
            _col("Containers", "string", _TEMPLATE_CONTAINERS),
            _col("Images", "string", _TEMPLATE_IMAGES),
            _col("Pod Labels", "string", "The labels of the pod template."),
        ),
        _pod_template_row,
    )
    return {
        "rbac.authorization.k8s.io/rolebindings": role_binding,
        "rbac.authorization.k8s.io/clusterrolebindings": role_binding,
        "networking.k8s.io/ingresses": ingress,
        "networking.k8s.io/ingressclasses": ingress_class,
        "networking.k8s.io/networkpolicies": network_policy,
        "policy/poddisruptionbudgets": pdb,
        "scheduling.k8s.io/priorityclasses": priority_class,
        "autoscaling/horizontalpodautoscalers": hpa,
        "persistentvolumeclaims": pvc,
        "persistentvolumes": pv,
        "storage.k8s.io/storageclasses": storage_class,
        "podtemplates": pod_template,
        "pods": pod,
        "replicationcontrollers": replication_controller,
        "apps/replicasets": replica_set,
        "apps/daemonsets": daemon_set,
        "apps/statefulsets": stateful_set,
        "apps/deployments": deployment,
        "batch/jobs": job,
        "batch/cronjobs": cron_job,
        "services": service,
        "endpoints": endpoints,
        "nodes": node,
        "events": event,
        "events.k8s.io/events": event,
        "namespaces": namespace,
        "secrets": secret,
        "serviceaccounts": service_account,
        "configmaps": config_map,
        "coordination.k8s.io/leases": lease,
        "resourcequotas": resource_quota,
        "discovery.k8s.io/endpointslices": endpoint_slice,
    }


# LimitRange, roles, cluster roles and anything else without a printer get apiserver's
# default table (NAME CREATED AT).
_DEFAULT = _Printer(
    (_name_col(), _col("Created At", "date", _DOC["ObjectMeta.creationTimestamp"])),
    _default_row,
)
_PRINTERS = _printers()


def _printer(resource: ResourceInfo) -> _Printer:
    key = f"{resource.group}/{resource.plural}" if resource.group else resource.plural
    return _PRINTERS.get(key, _DEFAULT)


def column_definitions(resource: ResourceInfo) -> list[dict[str, Any]]:
    """The columns of a resource's table, wide ones (priority 1) included."""
    return [dict(c) for c in _printer(resource).columns]


def _printed(resource: ResourceInfo, obj: Obj) -> Obj:
    """The object a printer reads: in its storage version (events.k8s.io/v1 Events print
    as core/v1 ones), as Kubernetes prints the internal version of every served one."""
    if not resource.converted:
        return obj
    served = {**obj, "apiVersion": resource.api_version, "kind": resource.kind}
    return conversion.to_storage(resource, served)


def row_cells(resource: ResourceInfo, obj: Obj, now: dt.datetime) -> list[Any]:
    """The cells of one object's row, one per column of `column_definitions`."""
    return _printer(resource).row(_printed(resource, obj), now)


# --- tables ---------------------------------------------------------------------------------


def table_api_version(version: str = "v1") -> str:
    """The Table apiVersion for the `v` a client asked for (v1 or v1beta1)."""
    if version not in TABLE_VERSIONS:
        raise TableError(f"no Table exists in group version meta.k8s.io/{version}")
    return f"meta.k8s.io/{version}"


def check_include_object(value: str | None) -> str:
    """The `includeObject` table option, defaulted to Metadata; an unknown value is a 400."""
    if value in (None, ""):
        return INCLUDE_METADATA
    if value in (INCLUDE_METADATA, INCLUDE_NONE, INCLUDE_OBJECT):
        return value
    raise TableError(
        "Unable to convert to Table as requested: includeObject: Unsupported value: "
        f'"{value}": supported values: "", "Metadata", "None", "Object"'
    )


def _row_object(resource: ResourceInfo, obj: Obj, include: str, api_version: str) -> Any:
    if include == INCLUDE_NONE:
        return None
    if include == INCLUDE_OBJECT:
        full = dict(obj)
        full.setdefault("apiVersion", resource.api_version)
        full.setdefault("kind", resource.kind)
        return full
    return {
        "kind": "PartialObjectMetadata",
        "apiVersion": api_version,
        "metadata": obj.get("metadata") or {},
    }


def _table(
    resource: ResourceInfo,
    objects: list[Obj],
    list_meta: Mapping[str, Any],
    include_object: str | None,
    now: dt.datetime,
    api_version: str,
    no_headers: bool,
) -> dict[str, Any]:
    include = check_include_object(include_object)
    printer = _printer(resource)
    rows: list[dict[str, Any]] = []
    for obj in objects:
        printed = _printed(resource, obj)
        row: dict[str, Any] = {"cells": printer.row(printed, now)}
        conditions = printer.conditions(printed) if printer.conditions else []
        if conditions:
            row["conditions"] = [dict(c) for c in conditions]
        row["object"] = _row_object(resource, obj, include, api_version)
        rows.append(row)
    metadata: dict[str, Any] = {}
    for key in ("resourceVersion", "continue", "remainingItemCount"):
        if list_meta.get(key) not in (None, ""):
            metadata[key] = list_meta[key]
    return {
        "kind": "Table",
        "apiVersion": api_version,
        "metadata": metadata,
        # without headers Kubernetes sends null and kubectl reuses the last columns it saw
        "columnDefinitions": None if no_headers else [dict(c) for c in printer.columns],
        "rows": rows,
    }


def build_table(
    resource: ResourceInfo,
    objects: list[dict[str, Any]],
    list_meta: Mapping[str, Any],
    include_object: str | None = INCLUDE_METADATA,
    *,
    now: dt.datetime,
    api_version: str = "meta.k8s.io/v1",
    no_headers: bool = False,
) -> dict[str, Any]:
    """A list response as a Table: one row per object, the list's metadata.

    `list_meta` is the list's metadata (resourceVersion, continue,
    remainingItemCount); `include_object` is the request's includeObject
    (Metadata: a PartialObjectMetadata per row, Object: the object, None: null).
    """
    return _table(resource, list(objects), list_meta, include_object, now, api_version, no_headers)


def build_object_table(
    resource: ResourceInfo,
    obj: dict[str, Any],
    include_object: str | None = INCLUDE_METADATA,
    *,
    now: dt.datetime,
    api_version: str = "meta.k8s.io/v1",
    no_headers: bool = False,
) -> dict[str, Any]:
    """A single object (`kubectl get pod x`) as a one-row Table carrying its resourceVersion."""
    meta = {"resourceVersion": _get(obj, "metadata", "resourceVersion")}
    return _table(resource, [obj], meta, include_object, now, api_version, no_headers)


def build_watch_table(
    resource: ResourceInfo,
    obj: dict[str, Any],
    *,
    first: bool,
    include_object: str | None = INCLUDE_METADATA,
    now: dt.datetime,
    api_version: str = "meta.k8s.io/v1",
) -> dict[str, Any]:
    """The object of one watch event for a Table watch.

    A one-row Table; column definitions only when `first` (the first event of
    the stream), as Kubernetes does. A Status (ERROR event) is returned as is.
    """
    if obj.get("kind") == "Status":
        return obj
    return build_object_table(
        resource, obj, include_object, now=now, api_version=api_version, no_headers=not first
    )

"""Server-side printing: the Table kubectl renders, cell by cell."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from minikube_py.api.registry import RESOURCES, Registry, ResourceInfo
from minikube_py.api.tables import (
    TableError,
    build_object_table,
    build_table,
    build_watch_table,
    check_include_object,
    column_definitions,
    human_duration,
    row_cells,
    table_api_version,
)

REGISTRY = Registry()
NOW = dt.datetime(2024, 5, 1, 12, 0, 0, tzinfo=dt.UTC)


def ago(**delta: float) -> str:
    """An RFC 3339 timestamp that far before NOW."""
    return (NOW - dt.timedelta(**delta)).strftime("%Y-%m-%dT%H:%M:%SZ")


def resource(plural: str, group: str = "") -> ResourceInfo:
    info = REGISTRY.lookup(group, "v1", plural)
    assert info is not None
    return info


def meta(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "namespace": "default",
        "uid": f"uid-{name}",
        "resourceVersion": "42",
        "creationTimestamp": ago(minutes=5),
        **extra,
    }


def cells(plural: str, obj: dict[str, Any], group: str = "") -> dict[str, Any]:
    """The row of `obj` as column name -> cell."""
    info = resource(plural, group)
    names = [c["name"] for c in column_definitions(info)]
    values = row_cells(info, obj, NOW)
    assert len(names) == len(values)
    return dict(zip(names, values, strict=True))


def container_status(name: str, **fields: Any) -> dict[str, Any]:
    return {
        "name": name,
        "image": "nginx",
        "restartCount": 0,
        "ready": False,
        "state": {},
        **fields,
    }


def running(name: str, restarts: int = 0, **fields: Any) -> dict[str, Any]:
    return container_status(
        name,
        ready=True,
        started=True,
        restartCount=restarts,
        state={"running": {"startedAt": ago(minutes=4)}},
        **fields,
    )


def pod(
    name: str = "web-1", *, containers: int = 1, status: dict[str, Any] | None = None, **extra: Any
) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta(name),
        "spec": {
            "containers": [{"name": f"c{i}", "image": "nginx"} for i in range(containers)],
            **extra,
        },
        "status": status or {},
    }


# --- human durations -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("delta", "text"),
    [
        (dt.timedelta(seconds=-5), "<invalid>"),
        (dt.timedelta(seconds=-2), "<invalid>"),
        (dt.timedelta(seconds=-1.5), "0s"),
        (dt.timedelta(seconds=-0.5), "0s"),
        (dt.timedelta(0), "0s"),
        (dt.timedelta(seconds=5), "5s"),
        (dt.timedelta(seconds=119.9), "119s"),
        (dt.timedelta(minutes=2), "2m"),
        (dt.timedelta(minutes=3, seconds=12), "3m12s"),
        (dt.timedelta(minutes=9, seconds=59), "9m59s"),
        (dt.timedelta(minutes=10, seconds=30), "10m"),
        (dt.timedelta(minutes=179), "179m"),
        (dt.timedelta(hours=3), "3h"),
        (dt.timedelta(hours=3, minutes=5), "3h5m"),
        (dt.timedelta(hours=7, minutes=59), "7h59m"),
        (dt.timedelta(hours=8, minutes=30), "8h"),
        (dt.timedelta(hours=47), "47h"),
        (dt.timedelta(days=2), "2d"),
        (dt.timedelta(days=2, hours=5), "2d5h"),
        (dt.timedelta(days=7, hours=23), "7d23h"),
        (dt.timedelta(days=8, hours=5), "8d"),
        (dt.timedelta(days=729), "729d"),
        (dt.timedelta(days=730), "2y"),
        (dt.timedelta(days=800), "2y70d"),
        (dt.timedelta(days=365 * 8 + 10), "8y"),
    ],
)
def test_human_duration(delta: dt.timedelta, text: str) -> None:
    assert human_duration(delta) == text


# --- pods ------------------------------------------------------------------------------------


def test_running_pod_with_restarts() -> None:
    status = {
        "phase": "Running",
        "podIP": "10.1.0.7",
        "podIPs": [{"ip": "10.1.0.7"}],
        "conditions": [{"type": "Ready", "status": "True"}],
        "containerStatuses": [
            running(
                "c0",
                restarts=2,
                lastState={"terminated": {"exitCode": 1, "finishedAt": ago(minutes=3)}},
            ),
            running(
                "c1",
                restarts=3,
                lastState={"terminated": {"exitCode": 1, "finishedAt": ago(seconds=45)}},
            ),
        ],
    }
    row = cells("pods", pod(containers=2, status=status, nodeName="node-a"))
    assert row == {
        "Name": "web-1",
        "Ready": "2/2",
        "Status": "Running",
        "Restarts": "5 (45s ago)",
        "Age": "5m",
        "IP": "10.1.0.7",
        "Node": "node-a",
        "Nominated Node": "<none>",
        "Readiness Gates": "<none>",
    }


def test_pending_pod_before_scheduling() -> None:
    row = cells("pods", pod(status={"phase": "Pending"}))
    assert (row["Ready"], row["Status"], row["Restarts"], row["IP"], row["Node"]) == (
        "0/1",
        "Pending",
        "0",
        "<none>",
        "<none>",
    )


def test_pod_with_a_waiting_container_shows_the_waiting_reason() -> None:
    status = {
        "phase": "Pending",
        "containerStatuses": [
            container_status("c0", state={"waiting": {"reason": "ContainerCreating"}})
        ],
    }
    assert cells("pods", pod(status=status))["Status"] == "ContainerCreating"


def test_crash_looping_pod() -> None:
    status = {
        "phase": "Running",
        "containerStatuses": [
            container_status(
                "c0",
                restartCount=4,
                state={"waiting": {"reason": "CrashLoopBackOff"}},
                lastState={
                    "terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ago(minutes=2)}
                },
            )
        ],
    }
    row = cells("pods", pod(status=status))
    assert (row["Ready"], row["Status"], row["Restarts"]) == (
        "0/1",
        "CrashLoopBackOff",
        "4 (2m ago)",
    )


def test_terminated_container_without_reason_shows_exit_code_or_signal() -> None:
    exited = {
        "phase": "Failed",
        "containerStatuses": [container_status("c0", state={"terminated": {"exitCode": 3}})],
    }
    signaled = {
        "phase": "Failed",
        "containerStatuses": [
            container_status("c0", state={"terminated": {"exitCode": 137, "signal": 9}})
        ],
    }
    assert cells("pods", pod(status=exited))["Status"] == "ExitCode:3"
    assert cells("pods", pod(status=signaled))["Status"] == "Signal:9"


def test_terminating_pod() -> None:
    obj = pod(status={"phase": "Running", "containerStatuses": [running("c0")]})
    obj["metadata"]["deletionTimestamp"] = ago(seconds=3)
    assert cells("pods", obj)["Status"] == "Terminating"


def test_terminating_pod_on_a_lost_node_is_unknown() -> None:
    obj = pod(status={"phase": "Running", "reason": "NodeLost"})
    obj["metadata"]["deletionTimestamp"] = ago(seconds=3)
    assert cells("pods", obj)["Status"] == "Unknown"


def test_completed_pod_keeps_its_reason_while_deleted_and_carries_a_row_condition() -> None:
    obj = pod(
        status={
            "phase": "Succeeded",
            "containerStatuses": [
                container_status("c0", state={"terminated": {"exitCode": 0, "reason": "Completed"}})
            ],
        }
    )
    obj["metadata"]["deletionTimestamp"] = ago(seconds=3)
    assert cells("pods", obj)["Status"] == "Completed"
    table = build_table(resource("pods"), [obj], {"resourceVersion": "9"}, now=NOW)
    assert table["rows"][0]["conditions"] == [
        {
            "type": "Completed",
            "status": "True",
            "reason": "Succeeded",
            "message": "The pod has completed successfully.",
        }
    ]


def test_init_containers_progress() -> None:
    obj = pod(
        status={
            "phase": "Pending",
            "initContainerStatuses": [
                container_status(
                    "init-a", state={"terminated": {"exitCode": 0, "reason": "Completed"}}
                ),
                container_status("init-b", state={"running": {}}),
            ],
        },
        initContainers=[{"name": "init-a"}, {"name": "init-b"}],
    )
    assert cells("pods", obj)["Status"] == "Init:1/2"


def test_failing_init_container() -> None:
    waiting = pod(
        status={
            "phase": "Pending",
            "initContainerStatuses": [
                container_status(
                    "init-a", restartCount=2, state={"waiting": {"reason": "CrashLoopBackOff"}}
                ),
            ],
        },
        initContainers=[{"name": "init-a"}],
    )
    failed = pod(
        status={
            "phase": "Pending",
            "initContainerStatuses": [
                container_status("init-a", state={"terminated": {"exitCode": 2}}),
            ],
        },
        initContainers=[{"name": "init-a"}],
    )
    assert cells("pods", waiting)["Status"] == "Init:CrashLoopBackOff"
    assert cells("pods", waiting)["Restarts"] == "2"
    assert cells("pods", failed)["Status"] == "Init:ExitCode:2"


def test_sidecar_counts_as_a_container() -> None:
    obj = pod(
        status={
            "phase": "Running",
            "conditions": [
                {"type": "Initialized", "status": "True"},
                {"type": "Ready", "status": "True"},
            ],
            "initContainerStatuses": [running("sidecar")],
            "containerStatuses": [running("c0")],
        },
        initContainers=[{"name": "sidecar", "restartPolicy": "Always"}],
    )
    row = cells("pods", obj)
    assert (row["Ready"], row["Status"]) == ("2/2", "Running")


def test_scheduling_gated_pod() -> None:
    obj = pod(
        status={
            "phase": "Pending",
            "conditions": [
                {"type": "PodScheduled", "status": "False", "reason": "SchedulingGated"}
            ],
        }
    )
    assert cells("pods", obj)["Status"] == "SchedulingGated"


def test_readiness_gates() -> None:
    obj = pod(
        status={"phase": "Running", "conditions": [{"type": "example.com/lb", "status": "True"}]},
        readinessGates=[
            {"conditionType": "example.com/lb"},
            {"conditionType": "example.com/other"},
        ],
    )
    assert cells("pods", obj)["Readiness Gates"] == "1/2"


# --- workloads -------------------------------------------------------------------------------


def deployment() -> dict[str, Any]:
    return {
        "metadata": meta("web"),
        "spec": {
            "replicas": 3,
            "selector": {"matchLabels": {"app": "web"}},
            "template": {
                "spec": {
                    "containers": [
                        {"name": "nginx", "image": "nginx:1.25"},
                        {"name": "log", "image": "busybox"},
                    ]
                }
            },
        },
        "status": {"replicas": 3, "readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2},
    }


def test_deployment_with_status() -> None:
    assert cells("deployments", deployment(), "apps") == {
        "Name": "web",
        "Ready": "2/3",
        "Up-to-date": 3,
        "Available": 2,
        "Age": "5m",
        "Containers": "nginx,log",
        "Images": "nginx:1.25,busybox",
        "Selector": "app=web",
    }


def test_new_deployment_without_status() -> None:
    obj = deployment()
    del obj["status"]
    row = cells("deployments", obj, "apps")
    assert (row["Ready"], row["Up-to-date"], row["Available"]) == ("0/3", 0, 0)


def test_replicaset_columns() -> None:
    obj = {**deployment(), "metadata": meta("web-5d4f")}
    assert list(cells("replicasets", obj, "apps").values()) == [
        "web-5d4f",
        3,
        3,
        2,
        "5m",
        "nginx,log",
        "nginx:1.25,busybox",
        "app=web",
    ]


def test_replication_controller_selector_is_a_label_map() -> None:
    obj = {
        "metadata": meta("rc"),
        "spec": {
            "replicas": 2,
            "selector": {"b": "2", "a": "1"},
            "template": {"spec": {"containers": []}},
        },
    }
    assert cells("replicationcontrollers", obj)["Selector"] == "a=1,b=2"


def test_statefulset_and_daemonset() -> None:
    sts = {
        "metadata": meta("db"),
        "spec": {
            "replicas": 3,
            "template": {"spec": {"containers": [{"name": "pg", "image": "postgres"}]}},
        },
        "status": {"readyReplicas": 1},
    }
    assert list(cells("statefulsets", sts, "apps").values()) == [
        "db",
        "1/3",
        "5m",
        "pg",
        "postgres",
    ]
    ds = {
        "metadata": meta("agent"),
        "spec": {
            "selector": {"matchLabels": {"app": "agent"}},
            "template": {"spec": {"nodeSelector": {"os": "linux"}, "containers": []}},
        },
        "status": {
            "desiredNumberScheduled": 2,
            "currentNumberScheduled": 2,
            "numberReady": 1,
            "updatedNumberScheduled": 2,
            "numberAvailable": 1,
        },
    }
    assert list(cells("daemonsets", ds, "apps").values()) == [
        "agent",
        2,
        2,
        1,
        2,
        1,
        "os=linux",
        "5m",
        "",
        "",
        "app=agent",
    ]


def job(**status: Any) -> dict[str, Any]:
    return {
        "metadata": meta("pi"),
        "spec": {
            "completions": 1,
            "parallelism": 1,
            "template": {"spec": {"containers": [{"name": "pi", "image": "perl"}]}},
        },
        "status": status,
    }


def test_running_job() -> None:
    row = cells("jobs", job(startTime=ago(seconds=30), active=1), "batch")
    assert (row["Status"], row["Completions"], row["Duration"]) == ("Running", "0/1", "30s")


def test_complete_job() -> None:
    obj = job(
        startTime=ago(minutes=4),
        completionTime=ago(minutes=1),
        succeeded=1,
        conditions=[{"type": "Complete", "status": "True"}],
    )
    row = cells("jobs", obj, "batch")
    assert (row["Status"], row["Completions"], row["Duration"]) == ("Complete", "1/1", "3m")


def test_job_completions_without_a_count() -> None:
    obj = job()
    obj["spec"] = {"parallelism": 3, "template": {"spec": {"containers": []}}}
    row = cells("jobs", obj, "batch")
    assert (row["Status"], row["Completions"], row["Duration"]) == ("Running", "0/1 of 3", "")


def test_failed_and_suspended_jobs() -> None:
    assert (
        cells("jobs", job(conditions=[{"type": "Failed", "status": "True"}]), "batch")["Status"]
        == "Failed"
    )
    assert (
        cells("jobs", job(conditions=[{"type": "Suspended", "status": "True"}]), "batch")["Status"]
        == "Suspended"
    )


def test_cronjob() -> None:
    obj = {
        "metadata": meta("nightly"),
        "spec": {
            "schedule": "0 3 * * *",
            "suspend": False,
            "jobTemplate": {
                "spec": {"template": {"spec": {"containers": [{"name": "b", "image": "busybox"}]}}}
            },
        },
        "status": {"active": [{"name": "nightly-1"}], "lastScheduleTime": ago(hours=9)},
    }
    assert list(cells("cronjobs", obj, "batch").values()) == [
        "nightly",
        "0 3 * * *",
        "<none>",
        "False",
        1,
        "9h",
        "5m",
        "b",
        "busybox",
        "<none>",
    ]


# --- services, endpoints, nodes --------------------------------------------------------------


def service(kind: str = "ClusterIP", **spec: Any) -> dict[str, Any]:
    return {
        "metadata": meta("web"),
        "spec": {
            "type": kind,
            "clusterIP": "10.96.0.10",
            "clusterIPs": ["10.96.0.10"],
            "selector": {"app": "web"},
            "ports": [
                {"port": 80, "protocol": "TCP", "targetPort": 8080},
                {"port": 53, "protocol": "UDP"},
            ],
            **spec,
        },
    }


def test_cluster_ip_service_with_ports() -> None:
    assert cells("services", service()) == {
        "Name": "web",
        "Type": "ClusterIP",
        "Cluster-IP": "10.96.0.10",
        "External-IP": "<none>",
        "Port(s)": "80/TCP,53/UDP",
        "Age": "5m",
        "Selector": "app=web",
    }


def test_node_port_and_load_balancer_services() -> None:
    node_port = service("NodePort", ports=[{"port": 80, "nodePort": 30080, "protocol": "TCP"}])
    assert cells("services", node_port)["Port(s)"] == "80:30080/TCP"
    pending = service("LoadBalancer")
    assert cells("services", pending)["External-IP"] == "<pending>"
    served = {
        **service("LoadBalancer"),
        "status": {
            "loadBalancer": {"ingress": [{"ip": "192.0.2.9"}, {"hostname": "lb.example.com"}]}
        },
    }
    assert cells("services", served)["External-IP"] == "192.0.2.9,lb.example.com"


def test_headless_and_external_name_services() -> None:
    headless = service(clusterIP="None", clusterIPs=["None"], ports=[])
    assert (cells("services", headless)["Cluster-IP"], cells("services", headless)["Port(s)"]) == (
        "None",
        "<none>",
    )
    external = {
        "metadata": meta("ext"),
        "spec": {"type": "ExternalName", "externalName": "db.example.com"},
    }
    assert cells("services", external)["External-IP"] == "db.example.com"
    assert cells("services", external)["Selector"] == "<none>"


def test_endpoints_cell() -> None:
    obj = {
        "metadata": meta("web"),
        "subsets": [
            {
                "addresses": [
                    {"ip": "10.1.0.1"},
                    {"ip": "10.1.0.2"},
                    {"ip": "fd00::3"},
                    {"ip": "10.1.0.4"},
                ],
                "ports": [{"port": 8080}],
            }
        ],
    }
    assert (
        cells("endpoints", obj)["Endpoints"]
        == "10.1.0.1:8080,10.1.0.2:8080,[fd00::3]:8080 + 1 more..."
    )
    assert cells("endpoints", {"metadata": meta("none")})["Endpoints"] == "<none>"


def test_endpoint_slice() -> None:
    obj = {
        "metadata": meta("web-abc"),
        "addressType": "IPv4",
        "ports": [{"name": "http", "port": 8080}],
        "endpoints": [{"addresses": ["10.1.0.1"]}, {"addresses": ["10.1.0.2"]}],
    }
    assert list(cells("endpointslices", obj, "discovery.k8s.io").values()) == [
        "web-abc",
        "IPv4",
        "8080",
        "10.1.0.1,10.1.0.2",
        "5m",
    ]
    empty = {"metadata": meta("e"), "addressType": "IPv4"}
    assert cells("endpointslices", empty, "discovery.k8s.io")["Endpoints"] == "<unset>"


def node(**extra: Any) -> dict[str, Any]:
    return {
        "metadata": {
            "name": "node-a",
            "creationTimestamp": ago(days=2, hours=5),
            "labels": {"node-role.kubernetes.io/control-plane": "", "kubernetes.io/role": "worker"},
        },
        "spec": extra,
        "status": {
            "conditions": [
                {"type": "MemoryPressure", "status": "False"},
                {"type": "Ready", "status": "True"},
            ],
            "addresses": [
                {"type": "InternalIP", "address": "192.168.1.10"},
                {"type": "Hostname", "address": "node-a"},
            ],
            "nodeInfo": {
                "kubeletVersion": "v1.33.0",
                "osImage": "Debian GNU/Linux 12",
                "kernelVersion": "6.1.0",
                "containerRuntimeVersion": "containerd://1.7.0",
            },
        },
    }


def test_ready_node() -> None:
    assert cells("nodes", node()) == {
        "Name": "node-a",
        "Status": "Ready",
        "Roles": "control-plane,worker",
        "Age": "2d5h",
        "Version": "v1.33.0",
        "Internal-IP": "192.168.1.10",
        "External-IP": "<none>",
        "OS-Image": "Debian GNU/Linux 12",
        "Kernel-Version": "6.1.0",
        "Container-Runtime": "containerd://1.7.0",
    }


def test_cordoned_and_unknown_nodes() -> None:
    assert cells("nodes", node(unschedulable=True))["Status"] == "Ready,SchedulingDisabled"
    bare = {"metadata": {"name": "n"}, "spec": {}, "status": {}}
    row = cells("nodes", bare)
    assert (row["Status"], row["Roles"], row["Age"], row["OS-Image"]) == (
        "Unknown",
        "<none>",
        "<unknown>",
        "<unknown>",
    )


# --- config and other kinds ------------------------------------------------------------------


def test_namespace_configmap_secret_serviceaccount_lease() -> None:
    ns = {
        "metadata": {"name": "prod", "creationTimestamp": ago(days=3)},
        "status": {"phase": "Active"},
    }
    assert list(cells("namespaces", ns).values()) == ["prod", "Active", "3d"]
    cm = {"metadata": meta("cfg"), "data": {"a": "1", "b": "2"}, "binaryData": {"c": "AA=="}}
    assert list(cells("configmaps", cm).values()) == ["cfg", 3, "5m"]
    secret = {"metadata": meta("s"), "type": "Opaque", "data": {"k": "dg=="}}
    assert list(cells("secrets", secret).values()) == ["s", "Opaque", 1, "5m"]
    sa = {"metadata": meta("default")}
    assert list(cells("serviceaccounts", sa).values()) == ["default", 0, "5m"]
    lease = {"metadata": meta("node-a"), "spec": {"holderIdentity": "node-a"}}
    assert list(cells("leases", lease, "coordination.k8s.io").values()) == [
        "node-a",
        "node-a",
        "5m",
    ]


def test_resource_quota() -> None:
    quota = {
        "metadata": meta("q"),
        "status": {
            "hard": {"pods": "10", "limits.cpu": "2", "requests.cpu": "1"},
            "used": {"pods": "3", "requests.cpu": "500m"},
        },
    }
    assert list(cells("resourcequotas", quota).values()) == [
        "q",
        "pods: 3/10, requests.cpu: 500m/1",
        "limits.cpu: 0/2",
        "5m",
    ]


def test_limit_range_gets_the_default_table() -> None:
    info = resource("limitranges")
    assert [c["name"] for c in column_definitions(info)] == ["Name", "Created At"]
    assert [c["type"] for c in column_definitions(info)] == ["string", "date"]
    obj = {"metadata": {"name": "limits", "creationTimestamp": "2024-04-30T10:00:00+02:00"}}
    assert row_cells(info, obj, NOW) == ["limits", "2024-04-30T08:00:00Z"]


def core_event(**extra: Any) -> dict[str, Any]:
    return {
        "metadata": meta("web-1.17c"),
        "involvedObject": {
            "kind": "Pod",
            "name": "web-1",
            "namespace": "default",
            "fieldPath": "spec.containers{c0}",
        },
        "reason": "Pulled",
        "message": 'Successfully pulled image "nginx"\n',
        "type": "Normal",
        "source": {"component": "kubelet", "host": "node-a"},
        "firstTimestamp": ago(minutes=10),
        "lastTimestamp": ago(minutes=2),
        "count": 4,
        **extra,
    }


def test_core_event() -> None:
    assert cells("events", core_event()) == {
        "Last Seen": "2m",
        "Type": "Normal",
        "Reason": "Pulled",
        "Object": "pod/web-1",
        "Subobject": "spec.containers{c0}",
        "Source": "kubelet, node-a",
        "Message": 'Successfully pulled image "nginx"',
        "First Seen": "10m",
        "Count": 4,
        "Name": "web-1.17c",
    }


def test_event_of_the_new_api_without_deprecated_fields() -> None:
    obj = core_event(
        firstTimestamp=None,
        lastTimestamp=None,
        count=0,
        source={},
        eventTime="2024-05-01T11:59:00.000000Z",
        reportingComponent="default-scheduler",
    )
    row = cells("events", obj)
    assert (row["Last Seen"], row["First Seen"], row["Count"], row["Source"]) == (
        "60s",
        "60s",
        1,
        "default-scheduler",
    )


def test_events_k8s_io_event_prints_like_a_core_event() -> None:
    obj = {
        "metadata": meta("web-1.17d"),
        "regarding": {"kind": "Pod", "name": "web-1"},
        "note": "Started container c0",
        "reason": "Started",
        "type": "Normal",
        "reportingController": "kubelet",
        "reportingInstance": "node-a",
        "eventTime": ago(seconds=30),
        "series": {"count": 3, "lastObservedTime": ago(seconds=5)},
    }
    row = cells("events", obj, "events.k8s.io")
    assert (row["Last Seen"], row["Object"], row["Message"], row["Count"], row["Source"]) == (
        "5s",
        "pod/web-1",
        "Started container c0",
        3,
        "kubelet, node-a",
    )


# --- every resource --------------------------------------------------------------------------


@pytest.mark.parametrize("info", RESOURCES, ids=lambda r: f"{r.group or 'core'}/{r.plural}")
def test_every_resource_prints_a_row_per_column_even_for_a_bare_object(info: ResourceInfo) -> None:
    columns = column_definitions(info)
    assert columns, "every resource has columns"
    assert all(set(c) == {"name", "type", "format", "description", "priority"} for c in columns)
    assert all(c["priority"] in (0, 1) and c["description"] for c in columns)
    for obj in ({"metadata": {"name": "x"}}, {"metadata": meta("x"), "spec": {}, "status": {}}):
        assert len(row_cells(info, obj, NOW)) == len(columns)


@pytest.mark.parametrize(
    ("plural", "group", "default_columns"),
    [
        ("pods", "", ["Name", "Ready", "Status", "Restarts", "Age"]),
        ("deployments", "apps", ["Name", "Ready", "Up-to-date", "Available", "Age"]),
        ("replicasets", "apps", ["Name", "Desired", "Current", "Ready", "Age"]),
        ("services", "", ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age"]),
        ("namespaces", "", ["Name", "Status", "Age"]),
        ("nodes", "", ["Name", "Status", "Roles", "Age", "Version"]),
        ("configmaps", "", ["Name", "Data", "Age"]),
        ("secrets", "", ["Name", "Type", "Data", "Age"]),
        ("serviceaccounts", "", ["Name", "Secrets", "Age"]),
        ("events", "", ["Last Seen", "Type", "Reason", "Object", "Message"]),
        ("jobs", "batch", ["Name", "Status", "Completions", "Duration", "Age"]),
        (
            "cronjobs",
            "batch",
            ["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age"],
        ),
    ],
)
def test_default_columns_are_the_ones_kubectl_users_know(
    plural: str, group: str, default_columns: list[str]
) -> None:
    columns = column_definitions(resource(plural, group))
    assert [c["name"] for c in columns if c["priority"] == 0] == default_columns


# --- the Table envelope ----------------------------------------------------------------------


def test_list_table_with_partial_object_metadata() -> None:
    objects = [pod("a"), pod("b")]
    table = build_table(
        resource("pods"),
        objects,
        {"resourceVersion": "77", "continue": "tok", "remainingItemCount": 3},
        now=NOW,
    )
    assert table["kind"] == "Table"
    assert table["apiVersion"] == "meta.k8s.io/v1"
    assert table["metadata"] == {
        "resourceVersion": "77",
        "continue": "tok",
        "remainingItemCount": 3,
    }
    assert [c["name"] for c in table["columnDefinitions"]][:2] == ["Name", "Ready"]
    assert [r["cells"][0] for r in table["rows"]] == ["a", "b"]
    assert table["rows"][0]["object"] == {
        "kind": "PartialObjectMetadata",
        "apiVersion": "meta.k8s.io/v1",
        "metadata": objects[0]["metadata"],
    }
    assert "conditions" not in table["rows"][0]


def test_empty_list_table() -> None:
    table = build_table(resource("pods"), [], {"resourceVersion": "5", "continue": ""}, now=NOW)
    assert table["rows"] == []
    assert table["metadata"] == {"resourceVersion": "5"}


def test_include_object_full_and_none() -> None:
    cm = {"metadata": meta("cfg"), "data": {}}
    full = build_table(resource("configmaps"), [cm], {}, "Object", now=NOW)
    assert full["rows"][0]["object"] == {
        "metadata": cm["metadata"],
        "data": {},
        "apiVersion": "v1",
        "kind": "ConfigMap",
    }
    none = build_table(resource("configmaps"), [cm], {}, "None", now=NOW)
    assert none["rows"][0]["object"] is None
    assert check_include_object(None) == check_include_object("") == "Metadata"


def test_unknown_include_object_is_rejected() -> None:
    with pytest.raises(TableError, match='includeObject: Unsupported value: "Everything"'):
        build_table(resource("pods"), [], {}, "Everything", now=NOW)


def test_v1beta1_tables() -> None:
    api_version = table_api_version("v1beta1")
    table = build_object_table(resource("pods"), pod(), now=NOW, api_version=api_version)
    assert table["apiVersion"] == "meta.k8s.io/v1beta1"
    assert table["rows"][0]["object"]["apiVersion"] == "meta.k8s.io/v1beta1"
    with pytest.raises(TableError, match=r"no Table exists in group version meta\.k8s\.io/v2"):
        table_api_version("v2")


def test_single_object_table_carries_the_object_resource_version() -> None:
    table = build_object_table(resource("pods"), pod(), now=NOW)
    assert table["metadata"] == {"resourceVersion": "42"}
    assert len(table["rows"]) == 1


def test_watch_tables_send_columns_with_the_first_event_only() -> None:
    info = resource("pods")
    first = build_watch_table(info, pod("a"), first=True, now=NOW)
    later = build_watch_table(info, pod("b"), first=False, now=NOW)
    assert first["columnDefinitions"]
    assert later["columnDefinitions"] is None
    assert [len(first["rows"]), len(later["rows"])] == [1, 1]
    assert later["rows"][0]["cells"][0] == "b"


def test_watch_error_status_passes_through() -> None:
    status = {
        "kind": "Status",
        "apiVersion": "v1",
        "status": "Failure",
        "code": 410,
        "reason": "Expired",
    }
    assert build_watch_table(resource("pods"), status, first=True, now=NOW) is status


def test_naive_now_is_taken_as_utc() -> None:
    naive = NOW.replace(tzinfo=None)
    assert row_cells(resource("configmaps"), {"metadata": meta("c")}, naive)[-1] == "5m"

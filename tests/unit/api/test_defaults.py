"""Defaulting as the Kubernetes API server does it: what `kubectl get -o yaml` shows."""

from __future__ import annotations

import base64
import copy
from typing import Any

import pytest

from minikube_py.api import defaults, validation
from minikube_py.api.defaults.pods import image_tag
from minikube_py.api.registry import Registry, ResourceInfo

REG = Registry()
Obj = dict[str, Any]


def res(api_version: str, kind: str) -> ResourceInfo:
    r = REG.by_kind(api_version, kind)
    assert r is not None
    return r


def defaulted(api_version: str, kind: str, obj: Obj) -> Obj:
    obj = copy.deepcopy(obj)
    defaults.apply_defaults(res(api_version, kind), obj)
    return obj


def template(**spec: Any) -> Obj:
    return {
        "metadata": {"labels": {"app": "web"}},
        "spec": {"containers": [{"name": "app", "image": "nginx"}], **spec},
    }


EXPECTED_CONTAINER = {
    "name": "app",
    "image": "nginx",
    "imagePullPolicy": "Always",
    "resources": {},
    "terminationMessagePath": "/dev/termination-log",
    "terminationMessagePolicy": "File",
}
EXPECTED_TEMPLATE_SPEC = {
    "containers": [EXPECTED_CONTAINER],
    "dnsPolicy": "ClusterFirst",
    "restartPolicy": "Always",
    "schedulerName": "default-scheduler",
    "securityContext": {},
    "terminationGracePeriodSeconds": 30,
}


def test_pod_defaults() -> None:
    pod = defaulted(
        "v1",
        "Pod",
        {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "app", "image": "nginx"}]}},
    )
    assert pod["spec"] == {
        **EXPECTED_TEMPLATE_SPEC,
        "enableServiceLinks": True,
        "preemptionPolicy": "PreemptLowerPriority",
        "priority": 0,
        "serviceAccount": "default",
        "serviceAccountName": "default",
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            },
            {
                "key": "node.kubernetes.io/unreachable",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            },
        ],
    }


def test_pod_keeps_given_values() -> None:
    spec = {
        "containers": [{"name": "app", "image": "nginx:1.25", "imagePullPolicy": "Never"}],
        "restartPolicy": "Never",
        "terminationGracePeriodSeconds": 0,
        "serviceAccountName": "builder",
        "enableServiceLinks": False,
        "tolerations": [{"operator": "Exists"}],
    }
    pod = defaulted("v1", "Pod", {"metadata": {"name": "p"}, "spec": spec})
    assert pod["spec"]["restartPolicy"] == "Never"
    assert pod["spec"]["terminationGracePeriodSeconds"] == 0
    assert pod["spec"]["serviceAccount"] == "builder"
    assert pod["spec"]["enableServiceLinks"] is False
    assert pod["spec"]["tolerations"] == [{"operator": "Exists"}]
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == "Never"


@pytest.mark.parametrize(
    ("image", "policy"),
    [
        ("nginx", "Always"),
        ("nginx:latest", "Always"),
        ("nginx:1.25", "IfNotPresent"),
        ("localhost:5000/nginx", "Always"),
        ("localhost:5000/nginx:v1", "IfNotPresent"),
        ("nginx@sha256:" + "a" * 64, "IfNotPresent"),
        ("registry.k8s.io/pause:3.9", "IfNotPresent"),
    ],
)
def test_image_pull_policy(image: str, policy: str) -> None:
    pod = defaulted(
        "v1",
        "Pod",
        {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": image}]}},
    )
    assert pod["spec"]["containers"][0]["imagePullPolicy"] == policy


def test_image_tag() -> None:
    assert image_tag("a/b:c") == "c"
    assert image_tag("host:1/b") == "latest"


def test_container_parts_defaults() -> None:
    c = {
        "name": "app",
        "image": "nginx:1",
        "ports": [{"containerPort": 80}],
        "livenessProbe": {"httpGet": {"port": 80}},
        "readinessProbe": {"grpc": {"port": 9000}, "periodSeconds": 5},
        "env": [{"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
                {"name": "CPU", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}],
        "resources": {"limits": {"cpu": "0.5", "memory": "1024Mi"}},
    }  # fmt: skip
    pod = defaulted("v1", "Pod", {"metadata": {"name": "p"}, "spec": {"containers": [c]}})
    got = pod["spec"]["containers"][0]
    assert got["ports"] == [{"containerPort": 80, "protocol": "TCP"}]
    assert got["livenessProbe"] == {
        "httpGet": {"port": 80, "path": "/", "scheme": "HTTP"},
        "timeoutSeconds": 1,
        "periodSeconds": 10,
        "successThreshold": 1,
        "failureThreshold": 3,
    }
    assert got["readinessProbe"]["periodSeconds"] == 5
    assert got["readinessProbe"]["grpc"] == {"port": 9000, "service": ""}
    assert got["env"][0]["valueFrom"]["fieldRef"] == {
        "fieldPath": "spec.nodeName",
        "apiVersion": "v1",
    }
    assert got["env"][1]["valueFrom"]["resourceFieldRef"]["divisor"] == "0"
    # quantities canonical, and requests default to limits on a Pod
    assert got["resources"] == {
        "limits": {"cpu": "500m", "memory": "1Gi"},
        "requests": {"cpu": "500m", "memory": "1Gi"},
    }


def test_volume_defaults() -> None:
    vols = [
        {"name": "scratch"},
        {"name": "cfg", "configMap": {"name": "c"}},
        {"name": "sec", "secret": {"secretName": "s"}},
        {"name": "host", "hostPath": {"path": "/var/log"}},
        {"name": "tok", "projected": {"sources": [{"serviceAccountToken": {"path": "token"}}]}},
    ]
    pod = defaulted(
        "v1",
        "Pod",
        {
            "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "image": "x"}], "volumes": vols},
        },
    )
    assert pod["spec"]["volumes"] == [
        {"name": "scratch", "emptyDir": {}},
        {"name": "cfg", "configMap": {"name": "c", "defaultMode": 420}},
        {"name": "sec", "secret": {"secretName": "s", "defaultMode": 420}},
        {"name": "host", "hostPath": {"path": "/var/log", "type": ""}},
        {
            "name": "tok",
            "projected": {
                "defaultMode": 420,
                "sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}],
            },
        },
    ]


def test_defaults_are_idempotent() -> None:
    once = defaulted(
        "v1",
        "Pod",
        {"metadata": {"name": "p"}, "spec": {"containers": [{"name": "c", "image": "x"}]}},
    )
    assert defaulted("v1", "Pod", once) == once
    dep = {
        "metadata": {"name": "d"},
        "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template()},
    }
    d1 = defaulted("apps/v1", "Deployment", dep)
    assert defaulted("apps/v1", "Deployment", d1) == d1


def test_service_defaults() -> None:
    svc = defaulted(
        "v1",
        "Service",
        {"metadata": {"name": "s"}, "spec": {"selector": {"app": "web"}, "ports": [{"port": 80}]}},
    )
    assert svc["spec"] == {
        "selector": {"app": "web"},
        "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
        "type": "ClusterIP",
        "sessionAffinity": "None",
        "internalTrafficPolicy": "Cluster",
        "ipFamilies": ["IPv4"],
        "ipFamilyPolicy": "SingleStack",
    }


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ({"type": "NodePort", "ports": [{"port": 80, "targetPort": "http"}]},
         {"externalTrafficPolicy": "Cluster", "ports": [{"port": 80, "targetPort": "http", "protocol": "TCP"}]}),
        ({"type": "LoadBalancer", "ports": [{"port": 80}]}, {"allocateLoadBalancerNodePorts": True}),
        ({"clusterIP": "10.96.0.10", "ports": [{"port": 53}]}, {"clusterIPs": ["10.96.0.10"]}),
        ({"clusterIP": "None", "ports": []}, {"clusterIPs": ["None"], "ipFamilyPolicy": "RequireDualStack"}),
        ({"clusterIP": "None", "selector": {"a": "b"}}, {"ipFamilyPolicy": "SingleStack"}),
        ({"sessionAffinity": "ClientIP"}, {"sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}}}),
    ],
)  # fmt: skip
def test_service_defaults_by_type(spec: Obj, expected: Obj) -> None:
    got = defaulted("v1", "Service", {"metadata": {"name": "s"}, "spec": spec})["spec"]
    assert {k: got.get(k) for k in expected} == expected


def test_external_name_service_gets_no_ip_families() -> None:
    got = defaulted(
        "v1",
        "Service",
        {"metadata": {"name": "s"}, "spec": {"type": "ExternalName", "externalName": "a.b"}},
    )
    assert "ipFamilies" not in got["spec"]
    assert "ipFamilyPolicy" not in got["spec"]
    assert "internalTrafficPolicy" not in got["spec"]


def test_deployment_defaults() -> None:
    dep = defaulted(
        "apps/v1",
        "Deployment",
        {
            "metadata": {"name": "d"},
            "spec": {"selector": {"matchLabels": {"app": "web"}}, "template": template()},
        },
    )
    assert dep["spec"] == {
        "replicas": 1,
        "selector": {"matchLabels": {"app": "web"}},
        "strategy": {
            "type": "RollingUpdate",
            "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
        },
        "revisionHistoryLimit": 10,
        "progressDeadlineSeconds": 600,
        "template": {
            "metadata": {"creationTimestamp": None, "labels": {"app": "web"}},
            "spec": EXPECTED_TEMPLATE_SPEC,
        },
    }


def test_recreate_deployment_gets_no_rolling_update() -> None:
    dep = defaulted(
        "apps/v1",
        "Deployment",
        {
            "metadata": {"name": "d"},
            "spec": {"strategy": {"type": "Recreate"}, "template": template()},
        },
    )
    assert dep["spec"]["strategy"] == {"type": "Recreate"}


def test_template_does_not_get_pod_only_defaults() -> None:
    rs = defaulted(
        "apps/v1", "ReplicaSet", {"metadata": {"name": "r"}, "spec": {"template": template()}}
    )
    spec = rs["spec"]["template"]["spec"]
    for pod_only in ("enableServiceLinks", "serviceAccountName", "priority", "tolerations"):
        assert pod_only not in spec
    assert rs["spec"]["replicas"] == 1


def test_statefulset_defaults() -> None:
    claim = {
        "metadata": {"name": "data"},
        "spec": {
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": "1024Mi"}},
        },
    }
    sts = defaulted(
        "apps/v1",
        "StatefulSet",
        {
            "metadata": {"name": "s"},
            "spec": {"template": template(), "volumeClaimTemplates": [claim]},
        },
    )
    spec = sts["spec"]
    assert spec["podManagementPolicy"] == "OrderedReady"
    assert spec["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}}
    assert spec["persistentVolumeClaimRetentionPolicy"] == {
        "whenDeleted": "Retain",
        "whenScaled": "Retain",
    }
    assert (spec["replicas"], spec["revisionHistoryLimit"]) == (1, 10)
    assert spec["volumeClaimTemplates"][0] == {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": {"name": "data", "creationTimestamp": None},
        "spec": {
            "accessModes": ["ReadWriteOnce"],
            "resources": {"requests": {"storage": "1Gi"}},
            "volumeMode": "Filesystem",
        },
        "status": {"phase": "Pending"},
    }


def test_daemonset_defaults() -> None:
    ds = defaulted(
        "apps/v1", "DaemonSet", {"metadata": {"name": "d"}, "spec": {"template": template()}}
    )
    assert ds["spec"]["updateStrategy"] == {
        "type": "RollingUpdate",
        "rollingUpdate": {"maxUnavailable": 1, "maxSurge": 0},
    }
    assert ds["spec"]["revisionHistoryLimit"] == 10


def test_replication_controller_defaults_from_template() -> None:
    rc = defaulted(
        "v1", "ReplicationController", {"metadata": {"name": "r"}, "spec": {"template": template()}}
    )
    assert rc["spec"]["selector"] == {"app": "web"}
    assert rc["metadata"]["labels"] == {"app": "web"}
    assert rc["spec"]["replicas"] == 1


def test_job_defaults_and_generated_selector() -> None:
    job = defaulted(
        "batch/v1",
        "Job",
        {
            "metadata": {"name": "pi", "uid": "u-1"},
            "spec": {"template": template(restartPolicy="Never")},
        },
    )
    spec = job["spec"]
    assert {
        k: spec[k]
        for k in (
            "backoffLimit",
            "completions",
            "parallelism",
            "completionMode",
            "suspend",
            "podReplacementPolicy",
        )
    } == {
        "backoffLimit": 6,
        "completions": 1,
        "parallelism": 1,
        "completionMode": "NonIndexed",
        "suspend": False,
        "podReplacementPolicy": "TerminatingOrFailed",
    }
    assert spec["selector"] == {"matchLabels": {"batch.kubernetes.io/controller-uid": "u-1"}}
    assert spec["template"]["metadata"]["labels"] == {
        "app": "web",
        "job-name": "pi",
        "batch.kubernetes.io/job-name": "pi",
        "controller-uid": "u-1",
        "batch.kubernetes.io/controller-uid": "u-1",
    }
    # metadata labels come from the template as the user wrote it, before generation
    assert job["metadata"]["labels"] == {"app": "web"}
    assert (
        validation.validate_create(
            res("batch/v1", "Job"), {**job, "metadata": {**job["metadata"], "namespace": "d"}}
        )
        == []
    )


def test_job_parallelism_only() -> None:
    job = defaulted(
        "batch/v1",
        "Job",
        {"metadata": {"name": "j"}, "spec": {"parallelism": 3, "template": template()}},
    )
    assert job["spec"]["parallelism"] == 3
    assert "completions" not in job["spec"]
    assert "selector" not in job["spec"]  # no uid yet: default_job_selector is the handler's call


def test_default_job_selector_respects_manual_selector() -> None:
    job = {
        "metadata": {"name": "j"},
        "spec": {
            "manualSelector": True,
            "selector": {"matchLabels": {"a": "b"}},
            "template": template(),
        },
    }
    before = copy.deepcopy(job)
    defaults.default_job_selector(job, "uid")
    assert job == before


def test_cronjob_defaults() -> None:
    cj = defaulted(
        "batch/v1",
        "CronJob",
        {
            "metadata": {"name": "c"},
            "spec": {
                "schedule": "@hourly",
                "jobTemplate": {"spec": {"template": template(restartPolicy="OnFailure")}},
            },
        },
    )
    spec = cj["spec"]
    assert {
        k: spec[k]
        for k in (
            "concurrencyPolicy",
            "suspend",
            "successfulJobsHistoryLimit",
            "failedJobsHistoryLimit",
        )
    } == {
        "concurrencyPolicy": "Allow",
        "suspend": False,
        "successfulJobsHistoryLimit": 3,
        "failedJobsHistoryLimit": 1,
    }
    assert spec["jobTemplate"]["metadata"] == {"creationTimestamp": None}
    assert "backoffLimit" not in spec["jobTemplate"]["spec"]
    assert spec["jobTemplate"]["spec"]["template"]["spec"]["dnsPolicy"] == "ClusterFirst"


def test_secret_defaults_and_string_data() -> None:
    s = defaulted(
        "v1",
        "Secret",
        {"metadata": {"name": "s"}, "data": {"a": "YQ=="}, "stringData": {"b": "bee"}},
    )
    assert s == {
        "metadata": {"name": "s"},
        "type": "Opaque",
        "data": {"a": "YQ==", "b": base64.b64encode(b"bee").decode()},
    }


def test_namespace_defaults() -> None:
    ns = defaulted("v1", "Namespace", {"metadata": {"name": "team"}})
    assert ns == {
        "metadata": {"name": "team", "labels": {"kubernetes.io/metadata.name": "team"}},
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }
    finalized = defaulted(
        "v1",
        "Namespace",
        {
            "metadata": {"name": "team"},
            "spec": {"finalizers": []},
            "status": {"phase": "Terminating"},
        },
    )
    assert finalized["spec"]["finalizers"] == []
    assert finalized["status"]["phase"] == "Terminating"


def test_endpoint_slice_and_endpoints_defaults() -> None:
    es = defaulted(
        "discovery.k8s.io/v1",
        "EndpointSlice",
        {"metadata": {"name": "e"}, "addressType": "IPv4", "ports": [{"port": 80}]},
    )
    assert es["ports"] == [{"port": 80, "name": "", "protocol": "TCP"}]
    ep = defaulted(
        "v1", "Endpoints", {"metadata": {"name": "e"}, "subsets": [{"ports": [{"port": 80}]}]}
    )
    assert ep["subsets"][0]["ports"] == [{"port": 80, "protocol": "TCP"}]


def test_core_event_defaults() -> None:
    ev = defaulted("v1", "Event", {"metadata": {"name": "e"}, "reason": "Started"})
    assert ev["reportingComponent"] == ""
    assert ev["reportingInstance"] == ""
    assert ev["eventTime"] is None
    assert ev["involvedObject"] == {}
    assert ev["source"] == {}


def test_limit_range_container_defaults() -> None:
    lr = defaulted(
        "v1",
        "LimitRange",
        {
            "metadata": {"name": "l"},
            "spec": {
                "limits": [{"type": "Container", "max": {"cpu": "2"}, "min": {"memory": "0.5Gi"}}]
            },
        },
    )
    item = lr["spec"]["limits"][0]
    assert item["default"] == {"cpu": "2"}
    assert item["defaultRequest"] == {"cpu": "2", "memory": "512Mi"}


def test_node_allocatable_defaults_to_capacity() -> None:
    node = defaulted(
        "v1",
        "Node",
        {"metadata": {"name": "n"}, "status": {"capacity": {"cpu": 4, "memory": "8192Mi"}}},
    )
    assert node["status"]["allocatable"] == {"cpu": "4", "memory": "8Gi"}
    assert node["spec"] == {}


def test_unknown_kind_is_left_alone() -> None:
    sa = {"metadata": {"name": "s"}}
    assert defaulted("v1", "ServiceAccount", sa) == sa


def test_validation_reexports_apply_defaults() -> None:
    obj: Obj = {"metadata": {"name": "s"}}
    validation.apply_defaults(res("v1", "Secret"), obj)
    assert obj["type"] == "Opaque"

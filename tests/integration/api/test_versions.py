"""One stored object, several API versions: core/v1 and events.k8s.io/v1 Events are
the same Events, autoscaling/v1 and autoscaling/v2 HorizontalPodAutoscalers the same
autoscalers, converted on every read and write (api/conversion.py)."""

from __future__ import annotations

import json
from typing import Any

from tests.integration.api.apiclient import Api, assert_status, connect
from tests.support.cluster import Cluster

NOW = "2026-01-02T03:04:05Z"
NOW_MICRO = "2026-01-02T03:04:05.000000Z"


def core_event(name: str, ns: str, pod: str = "web-1") -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Event",
        "metadata": {"name": name},
        "involvedObject": {"kind": "Pod", "name": pod, "namespace": ns, "apiVersion": "v1"},
        "reason": "Started",
        "message": "Started container c",
        "type": "Normal",
        "source": {"component": "kubelet", "host": "node-a"},
        "firstTimestamp": NOW,
        "lastTimestamp": NOW,
        "count": 2,
    }


def new_event(name: str, ns: str, pod: str = "web-2") -> dict[str, Any]:
    return {
        "apiVersion": "events.k8s.io/v1",
        "kind": "Event",
        "metadata": {"name": name},
        "eventTime": NOW_MICRO,
        "regarding": {"kind": "Pod", "name": pod, "namespace": ns, "apiVersion": "v1"},
        "reason": "Pulled",
        "action": "Pulling",
        "note": "Pulled image busybox",
        "type": "Normal",
        "reportingController": "example.com/puller",
        "reportingInstance": "puller-1",
    }


def hpa_v1(name: str, cpu: int | None = 70) -> dict[str, Any]:
    spec: dict[str, Any] = {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
        "minReplicas": 1,
        "maxReplicas": 3,
    }
    if cpu is not None:
        spec["targetCPUUtilizationPercentage"] = cpu
    return {
        "apiVersion": "autoscaling/v1",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": name},
        "spec": spec,
    }


def hpa_v2(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "autoscaling/v2",
        "kind": "HorizontalPodAutoscaler",
        "metadata": {"name": name},
        "spec": {
            "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web"},
            "minReplicas": 2,
            "maxReplicas": 5,
            "metrics": [
                {
                    "type": "Resource",
                    "resource": {
                        "name": "cpu",
                        "target": {"type": "Utilization", "averageUtilization": 60},
                    },
                },
                {
                    "type": "Resource",
                    "resource": {
                        "name": "memory",
                        "target": {"type": "AverageValue", "averageValue": "100Mi"},
                    },
                },
            ],
        },
    }


def core_path(ns: str) -> str:
    return f"/api/v1/namespaces/{ns}/events"


def new_path(ns: str) -> str:
    return f"/apis/events.k8s.io/v1/namespaces/{ns}/events"


def v1_path(ns: str) -> str:
    return f"/apis/autoscaling/v1/namespaces/{ns}/horizontalpodautoscalers"


def v2_path(ns: str) -> str:
    return f"/apis/autoscaling/v2/namespaces/{ns}/horizontalpodautoscalers"


async def _patch(api: Api, path: str, ctype: str, body: Any, **params: str) -> Any:
    resp = await api.request(
        "PATCH",
        path,
        data=json.dumps(body).encode(),
        headers={"Content-Type": ctype},
        params=params or None,
    )
    assert resp.status in (200, 201), json.dumps(resp.body)
    return resp.body


async def test_a_core_event_reads_lists_and_patches_as_events_k8s_io(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("ev-core")
        made = await api.ok("POST", core_path(ns), core_event("e1", ns))
        got = await api.ok("GET", f"{new_path(ns)}/e1")
        assert (got["apiVersion"], got["kind"]) == ("events.k8s.io/v1", "Event")
        assert got["metadata"]["uid"] == made["metadata"]["uid"]
        assert got["metadata"]["resourceVersion"] == made["metadata"]["resourceVersion"]
        assert got["regarding"]["name"] == "web-1"
        assert got["note"] == "Started container c"
        assert got["deprecatedSource"] == {"component": "kubelet", "host": "node-a"}
        assert got["deprecatedCount"] == 2
        assert got["deprecatedFirstTimestamp"] == got["deprecatedLastTimestamp"] == NOW
        assert not {"involvedObject", "message", "source", "count"} & set(got)

        listed = await api.ok("GET", new_path(ns))
        assert listed["kind"] == "EventList" and listed["apiVersion"] == "events.k8s.io/v1"
        assert [(i["metadata"]["name"], i["note"]) for i in listed["items"]] == [
            ("e1", "Started container c")
        ]
        selected = await api.ok("GET", new_path(ns), fieldSelector="regarding.name=web-1")
        assert [i["metadata"]["name"] for i in selected["items"]] == ["e1"]
        none = await api.ok("GET", new_path(ns), fieldSelector="regarding.name=other")
        assert none["items"] == []

        patched = await _patch(
            api,
            f"{new_path(ns)}/e1",
            "application/merge-patch+json",
            {"metadata": {"labels": {"seen": "yes"}}},
        )
        assert patched["note"] == "Started container c"
        back = await api.ok("GET", f"{core_path(ns)}/e1")
        assert back["metadata"]["labels"] == {"seen": "yes"}
        assert back["message"] == "Started container c" and back["count"] == 2
        assert "note" not in back and "regarding" not in back
        # the Update recorded the events.k8s.io/v1 fields it changed, in that version
        entries = [m for m in back["metadata"]["managedFields"] if m["operation"] == "Update"]
        assert {m["apiVersion"] for m in entries} == {"v1", "events.k8s.io/v1"}


async def test_an_events_k8s_io_event_reads_and_patches_as_core(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("ev-new")
        await api.ok("POST", new_path(ns), new_event("e2", ns))
        got = await api.ok("GET", f"{core_path(ns)}/e2")
        assert (got["apiVersion"], got["kind"]) == ("v1", "Event")
        assert got["involvedObject"]["name"] == "web-2"
        assert got["message"] == "Pulled image busybox"
        assert got["reportingComponent"] == "example.com/puller"
        assert got["reportingInstance"] == "puller-1"
        assert got["action"] == "Pulling" and got["eventTime"] == NOW_MICRO
        selected = await api.ok(
            "GET", core_path(ns), fieldSelector="involvedObject.name=web-2,reason=Pulled"
        )
        assert [i["metadata"]["name"] for i in selected["items"]] == ["e2"]

        patched = await _patch(
            api,
            f"{core_path(ns)}/e2",
            "application/strategic-merge-patch+json",
            {"metadata": {"annotations": {"a": "1"}}},
        )
        assert patched["message"] == "Pulled image busybox"
        again = await api.ok("GET", f"{new_path(ns)}/e2")
        assert again["metadata"]["annotations"] == {"a": "1"}
        assert again["note"] == "Pulled image busybox"

        # events.k8s.io's own rules still hold when it writes: its fields are immutable
        bad = await api.request(
            "PATCH",
            f"{new_path(ns)}/e2",
            data=b'{"note":"changed"}',
            headers={"Content-Type": "application/merge-patch+json"},
        )
        assert_status(bad, 422, "Invalid")

        await api.ok("DELETE", f"{new_path(ns)}/e2")
        gone = await api.get(f"{core_path(ns)}/e2")
        assert gone.status == 404


async def test_a_watch_in_one_version_sees_writes_through_the_other(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("ev-watch")
        rv = str(await api.revision())
        async with api.watch(new_path(ns), resourceVersion=rv) as watch:
            await api.ok("POST", core_path(ns), core_event("w1", ns))
            (event,) = await watch.until("w1")
            assert event["type"] == "ADDED"
            assert event["object"]["apiVersion"] == "events.k8s.io/v1"
            assert event["object"]["note"] == "Started container c"
        async with api.watch(
            core_path(ns), resourceVersion=rv, fieldSelector="involvedObject.name=web-2"
        ) as watch:
            await api.ok("POST", new_path(ns), new_event("w2", ns))
            events = await watch.until("w2")
            assert [e["object"]["metadata"]["name"] for e in events] == ["w2"]
            assert events[0]["object"]["message"] == "Pulled image busybox"


async def test_event_tables_agree_across_versions(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("ev-table")
        await api.ok("POST", core_path(ns), core_event("t1", ns))
        await api.ok("POST", new_path(ns), new_event("t2", ns))
        accept = {"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io"}
        core = await api.request("GET", core_path(ns), headers=accept)
        new = await api.request("GET", new_path(ns), headers=accept)
        assert core.status == new.status == 200
        pick = [1, 2, 3, 4, 5]  # type, reason, object, subobject, source
        assert [[r["cells"][i] for i in pick] for r in core.body["rows"]] == [
            [r["cells"][i] for i in pick] for r in new.body["rows"]
        ]
        assert len(core.body["rows"]) == 2


async def test_an_hpa_made_through_v1_reads_back_through_v2(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("hpa-v1")
        made = await api.ok("POST", v1_path(ns), hpa_v1("web"))
        assert made["apiVersion"] == "autoscaling/v1"
        assert made["spec"]["targetCPUUtilizationPercentage"] == 70
        v2 = await api.ok("GET", f"{v2_path(ns)}/web")
        assert v2["spec"]["metrics"] == [
            {
                "type": "Resource",
                "resource": {
                    "name": "cpu",
                    "target": {"type": "Utilization", "averageUtilization": 70},
                },
            }
        ]
        assert v2["spec"]["maxReplicas"] == 3 and v2["spec"]["minReplicas"] == 1
        listed = await api.ok("GET", v2_path(ns))
        assert [i["metadata"]["name"] for i in listed["items"]] == ["web"]

        patched = await _patch(
            api,
            f"{v1_path(ns)}/web",
            "application/strategic-merge-patch+json",
            {"spec": {"targetCPUUtilizationPercentage": 50}},
        )
        assert patched["spec"]["targetCPUUtilizationPercentage"] == 50
        v2 = await api.ok("GET", f"{v2_path(ns)}/web")
        target = v2["spec"]["metrics"][0]["resource"]["target"]
        assert target["averageUtilization"] == 50

        applied = await _patch(
            api,
            f"{v1_path(ns)}/web",
            "application/apply-patch+yaml",
            {
                "apiVersion": "autoscaling/v1",
                "kind": "HorizontalPodAutoscaler",
                "metadata": {"name": "web"},
                "spec": {
                    "scaleTargetRef": {
                        "apiVersion": "apps/v1",
                        "kind": "Deployment",
                        "name": "web",
                    },
                    "maxReplicas": 4,
                },
            },
            fieldManager="tester",
            force="true",
        )
        assert applied["spec"]["maxReplicas"] == 4
        managers = {(m["manager"], m["apiVersion"]) for m in applied["metadata"]["managedFields"]}
        assert ("tester", "autoscaling/v1") in managers

        # without a CPU target, v2's default (80% CPU) shows through v1 as well
        await api.ok("POST", v1_path(ns), hpa_v1("bare", cpu=None))
        bare = await api.ok("GET", f"{v1_path(ns)}/bare")
        assert bare["spec"]["targetCPUUtilizationPercentage"] == 80

        # v2's validation (in the storage version) guards v1 writes
        bad = hpa_v1("bad")
        bad["spec"]["maxReplicas"] = 0
        assert_status(await api.request("POST", v1_path(ns), bad), 422, "Invalid")


async def test_an_hpa_made_through_v2_keeps_what_v1_cannot_say_in_annotations(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("hpa-v2")
        await api.ok("POST", v2_path(ns), hpa_v2("web"))
        v1 = await api.ok("GET", f"{v1_path(ns)}/web")
        assert v1["apiVersion"] == "autoscaling/v1"
        assert v1["spec"]["targetCPUUtilizationPercentage"] == 60
        assert (v1["spec"]["minReplicas"], v1["spec"]["maxReplicas"]) == (2, 5)
        extra = json.loads(v1["metadata"]["annotations"]["autoscaling.alpha.kubernetes.io/metrics"])
        assert extra == [
            {"type": "Resource", "resource": {"name": "memory", "targetAverageValue": "100Mi"}}
        ]
        # a v1 round trip (PUT of what was read) loses nothing
        v1["spec"]["maxReplicas"] = 6
        await api.ok("PUT", f"{v1_path(ns)}/web", v1)
        v2 = await api.ok("GET", f"{v2_path(ns)}/web")
        assert v2["spec"]["maxReplicas"] == 6
        assert [m["resource"]["name"] for m in v2["spec"]["metrics"]] == ["cpu", "memory"]
        assert "autoscaling.alpha.kubernetes.io/metrics" not in (
            v2["metadata"].get("annotations") or {}
        )
        async with api.watch(v1_path(ns), resourceVersion="0") as watch:
            (event,) = await watch.until("web")
            assert event["object"]["apiVersion"] == "autoscaling/v1"
            assert event["object"]["spec"]["maxReplicas"] == 6


async def test_discovery_prefers_autoscaling_v2(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        group = await api.ok("GET", "/apis/autoscaling")
        assert group["preferredVersion"]["version"] == "v2"
        assert [v["version"] for v in group["versions"]] == ["v2", "v1"]
        v1 = await api.ok("GET", "/apis/autoscaling/v1")
        names = {r["name"] for r in v1["resources"]}
        assert {"horizontalpodautoscalers", "horizontalpodautoscalers/status"} <= names

"""List semantics over HTTP: paging at one resourceVersion, resourceVersionMatch,
label and field selectors, generateName."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.integration.api.apiclient import configmap, connect, pod
from tests.support.cluster import Cluster


def _names(listed: dict[str, Any]) -> list[str]:
    return [i["metadata"]["name"] for i in listed["items"]]


async def test_limit_and_continue_page_through_one_snapshot(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-pages")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        for i in range(5):
            await api.ok("POST", path, configmap(f"cm{i}", v="0"))
        page1 = await api.ok("GET", path, limit="2")
        snapshot = page1["metadata"]["resourceVersion"]
        assert _names(page1) == ["cm0", "cm1"]
        assert page1["metadata"]["remainingItemCount"] == 3
        assert page1["metadata"]["continue"]
        # writes between pages do not show up in the later pages
        await api.ok("DELETE", f"{path}/cm3")
        await api.ok("POST", path, configmap("cm5"))
        await api.merge_patch(f"{path}/cm2", '{"data":{"v":"changed"}}')
        page2 = await api.ok("GET", path, limit="2", **{"continue": page1["metadata"]["continue"]})
        assert page2["metadata"]["resourceVersion"] == snapshot
        assert _names(page2) == ["cm2", "cm3"]
        assert page2["items"][0]["data"] == {"v": "0"}
        page3 = await api.ok("GET", path, limit="2", **{"continue": page2["metadata"]["continue"]})
        assert page3["metadata"]["resourceVersion"] == snapshot
        assert _names(page3) == ["cm4"]
        assert "continue" not in page3["metadata"] or not page3["metadata"]["continue"]
        for item in page1["items"] + page2["items"] + page3["items"]:
            assert int(item["metadata"]["resourceVersion"]) <= int(snapshot)
        # a fresh list sees the writes
        assert _names(await api.ok("GET", path)) == ["cm0", "cm1", "cm2", "cm4", "cm5"]


async def test_a_continue_token_that_is_garbage_is_400(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        resp = await api.get("/api/v1/configmaps", limit="1", **{"continue": "not-a-token"})
        assert resp.status == 400 and resp.body["reason"] == "BadRequest"


async def test_resource_version_match_exact_reads_the_past(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-exact")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        await api.ok("POST", path, configmap("e", v="old"))
        then = (await api.ok("GET", path))["metadata"]["resourceVersion"]
        await api.merge_patch(f"{path}/e", '{"data":{"v":"new"}}')
        await api.ok("POST", path, configmap("f", v="new"))
        past = await api.ok("GET", path, resourceVersion=then, resourceVersionMatch="Exact")
        assert past["metadata"]["resourceVersion"] == then
        assert _names(past) == ["e"] and past["items"][0]["data"] == {"v": "old"}
        now = await api.ok("GET", path, resourceVersion=then, resourceVersionMatch="NotOlderThan")
        assert int(now["metadata"]["resourceVersion"]) > int(then)
        assert _names(now) == ["e", "f"] and now["items"][0]["data"] == {"v": "new"}
        # resourceVersion=0 means any: served, and complete here
        assert _names(await api.ok("GET", path, resourceVersion="0")) == ["e", "f"]
        bad = await api.get(path, resourceVersionMatch="Exact")
        assert bad.status == 400 and bad.body["reason"] == "BadRequest"


async def test_label_selector_operators(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-labels")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        for name, labels in (
            ("a", {"env": "prod", "tier": "web"}),
            ("b", {"env": "dev", "tier": "web"}),
            ("c", {"env": "test"}),
            ("d", {}),
        ):
            await api.ok("POST", path, configmap(name, labels))
        cases = {
            "env=prod": ["a"],
            "env==prod": ["a"],
            "env!=prod": ["b", "c", "d"],
            "env in (prod,dev)": ["a", "b"],
            "env notin (prod,dev)": ["c", "d"],
            "tier": ["a", "b"],
            "!tier": ["c", "d"],
            "env,!tier": ["c"],
            "tier=web,env!=dev": ["a"],
            "env in (prod),tier notin (db)": ["a"],
        }
        for selector, want in cases.items():
            got = _names(await api.ok("GET", path, labelSelector=selector))
            assert got == want, f"{selector!r}: {got} != {want}"
        bad = await api.get(path, labelSelector="env in prod")
        assert bad.status == 400 and bad.body["reason"] == "BadRequest"


async def test_pod_field_selectors(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-podfields")
        path = f"/api/v1/namespaces/{ns}/pods"
        await api.ok("POST", path, pod("on-n1", node="node-1"))
        await api.ok("POST", path, pod("on-n2", node="node-2"))
        await api.ok("POST", path, pod("unscheduled"))
        assert _names(await api.ok("GET", path, fieldSelector="spec.nodeName=node-1")) == ["on-n1"]
        assert _names(await api.ok("GET", path, fieldSelector="spec.nodeName=")) == ["unscheduled"]
        assert _names(await api.ok("GET", path, fieldSelector="spec.nodeName!=node-1")) == [
            "on-n2",
            "unscheduled",
        ]
        assert _names(await api.ok("GET", path, fieldSelector="status.phase=Pending")) == [
            "on-n1",
            "on-n2",
            "unscheduled",
        ]
        everywhere = await api.ok(
            "GET", "/api/v1/pods", fieldSelector=f"spec.nodeName=node-2,metadata.namespace={ns}"
        )
        assert _names(everywhere) == ["on-n2"]
        bad = await api.get(path, fieldSelector="spec.image=busybox")
        assert bad.status == 400 and bad.body["reason"] == "BadRequest"


async def test_event_field_selectors_as_kubectl_describe_sends_them(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-events")
        cm = await api.ok("POST", f"/api/v1/namespaces/{ns}/configmaps", configmap("target"))
        other = await api.ok("POST", f"/api/v1/namespaces/{ns}/configmaps", configmap("other"))

        def event(name: str, about: dict[str, Any]) -> dict[str, Any]:
            return {
                "apiVersion": "v1",
                "kind": "Event",
                "metadata": {"name": name},
                "involvedObject": {
                    "kind": "ConfigMap",
                    "apiVersion": "v1",
                    "namespace": ns,
                    "name": about["metadata"]["name"],
                    "uid": about["metadata"]["uid"],
                },
                "reason": "Tested",
                "message": "something happened",
                "type": "Normal",
                "source": {"component": "test"},
            }

        path = f"/api/v1/namespaces/{ns}/events"
        await api.ok("POST", path, event("e1", cm))
        await api.ok("POST", path, event("e2", other))
        selector = (
            f"involvedObject.name=target,involvedObject.namespace={ns},"
            f"involvedObject.uid={cm['metadata']['uid']}"
        )
        assert _names(await api.ok("GET", path, fieldSelector=selector)) == ["e1"]
        assert _names(
            await api.ok("GET", path, fieldSelector="involvedObject.kind=ConfigMap,reason=Tested")
        ) == ["e1", "e2"]
        assert _names(await api.ok("GET", path, fieldSelector="involvedObject.name!=target")) == [
            "e2"
        ]


async def test_generate_name(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("l-genname")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        body = {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "job-"}}
        first = await api.ok("POST", path, body)
        second = await api.ok("POST", path, body)
        for made in (first, second):
            name = made["metadata"]["name"]
            assert name.startswith("job-") and len(name) == len("job-") + 5
            assert made["metadata"]["generateName"] == "job-"
        assert first["metadata"]["name"] != second["metadata"]["name"]
        assert sorted(_names(await api.ok("GET", path))) == sorted(
            [first["metadata"]["name"], second["metadata"]["name"]]
        )
        # neither a name nor generateName: 422 naming the field
        resp = await api.request(
            "POST", path, {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}}
        )
        assert resp.status == 422 and resp.body["reason"] == "Invalid"
        assert "metadata.name" in {c.get("field") for c in resp.body["details"]["causes"]}


async def test_a_large_list_streams_every_item_with_its_version(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("big-list")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        sem = asyncio.Semaphore(32)

        async def make(i: int) -> str:
            async with sem:
                made = await api.ok("POST", path, configmap(f"cm-{i:04d}", v=str(i)))
                return str(made["metadata"]["resourceVersion"])

        versions = await asyncio.gather(*(make(i) for i in range(1234)))
        listed = await api.ok("GET", path)
        names = [item["metadata"]["name"] for item in listed["items"]]
        assert names == [f"cm-{i:04d}" for i in range(1234)]
        assert [item["metadata"]["resourceVersion"] for item in listed["items"]] == versions
        assert int(listed["metadata"]["resourceVersion"]) >= max(int(v) for v in versions)

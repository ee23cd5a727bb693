"""Watch semantics over HTTP: resourceVersion rules, initial events, bookmarks,
timeouts and selectors, against a real `mkpy server`."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.api.apiclient import (
    assert_clean_log,
    assert_status,
    configmap,
    connect,
)
from tests.support.cluster import Cluster, running_server


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    data_dir = tmp_path_factory.mktemp("watch")
    with running_server(data_dir) as c:
        yield c
    # every test here hangs up on an open watch; none of that is an error
    assert_clean_log(data_dir)


CMS = "/api/v1/namespaces/{ns}/configmaps"


def _summary(events: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [
        (
            e["type"],
            e["object"]["metadata"].get("name", ""),
            (e["object"].get("data") or {}).get("v", ""),
        )
        for e in events
    ]


async def test_watch_from_a_resource_version_sees_exactly_the_later_changes(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-from-rv")
        path = CMS.format(ns=ns)
        await api.ok("POST", path, configmap("a", v="1"))
        created_b = await api.ok("POST", path, configmap("b", v="1"))
        start = created_b["metadata"]["resourceVersion"]
        patched = await api.merge_patch(f"{path}/a", '{"data":{"v":"2"}}')
        assert patched.status == 200
        await api.ok("POST", path, configmap("c", v="1"))
        await api.ok("DELETE", f"{path}/b")
        async with api.watch(path, resourceVersion=start) as watch:
            # history after `start`, in order, nothing from before it
            before = await watch.until("b")
            assert _summary(before) == [
                ("MODIFIED", "a", "2"),
                ("ADDED", "c", "1"),
                ("DELETED", "b", "1"),
            ]
            revisions = [int(e["object"]["metadata"]["resourceVersion"]) for e in before]
            assert revisions == sorted(revisions) and revisions[0] > int(start)
            # then live changes, once each
            await api.ok("POST", path, configmap("d", v="1"))
            await api.ok("POST", path, configmap("sentinel"))
            assert _summary(await watch.until("sentinel")) == [
                ("ADDED", "d", "1"),
                ("ADDED", "sentinel", ""),
            ]


async def test_watch_without_a_resource_version_starts_with_the_current_state(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-from-now")
        path = CMS.format(ns=ns)
        await api.ok("POST", path, configmap("old", v="1"))
        async with api.watch(path) as watch:
            assert _summary(await watch.until("old")) == [("ADDED", "old", "1")]
            await api.ok("POST", path, configmap("new", v="1"))
            assert _summary(await watch.until("new")) == [("ADDED", "new", "1")]


async def test_send_initial_events_then_the_initial_events_end_bookmark(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-initial")
        path = CMS.format(ns=ns)
        for name in ("x", "y"):
            await api.ok("POST", path, configmap(name, v="0"))
        listed = await api.ok("GET", path)
        async with api.watch(
            path,
            sendInitialEvents="true",
            resourceVersionMatch="NotOlderThan",
            resourceVersion="",
            allowWatchBookmarks="true",
        ) as watch:
            first = [await watch.next(), await watch.next(), await watch.next()]
            assert first[0] is not None and first[1] is not None and first[2] is not None
            assert sorted(_summary(first[:2])) == [("ADDED", "x", "0"), ("ADDED", "y", "0")]
            mark = first[2]
            assert mark["type"] == "BOOKMARK"
            assert mark["object"]["kind"] == "ConfigMap"
            assert mark["object"]["apiVersion"] == "v1"
            meta = mark["object"]["metadata"]
            assert meta["annotations"] == {"k8s.io/initial-events-end": "true"}
            assert int(meta["resourceVersion"]) >= int(listed["metadata"]["resourceVersion"])
            await api.ok("POST", path, configmap("z", v="1"))
            assert _summary(await watch.until("z")) == [("ADDED", "z", "1")]


async def test_metadata_only_watch_sends_partial_object_metadata(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-partial")
        path = CMS.format(ns=ns)
        await api.ok("POST", path, configmap("before", v="0"))
        async with api.watch(
            path,
            accept="application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json",
            allowWatchBookmarks="true",
            sendInitialEvents="true",
            resourceVersionMatch="NotOlderThan",
            resourceVersion="",
        ) as watch:
            initial = await watch.until("before")
            mark = await watch.next()
            await api.ok("POST", path, configmap("after", v="1"))
            await api.ok("DELETE", f"{path}/after")
            live = await watch.until("after") + await watch.until("after")
        assert mark is not None and mark["type"] == "BOOKMARK"
        assert [e["type"] for e in initial + live] == ["ADDED", "ADDED", "DELETED"]
        for event in [*initial, mark, *live]:
            assert event["object"]["kind"] == "PartialObjectMetadata"
            assert event["object"]["apiVersion"] == "meta.k8s.io/v1"
            assert set(event["object"]) == {"kind", "apiVersion", "metadata"}
        assert live[0]["object"]["metadata"]["namespace"] == ns
        assert live[0]["object"]["metadata"]["uid"]


async def test_send_initial_events_needs_not_older_than(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        for send in ("true", "false"):
            resp = await api.get(
                "/api/v1/configmaps", watch="true", sendInitialEvents=send, resourceVersion="0"
            )
            assert resp.status == 422, resp.body
            assert resp.body["kind"] == "Status" and resp.body["reason"] == "Invalid"
            [cause] = resp.body["details"]["causes"]
            assert cause["field"] == "resourceVersionMatch"


async def test_timeout_seconds_ends_the_stream(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-timeout")
        path = CMS.format(ns=ns)
        rv = str(await api.revision())
        async with api.watch(path, resourceVersion=rv, timeoutSeconds="1") as watch:
            assert await watch.rest() == []


async def test_label_selector_watch_reports_objects_entering_and_leaving(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-labels")
        path = CMS.format(ns=ns)
        rv = str(await api.revision())
        async with api.watch(path, resourceVersion=rv, labelSelector="team=blue") as watch:
            await api.ok("POST", path, configmap("m", {"team": "red"}, v="1"))
            await api.merge_patch(f"{path}/m", '{"metadata":{"labels":{"team":"blue"}}}')
            await api.merge_patch(f"{path}/m", '{"metadata":{"labels":{"team":"green"}}}')
            await api.ok("POST", path, configmap("sentinel", {"team": "blue"}))
            events = await watch.until("sentinel")
        # red -> blue enters the selection (ADDED); blue -> green leaves it (DELETED)
        assert _summary(events) == [
            ("ADDED", "m", "1"),
            ("DELETED", "m", "1"),
            ("ADDED", "sentinel", ""),
        ]
        assert events[1]["object"]["metadata"]["labels"] == {"team": "green"}


async def test_field_selector_watch_by_name(cluster: Cluster) -> None:
    """`kubectl delete --wait` watches one object with fieldSelector=metadata.name=..."""
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-fields")
        path = CMS.format(ns=ns)
        await api.ok("POST", path, configmap("one"))
        await api.ok("POST", path, configmap("two"))
        async with api.watch(path, fieldSelector="metadata.name=two") as watch:
            assert _summary([await watch.next() or {}]) == [("ADDED", "two", "")]
            await api.ok("DELETE", f"{path}/one")
            await api.ok("DELETE", f"{path}/two")
            assert _summary(await watch.until("two")) == [("DELETED", "two", "")]


async def test_send_initial_events_false_starts_from_now(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("w-no-initial")
        path = CMS.format(ns=ns)
        await api.ok("POST", path, configmap("before"))
        async with api.watch(
            path, sendInitialEvents="false", resourceVersionMatch="NotOlderThan", resourceVersion=""
        ) as watch:
            await api.ok("POST", path, configmap("after"))
            assert _summary(await watch.until("after")) == [("ADDED", "after", "")]


async def test_a_resource_version_from_the_future_answers_too_large(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        future = str(await api.revision() + 1_000_000)
        for params in ({"watch": "true", "resourceVersion": future}, {"resourceVersion": future}):
            resp = await api.get("/api/v1/namespaces/default/configmaps", **params)
            status = assert_status(resp, 504, "Timeout")
            assert status["details"]["causes"][0]["reason"] == "ResourceVersionTooLarge"
            assert "Too large resource version" in status["message"]

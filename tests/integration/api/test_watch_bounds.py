"""Watch at its bounds, on a server whose watch cache keeps only a few events and
which sends bookmarks often: 410 Gone for history it no longer has, periodic
BOOKMARK events when asked for."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.integration.api.apiclient import assert_clean_log, configmap, connect
from tests.support.cluster import Cluster, running_server

CACHE_SIZE = 5


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MKPY_WATCH_CACHE_SIZE", str(CACHE_SIZE))
        mp.setenv("MKPY_WATCH_BOOKMARK_INTERVAL", "0.2")
        data_dir = tmp_path_factory.mktemp("small-cache")
        with running_server(data_dir) as c:
            yield c
    # watchers that hung up mid-bookmark must not leave tracebacks behind
    assert_clean_log(data_dir)


async def test_watch_from_a_revision_the_cache_dropped_gets_410_gone(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = "gone"
        await api.new_namespace(ns)
        path = f"/api/v1/namespaces/{ns}/configmaps"
        first = await api.ok("POST", path, configmap("c0"))
        for i in range(1, CACHE_SIZE * 2):
            await api.ok("POST", path, configmap(f"c{i}"))
        old = first["metadata"]["resourceVersion"]
        async with api.watch(path, resourceVersion=old) as watch:
            event = await watch.next()
            assert event is not None and event["type"] == "ERROR"
            status = event["object"]
            assert status["kind"] == "Status" and status["apiVersion"] == "v1"
            assert status["status"] == "Failure"
            assert (status["code"], status["reason"]) == (410, "Expired")
            assert "too old resource version" in status["message"]
            assert await watch.next() is None  # the stream ends after the error
        # a watch from a revision the cache still holds works
        recent = await api.ok("GET", path)
        async with api.watch(path, resourceVersion=recent["metadata"]["resourceVersion"]) as watch:
            await api.ok("POST", path, configmap("later"))
            assert [e["type"] for e in await watch.until("later")] == ["ADDED"]


async def test_a_revision_from_before_the_server_started_is_gone(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        # the stream is one ERROR event, then it ends
        resp = await api.get("/api/v1/configmaps", watch="true", resourceVersion="1")
        assert resp.status == 200
        assert isinstance(resp.body, dict), resp.body
        assert resp.body["type"] == "ERROR"
        assert (resp.body["object"]["code"], resp.body["object"]["reason"]) == (410, "Expired")


async def test_bookmarks_carry_only_a_resource_version(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = "marks"
        await api.new_namespace(ns)
        path = f"/api/v1/namespaces/{ns}/configmaps"
        start = await api.revision()
        async with api.watch(path, resourceVersion=str(start), allowWatchBookmarks="true") as w:
            await api.ok("POST", path, configmap("b1"))
            assert [e["type"] for e in await w.until("b1")] == ["ADDED"]
            event = await w.next()  # nothing else changes in this namespace
            assert event is not None and event["type"] == "BOOKMARK", event
            obj = event["object"]
            assert (obj["kind"], obj["apiVersion"]) == ("ConfigMap", "v1")
            assert set(obj["metadata"]) == {"resourceVersion"}
            assert int(obj["metadata"]["resourceVersion"]) > start
            assert "data" not in obj


async def test_no_bookmarks_unless_asked(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        start = await api.revision()
        # with the 0.2 s interval a bookmark would come well within the 1 s timeout
        async with api.watch(
            "/api/v1/namespaces/default/configmaps", resourceVersion=str(start), timeoutSeconds="1"
        ) as watch:
            assert await watch.rest() == []

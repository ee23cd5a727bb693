"""Write semantics over HTTP: dryRun, finalizers, the status subresource,
generation, optimistic concurrency, pods/binding and pods/eviction."""

from __future__ import annotations

from typing import Any

from tests.integration.api.apiclient import (
    Api,
    assert_status,
    configmap,
    connect,
    deployment,
    pod,
)
from tests.support.cluster import Cluster


async def _merge(api: Api, path: str, patch: str, **params: str) -> Any:
    resp = await api.merge_patch(path, patch, **params)
    assert resp.status == 200, resp.body
    return resp.body


async def test_dry_run_all_writes_nothing(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("dry")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        await api.ok("POST", path, configmap("real", v="1"))
        before = await api.revision()

        made = await api.ok("POST", path, configmap("ghost", v="1"), dryRun="All")
        assert made["metadata"]["name"] == "ghost" and made["metadata"]["uid"]
        assert not made["metadata"].get("resourceVersion")
        updated = await api.ok("PUT", f"{path}/real", configmap("real", v="2"), dryRun="All")
        assert updated["data"] == {"v": "2"}
        patched = await _merge(api, f"{path}/real", '{"data":{"v":"3"}}', dryRun="All")
        assert patched["data"] == {"v": "3"}
        await api.ok("DELETE", f"{path}/real", dryRun="All")

        assert await api.revision() == before
        listed = await api.ok("GET", path)
        assert [(i["metadata"]["name"], i["data"]) for i in listed["items"]] == [
            ("real", {"v": "1"})
        ]
        bad = await api.request("POST", path, configmap("x"), params={"dryRun": "Some"})
        assert_status(bad, 400, "BadRequest")


async def test_finalizers_hold_deletion_until_removed(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("fin")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        body = configmap("held")
        body["metadata"]["finalizers"] = ["example.com/keep"]
        await api.ok("POST", path, body)
        async with api.watch(path, resourceVersion=str(await api.revision())) as watch:
            deleted = await api.ok("DELETE", f"{path}/held")
            assert deleted["metadata"]["deletionTimestamp"]
            still = await api.ok("GET", f"{path}/held")
            assert still["metadata"]["deletionTimestamp"]
            assert still["metadata"]["finalizers"] == ["example.com/keep"]
            # a second delete changes nothing
            again = await api.ok("DELETE", f"{path}/held")
            assert again["metadata"]["resourceVersion"] == still["metadata"]["resourceVersion"]
            # no new finalizer may be added while deleting
            refused = await api.merge_patch(
                f"{path}/held",
                '{"metadata":{"finalizers":["example.com/keep","example.com/more"]}}',
            )
            body = assert_status(refused, 422, "Invalid")
            assert body["details"]["causes"][0]["field"] == "metadata.finalizers"
            # removing the last finalizer deletes it
            await _merge(api, f"{path}/held", '{"metadata":{"finalizers":null}}')
            gone = await api.request("GET", f"{path}/held")
            assert_status(gone, 404, "NotFound")
            events = await watch.until("held")
            events += await watch.until("held")
            assert [e["type"] for e in events] == ["MODIFIED", "DELETED"]


async def test_status_subresource_splits_spec_from_status(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("status")
        path = f"/apis/apps/v1/namespaces/{ns}/deployments"
        made = await api.ok("POST", path, deployment("d", replicas=1))
        assert made["metadata"]["generation"] == 1

        # PUT to the main resource ignores status
        body = dict(made, status={"replicas": 7, "observedGeneration": 9})
        body["spec"] = dict(made["spec"], replicas=2)
        put = await api.ok("PUT", f"{path}/d", body)
        assert put["spec"]["replicas"] == 2
        assert put["status"].get("replicas") != 7
        assert put["metadata"]["generation"] == 2

        # PUT to /status changes only status, and leaves generation alone
        body = dict(put, status={"replicas": 5, "observedGeneration": 2})
        body["spec"] = dict(put["spec"], replicas=9)
        status_put = await api.ok("PUT", f"{path}/d/status", body)
        assert status_put["status"]["replicas"] == 5
        assert status_put["spec"]["replicas"] == 2
        assert status_put["metadata"]["generation"] == 2
        read = await api.ok("GET", f"{path}/d")
        assert (read["spec"]["replicas"], read["status"]["replicas"]) == (2, 5)
        status_get = await api.ok("GET", f"{path}/d/status")
        assert status_get["status"]["replicas"] == 5

        # metadata-only changes do not bump generation either
        labelled = await _merge(api, f"{path}/d", '{"metadata":{"labels":{"x":"y"}}}')
        assert labelled["metadata"]["generation"] == 2
        respec = await _merge(api, f"{path}/d", '{"spec":{"paused":true}}')
        assert respec["metadata"]["generation"] == 3


async def test_stale_resource_version_update_is_409(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("occ")
        path = f"/api/v1/namespaces/{ns}/configmaps"
        v1 = await api.ok("POST", path, configmap("c", v="1"))
        v2 = await api.ok("PUT", f"{path}/c", dict(v1, data={"v": "2"}))
        assert int(v2["metadata"]["resourceVersion"]) > int(v1["metadata"]["resourceVersion"])
        stale = await api.request("PUT", f"{path}/c", dict(v1, data={"v": "lost"}))
        body = assert_status(stale, 409, "Conflict")
        assert body["details"]["name"] == "c" and body["details"]["kind"] == "configmaps"
        assert (await api.ok("GET", f"{path}/c"))["data"] == {"v": "2"}
        # a PUT without a resourceVersion is unconditional
        plain = configmap("c", v="3")
        assert (await api.ok("PUT", f"{path}/c", plain))["data"] == {"v": "3"}


async def test_binding_sets_the_node_once(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("bind")
        path = f"/api/v1/namespaces/{ns}/pods"
        await api.ok("POST", path, pod("p"))
        binding = {
            "apiVersion": "v1",
            "kind": "Binding",
            "metadata": {"name": "p"},
            "target": {"apiVersion": "v1", "kind": "Node", "name": "node-a"},
        }
        bound = await api.request("POST", f"{path}/p/binding", binding)
        assert bound.status == 201, bound.body
        read = await api.ok("GET", f"{path}/p")
        assert read["spec"]["nodeName"] == "node-a"
        scheduled = [c for c in read["status"]["conditions"] if c["type"] == "PodScheduled"]
        assert [c["status"] for c in scheduled] == ["True"]
        again = dict(binding, target={"apiVersion": "v1", "kind": "Node", "name": "node-b"})
        assert_status(await api.request("POST", f"{path}/p/binding", again), 409, "Conflict")
        assert (await api.ok("GET", f"{path}/p"))["spec"]["nodeName"] == "node-a"


async def test_eviction_deletes_the_pod(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("evict")
        path = f"/api/v1/namespaces/{ns}/pods"
        await api.ok("POST", path, pod("victim"))
        eviction = {
            "apiVersion": "policy/v1",
            "kind": "Eviction",
            "metadata": {"name": "victim", "namespace": ns},
        }
        done = await api.request("POST", f"{path}/victim/eviction", eviction)
        assert done.status == 201, done.body
        assert_status(await api.request("GET", f"{path}/victim"), 404, "NotFound")
        missing = await api.request("POST", f"{path}/nobody/eviction", eviction)
        assert_status(missing, 404, "NotFound")


async def test_eviction_checks_and_honours_dry_run(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("evict-dry")
        path = f"/api/v1/namespaces/{ns}/pods"
        await api.ok("POST", path, pod("victim"))
        before = await api.revision()

        def eviction(*dry_run: str) -> dict[str, Any]:
            return {
                "apiVersion": "policy/v1",
                "kind": "Eviction",
                "metadata": {"name": "victim", "namespace": ns},
                "deleteOptions": {"dryRun": list(dry_run)},
            }

        url = f"{path}/victim/eviction"
        status = assert_status(await api.request("POST", url, eviction("Bogus")), 400, "BadRequest")
        assert status["message"] == 'Invalid dryRun value "Bogus": supported values: "All"'
        done = await api.request("POST", url, eviction("All"))
        assert done.status == 201, done.body
        done = await api.request("POST", url, eviction(), params={"dryRun": "All"})
        assert done.status == 201, done.body
        assert await api.revision() == before
        assert (await api.ok("GET", f"{path}/victim"))["metadata"]["name"] == "victim"


async def test_delete_answers_a_status_or_the_object_as_kubernetes_does(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("del-answer")
        cms = f"/api/v1/namespaces/{ns}/configmaps"
        made = await api.ok("POST", cms, configmap("c"))
        # gone at once: a Status whose details carry the uid (kubectl delete --wait uses it)
        answer = await api.ok("DELETE", f"{cms}/c")
        assert (answer["kind"], answer["status"]) == ("Status", "Success")
        assert answer["details"] == {
            "name": "c",
            "kind": "configmaps",
            "uid": made["metadata"]["uid"],
        }
        deps = f"/apis/apps/v1/namespaces/{ns}/deployments"
        await api.ok("POST", deps, deployment("d"))
        answer = await api.ok("DELETE", f"{deps}/d")
        assert answer["kind"] == "Status" and answer["details"]["group"] == "apps"
        # pods return the deleted object (their registry sets ReturnDeletedObject)
        pods = f"/api/v1/namespaces/{ns}/pods"
        await api.ok("POST", pods, pod("p"))
        answer = await api.ok("DELETE", f"{pods}/p")
        assert answer["kind"] == "Pod" and answer["metadata"]["name"] == "p"
        # held by a finalizer: the object, marked for deletion
        body = configmap("held")
        body["metadata"]["finalizers"] = ["example.com/keep"]
        await api.ok("POST", cms, body)
        answer = await api.ok("DELETE", f"{cms}/held")
        assert answer["kind"] == "ConfigMap" and answer["metadata"]["deletionTimestamp"]
        await api.merge_patch(f"{cms}/held", '{"metadata":{"finalizers":null}}')

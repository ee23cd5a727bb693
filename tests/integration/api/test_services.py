"""Service addresses: ClusterIPs from the service range and node ports from
theirs, each handed to one Service only, kept across updates, freed on delete."""

from __future__ import annotations

import asyncio
import ipaddress
from typing import Any

from tests.integration.api.apiclient import assert_clean_log, assert_status, connect
from tests.support.cluster import Cluster

SERVICE_RANGE = ipaddress.ip_network("10.96.0.0/12")


def service(name: str, **spec: Any) -> dict[str, Any]:
    body = {"ports": [{"port": 80, "targetPort": 8080}], "selector": {"app": name}, **spec}
    return {"apiVersion": "v1", "kind": "Service", "metadata": {"name": name}, "spec": body}


async def test_the_kubernetes_service_holds_the_first_address(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        svc = await api.ok("GET", "/api/v1/namespaces/default/services/kubernetes")
        assert svc["spec"]["clusterIP"] == "10.96.0.1"
        assert svc["spec"]["ports"][0]["port"] == 443
        taken = await api.request(
            "POST", "/api/v1/namespaces/default/services", service("again", clusterIP="10.96.0.1")
        )
        status = assert_status(taken, 422, "Invalid")
        assert status["details"]["causes"][0]["field"] == "spec.clusterIPs"
        assert "already allocated" in status["message"]


async def test_concurrent_services_get_distinct_addresses_in_range(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("svc-many")
        path = f"/api/v1/namespaces/{ns}/services"
        made = await asyncio.gather(*(api.ok("POST", path, service(f"s{i}")) for i in range(20)))
        ips = [s["spec"]["clusterIP"] for s in made]
        assert len(set(ips)) == 20
        for s, ip in zip(made, ips, strict=True):
            assert ipaddress.ip_address(ip) in SERVICE_RANGE
            assert s["spec"]["clusterIPs"] == [ip]


async def test_headless_and_external_name_get_no_address(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("svc-kinds")
        path = f"/api/v1/namespaces/{ns}/services"
        headless = await api.ok("POST", path, service("h", clusterIP="None"))
        assert headless["spec"]["clusterIP"] == "None"
        ext = {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "e"},
            "spec": {"type": "ExternalName", "externalName": "db.example.internal"},
        }
        made = await api.ok("POST", path, ext)
        assert "clusterIP" not in made["spec"]


async def test_an_address_outside_the_range_is_refused_and_nothing_is_stored(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("svc-outside")
        path = f"/api/v1/namespaces/{ns}/services"
        resp = await api.request("POST", path, service("o", clusterIP="192.168.7.7"))
        status = assert_status(resp, 422, "Invalid")
        assert "not in the valid range" in status["message"]
        assert (await api.get(f"{path}/o")).status == 404


async def test_node_ports_are_allocated_kept_and_freed(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        ns = await api.new_namespace("svc-nodeports")
        path = f"/api/v1/namespaces/{ns}/services"
        np = await api.ok("POST", path, service("np", type="NodePort"))
        port = np["spec"]["ports"][0]["nodePort"]
        assert 30000 <= port <= 32767
        clash = await api.request(
            "POST", path, service("np2", type="NodePort", ports=[{"port": 80, "nodePort": port}])
        )
        status = assert_status(clash, 422, "Invalid")
        assert status["details"]["causes"][0]["field"] == "spec.ports[0].nodePort"
        # a replace that leaves out clusterIP and nodePort keeps both
        replaced = service("np", type="NodePort")
        replaced["metadata"]["resourceVersion"] = np["metadata"]["resourceVersion"]
        kept = await api.ok("PUT", f"{path}/np", replaced)
        assert kept["spec"]["clusterIP"] == np["spec"]["clusterIP"]
        assert kept["spec"]["ports"][0]["nodePort"] == port
        # leaving NodePort gives the port back
        resp = await api.merge_patch(f"{path}/np", '{"spec":{"type":"ClusterIP"}}')
        assert resp.status == 200, resp.body
        assert "nodePort" not in resp.body["spec"]["ports"][0]
        again = await api.ok(
            "POST", path, service("np3", type="NodePort", ports=[{"port": 80, "nodePort": port}])
        )
        assert again["spec"]["ports"][0]["nodePort"] == port
        # deleting a Service gives its address back
        ip = again["spec"]["clusterIP"]
        await api.ok("DELETE", f"{path}/np3")
        reuse = await api.ok("POST", path, service("np4", clusterIP=ip))
        assert reuse["spec"]["clusterIP"] == ip
    assert_clean_log(cluster.data_dir)

"""The control plane keeps what it acknowledged: a SIGKILLed server restarted on
the same data directory serves every acknowledged object, its credentials still
work, and resourceVersions carry on from where they were."""

from __future__ import annotations

import signal
from pathlib import Path

from tests.integration.api.apiclient import configmap, connect
from tests.support.cluster import running_server


async def test_acknowledged_writes_survive_sigkill_and_versions_carry_on(tmp_path: Path) -> None:
    data = tmp_path / "cluster"
    acknowledged: dict[str, str] = {}
    with running_server(data) as cluster:
        async with connect(cluster) as api:
            ns = await api.new_namespace("durable")
            for i in range(50):
                made = await api.ok(
                    "POST", f"/api/v1/namespaces/{ns}/configmaps", configmap(f"c{i}", v=str(i))
                )
                acknowledged[made["metadata"]["name"]] = made["metadata"]["resourceVersion"]
            last = max(int(v) for v in acknowledged.values())
        cluster.process.send_signal(signal.SIGKILL)
        cluster.process.wait()
    ca_before = (data / "pki" / "ca.crt").read_bytes()
    with running_server(data) as cluster:
        assert (data / "pki" / "ca.crt").read_bytes() == ca_before
        async with connect(cluster) as api:
            listed = await api.ok("GET", "/api/v1/namespaces/durable/configmaps")
            found = {
                i["metadata"]["name"]: i["metadata"]["resourceVersion"] for i in listed["items"]
            }
            assert found == acknowledged
            after = await api.ok(
                "POST", "/api/v1/namespaces/durable/configmaps", configmap("after", v="x")
            )
            assert int(after["metadata"]["resourceVersion"]) > last
            # a watch from before the restart still replays what came after it
            async with api.watch(
                "/api/v1/namespaces/durable/configmaps", resourceVersion=str(last)
            ) as watch:
                seen = await watch.until("after")
            assert [e["type"] for e in seen] == ["ADDED"]

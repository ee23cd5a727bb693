"""Admission over HTTP: the checks of a write that need the store (api/admission.py)."""

from __future__ import annotations

from typing import Any

from tests.integration.api.apiclient import assert_status, connect
from tests.support.cluster import Cluster

PCS = "/apis/scheduling.k8s.io/v1/priorityclasses"


def priority_class(name: str, value: int, *, default: bool = False) -> dict[str, Any]:
    return {
        "apiVersion": "scheduling.k8s.io/v1",
        "kind": "PriorityClass",
        "metadata": {"name": name},
        "value": value,
        "globalDefault": default,
    }


async def test_only_one_priority_class_may_be_the_global_default(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        await api.ok("POST", PCS, priority_class("first", 100, default=True))
        refused = "PriorityClass first is already marked as default. Only one default can exist"

        before = await api.revision()
        resp = await api.request("POST", PCS, priority_class("second", 200, default=True))
        status = assert_status(resp, 403, "Forbidden")
        assert status["message"] == (
            f'priorityclasses.scheduling.k8s.io "second" is forbidden: {refused}'
        )
        assert status["details"] == {
            "name": "second",
            "group": "scheduling.k8s.io",
            "kind": "priorityclasses",
        }
        dry = await api.request(
            "POST", PCS, priority_class("second", 200, default=True), params={"dryRun": "All"}
        )
        assert_status(dry, 403, "Forbidden")
        assert await api.revision() == before

        await api.ok("POST", PCS, priority_class("second", 200))
        resp = await api.merge_patch(f"{PCS}/second", '{"globalDefault": true}')
        assert assert_status(resp, 403, "Forbidden")["message"].endswith(refused)
        # the default itself stays updatable
        await api.merge_patch(f"{PCS}/first", '{"description": "the default"}')
        assert (await api.ok("GET", f"{PCS}/first"))["description"] == "the default"

        await api.ok("DELETE", f"{PCS}/first")
        resp = await api.merge_patch(f"{PCS}/second", '{"globalDefault": true}')
        assert resp.status == 200, resp.body

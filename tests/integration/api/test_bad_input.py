"""Bad input over HTTP: each refusal is a metav1.Status with the right code and
reason, and nothing is stored."""

from __future__ import annotations

import json

import pytest

from tests.integration.api.apiclient import (
    Api,
    assert_status,
    configmap,
    connect,
    deployment,
    namespace,
    pod,
)
from tests.support.cluster import Cluster, assert_clean_log

NS = "bad-input"
CMS = f"/api/v1/namespaces/{NS}/configmaps"


async def _ready(api: Api) -> int:
    """The namespace exists; the store revision before the bad request."""
    resp = await api.request("POST", "/api/v1/namespaces", namespace(NS))
    assert resp.status in (201, 409), resp.body
    return await api.revision()


async def _nothing_stored(api: Api, before: int) -> None:
    """No write happened since `before` (every write moves the store's revision)."""
    assert await api.revision() == before


async def test_malformed_json_is_400(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        resp = await api.request(
            "POST",
            CMS,
            data=b'{"apiVersion": "v1", "kind": ',
            headers={"Content-Type": "application/json"},
        )
        assert_status(resp, 400, "BadRequest")
        await _nothing_stored(api, before)


async def test_malformed_yaml_is_400(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        resp = await api.request(
            "POST", CMS, data=b"kind: [ConfigMap\n", headers={"Content-Type": "application/yaml"}
        )
        assert_status(resp, 400, "BadRequest")
        await _nothing_stored(api, before)


async def test_a_body_that_is_not_an_object_is_400(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        assert_status(await api.request("POST", CMS, [1, 2]), 400, "BadRequest")
        assert_status(await api.request("POST", CMS, data=b""), 400, "BadRequest")
        await _nothing_stored(api, before)


@pytest.mark.parametrize(
    ("api_version", "kind"),
    [("v1", "Secret"), ("apps/v1", "ConfigMap")],
)
async def test_kind_or_version_not_matching_the_url_is_400(
    cluster: Cluster, api_version: str, kind: str
) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        body = {"apiVersion": api_version, "kind": kind, "metadata": {"name": "wrong"}}
        resp = await api.request("POST", CMS, body)
        status = assert_status(resp, 400, "BadRequest")
        assert "does not match" in status["message"]
        await _nothing_stored(api, before)


async def test_invalid_object_is_422_with_a_cause_per_field(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        body = configmap("Not_A_Name", {"bad label!": "x"})
        body["data"] = {"bad key/": "v"}
        resp = await api.request("POST", CMS, body)
        status = assert_status(resp, 422, "Invalid")
        details = status["details"]
        assert details["name"] == "Not_A_Name" and details["kind"] == "ConfigMap"
        fields = {c["field"] for c in details["causes"]}
        assert "metadata.name" in fields
        assert any(f.startswith("metadata.labels") for f in fields)
        assert any(f.startswith("data") for f in fields)
        for cause in details["causes"]:
            assert cause["reason"].startswith("FieldValue") and cause["message"]
        assert status["message"].startswith('ConfigMap "Not_A_Name" is invalid: ')
        await _nothing_stored(api, before)


async def test_invalid_deployment_names_nested_fields(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        path = f"/apis/apps/v1/namespaces/{NS}/deployments"
        body = {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "broken"},
            "spec": {
                "replicas": -1,
                "selector": {"matchLabels": {"app": "a"}},
                "template": {
                    "metadata": {"labels": {"app": "b"}},
                    "spec": {"containers": [{"name": "c"}]},
                },
            },
        }
        status = assert_status(await api.request("POST", path, body), 422, "Invalid")
        fields = {c["field"] for c in status["details"]["causes"]}
        assert "spec.replicas" in fields
        assert "spec.template.spec.containers[0].image" in fields
        assert "spec.template.metadata.labels" in fields
        assert (await api.ok("GET", path))["items"] == []


async def test_an_integer_that_does_not_fit_its_go_type_is_422_naming_the_field(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        path = f"/apis/apps/v1/namespaces/{NS}/deployments"
        body = deployment("huge")
        body["spec"]["replicas"] = 2**40
        status = assert_status(await api.request("POST", path, body), 422, "Invalid")
        assert status["details"]["causes"] == [
            {
                "reason": "FieldValueTypeInvalid",
                "message": 'Invalid value: "1099511627776": spec.replicas in body must be of type int32: "1099511627776"',
                "field": "spec.replicas",
            }
        ]
        assert (await api.ok("GET", path))["items"] == []
        body["spec"]["replicas"] = 2**31 - 1
        await api.ok("POST", path, body)
        before = await api.revision()
        resp = await api.merge_patch(f"{path}/huge", '{"spec": {"replicas": 2147483648}}')
        status = assert_status(resp, 422, "Invalid")
        assert [c["field"] for c in status["details"]["causes"]] == ["spec.replicas"]
        await _nothing_stored(api, before)


async def test_a_quantity_too_large_to_work_with_is_422_naming_the_field(
    cluster: Cluster,
) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        path = f"/api/v1/namespaces/{NS}/pods"
        body = pod("greedy")
        body["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "1e5000"}}
        before = await api.revision()
        status = assert_status(await api.request("POST", path, body), 422, "Invalid")
        assert [c["field"] for c in status["details"]["causes"]] == [
            "spec.containers[0].resources.requests[cpu]"
        ]
        assert "quantity too large" in status["message"]
        await _nothing_stored(api, before)
        # as Kubernetes: a large one that is still workable is kept, in canonical form
        body["spec"]["containers"][0]["resources"] = {"requests": {"cpu": "1e400"}}
        made = await api.ok("POST", path, body)
        assert made["spec"]["containers"][0]["resources"]["requests"]["cpu"] == "10e399"


async def test_body_over_3_mib_is_413(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        big = json.dumps(configmap("huge", blob="x" * (3 * 1024 * 1024 + 10))).encode()
        resp = await api.request(
            "POST", CMS, data=big, headers={"Content-Type": "application/json"}
        )
        assert_status(resp, 413, "RequestEntityTooLarge")
        await _nothing_stored(api, before)


async def test_a_request_line_over_1_mib_is_refused_without_a_traceback(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        resp = await api.get(CMS, labelSelector="a=" + "b" * (1 << 20))
        assert resp.status == 400  # aiohttp's own plain-text answer: its parser refused the line
        assert (await api.get(CMS)).status == 200
    log = (cluster.data_dir / "server.log").read_text(errors="replace")
    assert "Got more than 1048576 bytes when reading" in log
    assert_clean_log(cluster.data_dir)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/namespaces/bad-input/widgets",
        "/apis/nothing.example.com/v1/things",
        "/apis/apps/v9/deployments",
        "/api/v1/namespaces/bad-input/configmaps/x/nosuchsub",
    ],
)
async def test_unknown_resource_is_404(cluster: Cluster, path: str) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        assert_status(await api.request("GET", path), 404, "NotFound")
        assert_status(await api.request("POST", path, configmap("x")), 404, "NotFound")


async def test_missing_object_is_404_naming_it(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        status = assert_status(await api.request("GET", f"{CMS}/absent"), 404, "NotFound")
        assert status["details"] == {"name": "absent", "kind": "configmaps"}
        assert status["message"] == 'configmaps "absent" not found'


async def test_unsupported_content_type_is_415(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        resp = await api.request(
            "POST", CMS, data=b"name=x", headers={"Content-Type": "text/plain"}
        )
        assert_status(resp, 415, "UnsupportedMediaType")
        patch = await api.request(
            "PATCH", f"{CMS}/x", data=b"{}", headers={"Content-Type": "application/json"}
        )
        assert_status(patch, 415, "UnsupportedMediaType")
        await _nothing_stored(api, before)


async def test_unauthenticated_is_401(cluster: Cluster) -> None:
    async with connect(cluster) as admin:
        before = await _ready(admin)
    async with connect(cluster, certificate=False) as anonymous:
        assert_status(await anonymous.request("GET", CMS), 401, "Unauthorized")
        resp = await anonymous.request("POST", CMS, configmap("sneaky"))
        assert_status(resp, 401, "Unauthorized")
        forged = await anonymous.request(
            "GET", CMS, headers={"Authorization": "Bearer not.a.token"}
        )
        assert_status(forged, 401, "Unauthorized")
        # health and version stay public, as in Kubernetes
        assert (await anonymous.request("GET", "/healthz")).status == 200
        assert (await anonymous.request("GET", "/version")).status == 200
    async with connect(cluster) as admin:
        await _nothing_stored(admin, before)


async def test_name_in_body_not_matching_the_url_is_400(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        await _ready(api)
        await api.ok("POST", CMS, configmap("real"))
        before = await api.revision()
        resp = await api.request("PUT", f"{CMS}/real", configmap("other"))
        assert_status(resp, 400, "BadRequest")
        assert await api.revision() == before
        await api.ok("DELETE", f"{CMS}/real")


async def test_strict_field_validation_refuses_unknown_fields(cluster: Cluster) -> None:
    async with connect(cluster) as api:
        before = await _ready(api)
        body = configmap("strict")
        body["spec"] = {"nope": 1}
        resp = await api.request("POST", CMS, body, params={"fieldValidation": "Strict"})
        status = assert_status(resp, 400, "BadRequest")
        assert 'unknown field "spec"' in status["message"]
        await _nothing_stored(api, before)
        warned = await api.request("POST", CMS, body, params={"fieldValidation": "Warn"})
        assert warned.status == 201
        assert 'unknown field "spec"' in warned.headers.get("Warning", "")
        await api.ok("DELETE", f"{CMS}/strict")

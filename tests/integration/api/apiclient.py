"""A thin aiohttp client for HTTP-level API tests: the admin certificate, JSON in
and out, and watch streams read event by event with a bound on every wait."""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp

from tests.support.cluster import Cluster
from tests.support.cluster import assert_clean_log as assert_clean_log  # for the tests here

WAIT = 30.0  # the longest any single read may take before the test fails


@dataclass
class Response:
    status: int
    body: Any
    headers: dict[str, str]


class Watch:
    """One open watch stream; `next()` is the next event, None at the end."""

    def __init__(self, response: aiohttp.ClientResponse) -> None:
        self.response = response

    async def next(self, timeout: float = WAIT) -> dict[str, Any] | None:
        async with asyncio.timeout(timeout):
            line = await self.response.content.readline()
        if not line:
            return None
        event: dict[str, Any] = json.loads(line)
        return event

    async def until(self, name: str, timeout: float = WAIT) -> list[dict[str, Any]]:
        """Events up to and including the first about the object `name`."""
        seen: list[dict[str, Any]] = []
        while True:
            event = await self.next(timeout)
            assert event is not None, f"the watch ended before {name!r}; saw {seen}"
            seen.append(event)
            if event["object"].get("metadata", {}).get("name") == name:
                return seen

    async def rest(self, timeout: float = WAIT) -> list[dict[str, Any]]:
        """Every event until the server ends the stream."""
        out: list[dict[str, Any]] = []
        while (event := await self.next(timeout)) is not None:
            out.append(event)
        return out


class Api:
    def __init__(self, cluster: Cluster, session: aiohttp.ClientSession) -> None:
        self.cluster = cluster
        self.session = session

    async def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        data: bytes | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        hdrs = {"Accept": "application/json", **(headers or {})}
        if body is not None:
            data = json.dumps(body).encode()
            hdrs.setdefault("Content-Type", "application/json")
        async with self.session.request(
            method,
            self.cluster.url + path,
            data=data,
            params=params,
            headers=hdrs,
            timeout=aiohttp.ClientTimeout(total=WAIT),
        ) as resp:
            raw = await resp.read()
            try:
                parsed: Any = json.loads(raw) if raw else None
            except ValueError:
                parsed = raw.decode(errors="replace")
            return Response(resp.status, parsed, dict(resp.headers))

    async def get(self, path: str, **params: str) -> Response:
        return await self.request("GET", path, params=params or None)

    async def ok(self, method: str, path: str, body: Any = None, **params: str) -> Any:
        """The body of a request that must succeed."""
        resp = await self.request(method, path, body, params=params or None)
        assert 200 <= resp.status < 300, f"{method} {path} -> {resp.status}: {resp.body}"
        return resp.body

    async def new_namespace(self, name: str) -> str:
        """Create the namespace `name` and return its name."""
        await self.ok("POST", "/api/v1/namespaces", namespace(name))
        return name

    async def merge_patch(self, path: str, patch: str, **params: str) -> Response:
        """A JSON merge patch of the object at `path`; the caller judges the answer."""
        return await self.request(
            "PATCH",
            path,
            data=patch.encode(),
            headers={"Content-Type": "application/merge-patch+json"},
            params=params or None,
        )

    async def revision(self) -> int:
        """The store's current revision, as a list reports it."""
        listed = await self.ok("GET", "/api/v1/namespaces", limit="1")
        return int(listed["metadata"]["resourceVersion"])

    @asynccontextmanager
    async def watch(
        self, path: str, *, accept: str = "application/json", **params: str
    ) -> AsyncIterator[Watch]:
        async with self.session.get(
            self.cluster.url + path,
            params={"watch": "true", **params},
            headers={"Accept": accept},
            timeout=aiohttp.ClientTimeout(total=None, sock_read=WAIT),
        ) as resp:
            assert resp.status == 200, await resp.text()
            yield Watch(resp)


@asynccontextmanager
async def connect(cluster: Cluster, *, certificate: bool = True) -> AsyncIterator[Api]:
    ca, cert, key = cluster.client_files()
    ctx = ssl.create_default_context(cafile=ca)
    if certificate:
        ctx.load_cert_chain(cert, key)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=ctx)) as session:
        yield Api(cluster, session)


def configmap(name: str, labels: dict[str, str] | None = None, **data: str) -> dict[str, Any]:
    meta: dict[str, Any] = {"name": name}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta, "data": data}


def namespace(name: str) -> dict[str, Any]:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def deployment(name: str, replicas: int = 1, image: str = "nginx:1.27") -> dict[str, Any]:
    labels = {"app": name}
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"name": name, "labels": labels},
        "spec": {
            "replicas": replicas,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {"containers": [{"name": "c", "image": image}]},
            },
        },
    }


def pod(name: str, node: str | None = None, labels: dict[str, str] | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"containers": [{"name": "c", "image": "busybox:1.36"}]}
    if node:
        spec["nodeName"] = node
    meta: dict[str, Any] = {"name": name}
    if labels:
        meta["labels"] = labels
    return {"apiVersion": "v1", "kind": "Pod", "metadata": meta, "spec": spec}


def assert_status(resp: Response, code: int, reason: str) -> dict[str, Any]:
    """The response is a metav1.Status failure with this code and reason."""
    body = resp.body
    assert resp.status == code, f"expected {code}, got {resp.status}: {body}"
    assert isinstance(body, dict), body
    assert body["kind"] == "Status" and body["apiVersion"] == "v1", body
    assert body["status"] == "Failure", body
    assert body["code"] == code and body["reason"] == reason, body
    assert isinstance(body.get("message"), str) and body["message"], body
    return body

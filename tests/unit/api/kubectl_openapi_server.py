"""A tiny HTTP server for tests: the OpenAPI documents and discovery, nothing else.

Enough for the real kubectl to resolve kinds (`/api`, `/apis` and the
per-group-version resource lists; aggregated discovery is not offered, so it
falls back to the legacy documents) and to read schemas (`/openapi/v3` and the
per-group-version documents). Everything else answers 404.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import msgspec
from aiohttp import web

from minikube_py.api import discovery
from minikube_py.api.openapi import OpenAPIDocs
from minikube_py.api.openapi_proto import MEDIA_TYPE
from minikube_py.api.registry import Registry


def _json(body: Any, status: int = 200) -> web.Response:
    return web.Response(
        body=msgspec.json.encode(body), status=status, content_type="application/json"
    )


def _not_found(path: str) -> web.Response:
    status = {
        "kind": "Status",
        "apiVersion": "v1",
        "status": "Failure",
        "reason": "NotFound",
        "code": 404,
        "message": f"the server could not find the requested resource ({path})",
    }
    return _json(status, 404)


class OpenAPIOnlyServer:
    """Serves `docs` and the registry's discovery; records every path requested."""

    def __init__(self, registry: Registry, docs: OpenAPIDocs) -> None:
        self.registry = registry
        self.docs = docs
        self.requested: list[str] = []

    async def handle(self, request: web.Request) -> web.StreamResponse:
        path = request.path
        self.requested.append(request.path_qs)
        parts = [p for p in path.split("/") if p]
        if path == "/openapi/v2":
            if MEDIA_TYPE not in request.headers.get("Accept", ""):
                return _json({"kind": "Status", "code": 406}, 406)
            return web.Response(body=self.docs.v2_protobuf, content_type="application/octet-stream")
        if path == "/openapi/v3":
            return web.Response(body=self.docs.v3_index, content_type="application/json")
        if parts[:2] == ["openapi", "v3"]:
            doc = self.docs.v3_docs.get("/".join(parts[2:]))
            return (
                _not_found(path)
                if doc is None
                else web.Response(body=doc, content_type="application/json")
            )
        if path == "/api":
            return _json(discovery.api_versions("127.0.0.1"))
        if path == "/apis":
            return _json(discovery.api_group_list(self.registry))
        if parts[:1] == ["api"] and len(parts) == 2:
            found = discovery.api_resource_list(self.registry, "", parts[1])
        elif parts[:1] == ["apis"] and len(parts) == 3:
            found = discovery.api_resource_list(self.registry, parts[1], parts[2])
        else:
            found = None
        return _not_found(path) if found is None else _json(found)


@asynccontextmanager
async def serving(
    registry: Registry, docs: OpenAPIDocs
) -> AsyncIterator[tuple[str, OpenAPIOnlyServer]]:
    """Run the server on a free 127.0.0.1 port; yields (base URL, server)."""
    server = OpenAPIOnlyServer(registry, docs)
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", server.handle)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        port = runner.addresses[0][1]
        yield f"http://127.0.0.1:{port}", server
    finally:
        await runner.cleanup()

"""The one async REST client every controller, the scheduler and the agents use.

It speaks plain Kubernetes REST (JSON) over HTTPS with a client certificate or
a bearer token, exactly as an outside program would.
"""

from __future__ import annotations

import base64
import json
import ssl
import tempfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import yaml

from minikube_py.client.errors import APIStatusError, ClientError, WatchExpired

MAX_WATCH_LINE = 4 * 1024 * 1024
# Every informer's watch holds one connection for as long as it runs (HTTP/1.1
# has no multiplexing), and the garbage collector watches every resource type:
# the pool is sized for that plus the requests made alongside.
MAX_CONNECTIONS = 128

# What a metadata-only client asks for (as client-go's metadata client does):
# lists of PartialObjectMetadata, watch events whose objects are PartialObjectMetadata.
METADATA_LIST = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json"
METADATA = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"


def resource_path(
    group: str,
    version: str,
    plural: str,
    namespace: str | None = None,
    name: str | None = None,
    subresource: str | None = None,
) -> str:
    base = f"/api/{version}" if not group else f"/apis/{group}/{version}"
    if namespace:
        base += f"/namespaces/{namespace}"
    base += f"/{plural}"
    if name:
        base += f"/{name}"
    if subresource:
        base += f"/{subresource}"
    return base


class Client:
    def __init__(self, server: str, ssl_context: ssl.SSLContext, token: str | None = None) -> None:
        self.server = server.rstrip("/")
        self._ssl = ssl_context
        self._headers = {"User-Agent": "mkpy-controlplane/0.1", "Accept": "application/json"}
        if token:
            self._headers["Authorization"] = f"Bearer {token}"
        self._session: aiohttp.ClientSession | None = None

    @classmethod
    def from_kubeconfig(cls, path: Path) -> Client:
        config = yaml.safe_load(path.read_text())
        context_name = config.get("current-context")
        context = next(c["context"] for c in config["contexts"] if c["name"] == context_name)
        cluster = next(c["cluster"] for c in config["clusters"] if c["name"] == context["cluster"])
        user = next(u["user"] for u in config["users"] if u["name"] == context["user"])
        ctx = ssl.create_default_context(
            cadata=base64.b64decode(cluster["certificate-authority-data"]).decode()
        )
        if "client-certificate-data" in user:
            with tempfile.TemporaryDirectory() as tmp:
                cert = Path(tmp) / "c.crt"
                key = Path(tmp) / "c.key"
                cert.write_bytes(base64.b64decode(user["client-certificate-data"]))
                key.write_bytes(base64.b64decode(user["client-key-data"]))
                ctx.load_cert_chain(cert, key)
        return cls(cluster["server"], ctx, user.get("token"))

    def _sess(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                headers=self._headers,
                connector=aiohttp.TCPConnector(ssl=self._ssl, limit=MAX_CONNECTIONS),
                timeout=aiohttp.ClientTimeout(total=None, sock_connect=10),
            )
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        params: dict[str, str] | None = None,
        content_type: str = "application/json",
        timeout: float = 30.0,
        accept: str | None = None,
    ) -> Any:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": content_type} if data is not None else {}
        if accept:
            headers["Accept"] = accept
        try:
            async with self._sess().request(
                method,
                self.server + path,
                data=data,
                params=params,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as resp:
                payload = await resp.read()
                decoded = json.loads(payload) if payload else None
                if resp.status >= 400:
                    raise APIStatusError(
                        resp.status,
                        decoded
                        if isinstance(decoded, dict)
                        else {"message": payload.decode(errors="replace")},
                    )
                return decoded
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ClientError(f"{method} {path}: {exc}") from exc

    async def get(
        self, path: str, params: dict[str, str] | None = None, accept: str | None = None
    ) -> Any:
        return await self.request("GET", path, params=params, accept=accept)

    async def watch(
        self,
        path: str,
        resource_version: str,
        timeout_seconds: int = 300,
        accept: str | None = None,
    ) -> AsyncIterator[dict[str, Any]]:
        """Events of a watch from `resource_version`; raises WatchExpired on 410."""
        params = {
            "watch": "true",
            "resourceVersion": resource_version,
            "allowWatchBookmarks": "true",
            "timeoutSeconds": str(timeout_seconds),
        }
        try:
            async with self._sess().get(
                self.server + path,
                params=params,
                headers={"Accept": accept} if accept else None,
                timeout=aiohttp.ClientTimeout(total=timeout_seconds + 30),
            ) as resp:
                if resp.status == 410:
                    raise WatchExpired(path)
                if resp.status >= 400:
                    raise APIStatusError(resp.status, json.loads(await resp.read() or b"{}"))
                while True:
                    line = await resp.content.readline()
                    if not line:
                        return
                    if len(line) > MAX_WATCH_LINE:
                        raise ClientError("watch event too large")
                    event = json.loads(line)
                    if event.get("type") == "ERROR":
                        status = event.get("object") or {}
                        if status.get("code") == 410:
                            raise WatchExpired(path)
                        raise APIStatusError(int(status.get("code", 500)), status)
                    yield event
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise ClientError(f"watch {path}: {exc}") from exc

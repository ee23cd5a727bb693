"""The one informer: list, then watch, keeping a cache of objects by key and
telling subscribers which keys changed. Level-based consumers read the cache,
never the event payload.

With `metadata_only`, the server is asked for PartialObjectMetadata (lists and
watch events), so the cache holds `{"kind", "apiVersion", "metadata"}` per
object: what a consumer that looks at every resource type (the garbage
collector) can afford to keep."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable
from typing import Any

from minikube_py.client.errors import ClientError, WatchExpired
from minikube_py.client.rest import METADATA, METADATA_LIST, Client

log = logging.getLogger(__name__)


def object_key(obj: dict[str, Any]) -> str:
    meta = obj.get("metadata") or {}
    ns = meta.get("namespace")
    return f"{ns}/{meta['name']}" if ns else str(meta["name"])


class Informer:
    def __init__(
        self,
        client: Client,
        path: str,
        metadata_only: bool = False,
        transform: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    ) -> None:
        """`transform`, when given, reduces each object before it is cached (keep
        only what the consumer reads: the cache is per object, for every object)."""
        self.client = client
        self.path = path
        self._transform = transform
        self._list_accept = METADATA_LIST if metadata_only else None
        self._watch_accept = METADATA if metadata_only else None
        self.cache: dict[str, dict[str, Any]] = {}
        self.synced = asyncio.Event()
        self._handlers: list[Callable[[str], None]] = []
        self.resource_version = ""

    def subscribe(self, handler: Callable[[str], None]) -> None:
        self._handlers.append(handler)

    def _notify(self, key: str) -> None:
        for h in self._handlers:
            h(key)

    async def _relist(self) -> None:
        items: dict[str, dict[str, Any]] = {}
        cont = ""
        while True:
            params = {"limit": "500"}
            if cont:
                params["continue"] = cont
            body = await self.client.get(self.path, params, accept=self._list_accept)
            for obj in body.get("items") or []:
                items[object_key(obj)] = self._transform(obj) if self._transform else obj
            cont = (body.get("metadata") or {}).get("continue") or ""
            if not cont:
                self.resource_version = str((body.get("metadata") or {}).get("resourceVersion", ""))
                break
        gone = set(self.cache) - set(items)
        self.cache = items
        for key in gone:
            self._notify(key)
        for key in items:
            self._notify(key)
        self.synced.set()

    async def run(self) -> None:
        backoff = 0.1
        while True:
            try:
                await self._relist()
                while True:
                    async for ev in self.client.watch(
                        self.path, self.resource_version, accept=self._watch_accept
                    ):
                        obj = ev.get("object") or {}
                        rv = (obj.get("metadata") or {}).get("resourceVersion")
                        if rv:
                            self.resource_version = str(rv)
                        if ev["type"] == "BOOKMARK":
                            continue
                        key = object_key(obj)
                        if ev["type"] == "DELETED":
                            self.cache.pop(key, None)
                        else:
                            self.cache[key] = self._transform(obj) if self._transform else obj
                        self._notify(key)
                    backoff = 0.1
            except WatchExpired:
                continue
            except ClientError as exc:
                log.info("informer %s: %s; retrying in %.1fs", self.path, exc, backoff)
                await asyncio.sleep(backoff * random.uniform(0.8, 1.2))
                backoff = min(backoff * 2, 10.0)

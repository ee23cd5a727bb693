"""watch: initial state from the store, then changes from the watch cache,
filtered and written as newline-delimited events, with bookmarks."""

from __future__ import annotations

import asyncio
import datetime
import random
import time
from typing import Any

from aiohttp import web

from minikube_py.api import conversion, errors, tables
from minikube_py.api import request as req
from minikube_py.api.handlers.base import HandlerBase
from minikube_py.api.handlers.common import (
    LIST_PAGE,
    RV_WAIT,
    WATCH_DEFAULT_TIMEOUT,
    check_watch_options,
    encode,
    include_object,
    int_rv,
)
from minikube_py.api.watchcache import CacheEvent, TooOld


class Watches(HandlerBase):
    async def watch(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        q = request.query
        ls, fs = self._selectors(request, resource)
        rv = q.get("resourceVersion", "")
        bookmarks = q.get("allowWatchBookmarks") in ("true", "1")
        send_initial = q.get("sendInitialEvents") in ("true", "1")
        check_watch_options(q.get("sendInitialEvents"), q.get("resourceVersionMatch", ""))
        seconds = req.int_query(request, "timeoutSeconds")  # nan, inf, 1.5: 400
        timeout = float(seconds) if seconds is not None else random.uniform(*WATCH_DEFAULT_TIMEOUT)
        name_only = info.name
        prefix = (
            resource.key(info.namespace, name_only)
            if name_only
            else resource.key_prefix(info.namespace)
        )
        initial: list[dict[str, Any]] = []
        no_initial = q.get("sendInitialEvents") == "false"
        if (rv in ("", "0") and not no_initial) or send_initial:
            page_rev = 0
            token: str | None = None
            if send_initial and rv not in ("", "0"):
                want = int_rv(rv)
                if not await self.cache.wait_for(want, RV_WAIT):
                    raise errors.too_large_resource_version(want, self.cache.revision)
            while True:
                page = await self.store.list(
                    prefix, revision=page_rev, limit=LIST_PAGE, continue_token=token
                )
                page_rev = page.revision
                for kv in page.items:
                    if name_only and kv.key != prefix:
                        continue
                    obj = self._decoded(resource, kv)
                    if self._matches(obj, ls, fs):
                        initial.append(obj)
                token = page.continue_token
                if token is None:
                    break
            start = page_rev
        elif rv in ("", "0"):
            start = self.cache.revision  # explicitly no initial state: from now on
        else:
            start = int_rv(rv)
            if start > self.cache.revision and not await self.cache.wait_for(start, RV_WAIT):
                raise errors.too_large_resource_version(start, self.cache.revision)
        table_version = req.table_version(request)
        include = include_object(request) if table_version else "Metadata"
        partial = not table_version and req.wants_partial_metadata(request)
        now = datetime.datetime.now(datetime.UTC)
        response = web.StreamResponse(
            status=200,
            headers={"Content-Type": "application/json", "Cache-Control": "no-cache, private"},
        )
        try:
            sub = self.cache.subscribe(prefix, start)
        except TooOld as exc:
            await response.prepare(request)
            err = errors.gone(f"too old resource version: {exc.revision} ({exc.oldest})")
            await response.write(encode({"type": "ERROR", "object": err.status()}) + b"\n")
            return response
        await response.prepare(request)
        first_table = True

        async def emit(kind: str, obj: dict[str, Any]) -> None:
            nonlocal first_table
            body: Any = obj
            if table_version and kind != "BOOKMARK":
                body = tables.build_watch_table(
                    resource,
                    obj,
                    first=first_table,
                    include_object=include,
                    now=now,
                    api_version=table_version,
                )
                first_table = False
            elif partial:
                # as=PartialObjectMetadata: each event's object (bookmarks too) is its metadata only
                body = {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": obj.get("metadata") or {},
                }
            await response.write(encode({"type": kind, "object": body}) + b"\n")

        def served(obj: dict[str, Any]) -> dict[str, Any]:
            # the cache holds storage-version objects: shared, never mutated (converting copies)
            return conversion.from_storage(resource, obj)

        async def emit_event(kind: str, ev: CacheEvent) -> None:
            if table_version or partial or resource.converted:
                await emit(kind, served(ev.object))
            else:
                await response.write(
                    b"".join((b'{"type":"', kind.encode(), b'","object":', ev.raw, b"}\n"))
                )

        def bookmark(revision: int, initial_end: bool = False) -> dict[str, Any]:
            meta: dict[str, Any] = {"resourceVersion": str(revision)}
            if initial_end:
                meta["annotations"] = {"k8s.io/initial-events-end": "true"}
            return {"kind": resource.kind, "apiVersion": resource.api_version, "metadata": meta}

        try:
            async with asyncio.timeout(timeout):
                for obj in initial:
                    await emit("ADDED", obj)
                if send_initial and bookmarks:
                    await emit("BOOKMARK", bookmark(start, True))
                last_bookmark = time.monotonic()
                while True:
                    try:
                        queued = sub.get_nowait()
                        ev = (
                            queued
                            if queued is not False
                            else await asyncio.wait_for(
                                sub.get(), timeout=self.bookmark_interval if bookmarks else None
                            )
                        )
                    except TimeoutError:
                        # nothing is queued: every change up to the cache's revision was sent
                        await emit("BOOKMARK", bookmark(max(sub.after, start, self.cache.revision)))
                        last_bookmark = time.monotonic()
                        continue
                    if ev is None:
                        break
                    if name_only and ev.key != prefix:
                        continue
                    if ls is None and fs is None:
                        await emit_event(ev.type, ev)
                        continue
                    new_match = ev.type != "DELETED" and self._matches(served(ev.object), ls, fs)
                    old_match = ev.prev_object is not None and self._matches(
                        served(ev.prev_object), ls, fs
                    )
                    if ev.type == "DELETED":
                        if old_match:
                            await emit_event("DELETED", ev)
                    elif new_match and old_match:
                        await emit_event("MODIFIED", ev)
                    elif new_match:
                        await emit_event("ADDED", ev)
                    elif old_match:
                        await emit_event("DELETED", ev)
                    if bookmarks and time.monotonic() - last_bookmark > self.bookmark_interval:
                        await emit("BOOKMARK", bookmark(ev.revision))
                        last_bookmark = time.monotonic()
        except TimeoutError:
            pass  # timeoutSeconds (or the default) ended the stream
        except ConnectionResetError:
            pass  # the client went away; nothing to tell anyone
        finally:
            sub.close()
        return response

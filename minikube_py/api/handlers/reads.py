"""get and list: consistent reads from the store, paged, filtered by selectors,
rendered as JSON, Table or PartialObjectMetadata."""

from __future__ import annotations

import datetime
from typing import Any

from aiohttp import web

from minikube_py.api import errors, objects, tables
from minikube_py.api import request as req
from minikube_py.api.handlers.base import HandlerBase
from minikube_py.api.handlers.common import (
    LIST_STREAM_CHUNK,
    RV_WAIT,
    decode_continue,
    encode,
    encode_continue,
    include_object,
    json_response,
    to_scale,
)
from minikube_py.store import (
    Compacted,
    FutureRevision,
    InvalidContinue,
    KeyValue,
)


class Reads(HandlerBase):
    async def get(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        assert info.name is not None
        obj, _ = await self._get_kv(info.resource, info.namespace, info.name)
        if info.subresource == "scale":
            return json_response(to_scale(self.strategies.of(info.resource), obj))
        return self.render_one(request, info.resource, obj)

    async def list_objects(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        ls, fs = self._selectors(request, resource)
        q = request.query
        limit = max(req.int_query(request, "limit") or 0, 0)
        rv = q.get("resourceVersion", "")
        match = q.get("resourceVersionMatch", "")
        cont = q.get("continue") or None
        if match and match not in ("Exact", "NotOlderThan"):
            raise errors.bad_request(f'resourceVersionMatch: Unsupported value: "{match}"')
        if match and not rv:
            raise errors.bad_request(
                "resourceVersionMatch is forbidden unless resourceVersion is provided"
            )
        if cont and rv and rv != "0":
            raise errors.bad_request(
                "specifying resource version is not allowed when using continue"
            )
        revision = 0
        store_token: str | None = None
        if cont:
            revision, store_token = decode_continue(cont)
        elif rv:
            try:
                want = int(rv)
            except ValueError as exc:
                raise errors.bad_request(f'invalid resource version "{rv}"') from exc
            if match == "Exact":
                revision = want
            elif want > 0:
                current = await self.store.current_revision()
                if want > current and not await self.cache.wait_for(want, RV_WAIT):
                    raise errors.too_large_resource_version(want, current)
        table_version = req.table_version(request)
        partial = req.wants_partial_metadata(request)
        # without selectors or a Table, stored bytes go out as they are (resourceVersion spliced in)
        raw_only = (
            ls is None
            and fs is None
            and not table_version
            and not partial
            and not resource.converted
        )
        items: list[dict[str, Any]] = []
        raw_items: list[KeyValue] = []
        prefix = resource.key_prefix(info.namespace)
        read_revision = 0
        next_token: str | None = None
        remaining = 0
        try:
            while True:
                want_n = (limit - len(items) - len(raw_items)) if limit else 0
                page = await self.store.list(
                    prefix, revision=revision, limit=want_n, continue_token=store_token
                )
                read_revision = page.revision
                revision = page.revision
                for kv in page.items:
                    if raw_only:
                        raw_items.append(kv)
                        continue
                    obj = self._decoded(resource, kv)
                    if self._matches(obj, ls, fs):
                        items.append(obj)
                store_token = page.continue_token
                remaining = page.remaining
                if store_token is None:
                    break
                if limit and len(items) + len(raw_items) >= limit:
                    next_token = encode_continue(read_revision, store_token)
                    break
        except Compacted as exc:
            if cont:
                raise errors.gone(
                    "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list."
                ) from exc
            raise errors.gone(f"too old resource version: {revision} ({exc.compacted})") from exc
        except FutureRevision as exc:
            raise errors.too_large_resource_version(exc.revision, exc.current) from exc
        except InvalidContinue as exc:
            raise errors.bad_request(f"continue key is not valid: {exc}") from exc
        list_meta: dict[str, Any] = {"resourceVersion": str(read_revision)}
        if next_token:
            list_meta["continue"] = next_token
            if ls is None and fs is None and remaining:
                list_meta["remainingItemCount"] = remaining
        if raw_only:
            head = encode(
                {
                    "kind": resource.list_kind,
                    "apiVersion": resource.api_version,
                    "metadata": list_meta,
                }
            )
            return await self._stream_list(request, head[:-1] + b',"items":[', raw_items)
        if table_version:
            table = tables.build_table(
                resource,
                items,
                list_meta,
                include_object=include_object(request),
                now=datetime.datetime.now(datetime.UTC),
                api_version=table_version,
            )
            return json_response(table)
        if partial:
            return json_response(
                {
                    "kind": "PartialObjectMetadataList",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": list_meta,
                    "items": [
                        {
                            "kind": "PartialObjectMetadata",
                            "apiVersion": "meta.k8s.io/v1",
                            "metadata": o.get("metadata", {}),
                        }
                        for o in items
                    ],
                }
            )
        return json_response(
            {
                "kind": resource.list_kind,
                "apiVersion": resource.api_version,
                "metadata": list_meta,
                "items": items,
            }
        )

    async def _stream_list(
        self, request: web.Request, head: bytes, items: list[KeyValue]
    ) -> web.StreamResponse:
        """Write a list's stored items out in chunks, so a large list never holds
        a second full copy of itself in memory."""
        if len(items) <= LIST_STREAM_CHUNK:
            body = b"".join(
                (head, b",".join(objects.with_rv(kv.value, kv.mod_revision) for kv in items), b"]}")
            )
            return web.Response(body=body, content_type="application/json")
        response = web.StreamResponse(headers={"Content-Type": "application/json"})
        await response.prepare(request)
        await response.write(head)
        for start in range(0, len(items), LIST_STREAM_CHUNK):
            chunk = items[start : start + LIST_STREAM_CHUNK]
            sep = b"," if start else b""
            await response.write(
                sep + b",".join(objects.with_rv(kv.value, kv.mod_revision) for kv in chunk)
            )
        await response.write(b"]}")
        await response.write_eof()
        return response

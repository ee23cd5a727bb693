"""The REST verbs over any registered resource: create, get, list, watch,
update, patch, delete, deletecollection, and the subresources.

Each verb reads the world from the store, builds the new object with the pure
helpers (defaults, validation, patch, apply), and writes it back guarded by the
revision it read (optimistic concurrency, bounded retries for patches).
"""

from __future__ import annotations

import asyncio
import base64
import datetime
import json
import logging
import random
import time
from dataclasses import dataclass
from typing import Any

import msgspec
from aiohttp import web

from minikube_py.api import errors, objects, reviews, selectors, services, tables, validation
from minikube_py.api import patch as patching
from minikube_py.api import request as req
from minikube_py.api.apply import apply as server_side_apply
from minikube_py.api.apply import track_update
from minikube_py.api.openapi import OpenAPIDocs
from minikube_py.api.patch import ApplyConflict
from minikube_py.api.pki import TokenSigner
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.schema import check_fields
from minikube_py.api.watchcache import CacheEvent, TooOld, WatchCache
from minikube_py.store import (
    Compacted,
    Conflict,
    FutureRevision,
    InvalidContinue,
    KeyExists,
    KeyValue,
    NotFound,
    Store,
    StoreError,
    TooLarge,
)

log = logging.getLogger(__name__)

PATCH_RETRIES = 8
WATCH_DEFAULT_TIMEOUT = (1800, 3600)  # Kubernetes picks a random timeout in [30m, 60m)
BOOKMARK_INTERVAL = 30.0
DELETECOLLECTION_LIMIT = 10_000
LIST_PAGE = 500
RV_WAIT = 3.0  # how long a request for a newer resourceVersion waits for it, as Kubernetes
# kinds whose registries set ReturnDeletedObject: a delete answers with the object,
# not a Status, even when it is gone at once
RETURN_DELETED_OBJECT = frozenset({"Pod", "Service", "ServiceAccount", "Namespace"})
BINDING = "binding"  # the binding subresource writes spec.nodeName past the pod's immutability
MAX_GRACE_SECONDS = (2**63 - 1) // 10**9  # the longest Go time.Duration, in seconds
MAX_TOKEN_SECONDS = 2**32  # TokenRequest validation's upper bound
# the kinds POSTed to subresources, whose bodies are type-checked against them
SUBRESOURCE_KINDS = {
    "binding": ("v1", "Binding"),
    "eviction": ("policy/v1", "Eviction"),
    "token": ("authentication.k8s.io/v1", "TokenRequest"),
}

_encoder = msgspec.json.Encoder()


def encode(obj: Any) -> bytes:
    return _encoder.encode(obj)


def json_response(
    body: Any, status: int = 200, headers: dict[str, str] | None = None
) -> web.Response:
    return web.Response(
        body=encode(body), status=status, content_type="application/json", headers=headers
    )


@dataclass
class Options:
    """Query options shared by the write verbs."""

    dry_run: bool
    field_manager: str
    field_validation: str  # Strict, Warn, Ignore

    @classmethod
    def parse(cls, request: web.Request, default_manager: str) -> Options:
        q = request.query
        dry = q.getall("dryRun", [])
        for d in dry:
            if d != "All":
                raise errors.bad_request(f'Invalid dryRun value "{d}": supported values: "All"')
        fv = q.get("fieldValidation", "Warn") or "Warn"
        if fv not in ("Strict", "Warn", "Ignore"):
            raise errors.bad_request(
                f'invalid fieldValidation directive "{fv}": supported values: "Ignore", "Warn", "Strict"'
            )
        manager = q.get("fieldManager") or default_manager
        if len(manager) > 128:
            raise errors.bad_request("fieldManager: Too long: must have at most 128 bytes")
        return cls(bool(dry), manager, fv)


def default_manager(request: web.Request) -> str:
    agent = request.headers.get("User-Agent", "unknown")
    return agent.split("/", 1)[0][:128] or "unknown"


def _kind_check(
    resource: ResourceInfo, obj: dict[str, Any], expect_kind: str | None = None
) -> None:
    kind = expect_kind or resource.kind
    api_version = obj.get("apiVersion")
    if api_version is None or api_version == "":
        obj["apiVersion"] = resource.api_version
    elif api_version != resource.api_version and expect_kind is None:
        raise errors.bad_request(
            f"the API version in the data ({api_version}) does not match the expected API version ({resource.api_version})"
        )
    got = obj.get("kind")
    if got is None or got == "":
        obj["kind"] = kind
    elif got != kind:
        raise errors.bad_request(
            f"the kind in the data ({got}) does not match the expected kind ({kind})"
        )
    meta = obj.get("metadata")
    if meta is None:
        obj["metadata"] = {}
    elif not isinstance(meta, dict):
        raise errors.bad_request("metadata: expected an object")


class Handlers:
    def __init__(
        self,
        store: Store,
        cache: WatchCache,
        registry: Registry,
        openapi: OpenAPIDocs,
        tokens: TokenSigner,
        service_cidr: str = services.DEFAULT_SERVICE_CIDR,
    ) -> None:
        self.store = store
        self.services = services.ServiceAllocator(store, service_cidr)
        self.cache = cache
        self.registry = registry
        self.openapi = openapi
        self.tokens = tokens
        self.bookmark_interval = BOOKMARK_INTERVAL
        self.ns_resource = registry.lookup("", "v1", "namespaces")

    # ------------------------------------------------------------------ reads

    async def _get_kv(
        self, resource: ResourceInfo, ns: str | None, name: str
    ) -> tuple[dict[str, Any], KeyValue]:
        try:
            kv = await self.store.get(resource.key(ns, name))
        except NotFound as exc:
            raise errors.not_found(resource, name) from exc
        return objects.decode_with_rv(kv.value, kv.mod_revision), kv

    async def get(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        assert info.name is not None
        obj, _ = await self._get_kv(info.resource, info.namespace, info.name)
        if info.subresource == "scale":
            return json_response(to_scale(info.resource, obj))
        return self.render_one(request, info.resource, obj)

    def render_one(
        self,
        request: web.Request,
        resource: ResourceInfo,
        obj: dict[str, Any],
        status: int = 200,
        headers: dict[str, str] | None = None,
    ) -> web.Response:
        table_version = req.table_version(request)
        if table_version:
            table = tables.build_object_table(
                resource,
                obj,
                include_object=_include_object(request),
                now=datetime.datetime.now(datetime.UTC),
                api_version=table_version,
            )
            return json_response(table, status, headers)
        if req.wants_partial_metadata(request):
            return json_response(
                {
                    "kind": "PartialObjectMetadata",
                    "apiVersion": "meta.k8s.io/v1",
                    "metadata": obj.get("metadata", {}),
                },
                status,
                headers,
            )
        return json_response(obj, status, headers)

    def _selectors(
        self, request: web.Request, resource: ResourceInfo
    ) -> tuple[selectors.LabelSelector | None, selectors.FieldSelector | None]:
        try:
            ls = (
                selectors.parse_label_selector(request.query["labelSelector"])
                if request.query.get("labelSelector")
                else None
            )
            fs = (
                selectors.parse_field_selector(request.query["fieldSelector"], resource)
                if request.query.get("fieldSelector")
                else None
            )
        except selectors.SelectorError as exc:
            raise errors.bad_request(str(exc)) from exc
        return ls, fs

    @staticmethod
    def _matches(
        obj: dict[str, Any], ls: selectors.LabelSelector | None, fs: selectors.FieldSelector | None
    ) -> bool:
        if ls is not None and not ls.matches(obj.get("metadata", {}).get("labels") or {}):
            return False
        return fs is None or fs.matches(obj)

    async def list_objects(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        if request.query.get("watch") in ("true", "1"):
            return await self.watch(request, info)
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
        raw_only = ls is None and fs is None and not table_version and not partial
        items: list[dict[str, Any]] = []
        raw_items: list[bytes] = []
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
                        raw_items.append(objects.with_rv(kv.value, kv.mod_revision))
                        continue
                    obj = objects.decode_with_rv(kv.value, kv.mod_revision)
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
            body = b"".join((head[:-1], b',"items":[', b",".join(raw_items), b"]}"))
            return web.Response(body=body, content_type="application/json")
        if table_version:
            table = tables.build_table(
                resource,
                items,
                list_meta,
                include_object=_include_object(request),
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

    # ------------------------------------------------------------------ watch

    async def watch(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        q = request.query
        ls, fs = self._selectors(request, resource)
        rv = q.get("resourceVersion", "")
        bookmarks = q.get("allowWatchBookmarks") in ("true", "1")
        send_initial = q.get("sendInitialEvents") in ("true", "1")
        _check_watch_options(q.get("sendInitialEvents"), q.get("resourceVersionMatch", ""))
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
                want = _int_rv(rv)
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
                    obj = objects.decode_with_rv(kv.value, kv.mod_revision)
                    if self._matches(obj, ls, fs):
                        initial.append(obj)
                token = page.continue_token
                if token is None:
                    break
            start = page_rev
        elif rv in ("", "0"):
            start = self.cache.revision  # explicitly no initial state: from now on
        else:
            start = _int_rv(rv)
            if start > self.cache.revision and not await self.cache.wait_for(start, RV_WAIT):
                raise errors.too_large_resource_version(start, self.cache.revision)
        table_version = req.table_version(request)
        include = _include_object(request) if table_version else "Metadata"
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
            await response.write(encode({"type": kind, "object": body}) + b"\n")

        async def emit_event(kind: str, ev: CacheEvent) -> None:
            if table_version:
                await emit(kind, ev.object)
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
                    new_match = ev.type != "DELETED" and self._matches(ev.object, ls, fs)
                    old_match = ev.prev_object is not None and self._matches(ev.prev_object, ls, fs)
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

    # ------------------------------------------------------------------ create

    async def _check_namespace(self, resource: ResourceInfo, ns: str | None) -> None:
        if not resource.namespaced or ns is None or self.ns_resource is None:
            return
        if self.cache.namespaces.get(ns) is False:
            return  # known active: the cache follows every namespace change
        try:
            kv = await self.store.get(self.ns_resource.key(None, ns))
        except NotFound as exc:
            raise errors.APIError(
                404,
                "NotFound",
                f'namespaces "{ns}" not found',
                details={"name": ns, "kind": "namespaces"},
            ) from exc
        ns_obj = msgspec.json.decode(kv.value)
        if (
            ns_obj.get("metadata", {}).get("deletionTimestamp")
            or ns_obj.get("status", {}).get("phase") == "Terminating"
        ):
            raise errors.APIError(
                403,
                "Forbidden",
                f'{_qualified(resource)} "" is forbidden: unable to create new content in namespace {ns} because it is being terminated',
                details={
                    "kind": resource.plural,
                    "causes": [
                        {
                            "reason": "NamespaceTerminating",
                            "message": f"namespace {ns} is being terminated",
                            "field": "metadata.namespace",
                        }
                    ],
                },
            )

    def _unknown_fields(
        self,
        resource: ResourceInfo,
        obj: dict[str, Any],
        dups: list[str],
        opts: Options,
        headers: dict[str, str],
    ) -> None:
        self._check_types(resource, obj)
        unknown = check_fields(self.openapi, resource, obj)
        problems = [f'unknown field "{p}"' for p in unknown] + [
            f'duplicate field "{d}"' for d in dups
        ]
        if not problems:
            return
        if opts.field_validation == "Strict":
            raise errors.bad_request("strict decoding error: " + ", ".join(problems))
        if opts.field_validation == "Warn":
            headers["Warning"] = ", ".join(f'299 - "{p}"' for p in problems[:50])

    async def create(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        if info.name is not None:
            raise errors.method_not_allowed("POST")
        opts = Options.parse(request, default_manager(request))
        body = await req.read_body(request)
        dups: list[str] = []
        obj = req.decode_object_body(request.headers.get("Content-Type", ""), body, dups)
        _kind_check(resource, obj)
        headers: dict[str, str] = {}
        self._unknown_fields(resource, obj, dups, opts, headers)
        if resource.virtual:
            answer = reviews.review(resource, obj, request["identity"], self.tokens, info.namespace)
            return json_response(answer, 201, headers)
        obj = await self.create_object(resource, info.namespace, obj, opts)
        return self.render_one(request, resource, obj, 201, headers)

    async def create_object(
        self,
        resource: ResourceInfo,
        ns: str | None,
        obj: dict[str, Any],
        opts: Options,
        applied: bool = False,
    ) -> dict[str, Any]:
        """Create `obj`; `applied` when server-side apply made it and already
        recorded its manager (as an Apply, which an Update entry must not replace)."""
        meta = obj["metadata"]
        if resource.namespaced:
            body_ns = meta.get("namespace")
            if body_ns and ns and body_ns != ns:
                raise errors.bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request"
                )
            meta["namespace"] = ns or body_ns or "default"
        else:
            meta.pop("namespace", None)
        if not meta.get("name") and meta.get("generateName"):
            meta["name"] = objects.generated_name(str(meta["generateName"]))
        for field in (*objects.SERVER_METADATA, "resourceVersion"):
            meta.pop(field, None)
        meta["uid"] = objects.new_uid()
        meta["creationTimestamp"] = objects.now_rfc3339()
        if resource.has_generation:
            meta["generation"] = 1
        validation.apply_defaults(resource, obj)
        objects.initial_status(resource, obj)
        if resource.kind == "Namespace":
            obj.setdefault("metadata", {}).setdefault("labels", {})[
                "kubernetes.io/metadata.name"
            ] = meta.get("name", "")
        self._validate(resource, obj, None)
        await self._check_namespace(
            resource, meta.get("namespace") if resource.namespaced else None
        )
        if not applied:
            obj = self._track(resource, None, obj, opts.field_manager, None)
        if opts.dry_run:
            return obj  # nothing stored, so no resourceVersion
        name = obj["metadata"]["name"]
        taken = await self.services.allocate(resource, obj) if _is_service(resource) else None
        try:
            rev = await self.store.create(
                resource.key(meta.get("namespace") if resource.namespaced else None, name),
                objects.storage_bytes(obj),
            )
        except BaseException as exc:
            if taken is not None:
                await self.services.release(taken)
            if isinstance(exc, KeyExists):
                raise errors.already_exists(resource, name) from exc
            if isinstance(exc, TooLarge):
                raise errors.too_large(exc.limit) from exc
            raise
        obj["metadata"]["resourceVersion"] = str(rev)
        return obj

    def _track(
        self,
        resource: ResourceInfo,
        old: dict[str, Any] | None,
        new: dict[str, Any],
        manager: str,
        subresource: str | None,
    ) -> dict[str, Any]:
        """Record in managedFields what an Update by `manager` changed."""
        root, components = self.openapi.schema_for(resource)
        return track_update(
            old,
            new,
            manager,
            operation="Update",
            schema=root,
            components=components,
            api_version=resource.api_version,
            now=objects.now_rfc3339(),
            subresource=subresource,
            ignored_fields=_ignored(resource) if subresource is None else (),
        )

    def _validate(
        self,
        resource: ResourceInfo,
        obj: dict[str, Any],
        old: dict[str, Any] | None,
        subresource: str | None = None,
    ) -> None:
        if old is None:
            causes = validation.validate_create(resource, obj)
        elif subresource == "status":
            causes = validation.validate_status_update(resource, obj, old)
        else:
            causes = validation.validate_update(resource, obj, old)
        self._raise_invalid(resource, obj, causes)

    def _check_types(self, resource: ResourceInfo, obj: dict[str, Any]) -> None:
        """Values of the wrong JSON type never reach defaulting or validation."""
        self._raise_invalid(resource, obj, validation.validate_types(resource, obj))

    @staticmethod
    def _raise_invalid(
        resource: ResourceInfo, obj: dict[str, Any], causes: list[validation.Cause]
    ) -> None:
        if causes:
            plain = [validation.cause_dict(c) for c in causes]
            meta = obj.get("metadata")
            name = str(meta.get("name", "")) if isinstance(meta, dict) else ""
            raise errors.invalid(
                resource,
                name,
                plain,
                validation.format_invalid_message(resource, name, causes),
            )

    # ------------------------------------------------------------------ update

    async def update(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        assert info.name is not None
        opts = Options.parse(request, default_manager(request))
        body = await req.read_body(request)
        dups: list[str] = []
        obj = req.decode_object_body(request.headers.get("Content-Type", ""), body, dups)
        if info.subresource == "scale":
            req.check_types(obj, "autoscaling/v1", "Scale")
            return await self._update_scale(request, info, obj, opts)
        _kind_check(resource, obj)
        name = obj["metadata"].get("name")
        if name and name != info.name:
            raise errors.bad_request(
                f"the name of the object ({name}) does not match the name on the URL ({info.name})"
            )
        obj["metadata"]["name"] = info.name
        headers: dict[str, str] = {}
        self._unknown_fields(resource, obj, dups, opts, headers)
        precondition = obj["metadata"].get("resourceVersion") or None
        result, created = await self.update_object(
            resource,
            info.namespace,
            info.name,
            lambda _cur: obj,
            opts,
            info.subresource,
            precondition,
        )
        return self.render_one(request, resource, result, 201 if created else 200, headers)

    async def update_object(
        self,
        resource: ResourceInfo,
        ns: str | None,
        name: str,
        mutate: Any,
        opts: Options,
        subresource: str | None = None,
        precondition: str | None = None,
        create_missing: bool = False,
        applied: bool = False,
    ) -> tuple[dict[str, Any], bool]:
        """Read, mutate (a function of the current object), check and write back,
        retrying on a moved revision unless the caller pinned one."""
        for _ in range(PATCH_RETRIES):
            try:
                current, kv = await self._get_kv(resource, ns, name)
            except errors.APIError:
                if not create_missing:
                    raise
                incoming = mutate(None)
                return await self.create_object(resource, ns, incoming, opts, applied=True), True
            if precondition is not None and precondition != str(kv.mod_revision):
                raise errors.conflict(
                    resource,
                    name,
                    "the object has been modified; please apply your changes to the latest version and try again",
                )
            incoming = mutate(objects.deep(current))
            self._check_types(resource, incoming)
            new = self._prepare_update(resource, current, incoming, subresource)
            if subresource != BINDING:
                self._validate(resource, new, current, subresource)
            if not _changed(current, new):
                return current, False
            if not applied and subresource in (None, "status"):
                new = self._track(resource, current, new, opts.field_manager, subresource)
            if opts.dry_run:
                # nothing written: the object keeps the version it was read at
                new["metadata"]["resourceVersion"] = str(kv.mod_revision)
                return new, False
            service = _is_service(resource)
            try:
                if (
                    new["metadata"].get("deletionTimestamp")
                    and not new["metadata"].get("finalizers")
                    and _finalized(resource, new)
                ):
                    await self.store.delete(kv.key, kv.mod_revision)
                    if service:
                        await self.services.release(self.services.held_by(current))
                    return new, False
                taken = await self.services.allocate(resource, new, current) if service else None
                try:
                    rev = await self.store.update(
                        kv.key, objects.storage_bytes(new), kv.mod_revision
                    )
                except BaseException:
                    if taken is not None:
                        await self.services.release(taken)
                    raise
                if service:
                    await self.services.release(self.services.no_longer_held(current, new))
            except Conflict:
                if precondition is not None:
                    raise errors.conflict(
                        resource,
                        name,
                        "the object has been modified; please apply your changes to the latest version and try again",
                    ) from None
                continue
            except NotFound as exc:
                raise errors.not_found(resource, name) from exc
            except TooLarge as exc:
                raise errors.too_large(exc.limit) from exc
            new["metadata"]["resourceVersion"] = str(rev)
            return new, False
        raise errors.conflict(resource, name, "too many concurrent updates; try again")

    def _prepare_update(
        self,
        resource: ResourceInfo,
        current: dict[str, Any],
        incoming: dict[str, Any],
        subresource: str | None,
    ) -> dict[str, Any]:
        if subresource == BINDING:
            return incoming
        if subresource in ("status",):
            new = objects.deep(current)
            if "status" in incoming:
                new["status"] = incoming["status"]
            else:
                new.pop("status", None)
            return new
        if subresource == "finalize":
            new = objects.deep(current)
            new.setdefault("spec", {})["finalizers"] = (incoming.get("spec") or {}).get(
                "finalizers"
            ) or []
            return new
        new = incoming
        new["apiVersion"] = resource.api_version
        new["kind"] = resource.kind
        meta = new.setdefault("metadata", {})
        cur_meta = current.get("metadata", {})
        for field in (
            "uid",
            "creationTimestamp",
            "deletionTimestamp",
            "deletionGracePeriodSeconds",
            "generation",
            "namespace",
            "name",
        ):
            if field in cur_meta:
                meta[field] = cur_meta[field]
            else:
                meta.pop(field, None)
        meta.pop("resourceVersion", None)
        if resource.has_status and resource.kind != "Node":
            if "status" in current:
                new["status"] = current["status"]
            else:
                new.pop("status", None)
        if resource.kind == "Namespace":
            new["spec"] = current.get("spec", {})
            meta.setdefault("labels", {})["kubernetes.io/metadata.name"] = meta.get("name", "")
        if _is_service(resource):
            services.carry_allocated(current, new)
        validation.apply_defaults(resource, new)
        if resource.has_generation and objects.spec_view(new) != objects.spec_view(current):
            meta["generation"] = int(cur_meta.get("generation") or 1) + 1
        # a deleting object may only lose finalizers, never gain new ones
        if cur_meta.get("deletionTimestamp"):
            old_f = set(cur_meta.get("finalizers") or [])
            new_f = meta.get("finalizers") or []
            if any(f not in old_f for f in new_f):
                raise errors.invalid(
                    resource,
                    meta.get("name", ""),
                    [
                        {
                            "reason": "FieldValueForbidden",
                            "field": "metadata.finalizers",
                            "message": "no new finalizers can be added if the object is being deleted",
                        }
                    ],
                    f'{resource.kind} "{meta.get("name", "")}" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted',
                )
        return new

    async def _update_scale(
        self, request: web.Request, info: req.RequestInfo, scale: dict[str, Any], opts: Options
    ) -> web.StreamResponse:
        assert info.name is not None
        replicas = (scale.get("spec") or {}).get("replicas", 0)
        if not isinstance(replicas, int) or replicas < 0:
            raise errors.invalid(
                info.resource,
                info.name,
                [
                    {
                        "reason": "FieldValueInvalid",
                        "field": "spec.replicas",
                        "message": f"Invalid value: {replicas}: must be greater than or equal to 0",
                    }
                ],
                f'Scale.autoscaling "{info.name}" is invalid: spec.replicas: Invalid value: {replicas}: must be greater than or equal to 0',
            )
        precondition = (scale.get("metadata") or {}).get("resourceVersion") or None

        def mutate(cur: dict[str, Any]) -> dict[str, Any]:
            cur.setdefault("spec", {})["replicas"] = replicas
            return cur

        obj, _ = await self.update_object(
            info.resource, info.namespace, info.name, mutate, opts, None, precondition
        )
        return json_response(to_scale(info.resource, obj))

    # ------------------------------------------------------------------ patch

    async def patch(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        assert info.name is not None
        ctype, _ = req.media_type(request.headers.get("Content-Type", ""))
        if ctype not in req.PATCH_TYPES:
            raise errors.unsupported_media(ctype)
        opts = Options.parse(request, default_manager(request))
        body = await req.read_body(request)
        headers: dict[str, str] = {}
        if ctype == req.APPLY_PATCH:
            if not request.query.get("fieldManager"):
                raise errors.bad_request(
                    "PATCH, application/apply-patch+yaml requires fieldManager to be set"
                )
            dups: list[str] = []
            applied = req.decode_yaml(body, dups)
            if not isinstance(applied, dict):
                raise errors.bad_request("the apply patch must be an object")
            _kind_check(resource, applied)
            if applied["metadata"].get("name") and applied["metadata"]["name"] != info.name:
                raise errors.bad_request(
                    f"the name of the object ({applied['metadata']['name']}) does not match the name on the URL ({info.name})"
                )
            applied["metadata"]["name"] = info.name
            self._unknown_fields(resource, applied, dups, opts, headers)
            force = request.query.get("force") in ("true", "1")
            root, components = self.openapi.schema_for(resource)

            def do_apply(cur: dict[str, Any] | None) -> dict[str, Any]:
                try:
                    out = server_side_apply(
                        cur,
                        objects.deep(applied),
                        opts.field_manager,
                        force,
                        root,
                        components,
                        objects.now_rfc3339(),
                        api_version=resource.api_version,
                        subresource=info.subresource,
                        ignored_fields=_ignored(resource) if info.subresource is None else (),
                    )
                except ApplyConflict as exc:
                    raise errors.APIError(
                        409,
                        "Conflict",
                        str(exc),
                        details={
                            "name": info.name or "",
                            "kind": resource.plural,
                            "causes": exc.causes,
                        },
                    ) from exc
                except patching.PatchError as exc:
                    raise errors.patch_failed(exc) from exc
                if cur is None:
                    out.setdefault("metadata", {})["name"] = info.name
                return out

            if info.subresource == "scale":
                raise errors.unsupported_media(ctype)
            result, created = await self.update_object(
                resource,
                info.namespace,
                info.name,
                do_apply,
                opts,
                info.subresource,
                None,
                create_missing=True,
                applied=True,
            )
            return self.render_one(request, resource, result, 201 if created else 200, headers)
        if ctype == req.JSON_PATCH:
            patch_doc: Any = req.decode_json(body)
        else:
            patch_doc = (
                req.decode_json(body) if body.strip()[:1] in (b"{", b"[") else req.decode_yaml(body)
            )
        root, components = self.openapi.schema_for(resource)

        def do_patch(cur: dict[str, Any] | None) -> dict[str, Any]:
            assert cur is not None
            target = to_scale(resource, cur) if info.subresource == "scale" else cur
            try:
                if ctype == req.JSON_PATCH:
                    out = patching.json_patch(target, patch_doc)
                elif ctype == req.MERGE_PATCH:
                    out = patching.merge_patch(target, patch_doc)
                else:
                    if info.subresource == "scale":
                        out = patching.merge_patch(target, patch_doc)
                    else:
                        out = patching.strategic_merge_patch(target, patch_doc, root, components)
            except patching.PatchError as exc:
                raise errors.patch_failed(exc) from exc
            if not isinstance(out, dict):
                raise errors.bad_request("the patched object is not an object")
            if info.subresource == "scale":
                replicas = (out.get("spec") or {}).get("replicas", 0)
                cur.setdefault("spec", {})["replicas"] = replicas
                return cur
            return out

        result, _ = await self.update_object(
            resource,
            info.namespace,
            info.name,
            do_patch,
            opts,
            None if info.subresource == "scale" else info.subresource,
        )
        if info.subresource == "scale":
            return json_response(to_scale(resource, result))
        return self.render_one(request, resource, result, 200, headers)

    # ------------------------------------------------------------------ delete

    async def delete(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        assert info.name is not None
        options = await self._delete_options(request)
        obj, gone = await self.delete_object(info.resource, info.namespace, info.name, options)
        if gone and info.resource.kind not in RETURN_DELETED_OBJECT:
            return json_response(_deleted_status(info.resource, obj))
        return self.render_one(request, info.resource, obj, 200)

    async def _delete_options(self, request: web.Request) -> dict[str, Any]:
        body = await req.read_body(request)
        options: dict[str, Any] = {}
        if body.strip():
            decoded = req.decode_typed_body(
                request.headers.get("Content-Type", ""), body, "v1", "DeleteOptions"
            )
            req.check_dry_run(decoded.get("dryRun") or [])
            options.update(decoded)
        q = request.query
        if q.get("propagationPolicy"):
            options["propagationPolicy"] = q["propagationPolicy"]
        if q.get("gracePeriodSeconds"):
            options["gracePeriodSeconds"] = req.int_query(request, "gracePeriodSeconds")
        if q.get("orphanDependents"):
            options["orphanDependents"] = q["orphanDependents"] == "true"
        if q.getall("dryRun", []):
            req.check_dry_run(q.getall("dryRun"))
            options["dryRun"] = q.getall("dryRun")
        policy = options.get("propagationPolicy")
        if policy is not None and policy not in ("Foreground", "Background", "Orphan"):
            raise errors.bad_request(
                f'propagationPolicy: Unsupported value: "{policy}": supported values: "Foreground", "Background", "Orphan"'
            )
        if options.get("orphanDependents") is not None and policy is not None:
            raise errors.bad_request("orphanDependents and propagationPolicy cannot both be set")
        return options

    async def delete_object(
        self, resource: ResourceInfo, ns: str | None, name: str, options: dict[str, Any]
    ) -> tuple[dict[str, Any], bool]:
        dry = bool(options.get("dryRun"))
        for _ in range(PATCH_RETRIES):
            obj, kv = await self._get_kv(resource, ns, name)
            meta = obj["metadata"]
            pre = options.get("preconditions") or {}
            if pre.get("uid") and pre["uid"] != meta.get("uid"):
                raise errors.conflict(
                    resource,
                    name,
                    f"Precondition failed: UID in precondition: {pre['uid']}, UID in object meta: {meta.get('uid')}",
                )
            if pre.get("resourceVersion") and pre["resourceVersion"] != meta.get("resourceVersion"):
                raise errors.conflict(
                    resource,
                    name,
                    f"Precondition failed: ResourceVersion in precondition: {pre['resourceVersion']}, ResourceVersion in object meta: {meta.get('resourceVersion')}",
                )
            finalizers = list(meta.get("finalizers") or [])
            policy = options.get("propagationPolicy")
            if options.get("orphanDependents") is True:
                policy = "Orphan"
            elif options.get("orphanDependents") is False:
                policy = "Foreground"
            wanted = list(finalizers)
            if policy == "Foreground" and "foregroundDeletion" not in wanted:
                wanted.append("foregroundDeletion")
                wanted = [f for f in wanted if f != "orphan"]
            elif policy == "Orphan" and "orphan" not in wanted:
                wanted.append("orphan")
                wanted = [f for f in wanted if f != "foregroundDeletion"]
            elif policy == "Background":
                wanted = [f for f in wanted if f not in ("orphan", "foregroundDeletion")]
            grace = options.get("gracePeriodSeconds")
            graceful = (
                resource.kind == "Pod"
                and bool((obj.get("spec") or {}).get("nodeName"))
                and grace != 0
            )
            namespace_hold = resource.kind == "Namespace" and bool(
                (obj.get("spec") or {}).get("finalizers")
            )
            if meta.get("deletionTimestamp") and (finalizers or namespace_hold):
                if wanted == finalizers:
                    return obj, False
            if wanted or graceful or namespace_hold:
                new = objects.deep(obj)
                nmeta = new["metadata"]
                if not nmeta.get("deletionTimestamp"):
                    if graceful:
                        seconds = _grace_seconds(
                            grace
                            if grace is not None
                            else (new.get("spec") or {}).get("terminationGracePeriodSeconds", 30)
                        )
                        at = datetime.datetime.now(datetime.UTC) + datetime.timedelta(
                            seconds=seconds
                        )
                        nmeta["deletionTimestamp"] = objects.now_rfc3339(at)
                        nmeta["deletionGracePeriodSeconds"] = seconds
                    else:
                        nmeta["deletionTimestamp"] = objects.now_rfc3339()
                        nmeta["deletionGracePeriodSeconds"] = 0
                if wanted:
                    nmeta["finalizers"] = wanted
                if resource.kind == "Namespace":
                    new.setdefault("status", {})["phase"] = "Terminating"
                nmeta.pop("resourceVersion", None)
                if dry:
                    return new, False
                try:
                    rev = await self.store.update(
                        kv.key, objects.storage_bytes(new), kv.mod_revision
                    )
                except Conflict:
                    continue
                except NotFound as exc:
                    raise errors.not_found(resource, name) from exc
                nmeta["resourceVersion"] = str(rev)
                return new, False
            if dry:
                return obj, True
            try:
                await self.store.delete(kv.key, kv.mod_revision)
            except Conflict:
                continue
            except NotFound as exc:
                raise errors.not_found(resource, name) from exc
            if _is_service(resource):
                await self.services.release(self.services.held_by(obj))
            return obj, True
        raise errors.conflict(resource, name, "too many concurrent updates; try again")

    async def delete_collection(
        self, request: web.Request, info: req.RequestInfo
    ) -> web.StreamResponse:
        resource = info.resource
        ls, fs = self._selectors(request, resource)
        options = await self._delete_options(request)
        page = await self.store.list(
            resource.key_prefix(info.namespace), limit=DELETECOLLECTION_LIMIT
        )
        deleted: list[dict[str, Any]] = []
        for kv in page.items:
            obj = msgspec.json.decode(kv.value)
            if not self._matches(obj, ls, fs):
                continue
            meta = obj.get("metadata", {})
            try:
                done, _ = await self.delete_object(
                    resource,
                    meta.get("namespace") if resource.namespaced else None,
                    meta["name"],
                    options,
                )
            except errors.APIError as exc:
                if exc.code == 404:
                    continue
                raise
            deleted.append(done)
        return json_response(
            {
                "kind": resource.list_kind,
                "apiVersion": resource.api_version,
                "metadata": {"resourceVersion": str(await self.store.current_revision())},
                "items": deleted,
            }
        )

    # ------------------------------------------------------------------ subresources (POST)

    async def create_subresource(
        self, request: web.Request, info: req.RequestInfo
    ) -> web.StreamResponse:
        assert info.name is not None
        sub = info.subresource
        body = await req.read_body(request)
        obj = (
            req.decode_object_body(request.headers.get("Content-Type", ""), body, [])
            if body.strip()
            else {}
        )
        if sub in SUBRESOURCE_KINDS:
            req.check_types(obj, *SUBRESOURCE_KINDS[sub])
        opts = Options.parse(request, default_manager(request))
        if sub == "binding":
            target = (obj.get("target") or {}).get("name")
            if not target:
                raise errors.invalid(
                    info.resource,
                    info.name,
                    [
                        {
                            "reason": "FieldValueRequired",
                            "field": "target.name",
                            "message": "Required value",
                        }
                    ],
                    f'Binding "{info.name}" is invalid: target.name: Required value',
                )

            def bind(cur: dict[str, Any] | None) -> dict[str, Any]:
                assert cur is not None
                if cur.get("metadata", {}).get("deletionTimestamp"):
                    raise errors.conflict(
                        info.resource,
                        info.name or "",
                        "pod is being deleted, cannot be assigned to a host",
                    )
                if (cur.get("spec") or {}).get("nodeName"):
                    raise errors.conflict(
                        info.resource,
                        info.name or "",
                        f'pod {info.name} is already assigned to node "{cur["spec"]["nodeName"]}"',
                    )
                cur.setdefault("spec", {})["nodeName"] = target
                conds = cur.setdefault("status", {}).setdefault("conditions", [])
                conds[:] = [c for c in conds if c.get("type") != "PodScheduled"]
                conds.append(
                    {
                        "type": "PodScheduled",
                        "status": "True",
                        "lastProbeTime": None,
                        "lastTransitionTime": objects.now_rfc3339(),
                    }
                )
                return cur

            await self.update_object(info.resource, info.namespace, info.name, bind, opts, BINDING)
            return json_response(
                {
                    "kind": "Status",
                    "apiVersion": "v1",
                    "metadata": {},
                    "status": "Success",
                    "code": 201,
                },
                201,
            )
        if sub == "eviction":
            options = obj.get("deleteOptions") or {}
            await self.delete_object(info.resource, info.namespace, info.name, options)
            return json_response(
                {
                    "kind": "Status",
                    "apiVersion": "v1",
                    "metadata": {},
                    "status": "Success",
                    "code": 201,
                },
                201,
            )
        if sub == "token":
            await self._get_kv(info.resource, info.namespace, info.name)
            spec = obj.get("spec") or {}
            seconds = int(spec.get("expirationSeconds") or 3600)
            if seconds > MAX_TOKEN_SECONDS:
                raise errors.invalid(
                    info.resource,
                    info.name,
                    [
                        {
                            "reason": "FieldValueInvalid",
                            "field": "spec.expirationSeconds",
                            "message": "may not specify a duration larger than 2^32 seconds",
                        }
                    ],
                    f'TokenRequest.authentication.k8s.io "{info.name}" is invalid: spec.expirationSeconds: Invalid value: {seconds}: may not specify a duration larger than 2^32 seconds',
                )
            if seconds < 600:
                raise errors.invalid(
                    info.resource,
                    info.name,
                    [
                        {
                            "reason": "FieldValueInvalid",
                            "field": "spec.expirationSeconds",
                            "message": "may not specify a duration less than 10 minutes",
                        }
                    ],
                    f'TokenRequest.authentication.k8s.io "{info.name}" is invalid: spec.expirationSeconds: Invalid value: {seconds}: may not specify a duration less than 10 minutes',
                )
            expires = time.time() + seconds
            user = f"system:serviceaccount:{info.namespace}:{info.name}"
            token = self.tokens.issue(
                user,
                ["system:serviceaccounts", f"system:serviceaccounts:{info.namespace}"],
                int(expires),
            )
            out = {
                "kind": "TokenRequest",
                "apiVersion": "authentication.k8s.io/v1",
                "metadata": {
                    "name": info.name,
                    "namespace": info.namespace,
                    "creationTimestamp": None,
                },
                "spec": {
                    "audiences": spec.get("audiences")
                    or ["https://kubernetes.default.svc.cluster.local"],
                    "expirationSeconds": seconds,
                    "boundObjectRef": spec.get("boundObjectRef"),
                },
                "status": {
                    "token": token,
                    "expirationTimestamp": objects.now_rfc3339(
                        datetime.datetime.fromtimestamp(expires, datetime.UTC)
                    ),
                },
            }
            return json_response(out, 201)
        if sub in ("log", "exec", "attach", "portforward"):
            pod, _ = await self._get_kv(info.resource, info.namespace, info.name)
            if not (pod.get("spec") or {}).get("nodeName"):
                raise errors.bad_request(f"pod {info.name} does not have a host assigned")
            raise errors.APIError(
                503,
                "ServiceUnavailable",
                f"no node agent is connected for node {pod['spec']['nodeName']}",
            )
        raise errors.method_not_allowed("POST")


def _deleted_status(resource: ResourceInfo, obj: dict[str, Any]) -> dict[str, Any]:
    """What Kubernetes answers for an object deleted at once (kubectl waits on details.uid)."""
    meta = obj.get("metadata", {})
    details: dict[str, Any] = {"name": meta.get("name", "")}
    if resource.group:
        details["group"] = resource.group
    details["kind"] = resource.plural
    details["uid"] = meta.get("uid", "")
    return {
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": details,
    }


def _check_watch_options(send_initial: str | None, match: str) -> None:
    """Watch option rules as Kubernetes validates ListOptions (422, not 400)."""
    if send_initial is None or match == "NotOlderThan":
        return
    message = "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan"
    raise errors.APIError(
        422,
        "Invalid",
        f'ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: {message}',
        details={
            "group": "meta.k8s.io",
            "kind": "ListOptions",
            "causes": [
                {
                    "reason": "FieldValueForbidden",
                    "message": f"Forbidden: {message}",
                    "field": "resourceVersionMatch",
                }
            ],
        },
    )


def _grace_seconds(value: Any) -> int:
    """A pod's deletion grace: negative is 1 second, as Kubernetes' pod strategy has
    it, and no longer than a Go time.Duration holds (a larger one overflowed here)."""
    seconds = int(value if value is not None else 30)
    return 1 if seconds < 0 else min(seconds, MAX_GRACE_SECONDS)


def _is_service(resource: ResourceInfo) -> bool:
    return resource.kind == "Service" and not resource.group


def _ignored(resource: ResourceInfo) -> tuple[str, ...]:
    return ("status",) if resource.has_status else ()


def _include_object(request: web.Request) -> str:
    try:
        return tables.check_include_object(request.query.get("includeObject", ""))
    except tables.TableError as exc:
        raise errors.bad_request(str(exc)) from exc


def _changed(current: dict[str, Any], new: dict[str, Any]) -> bool:
    a = objects.for_storage(current)
    b = objects.for_storage(new)
    a_meta = {k: v for k, v in a.get("metadata", {}).items() if k != "managedFields"}
    b_meta = {k: v for k, v in b.get("metadata", {}).items() if k != "managedFields"}
    return a_meta != b_meta or {k: v for k, v in a.items() if k != "metadata"} != {
        k: v for k, v in b.items() if k != "metadata"
    }


def _finalized(resource: ResourceInfo, obj: dict[str, Any]) -> bool:
    if resource.kind == "Namespace":
        return not (obj.get("spec") or {}).get("finalizers")
    return True


def _qualified(resource: ResourceInfo) -> str:
    return f"{resource.plural}.{resource.group}" if resource.group else resource.plural


def _int_rv(rv: str) -> int:
    try:
        value = int(rv)
    except ValueError as exc:
        raise errors.bad_request(f'invalid resource version "{rv}"') from exc
    if value < 0:
        raise errors.bad_request(f'invalid resource version "{rv}"')
    return value


def to_scale(resource: ResourceInfo, obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata", {})
    spec = obj.get("spec") or {}
    status = obj.get("status") or {}
    selector = spec.get("selector") or {}
    if resource.kind == "ReplicationController":
        sel = ",".join(f"{k}={v}" for k, v in sorted(selector.items()))
    else:
        sel = selectors.selector_string(selector) if isinstance(selector, dict) else ""
    return {
        "kind": "Scale",
        "apiVersion": "autoscaling/v1",
        "metadata": {
            k: meta[k]
            for k in ("name", "namespace", "uid", "resourceVersion", "creationTimestamp")
            if k in meta
        },
        "spec": {"replicas": spec.get("replicas", 0)},
        "status": {"replicas": status.get("replicas", 0), "selector": sel},
    }


def encode_continue(revision: int, store_token: str) -> str:
    raw = json.dumps(
        {"v": "meta.k8s.io/v1", "rv": revision, "t": store_token}, separators=(",", ":")
    ).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_continue(token: str) -> tuple[int, str]:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        return int(data["rv"]), str(data["t"])
    except (ValueError, KeyError, TypeError) as exc:
        raise errors.bad_request(f"continue key is not valid: {exc}") from exc


__all__ = ["Handlers", "Options", "StoreError", "encode", "json_response"]

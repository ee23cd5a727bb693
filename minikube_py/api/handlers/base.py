"""What every verb shares: the store and caches it reads, one-object reads,
rendering, selectors, namespace admission, validation and managedFields."""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
from aiohttp import web

from minikube_py.api import (
    conversion,
    errors,
    objects,
    selectors,
    services,
    strategy,
    tables,
    validation,
)
from minikube_py.api import request as req
from minikube_py.api.apply import track_update
from minikube_py.api.handlers.common import (
    BOOKMARK_INTERVAL,
    Options,
    ignored,
    include_object,
    json_response,
)
from minikube_py.api.openapi import OpenAPIDocs
from minikube_py.api.pki import TokenSigner
from minikube_py.api.registry import Registry, ResourceInfo
from minikube_py.api.schema import check_object
from minikube_py.api.watchcache import WatchCache
from minikube_py.store import (
    KeyValue,
    NotFound,
    Store,
)


class HandlerBase:
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
        self.strategies = strategy.Strategies(self.services)
        self.cache = cache
        self.registry = registry
        self.openapi = openapi
        self.tokens = tokens
        self.bookmark_interval = BOOKMARK_INTERVAL
        self.ns_resource = registry.lookup("", "v1", "namespaces")

    def storage_resource(self, resource: ResourceInfo) -> ResourceInfo:
        return self.registry.storage_of(resource)

    async def _read_stored(
        self, resource: ResourceInfo, ns: str | None, name: str
    ) -> tuple[dict[str, Any], KeyValue]:
        """The object as stored (in its storage version), with its resourceVersion."""
        try:
            kv = await self.store.get(resource.key(ns, name))
        except NotFound as exc:
            raise errors.not_found(resource, name) from exc
        return objects.decode_with_rv(kv.value, kv.mod_revision), kv

    async def _get_kv(
        self, resource: ResourceInfo, ns: str | None, name: str
    ) -> tuple[dict[str, Any], KeyValue]:
        """The object in the request's version, with its resourceVersion."""
        stored, kv = await self._read_stored(resource, ns, name)
        return conversion.from_storage(resource, stored), kv

    def _decoded(self, resource: ResourceInfo, kv: KeyValue) -> dict[str, Any]:
        """A listed value in the request's version, with its resourceVersion."""
        return conversion.from_storage(resource, objects.decode_with_rv(kv.value, kv.mod_revision))

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
                include_object=include_object(request),
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
                f'{errors.qualified(resource)} "" is forbidden: unable to create new content in namespace {ns} because it is being terminated',
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
        # one walk finds both: type errors refuse the object, unknown fields are pruned
        checked = check_object(resource, obj, prune=True)
        self._raise_invalid(resource, obj, validation.type_causes(checked.type_errors))
        unknown = checked.unknown
        problems = [f'unknown field "{p}"' for p in unknown] + [
            f'duplicate field "{d}"' for d in dups
        ]
        if not problems:
            return
        if opts.field_validation == "Strict":
            raise errors.bad_request("strict decoding error: " + ", ".join(problems))
        if opts.field_validation == "Warn":
            headers["Warning"] = ", ".join(f'299 - "{p}"' for p in problems[:50])

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
            ignored_fields=ignored(resource) if subresource is None else (),
        )

    def _track_stored(
        self,
        resource: ResourceInfo,
        old_stored: dict[str, Any] | None,
        new_stored: dict[str, Any],
        manager: str,
        subresource: str | None,
    ) -> dict[str, Any]:
        """`_track` over stored objects: the fields are those of the request's version
        (and the entry records its apiVersion), as Kubernetes' field manager does."""
        if not resource.converted:
            return self._track(resource, old_stored, new_stored, manager, subresource)
        old = conversion.from_storage(resource, old_stored) if old_stored is not None else None
        tracked = self._track(
            resource, old, conversion.from_storage(resource, new_stored), manager, subresource
        )
        managed = (tracked.get("metadata") or {}).get("managedFields")
        if managed is None:
            new_stored["metadata"].pop("managedFields", None)
        else:
            new_stored["metadata"]["managedFields"] = managed
        return new_stored

    def _check_write(
        self,
        resource: ResourceInfo,
        new_stored: dict[str, Any],
        old_stored: dict[str, Any] | None,
        subresource: str | None = None,
    ) -> None:
        """Validate a write, in the request's version when the resource has rules of its
        own (events.k8s.io/v1), else in the storage version (autoscaling/v1)."""
        if resource.checked_in_own_version and resource.converted:
            new = conversion.from_storage(resource, new_stored)
            old = conversion.from_storage(resource, old_stored) if old_stored else None
            self._validate(resource, new, old, subresource)
        else:
            self._validate(self.storage_resource(resource), new_stored, old_stored, subresource)

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

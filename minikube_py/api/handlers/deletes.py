"""delete and deletecollection: preconditions, finalizers, propagation policy
recorded for the garbage collector; graceful deletion and what else a kind
holds back is its strategy's (api/strategy.py)."""

from __future__ import annotations

import datetime
from typing import Any

import msgspec
from aiohttp import web

from minikube_py.api import conversion, errors, objects
from minikube_py.api import request as req
from minikube_py.api.handlers.base import HandlerBase
from minikube_py.api.handlers.common import (
    DELETECOLLECTION_LIMIT,
    PATCH_RETRIES,
    deleted_status,
    json_response,
)
from minikube_py.api.registry import ResourceInfo
from minikube_py.store import (
    Conflict,
    NotFound,
)


class Deletes(HandlerBase):
    async def delete(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        assert info.name is not None
        options = await self._delete_options(request)
        obj, gone = await self.delete_object(info.resource, info.namespace, info.name, options)
        if gone and not self.strategies.of(info.resource).return_deleted_object:
            return json_response(deleted_status(info.resource, obj))
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
            strategy = self.strategies.of(resource)
            seconds = strategy.deletion_grace(obj, options)
            graceful = seconds is not None
            held = not strategy.finalized(obj)
            if meta.get("deletionTimestamp") and (finalizers or held):
                if wanted == finalizers:
                    return obj, False
            if wanted or graceful or held:
                new = objects.deep(obj)
                nmeta = new["metadata"]
                if not nmeta.get("deletionTimestamp"):
                    if seconds is not None:
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
                strategy.mark_deleting(new)
                nmeta.pop("resourceVersion", None)
                if dry:
                    return new, False
                try:
                    rev = await self.store.update(
                        kv.key,
                        objects.storage_bytes(conversion.to_storage(resource, new)),
                        kv.mod_revision,
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
            await strategy.release(obj)
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
            obj = conversion.from_storage(resource, msgspec.json.decode(kv.value))
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

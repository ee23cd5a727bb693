"""create, update (PUT), patch (JSON, merge, strategic, apply) and the scale
subresource: read, mutate, check and write back guarded by the revision read."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from minikube_py.api import admission, conversion, errors, objects, reviews, validation
from minikube_py.api import patch as patching
from minikube_py.api import request as req
from minikube_py.api.apply import apply as server_side_apply
from minikube_py.api.handlers.base import HandlerBase
from minikube_py.api.handlers.common import (
    BINDING,
    PATCH_RETRIES,
    Options,
    changed,
    default_manager,
    ignored,
    json_response,
    kind_check,
    to_scale,
)
from minikube_py.api.patch import ApplyConflict
from minikube_py.api.registry import ResourceInfo
from minikube_py.store import (
    Conflict,
    KeyExists,
    NotFound,
    TooLarge,
)


class Writes(HandlerBase):
    async def create(self, request: web.Request, info: req.RequestInfo) -> web.StreamResponse:
        resource = info.resource
        if info.name is not None:
            raise errors.method_not_allowed("POST")
        opts = Options.parse(request, default_manager(request))
        body = await req.read_body(request)
        dups: list[str] = []
        obj = req.decode_object_body(request.headers.get("Content-Type", ""), body, dups)
        kind_check(resource, obj)
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
        # from here on the object is in its storage version (itself when not converted)
        stored_as = self.storage_resource(resource)
        if resource.converted:
            obj["apiVersion"], obj["kind"] = resource.api_version, resource.kind
            if resource.checked_in_own_version:
                validation.apply_defaults(resource, obj)
        obj = conversion.to_storage(resource, obj)
        validation.apply_defaults(stored_as, obj)
        strategy = self.strategies.of(stored_as)
        strategy.initial_status(stored_as, obj)
        strategy.prepare_create(obj)
        meta = obj["metadata"]
        self._check_write(resource, obj, None)
        await admission.admit(self.store, admission.Attributes(stored_as, "CREATE", obj))
        await self._check_namespace(
            resource, meta.get("namespace") if resource.namespaced else None
        )
        if not applied:
            obj = self._track_stored(resource, None, obj, opts.field_manager, None)
        if opts.dry_run:
            return conversion.from_storage(resource, obj)  # nothing stored, so no resourceVersion
        name = obj["metadata"]["name"]
        give_back = await strategy.reserve(stored_as, obj, None)
        try:
            rev = await self.store.create(
                resource.key(meta.get("namespace") if resource.namespaced else None, name),
                objects.storage_bytes(obj),
            )
        except BaseException as exc:
            if give_back is not None:
                await give_back()
            if isinstance(exc, KeyExists):
                raise errors.already_exists(resource, name) from exc
            if isinstance(exc, TooLarge):
                raise errors.too_large(exc.limit) from exc
            raise
        obj["metadata"]["resourceVersion"] = str(rev)
        return conversion.from_storage(resource, obj)

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
        kind_check(resource, obj)
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
        # `mutate` sees and returns the request's version; the rest works on the storage
        # version (the same objects when the resource is not converted)
        stored_as = self.storage_resource(resource)
        for _ in range(PATCH_RETRIES):
            try:
                current, kv = await self._read_stored(resource, ns, name)
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
            incoming = mutate(objects.deep(conversion.from_storage(resource, current)))
            self._check_types(resource, incoming)
            if resource.converted:
                incoming["apiVersion"] = resource.api_version
                incoming["kind"] = resource.kind
                incoming = conversion.to_storage(resource, incoming)
            new = self._prepare_update(stored_as, current, incoming, subresource)
            if subresource != BINDING:
                self._check_write(resource, new, current, subresource)
            if subresource is None:
                await admission.admit(
                    self.store, admission.Attributes(stored_as, "UPDATE", new, current)
                )
            if not changed(current, new):
                return conversion.from_storage(resource, current), False
            if not applied and subresource in (None, "status"):
                new = self._track_stored(resource, current, new, opts.field_manager, subresource)
            if opts.dry_run:
                # nothing written: the object keeps the version it was read at
                new["metadata"]["resourceVersion"] = str(kv.mod_revision)
                return conversion.from_storage(resource, new), False
            strategy = self.strategies.of(stored_as)
            try:
                if (
                    new["metadata"].get("deletionTimestamp")
                    and not new["metadata"].get("finalizers")
                    and strategy.finalized(new)
                ):
                    await self.store.delete(kv.key, kv.mod_revision)
                    await strategy.release(current)
                    return conversion.from_storage(resource, new), False
                give_back = await strategy.reserve(stored_as, new, current)
                try:
                    rev = await self.store.update(
                        kv.key, objects.storage_bytes(new), kv.mod_revision
                    )
                except BaseException:
                    if give_back is not None:
                        await give_back()
                    raise
                await strategy.release_dropped(new, current)
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
            return conversion.from_storage(resource, new), False
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
        self.strategies.of(resource).prepare_update(resource, new, current)
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
        return json_response(to_scale(self.strategies.of(info.resource), obj))

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
            kind_check(resource, applied)
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
                        ignored_fields=ignored(resource) if info.subresource is None else (),
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
            target = (
                to_scale(self.strategies.of(resource), cur) if info.subresource == "scale" else cur
            )
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
            return json_response(to_scale(self.strategies.of(resource), result))
        return self.render_one(request, resource, result, 200, headers)

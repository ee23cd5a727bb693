"""POSTed subresources: pods/binding, pods/eviction, serviceaccounts/token, and
the node-stream ones (log, exec, attach, portforward) until agents exist."""

from __future__ import annotations

import datetime
import time
from typing import Any

from aiohttp import web

from minikube_py.api import errors, objects
from minikube_py.api import request as req
from minikube_py.api.handlers.common import (
    BINDING,
    MAX_TOKEN_SECONDS,
    SUBRESOURCE_KINDS,
    Options,
    default_manager,
    json_response,
)
from minikube_py.api.handlers.deletes import Deletes
from minikube_py.api.handlers.writes import Writes

# what a POST to binding or eviction answers, as Kubernetes does
CREATED_STATUS = {
    "kind": "Status",
    "apiVersion": "v1",
    "metadata": {},
    "status": "Success",
    "code": 201,
}


class Subresources(Writes, Deletes):
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
            return json_response(CREATED_STATUS, 201)
        if sub == "eviction":
            options = _eviction_delete_options(obj, request)
            await self.delete_object(info.resource, info.namespace, info.name, options)
            return json_response(CREATED_STATUS, 201)
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


def _eviction_delete_options(eviction: dict[str, Any], request: web.Request) -> dict[str, Any]:
    """The eviction's deleteOptions, their dryRun checked as DELETE checks it and the
    request's own dryRun carried over when they name none (Kubernetes' propagateDryRun)."""
    options = dict(eviction.get("deleteOptions") or {})
    in_body = options.get("dryRun") or []
    req.check_dry_run(in_body)
    in_query = request.query.getall("dryRun", [])  # checked by Options.parse
    if in_body and in_query and in_body != in_query:
        raise errors.bad_request(
            f"DryRun in DeleteOptions [{' '.join(in_body)}] does not match DryRun in CreateOptions [{' '.join(in_query)}]"
        )
    if in_query and not in_body:
        options["dryRun"] = in_query
    return options

"""The namespace controller: empties a namespace being deleted, then removes the
`kubernetes` finalizer so the API server can delete it."""

from __future__ import annotations

import asyncio

from minikube_py.client import (
    APIStatusError,
    Client,
    Informer,
    WorkQueue,
    resource_path,
    server_resources,
)
from minikube_py.controllers.base import Result, run_controller

FINALIZER = "kubernetes"


class NamespaceController:
    def __init__(self, client: Client) -> None:
        self.client = client
        self.informer = Informer(client, "/api/v1/namespaces")
        self.queue = WorkQueue()
        self.informer.subscribe(self.queue.add)
        self._resources: list[tuple[str, str, str]] | None = None

    async def _namespaced_resources(self) -> list[tuple[str, str, str]]:
        """(group, version, plural) of every namespaced resource that can be deleted as a collection."""
        if self._resources is None:
            self._resources = [
                (r.group, r.version, r.plural)
                for r in await server_resources(self.client)
                if r.namespaced and "deletecollection" in r.verbs
            ]
        return self._resources

    async def reconcile(self, key: str) -> Result:
        ns = self.informer.cache.get(key)
        if ns is None or not (ns.get("metadata") or {}).get("deletionTimestamp"):
            return Result()
        finalizers = list((ns.get("spec") or {}).get("finalizers") or [])
        if FINALIZER not in finalizers:
            return Result()
        remaining = 0
        for group, version, plural in await self._namespaced_resources():
            path = resource_path(group, version, plural, namespace=key)
            try:
                await self.client.request(
                    "DELETE",
                    path,
                    body={
                        "kind": "DeleteOptions",
                        "apiVersion": "v1",
                        "propagationPolicy": "Background",
                    },
                )
                left = await self.client.get(path, {"limit": "1"})
            except APIStatusError as exc:
                if exc.code in (404, 405):
                    continue
                raise
            remaining += len(left.get("items") or [])
        if remaining:
            return Result(requeue_after=1.0)
        ns = dict(ns)
        ns["spec"] = {
            **(ns.get("spec") or {}),
            "finalizers": [f for f in finalizers if f != FINALIZER],
        }
        try:
            await self.client.request("PUT", f"/api/v1/namespaces/{key}/finalize", body=ns)
        except APIStatusError as exc:
            if exc.code in (404, 409):
                return Result(requeue_after=0.2 if exc.code == 409 else 0)
            raise
        return Result()

    async def run(self) -> None:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(self.informer.run(), name="namespace-informer")
            tg.create_task(
                run_controller("namespace", self.queue, self.reconcile), name="namespace-controller"
            )

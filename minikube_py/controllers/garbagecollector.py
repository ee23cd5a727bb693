"""The garbage collector: deletes objects whose owners are gone, and carries out
the foreground and orphan deletions the API server records as finalizers.

It keeps a metadata-only view of every resource the server can list, watch
and delete (one informer each; events excepted, as Kubernetes does), and from
it the graph owner uid -> dependents (from `metadata.ownerReferences`). One
level-based reconcile per object, keyed `<plural.group>|<namespace>/<name>`:

- being deleted with the `orphan` finalizer: remove the ownerReference to it
  from each dependent, then the finalizer;
- being deleted with `foregroundDeletion`: once no dependent holding
  `blockOwnerDeletion=true` is left, remove the finalizer (the API server then
  deletes it); its dependents delete themselves, as below;
- otherwise, with owners: each owner is *solid* (present), *dangling* (absent,
  or present with another uid; the cache alone never decides that, a live read
  does) or *waiting* (present and deleting its dependents in the foreground).
  With a solid owner the object stays and only its references to the others
  are removed; with none it is deleted (uid precondition): in the foreground
  when an owner is waiting and it has dependents of its own, else as its own
  finalizers ask (Background by default).

It is an API client like any other: client/ and model/ only, never the store.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import random
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from minikube_py.client import (
    METADATA,
    APIResource,
    APIStatusError,
    Client,
    ClientError,
    Informer,
    WorkQueue,
    server_resources,
)
from minikube_py.controllers.base import Result, run_controller

log = logging.getLogger(__name__)

FOREGROUND = "foregroundDeletion"
ORPHAN = "orphan"
NEEDED_VERBS = frozenset({"list", "watch", "delete"})
# Kubernetes' default ignored resources: events are many, short-lived and owned by nobody.
IGNORED = frozenset({("", "events"), ("events.k8s.io", "events")})
WORKERS = 4
JSON_PATCH = "application/json-patch+json"

SOLID, DANGLING, WAITING = "solid", "dangling", "waiting"


def _phase(meta: dict[str, Any]) -> str:
    """'' (live), 'deleting', or the GC finalizer a deleting object waits on."""
    if not meta.get("deletionTimestamp"):
        return ""
    finalizers = meta.get("finalizers") or ()
    if ORPHAN in finalizers:
        return ORPHAN
    if FOREGROUND in finalizers:
        return FOREGROUND
    return "deleting"


def _owner_uids(meta: dict[str, Any]) -> frozenset[str]:
    return frozenset(str(r.get("uid", "")) for r in meta.get("ownerReferences") or ())


def _group(api_version: str) -> str:
    return api_version.rpartition("/")[0]


@dataclass(frozen=True)
class Node:
    """What the graph keeps of one object."""

    uid: str
    owners: frozenset[str]
    phase: str


class GarbageCollector:
    def __init__(self, client: Client, workers: int = WORKERS) -> None:
        self.client = client
        self.queue = WorkQueue()
        self.workers = workers
        self.resources: dict[str, APIResource] = {}  # by id
        self.informers: dict[str, Informer] = {}  # by resource id
        self._by_kind: dict[tuple[str, str], APIResource] = {}  # (group, kind)
        self._nodes: dict[str, Node] = {}  # work key -> node
        self._by_uid: dict[str, str] = {}  # uid -> work key
        self._dependents: dict[str, set[str]] = {}  # owner uid -> work keys

    # -- discovery and the graph ------------------------------------------------

    async def _discover(self) -> list[APIResource]:
        """Every resource the server serves (retried until it answers)."""
        backoff = 0.1
        while True:
            try:
                found = await server_resources(self.client)
            except ClientError as exc:
                log.info("garbagecollector: discovery: %s; retrying in %.1fs", exc, backoff)
                await asyncio.sleep(backoff * random.uniform(0.8, 1.2))
                backoff = min(backoff * 2, 10.0)
                continue
            return found

    def _observe(self, resource: APIResource, obj_key: str) -> None:
        """An informer saw `obj_key` change: update the graph, queue whom it concerns."""
        key = f"{resource.id}|{obj_key}"
        obj = self.informers[resource.id].cache.get(obj_key)
        old = self._nodes.pop(key, None)
        new: Node | None = None
        if obj is not None:
            meta = obj.get("metadata") or {}
            new = Node(str(meta.get("uid", "")), _owner_uids(meta), _phase(meta))
        if old is not None:
            self._unlink(key, old)
        if new is not None:
            self._nodes[key] = new
            self._by_uid[new.uid] = key
            for owner in new.owners:
                self._dependents.setdefault(owner, set()).add(key)
        wake: set[str] = set()
        if new is not None and (new.owners or new.phase in (FOREGROUND, ORPHAN)):
            wake.add(key)
        for node in (old, new):
            for owner in node.owners if node is not None else ():
                if owner in self._by_uid:
                    wake.add(self._by_uid[owner])
        if old is not None and (new is None or (old.uid, old.phase) != (new.uid, new.phase)):
            wake.update(self._dependents.get(old.uid, ()))
        if new is not None and new.phase and (old is None or old.phase != new.phase):
            wake.update(self._dependents.get(new.uid, ()))
        for k in wake:
            self.queue.add(k)

    def _unlink(self, key: str, node: Node) -> None:
        if self._by_uid.get(node.uid) == key:
            del self._by_uid[node.uid]
        for owner in node.owners:
            deps = self._dependents.get(owner)
            if deps is not None:
                deps.discard(key)
                if not deps:
                    del self._dependents[owner]

    def _cached(self, key: str) -> tuple[APIResource, dict[str, Any]] | None:
        """The resource and cached metadata of the object at a work key."""
        rid, _, obj_key = key.partition("|")
        informer = self.informers.get(rid)
        obj = informer.cache.get(obj_key) if informer is not None else None
        if obj is None:
            return None
        return self.resources[rid], obj.get("metadata") or {}

    # -- reconcile ----------------------------------------------------------------

    async def reconcile(self, key: str) -> Result:
        cached = self._cached(key)
        if cached is None:
            return Result()
        resource, meta = cached
        phase = _phase(meta)
        if phase == ORPHAN:
            await self._orphan_dependents(meta)
            await self._remove_finalizer(resource, meta, ORPHAN)
        elif phase == FOREGROUND:
            await self._finish_foreground(resource, meta)
        elif not phase and meta.get("ownerReferences"):
            await self._collect_if_orphaned(resource, meta)
        return Result()

    async def _collect_if_orphaned(self, resource: APIResource, meta: dict[str, Any]) -> None:
        states: dict[str, list[str]] = {SOLID: [], DANGLING: [], WAITING: []}
        for ref in meta.get("ownerReferences") or ():
            state = await self._owner_state(ref, meta.get("namespace"))
            states[state].append(str(ref.get("uid", "")))
        if states[SOLID]:
            gone = set(states[DANGLING] + states[WAITING])
            if gone:
                await self._patch_owner_references(resource, meta, remove=gone)
            return
        uid = str(meta.get("uid", ""))
        dependents = self._dependents.get(uid, set())
        if states[WAITING] and dependents:
            if any(self._deleting_dependents(d) for d in dependents):
                # a dependent of ours is itself waiting on us: do not let a cycle
                # of blocking references hold the foreground deletion forever
                await self._patch_owner_references(resource, meta, unblock=set(states[WAITING]))
            await self._delete(resource, meta, "Foreground")
            return
        finalizers = meta.get("finalizers") or ()
        policy = (
            "Orphan" if ORPHAN in finalizers else "Foreground" if FOREGROUND in finalizers else ""
        )
        await self._delete(resource, meta, policy or "Background")

    async def _owner_state(self, ref: dict[str, Any], namespace: str | None) -> str:
        kind = (_group(str(ref.get("apiVersion", ""))), str(ref.get("kind", "")))
        owner_type = self._by_kind.get(kind)
        if owner_type is None or (owner_type.namespaced and not namespace):
            # a kind we cannot look up, or a cluster-scoped dependent naming a
            # namespaced owner: unresolvable, and never a reason to delete
            return SOLID
        owner_ns = namespace if owner_type.namespaced else None
        name = str(ref.get("name", ""))
        informer = self.informers.get(owner_type.id)  # none for a kind we do not watch
        cached = (
            informer.cache.get(f"{owner_ns}/{name}" if owner_ns else name) if informer else None
        )
        owner = (cached or {}).get("metadata") or {}
        if owner.get("uid") != ref.get("uid"):
            # the cache may lag a create: absence is confirmed by a live read
            try:
                live = await self.client.get(owner_type.path(owner_ns, name), accept=METADATA)
            except APIStatusError as exc:
                if exc.code == 404:
                    return DANGLING
                raise
            owner = live.get("metadata") or {}
            if owner.get("uid") != ref.get("uid"):
                return DANGLING
        return WAITING if _phase(owner) == FOREGROUND else SOLID

    def _deleting_dependents(self, key: str) -> bool:
        cached = self._cached(key)
        return cached is not None and _phase(cached[1]) == FOREGROUND

    async def _finish_foreground(self, resource: APIResource, meta: dict[str, Any]) -> None:
        uid = str(meta.get("uid", ""))
        blocking = []
        for dep in self._dependents.get(uid, set()):
            cached = self._cached(dep)
            if cached is None:
                continue
            refs = cached[1].get("ownerReferences") or ()
            if any(r.get("uid") == uid and r.get("blockOwnerDeletion") for r in refs):
                blocking.append((dep, cached[1]))
        if not blocking:
            await self._remove_finalizer(resource, meta, FOREGROUND)
            return
        for dep, dep_meta in blocking:
            if not dep_meta.get("deletionTimestamp"):
                self.queue.add(dep)  # it deletes itself (its owner waits), or unlinks us

    async def _orphan_dependents(self, meta: dict[str, Any]) -> None:
        uid = str(meta.get("uid", ""))
        for dep in list(self._dependents.get(uid, ())):
            cached = self._cached(dep)
            if cached is not None:
                await self._patch_owner_references(cached[0], cached[1], remove={uid})

    # -- writes ------------------------------------------------------------------------

    async def _json_patch(
        self, resource: APIResource, meta: dict[str, Any], ops: list[dict[str, Any]]
    ) -> bool:
        """Apply `ops` to the object, guarded by its uid; False if it is gone. A
        failed test (our cache was behind) answers 422: raised, retried with backoff."""
        if not ops:
            return False
        guarded = [{"op": "test", "path": "/metadata/uid", "value": meta.get("uid")}, *ops]
        path = resource.path(meta.get("namespace"), meta.get("name"))
        try:
            await self.client.request("PATCH", path, body=guarded, content_type=JSON_PATCH)
        except APIStatusError as exc:
            if exc.code != 404:
                raise
            return False
        return True

    async def _remove_finalizer(
        self, resource: APIResource, meta: dict[str, Any], finalizer: str
    ) -> None:
        ops: list[dict[str, Any]] = []
        finalizers = meta.get("finalizers") or []
        for i in reversed(range(len(finalizers))):
            if finalizers[i] == finalizer:
                at = f"/metadata/finalizers/{i}"
                ops += [
                    {"op": "test", "path": at, "value": finalizer},
                    {"op": "remove", "path": at},
                ]
        if await self._json_patch(resource, meta, ops):
            log.info(
                "garbagecollector: %s %s: removed the %s finalizer",
                *_what(resource, meta),
                finalizer,
            )

    async def _patch_owner_references(
        self,
        resource: APIResource,
        meta: dict[str, Any],
        remove: Iterable[str] = (),
        unblock: Iterable[str] = (),
    ) -> None:
        remove, unblock = set(remove), set(unblock)
        ops: list[dict[str, Any]] = []
        refs = meta.get("ownerReferences") or []
        for i in reversed(range(len(refs))):
            uid = refs[i].get("uid")
            at = f"/metadata/ownerReferences/{i}"
            if uid in remove:
                ops += [
                    {"op": "test", "path": f"{at}/uid", "value": uid},
                    {"op": "remove", "path": at},
                ]
            elif uid in unblock and refs[i].get("blockOwnerDeletion"):
                ops += [
                    {"op": "test", "path": f"{at}/uid", "value": uid},
                    {"op": "replace", "path": f"{at}/blockOwnerDeletion", "value": False},
                ]
        if refs and all(r.get("uid") in remove for r in refs):
            # the last reference goes: so does the field, as Kubernetes omits an empty list
            ops = [op for op in ops if op["op"] == "test"]
            ops.append({"op": "remove", "path": "/metadata/ownerReferences"})
        if await self._json_patch(resource, meta, ops):
            log.info(
                "garbagecollector: %s %s: removed owner references %s, unblocked %s",
                *_what(resource, meta),
                sorted(remove),
                sorted(unblock),
            )

    async def _delete(self, resource: APIResource, meta: dict[str, Any], policy: str) -> None:
        options = {
            "kind": "DeleteOptions",
            "apiVersion": "v1",
            "propagationPolicy": policy,
            "preconditions": {"uid": meta.get("uid")},
        }
        try:
            await self.client.request(
                "DELETE", resource.path(meta.get("namespace"), meta.get("name")), body=options
            )
        except APIStatusError as exc:
            # 404: already gone; 409: the name now holds another object, its own key's business
            if exc.code not in (404, 409):
                raise
            return
        log.info("garbagecollector: %s %s: deleted (%s)", *_what(resource, meta), policy)

    # -- running ------------------------------------------------------------------------

    async def run(self) -> None:
        served = await self._discover()
        # owners are looked up among everything that can be read, by group and kind
        # (an ownerReference may name any served version of the group)
        self._by_kind = {(r.group, r.kind): r for r in served if "get" in r.verbs}
        resources = [
            r for r in served if NEEDED_VERBS <= r.verbs and (r.group, r.plural) not in IGNORED
        ]
        self.resources = {r.id: r for r in resources}
        async with asyncio.TaskGroup() as tg:
            for r in resources:
                informer = Informer(
                    self.client, r.path(), metadata_only=True, transform=_graph_fields
                )
                informer.subscribe(functools.partial(self._observe, r))
                self.informers[r.id] = informer
                tg.create_task(informer.run(), name=f"garbagecollector-informer-{r.id}")
            # act on a complete graph only: an owner not yet listed is not an absent one
            await asyncio.gather(*(i.synced.wait() for i in self.informers.values()))
            for n in range(self.workers):
                tg.create_task(
                    run_controller("garbagecollector", self.queue, self.reconcile),
                    name=f"garbagecollector-worker-{n}",
                )


def _what(resource: APIResource, meta: dict[str, Any]) -> tuple[str, str]:
    ns = meta.get("namespace")
    return resource.kind, f"{ns}/{meta.get('name')}" if ns else str(meta.get("name"))


# what the collector reads of an object's metadata; the rest (managedFields,
# labels, annotations) would only cost memory, for every object of every kind
_GRAPH_METADATA = ("name", "namespace", "uid", "ownerReferences", "finalizers", "deletionTimestamp")


def _graph_fields(obj: dict[str, Any]) -> dict[str, Any]:
    meta = obj.get("metadata") or {}
    return {
        "apiVersion": obj.get("apiVersion"),
        "kind": obj.get("kind"),
        "metadata": {k: meta[k] for k in _GRAPH_METADATA if k in meta},
    }

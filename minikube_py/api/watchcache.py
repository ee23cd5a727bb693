"""The watch cache: one store watch, fanned out to every API watcher.

A single task follows `store.watch("/registry/", ...)` and keeps the last
`capacity` events in a ring as encoded bytes (resourceVersion spliced in), so a
watcher without selectors writes them out without decoding; an event's decoded
form is made on first need and kept only while the event is recent. A watcher subscribes from a
revision: it gets the buffered events after it, then live ones, through its own
bounded queue. A watcher that falls `queue_limit` events behind is cut off (its
stream ends and the client re-lists), never allowed to grow memory. A watcher
asking for a revision older than the ring answers 410 Gone.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any, Literal

import msgspec

from minikube_py.api.objects import with_rv
from minikube_py.store import Compacted, Event, EventType, Store, StoreError

log = logging.getLogger(__name__)

ROOT = "/registry/"


NAMESPACES = "/registry/namespaces/"
DECODED_WINDOW = 64  # how many recent events keep their decoded objects


class CacheEvent:
    """One change. `raw` is the object's JSON with its resourceVersion (for a
    delete: the last state, at the delete's revision); the decoded objects are
    shared, never mutate them."""

    __slots__ = ("_obj", "_prev", "key", "prev_raw", "raw", "revision", "type")

    def __init__(
        self, type: str, key: str, revision: int, raw: bytes, prev_raw: bytes | None
    ) -> None:
        self.type = type  # ADDED, MODIFIED, DELETED
        self.key = key
        self.revision = revision
        self.raw = raw
        self.prev_raw = prev_raw
        self._obj: dict[str, Any] | None = None
        self._prev: dict[str, Any] | None = None

    @property
    def object(self) -> dict[str, Any]:
        if self._obj is None:
            self._obj = msgspec.json.decode(self.raw)
        return self._obj

    @property
    def prev_object(self) -> dict[str, Any] | None:
        if self.prev_raw is None:
            return None
        if self._prev is None:
            self._prev = msgspec.json.decode(self.prev_raw)
        return self._prev

    def forget_decoded(self) -> None:
        self._obj = None
        self._prev = None


class TooOld(Exception):
    def __init__(self, revision: int, oldest: int) -> None:
        super().__init__(f"too old resource version: {revision} ({oldest})")
        self.revision = revision
        self.oldest = oldest


_END = object()


class Subscription:
    def __init__(self, cache: WatchCache, prefix: str, after: int, limit: int) -> None:
        self.prefix = prefix
        self.after = after
        self._cache = cache
        self._queue: asyncio.Queue[CacheEvent | object] = asyncio.Queue(maxsize=limit)
        self.overflowed = False
        self.closed = False

    def _offer(self, ev: CacheEvent) -> None:
        if self.closed or ev.revision <= self.after or not ev.key.startswith(self.prefix):
            return
        try:
            self._queue.put_nowait(ev)
        except asyncio.QueueFull:
            self.overflowed = True
            self._end()

    def _end(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._cache._subs.discard(self)
        # make room for the end marker so the reader wakes up
        while self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(_END)

    def close(self) -> None:
        self._end()

    def get_nowait(self) -> CacheEvent | Literal[False] | None:
        """The next queued event without waiting; False when none is queued."""
        if self._queue.empty():
            return False
        item = self._queue.get_nowait()
        if item is _END:
            self._queue.put_nowait(_END)
            return None
        assert isinstance(item, CacheEvent)
        self.after = item.revision
        return item

    async def get(self) -> CacheEvent | None:
        """The next event, or None once the subscription has ended."""
        item = await self._queue.get()
        if item is _END:
            self._queue.put_nowait(_END)
            return None
        assert isinstance(item, CacheEvent)
        self.after = item.revision
        return item

    async def __aiter__(self) -> AsyncIterator[CacheEvent]:
        while (ev := await self.get()) is not None:
            yield ev


class WatchCache:
    def __init__(self, store: Store, capacity: int = 20_000, queue_limit: int = 2_000) -> None:
        self._store = store
        self._ring: collections.deque[CacheEvent] = collections.deque(maxlen=capacity)
        self._subs: set[Subscription] = set()
        self._queue_limit = queue_limit
        self.revision = 0  # the newest revision the cache has seen
        self.oldest = 0  # subscriptions from a revision below this are too old
        self._tick = asyncio.Event()  # set and replaced on every applied event
        self._ready = asyncio.Event()
        # namespace name -> True while it is terminating (admission reads this)
        self.namespaces: dict[str, bool] = {}

    async def start_revision(self) -> int:
        page = await self._store.list(NAMESPACES)
        self.revision = page.revision
        self.oldest = self.revision
        self.namespaces = {kv.key[len(NAMESPACES) :]: _terminating(kv.value) for kv in page.items}
        self._ready.set()
        return self.revision

    async def run(self) -> None:
        """Follow the store until cancelled, re-attaching after errors."""
        if not self._ready.is_set():
            await self.start_revision()
        backoff = 0.05
        while True:
            try:
                async for ev in self._store.watch(ROOT, self.revision):
                    self._apply(ev)
                    backoff = 0.05
                return
            except Compacted:
                log.warning("watch cache fell behind compaction; resetting at the current revision")
                await self._reset()
            except StoreError as exc:
                log.warning("watch cache store watch ended: %s; re-attaching", exc)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 2.0)

    async def _reset(self) -> None:
        for sub in list(self._subs):
            sub._end()
        self._ring.clear()
        self.revision = await self._store.current_revision()
        self.oldest = self.revision

    def _apply(self, ev: Event) -> None:
        if ev.type is EventType.DELETE:
            assert ev.prev_value is not None
            cev = CacheEvent(
                "DELETED", ev.key, ev.revision, with_rv(ev.prev_value, ev.revision), ev.prev_value
            )
        else:
            assert ev.value is not None
            kind = "ADDED" if ev.prev_value is None else "MODIFIED"
            cev = CacheEvent(
                kind, ev.key, ev.revision, with_rv(ev.value, ev.revision), ev.prev_value
            )
        if ev.key.startswith(NAMESPACES):
            name = ev.key[len(NAMESPACES) :]
            if ev.value is None:
                self.namespaces.pop(name, None)
            else:
                self.namespaces[name] = _terminating(ev.value)
        if len(self._ring) == self._ring.maxlen:
            self.oldest = self._ring[0].revision
        self._ring.append(cev)
        if len(self._ring) > DECODED_WINDOW:
            self._ring[-DECODED_WINDOW - 1].forget_decoded()
        self.revision = ev.revision
        for sub in list(self._subs):
            sub._offer(cev)
        self._notify()

    def _notify(self) -> None:
        tick, self._tick = self._tick, asyncio.Event()
        tick.set()

    async def wait_for(self, revision: int, timeout: float) -> bool:
        """Wait until the cache has seen `revision`; False on timeout."""
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(timeout):
                while self.revision < revision:
                    await self._tick.wait()
        return self.revision >= revision

    def subscribe(self, prefix: str, after: int) -> Subscription:
        """Events under `prefix` with revision > `after`: buffered ones, then live."""
        if after < self.oldest:
            raise TooOld(after, self.oldest)
        sub = Subscription(self, prefix, after, self._queue_limit)
        for ev in self._ring:
            if ev.revision > after:
                sub._offer(ev)
                if sub.closed:
                    return sub
        self._subs.add(sub)
        return sub

    def close(self) -> None:
        for sub in list(self._subs):
            sub._end()


def _terminating(value: bytes) -> bool:
    ns = msgspec.json.decode(value)
    return (
        bool((ns.get("metadata") or {}).get("deletionTimestamp"))
        or (ns.get("status") or {}).get("phase") == "Terminating"
    )

"""The one work queue: de-duplicating, with per-key exponential backoff.

A key waiting in the queue is not added twice; a key being processed that is
added again is processed once more after the current run. Its size is bounded
by the number of distinct keys, which the informers' caches bound.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Hashable


class WorkQueue:
    def __init__(
        self, base_delay: float = 0.05, max_delay: float = 30.0, max_keys: int = 100_000
    ) -> None:
        self._ready: asyncio.Queue[Hashable] = asyncio.Queue()
        self._queued: set[Hashable] = set()
        self._processing: set[Hashable] = set()
        self._dirty: set[Hashable] = set()
        self._failures: dict[Hashable, int] = {}
        self._timers: dict[Hashable, asyncio.TimerHandle] = {}
        self._base = base_delay
        self._max = max_delay
        self._max_keys = max_keys
        self.shutting_down = False

    def __len__(self) -> int:
        return len(self._queued)

    def add(self, key: Hashable) -> None:
        if self.shutting_down:
            return
        if key in self._processing:
            self._dirty.add(key)
            return
        if key in self._queued:
            return
        if len(self._queued) >= self._max_keys:
            raise OverflowError("work queue is full")
        self._queued.add(key)
        self._ready.put_nowait(key)

    def add_after(self, key: Hashable, delay: float) -> None:
        if delay <= 0:
            self.add(key)
            return
        old = self._timers.pop(key, None)
        if old is not None:
            old.cancel()
        self._timers[key] = asyncio.get_running_loop().call_later(delay, self._fire, key)

    def _fire(self, key: Hashable) -> None:
        self._timers.pop(key, None)
        self.add(key)

    def add_rate_limited(self, key: Hashable) -> None:
        n = self._failures.get(key, 0)
        self._failures[key] = n + 1
        delay = min(self._max, self._base * (2**n)) * random.uniform(0.8, 1.2)
        self.add_after(key, delay)

    def forget(self, key: Hashable) -> None:
        self._failures.pop(key, None)

    async def get(self) -> Hashable:
        key = await self._ready.get()
        self._queued.discard(key)
        self._processing.add(key)
        return key

    def done(self, key: Hashable) -> None:
        self._processing.discard(key)
        if key in self._dirty:
            self._dirty.discard(key)
            self.add(key)

    def shutdown(self) -> None:
        self.shutting_down = True
        for timer in self._timers.values():
            timer.cancel()
        self._timers.clear()

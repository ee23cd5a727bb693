"""Watch fan-out: the hub that hands committed events to subscribers, and the watch stream.

Owns subscribers and their bounded buffers. The writer calls `publish` on the
event loop after each commit, in revision order; nothing here reads the
database on a timer. A watch subscribes first (live events start buffering at
the hub's current revision, the seam), then replays history from the database
up to the seam, then yields the buffered and later live events, skipping any
revision it has already yielded. A subscriber whose buffer would pass its limit
is cut off: its buffer is dropped and its stream raises WatchOverflow (like
kine's broadcaster, a slow reader is dropped, never buffered without bound).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable

from minikube_py.store.errors import StoreClosed, WatchOverflow
from minikube_py.store.types import Event

REPLAY_CHUNK = 1000


class Subscriber:
    __slots__ = ("_waiter", "buffer", "closed", "limit", "overflowed", "prefix", "seam")

    def __init__(self, prefix: str, limit: int, seam: int) -> None:
        self.prefix = prefix
        self.limit = limit
        self.seam = seam  # the hub's revision when this subscriber joined
        self.buffer: deque[Event] = deque()
        self.overflowed = False
        self.closed = False
        self._waiter: asyncio.Future[None] | None = None

    def push(self, events: list[Event]) -> None:
        if self.overflowed or self.closed:
            return
        if len(self.buffer) + len(events) > self.limit:
            self.overflowed = True
            self.buffer.clear()
        else:
            self.buffer.extend(events)
        self._wake()

    def close(self) -> None:
        self.closed = True
        self._wake()

    async def wait(self) -> None:
        """Wait until there is something to take, or the subscriber is cut off or closed."""
        if self.buffer or self.overflowed or self.closed:
            return
        self._waiter = asyncio.get_running_loop().create_future()
        try:
            await self._waiter
        finally:
            self._waiter = None

    def _wake(self) -> None:
        waiter = self._waiter
        if waiter is not None and not waiter.done():
            waiter.set_result(None)


class WatchHub:
    """Subscribers grouped by prefix; `publish` matches each event once per prefix."""

    def __init__(self, revision: int) -> None:
        self.revision = revision  # the newest revision published
        self._by_prefix: dict[str, set[Subscriber]] = {}
        self.closed = False

    def subscribe(self, prefix: str, limit: int) -> Subscriber:
        if self.closed:
            raise StoreClosed("the store is closed")
        sub = Subscriber(prefix, limit, self.revision)
        self._by_prefix.setdefault(prefix, set()).add(sub)
        return sub

    def unsubscribe(self, sub: Subscriber) -> None:
        subs = self._by_prefix.get(sub.prefix)
        if subs is not None:
            subs.discard(sub)
            if not subs:
                del self._by_prefix[sub.prefix]

    def publish(self, events: list[Event]) -> None:
        for prefix, subs in self._by_prefix.items():
            if prefix:
                matching = [e for e in events if e.key.startswith(prefix)]
                if not matching:
                    continue
            else:
                matching = events
            for sub in subs:
                sub.push(matching)
        self.revision = events[-1].revision

    def subscriber_count(self) -> int:
        return sum(len(subs) for subs in self._by_prefix.values())

    def close(self) -> None:
        self.closed = True
        for subs in self._by_prefix.values():
            for sub in subs:
                sub.close()
        self._by_prefix.clear()


Replay = Callable[[int, int, int], Awaitable[list[Event]]]


async def watch_stream(
    hub: WatchHub,
    prefix: str,
    from_revision: int,
    limit: int,
    replay: Replay,
    check_start: Callable[[int], None],
) -> AsyncIterator[Event]:
    """Every change under `prefix` with revision > `from_revision`, in order, exactly once.

    `replay(after, upto, limit)` reads history; `check_start(revision)` raises
    Compacted for a start below the compaction point. Ends when the store closes.
    """
    check_start(from_revision)
    sub = hub.subscribe(prefix, limit)
    try:
        last = from_revision
        while last < sub.seam:
            try:
                events = await replay(last, sub.seam, REPLAY_CHUNK)
            except StoreClosed:
                return
            for event in events:
                if sub.overflowed:
                    raise WatchOverflow(_overflow_message(prefix, limit))
                yield event
                last = event.revision
            if len(events) < REPLAY_CHUNK:
                break
        last = max(last, sub.seam)
        buffer = sub.buffer
        while True:
            if sub.overflowed:
                raise WatchOverflow(_overflow_message(prefix, limit))
            if sub.closed:
                return
            if buffer:
                event = buffer.popleft()
                if event.revision > last:
                    last = event.revision
                    yield event
                continue
            await sub.wait()
    finally:
        hub.unsubscribe(sub)


def _overflow_message(prefix: str, limit: int) -> str:
    return (
        f"watch on {prefix!r} fell more than {limit} events behind and was cut off;"
        " list again and watch from the list's revision"
    )

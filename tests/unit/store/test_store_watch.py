"""watch: replay, live delivery, the seam between them, overflow, and shutdown."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest

from minikube_py.store import Compacted, Event, EventType, WatchOverflow
from minikube_py.store.sqlite import SQLiteStore

OpenStore = Callable[..., Awaitable[SQLiteStore]]


async def take_through(events: AsyncIterator[Event], revision: int) -> list[Event]:
    """Events up to and including `revision`, failing if they do not arrive within 5 s."""
    out: list[Event] = []
    async with asyncio.timeout(5):
        while not out or out[-1].revision < revision:
            out.append(await anext(events))
    return out


async def close(events: AsyncIterator[Any]) -> None:
    await events.aclose()  # type: ignore[attr-defined]


async def take(events: AsyncIterator[Event], n: int) -> list[Event]:
    """The next `n` events, failing if they do not arrive within 5 s."""
    out: list[Event] = []
    async with asyncio.timeout(5):
        while len(out) < n:
            out.append(await anext(events))
    return out


async def history(store: SQLiteStore, prefix: str = "/w/") -> None:
    """A mixed history: revisions 1..8, with keys outside the prefix in between."""
    a = await store.create("/w/a", b"a1")  # 1
    await store.create("/other/x", b"x")  # 2
    b = await store.create("/w/b", b"b1")  # 3
    a = await store.update("/w/a", b"a2", a)  # 4
    await store.delete("/w/b", b)  # 5
    await store.create("/w/b", b"b2")  # 6
    await store.update("/w/a", b"a3", a)  # 7
    await store.create("/w/c", b"c1")  # 8


async def test_live_events_carry_type_values_and_revisions(store: SQLiteStore) -> None:
    events = store.watch("/w/", 0)
    first = asyncio.create_task(take(events, 3))
    await asyncio.sleep(0)
    created = await store.create("/w/a", b"1")
    updated = await store.update("/w/a", b"2", created)
    deleted = await store.delete("/w/a")
    assert await first == [
        Event(EventType.PUT, "/w/a", created, b"1", None, created),
        Event(EventType.PUT, "/w/a", updated, b"2", b"1", created),
        Event(EventType.DELETE, "/w/a", deleted, None, b"2", created),
    ]
    await close(events)


async def test_replay_from_history_matches_what_was_written(store: SQLiteStore) -> None:
    await history(store)
    events = store.watch("/w/", 0)
    got = await take(events, 7)
    assert [(e.type, e.key, e.revision, e.value, e.prev_value) for e in got] == [
        (EventType.PUT, "/w/a", 1, b"a1", None),
        (EventType.PUT, "/w/b", 3, b"b1", None),
        (EventType.PUT, "/w/a", 4, b"a2", b"a1"),
        (EventType.DELETE, "/w/b", 5, None, b"b1"),
        (EventType.PUT, "/w/b", 6, b"b2", None),
        (EventType.PUT, "/w/a", 7, b"a3", b"a2"),
        (EventType.PUT, "/w/c", 8, b"c1", None),
    ]
    assert [e.create_revision for e in got] == [1, 3, 1, 3, 6, 1, 8]
    await close(events)


async def test_watch_from_every_revision_sees_the_same_sequence_as_a_fresh_watch(
    store: SQLiteStore,
) -> None:
    await history(store)
    for start in range(await store.current_revision() + 1):
        last = await store.current_revision()
        fresh = store.watch("/w/", 0)
        expected = [e for e in await take_through(fresh, last) if e.revision > start]
        events = store.watch("/w/", start)
        got = await take(events, len(expected))
        assert got == expected
        # both then go live without a gap, at the same next event
        rev = await store.create(f"/w/live{start}", b"v")
        assert await take(events, 1) == await take(fresh, 1)
        await close(events)
        await close(fresh)
        await store.delete(f"/w/live{start}", rev)


async def test_list_then_watch_from_its_revision_rebuilds_the_same_state(
    store: SQLiteStore,
) -> None:
    await history(store)
    listed = await store.list("/w/", revision=5)
    state = {kv.key: kv.value for kv in listed.items}
    events = store.watch("/w/", listed.revision)
    for event in await take(events, 3):
        if event.type is EventType.DELETE:
            del state[event.key]
        else:
            assert event.value is not None
            state[event.key] = event.value
    assert state == {kv.key: kv.value for kv in (await store.list("/w/")).items}
    await close(events)


async def test_seam_has_no_gap_or_duplicate_under_concurrent_writes(store: SQLiteStore) -> None:
    await asyncio.gather(*(store.create(f"/s/{i}", b"v") for i in range(300)))

    async def writer(w: int) -> None:
        for i in range(150):
            await store.create(f"/s/w{w}/{i}", b"v")

    writers = [asyncio.create_task(writer(w)) for w in range(4)]
    watches = []
    for start in (0, 100, 250, 300):
        events = store.watch("/s/", start)
        watches.append((start, events, asyncio.create_task(take(events, 900 - start))))
        await asyncio.sleep(0)  # start the watch while writes are in flight
    await asyncio.gather(*writers)
    for start, events, got in watches:
        revisions = [e.revision for e in await got]
        assert revisions == list(range(start + 1, 901))
        await close(events)


async def test_watch_only_sees_its_prefix(store: SQLiteStore) -> None:
    events = store.watch("/a/", 0)
    got = asyncio.create_task(take(events, 2))
    await asyncio.sleep(0)
    await store.create("/a/1", b"v")
    await store.create("/ab/1", b"v")
    await store.create("/b/1", b"v")
    await store.create("/a/2", b"v")
    assert [e.key for e in await got] == ["/a/1", "/a/2"]
    await close(events)


async def test_a_watch_from_a_future_revision_starts_after_it(store: SQLiteStore) -> None:
    events = store.watch("/", 2)
    got = asyncio.create_task(take(events, 1))
    await asyncio.sleep(0)
    for i in range(3):
        await store.create(f"/k{i}", b"v")
    assert [e.revision for e in await got] == [3]
    await close(events)


async def test_watch_below_the_compaction_point_is_compacted(store: SQLiteStore) -> None:
    await history(store)
    await store.compact(4)
    with pytest.raises(Compacted):
        await anext(store.watch("/w/", 3))
    events = store.watch("/w/", 4)
    assert [e.revision for e in await take(events, 4)] == [5, 6, 7, 8]
    await close(events)


async def test_a_slow_watcher_is_cut_off_and_others_keep_going(
    open_store: OpenStore,
) -> None:
    store = await open_store(watch_queue_limit=10)
    slow = store.watch("/", 0)
    fast = store.watch("/", 0)
    first_slow = asyncio.create_task(take(slow, 1))
    all_fast = asyncio.create_task(take(fast, 30))  # keeps up as writes land
    await asyncio.sleep(0)
    revs = [await store.create(f"/k{i}", b"v") for i in range(30)]
    assert [e.revision for e in await first_slow] == revs[:1]
    assert [e.revision for e in await all_fast] == revs
    with pytest.raises(WatchOverflow, match="cut off"):
        await take(slow, 29)
    assert store._hub.subscriber_count() == 1
    await close(fast)


async def test_closing_the_iterator_unsubscribes(store: SQLiteStore) -> None:
    events = store.watch("/", 0)
    pending = asyncio.create_task(take(events, 1))
    await store.create("/a", b"v")
    await pending
    assert store._hub.subscriber_count() == 1
    await close(events)
    assert store._hub.subscriber_count() == 0


async def test_cancelling_a_waiting_watcher_unsubscribes(store: SQLiteStore) -> None:
    got_one = asyncio.Event()

    async def consume() -> None:
        async for _ in store.watch("/", 0):
            got_one.set()

    task = asyncio.create_task(consume())
    await store.create("/a", b"v")
    async with asyncio.timeout(5):
        await got_one.wait()
    assert store._hub.subscriber_count() == 1
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert store._hub.subscriber_count() == 0


async def test_closing_the_store_ends_every_watch(db_path: str) -> None:
    store = await SQLiteStore.open(db_path)
    await store.create("/a", b"v")
    started = asyncio.Semaphore(0)

    async def consume() -> list[Event]:
        seen = []
        async for event in store.watch("/", 0):
            seen.append(event)
            started.release()
        return seen

    consumers = [asyncio.create_task(consume()) for _ in range(5)]
    async with asyncio.timeout(5):
        for _ in consumers:
            await started.acquire()
    await store.close()
    async with asyncio.timeout(5):
        results = await asyncio.gather(*consumers)
    assert all([e.key for e in r] == ["/a"] for r in results)

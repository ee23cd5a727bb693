"""compact(): what is removed, what stays, and the background windows."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Awaitable, Callable

import pytest

from minikube_py.store import Compacted, Event, FutureRevision, KeyValue
from minikube_py.store.compaction import CHUNK_REVISIONS
from minikube_py.store.sqlite import SQLiteStore

OpenStore = Callable[..., Awaitable[SQLiteStore]]
WaitUntil = Callable[[Callable[[], Awaitable[bool]]], Awaitable[None]]


def log_revisions(db_path: str) -> list[int]:
    with sqlite3.connect(db_path) as conn:
        return [rev for (rev,) in conn.execute("SELECT rev FROM log ORDER BY rev")]


async def test_compaction_keeps_the_state_at_the_point_and_everything_after(
    store: SQLiteStore, db_path: str
) -> None:
    a = await store.create("/a", b"a1")  # 1
    a = await store.update("/a", b"a2", a)  # 2 supersedes 1
    b = await store.create("/b", b"b1")  # 3
    await store.delete("/b", b)  # 4 removes 3, tombstone itself goes
    await store.create("/c", b"c1")  # 5
    await store.update("/a", b"a3", a)  # 6 after the point: 2 stays
    await store.compact(5)
    assert await store.compacted_revision() == 5
    assert log_revisions(db_path) == [2, 5, 6]
    assert (await store.list("/", revision=5)).items == [
        KeyValue("/a", b"a2", 1, 2),
        KeyValue("/c", b"c1", 5, 5),
    ]
    with pytest.raises(Compacted):
        await store.list("/", revision=4)
    assert [(e.revision, e.prev_value) for e in await take_all(store, 5)] == [(6, b"a2")]


async def take_all(store: SQLiteStore, start: int) -> list[Event]:
    events = store.watch("/", start)
    head = await store.current_revision()
    out: list[Event] = []
    async for event in events:
        out.append(event)
        if event.revision == head:
            break
    await events.aclose()  # type: ignore[attr-defined]
    return out


async def test_compact_to_a_future_revision_fails(store: SQLiteStore) -> None:
    await store.create("/a", b"1")
    with pytest.raises(FutureRevision):
        await store.compact(2)


async def test_compact_to_an_older_point_is_a_no_op(store: SQLiteStore) -> None:
    for i in range(4):
        await store.create(f"/k{i}", b"v")
    await store.compact(3)
    await store.compact(2)
    assert await store.compacted_revision() == 3


async def test_compaction_over_many_chunks_removes_all_superseded_rows(
    store: SQLiteStore, db_path: str
) -> None:
    keys = [f"/k/{i}" for i in range(CHUNK_REVISIONS // 4)]
    revs = await asyncio.gather(*(store.create(key, b"0") for key in keys))
    for round_ in range(9):
        revs = await asyncio.gather(
            *(
                store.update(key, str(round_).encode(), rev)
                for key, rev in zip(keys, revs, strict=True)
            )
        )
    head = await store.current_revision()
    assert head > CHUNK_REVISIONS * 2
    await store.compact(head)
    assert log_revisions(db_path) == sorted(revs)
    assert sorted(kv.mod_revision for kv in (await store.list("/k/")).items) == sorted(revs)


async def test_the_compaction_point_survives_a_restart(db_path: str) -> None:
    store = await SQLiteStore.open(db_path)
    for i in range(5):
        await store.create(f"/k{i}", b"v")
    await store.compact(4)
    await store.close()
    store = await SQLiteStore.open(db_path)
    try:
        assert await store.compacted_revision() == 4
        with pytest.raises(Compacted):
            await store.list("/", revision=3)
    finally:
        await store.close()


async def test_background_compaction_keeps_a_window_of_revisions(
    open_store: OpenStore, wait_until: WaitUntil, db_path: str
) -> None:
    store = await open_store(compaction_window_revisions=10, compaction_interval=0.01)
    rev = await store.create("/hot", b"0")
    for i in range(50):
        rev = await store.update("/hot", str(i).encode(), rev)

    async def compacted() -> bool:
        # the point is saved before the old rows go, chunk by chunk: wait for both
        return await store.compacted_revision() == rev - 10 and log_revisions(db_path) == list(
            range(rev - 10, rev + 1)
        )

    await wait_until(compacted)
    assert log_revisions(db_path) == list(range(rev - 10, rev + 1))
    assert len((await store.list("/", revision=rev - 10)).items) == 1


async def test_background_compaction_keeps_a_window_of_time(
    open_store: OpenStore, wait_until: WaitUntil
) -> None:
    store = await open_store(compaction_window_seconds=0.05, compaction_interval=0.01)
    for i in range(5):
        await store.create(f"/k{i}", b"v")

    async def compacted() -> bool:
        return await store.compacted_revision() == 5

    await wait_until(compacted)

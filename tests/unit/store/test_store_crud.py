"""create / get / update / delete, their errors, and the revision sequence."""

from __future__ import annotations

import asyncio

import pytest

from minikube_py.store import (
    MAX_VALUE_BYTES,
    Conflict,
    InvalidKey,
    KeyExists,
    KeyValue,
    NotFound,
    StoreClosed,
    StoreError,
    StoreLocked,
    TooLarge,
    open_store,
)
from minikube_py.store.sqlite import SQLiteStore


async def test_create_then_get_returns_value_and_revisions(store: SQLiteStore) -> None:
    rev = await store.create("/registry/pods/ns/a", b"v1")
    assert rev == 1
    assert await store.get("/registry/pods/ns/a") == KeyValue("/registry/pods/ns/a", b"v1", 1, 1)


async def test_create_of_existing_key_fails_and_takes_no_revision(store: SQLiteStore) -> None:
    await store.create("/k", b"a")
    with pytest.raises(KeyExists):
        await store.create("/k", b"b")
    assert await store.current_revision() == 1
    assert (await store.get("/k")).value == b"a"


async def test_get_of_missing_key_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        await store.get("/nope")


async def test_update_with_current_revision_moves_mod_revision(store: SQLiteStore) -> None:
    created = await store.create("/k", b"a")
    updated = await store.update("/k", b"b", created)
    assert updated == created + 1
    assert await store.get("/k") == KeyValue("/k", b"b", created, updated)


async def test_update_with_stale_revision_is_a_conflict(store: SQLiteStore) -> None:
    created = await store.create("/k", b"a")
    await store.update("/k", b"b", created)
    with pytest.raises(Conflict) as caught:
        await store.update("/k", b"c", created)
    assert (caught.value.expected, caught.value.actual) == (created, created + 1)
    assert (await store.get("/k")).value == b"b"
    assert await store.current_revision() == 2


async def test_update_of_missing_key_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        await store.update("/k", b"a", 1)
    assert await store.current_revision() == 0


async def test_delete_takes_a_revision_and_removes_the_key(store: SQLiteStore) -> None:
    await store.create("/k", b"a")
    assert await store.delete("/k") == 2
    with pytest.raises(NotFound):
        await store.get("/k")
    assert await store.current_revision() == 2


async def test_delete_with_stale_revision_is_a_conflict(store: SQLiteStore) -> None:
    created = await store.create("/k", b"a")
    updated = await store.update("/k", b"b", created)
    with pytest.raises(Conflict):
        await store.delete("/k", expected_revision=created)
    assert await store.delete("/k", expected_revision=updated) == updated + 1


async def test_delete_of_missing_key_is_not_found(store: SQLiteStore) -> None:
    with pytest.raises(NotFound):
        await store.delete("/k")


async def test_recreate_after_delete_starts_a_new_create_revision(store: SQLiteStore) -> None:
    await store.create("/k", b"a")
    await store.delete("/k")
    rev = await store.create("/k", b"b")
    assert await store.get("/k") == KeyValue("/k", b"b", rev, rev)


async def test_value_at_the_limit_is_stored_and_one_more_byte_is_too_large(
    store: SQLiteStore,
) -> None:
    big = b"x" * MAX_VALUE_BYTES
    rev = await store.create("/big", big)
    assert (await store.get("/big")).value == big
    with pytest.raises(TooLarge):
        await store.update("/big", big + b"x", rev)
    with pytest.raises(TooLarge):
        await store.create("/other", big + b"x")
    assert (await store.get("/big")).mod_revision == rev
    assert await store.current_revision() == rev


@pytest.mark.parametrize(
    "key",
    ["", "k", "relative/key", "/a//b", "/a\x00b", "/" + "x" * 1024, "/\udcff", 7, None, b"/a"],
)
async def test_malformed_keys_are_rejected_and_nothing_changes(
    store: SQLiteStore, key: object
) -> None:
    await store.create("/keep", b"v")
    with pytest.raises(InvalidKey):
        await store.create(key, b"v")  # type: ignore[arg-type]
    with pytest.raises(InvalidKey):
        await store.update(key, b"v", 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidKey):
        await store.delete(key)  # type: ignore[arg-type]
    with pytest.raises(InvalidKey):
        await store.get(key)  # type: ignore[arg-type]
    assert await store.current_revision() == 1
    assert (await store.list("")).items == [KeyValue("/keep", b"v", 1, 1)]


async def test_every_error_is_a_store_error() -> None:
    for error in (KeyExists("/k"), NotFound("/k"), Conflict("/k", 1, 2), TooLarge("/k", 2, 1)):
        assert isinstance(error, StoreError)


async def test_revisions_continue_after_reopen_and_are_never_reused(db_path: str) -> None:
    first = await SQLiteStore.open(db_path)
    await first.create("/a", b"1")
    await first.create("/b", b"2")
    await first.delete("/b")
    await first.close()
    second = await SQLiteStore.open(db_path)
    try:
        assert await second.current_revision() == 3
        assert await second.create("/c", b"3") == 4
        assert await second.get("/a") == KeyValue("/a", b"1", 1, 1)
    finally:
        await second.close()


async def test_a_trailing_tombstone_removed_by_compaction_keeps_its_revision(
    db_path: str,
) -> None:
    first = await SQLiteStore.open(db_path)
    await first.create("/a", b"1")
    deleted = await first.delete("/a")
    await first.compact(deleted)
    await first.close()
    second = await SQLiteStore.open(db_path)
    try:
        assert await second.current_revision() == deleted
        assert await second.create("/b", b"2") == deleted + 1
    finally:
        await second.close()


async def test_open_store_url_opens_the_sqlite_backend(db_path: str) -> None:
    store = await open_store(f"sqlite://{db_path}", compaction_interval=3600.0)
    try:
        assert await store.create("/a", b"1") == 1
    finally:
        await store.close()


async def test_a_second_open_of_the_same_file_is_locked(store: SQLiteStore, db_path: str) -> None:
    with pytest.raises(StoreLocked, match="open in another process"):
        await SQLiteStore.open(db_path)
    assert await store.create("/still-fine", b"v") == 1


async def test_operations_on_a_closed_store_fail_with_store_closed(db_path: str) -> None:
    store = await SQLiteStore.open(db_path)
    await store.create("/a", b"1")
    await store.close()
    await store.close()  # closing twice is harmless
    with pytest.raises(StoreClosed):
        await store.create("/b", b"1")
    with pytest.raises(StoreClosed):
        await store.get("/a")
    with pytest.raises(StoreClosed):
        await store.list("/")
    with pytest.raises(StoreClosed):
        store.watch("/", 0)


async def test_writes_queued_before_close_are_committed(db_path: str) -> None:
    store = await SQLiteStore.open(db_path)
    writes = [asyncio.create_task(store.create(f"/k{i}", b"v")) for i in range(200)]
    await asyncio.sleep(0)  # every write is queued
    await store.close()
    assert sorted(await asyncio.gather(*writes)) == list(range(1, 201))
    reopened = await SQLiteStore.open(db_path)
    try:
        assert len((await reopened.list("/")).items) == 200
    finally:
        await reopened.close()


async def test_concurrent_updates_of_one_key_have_exactly_one_winner_per_round(
    store: SQLiteStore,
) -> None:
    rev = await store.create("/contended", b"0")
    for round_ in range(20):
        results = await asyncio.gather(
            *(store.update("/contended", f"{round_}:{w}".encode(), rev) for w in range(16)),
            return_exceptions=True,
        )
        winners = [r for r in results if isinstance(r, int)]
        assert len(winners) == 1
        assert all(isinstance(r, Conflict) for r in results if not isinstance(r, int))
        assert winners[0] == rev + 1
        rev = winners[0]
    assert (await store.get("/contended")).mod_revision == rev == 21
    assert await store.current_revision() == 21


async def test_concurrent_creates_of_one_key_have_exactly_one_winner(store: SQLiteStore) -> None:
    results = await asyncio.gather(
        *(store.create("/once", str(w).encode()) for w in range(32)), return_exceptions=True
    )
    assert sum(isinstance(r, int) for r in results) == 1
    assert sum(isinstance(r, KeyExists) for r in results) == 31


async def test_concurrent_writes_get_distinct_consecutive_revisions(store: SQLiteStore) -> None:
    revs = await asyncio.gather(*(store.create(f"/k/{i}", b"v") for i in range(500)))
    assert sorted(revs) == list(range(1, 501))
    for i, rev in enumerate(revs):
        assert (await store.get(f"/k/{i}")).mod_revision == rev


async def test_a_get_after_an_acknowledged_write_sees_it(store: SQLiteStore) -> None:
    rev = await store.create("/k", b"0")
    for i in range(50):
        rev = await store.update("/k", str(i).encode(), rev)
        assert await store.get("/k") == KeyValue("/k", str(i).encode(), 1, rev)

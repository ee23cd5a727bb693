"""Property: random operation sequences behave exactly like a small in-memory model."""

from __future__ import annotations

import asyncio
import os
import tempfile
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minikube_py.store import (
    Compacted,
    Conflict,
    Event,
    EventType,
    KeyExists,
    KeyValue,
    NotFound,
    StoreError,
)
from minikube_py.store.sqlite import SQLiteStore

KEYS = ["/a/1", "/a/2", "/a/b/1", "/b/1", "/ab"]
PREFIXES = ["", "/", "/a/", "/a", "/b/", "/c/"]


@dataclass
class Model:
    """The store's semantics, as plainly as they can be written."""

    live: dict[str, KeyValue] = field(default_factory=dict)
    snapshots: list[dict[str, KeyValue]] = field(default_factory=lambda: [{}])  # by revision
    events: list[Event] = field(default_factory=list)
    compacted: int = 0

    @property
    def head(self) -> int:
        return len(self.snapshots) - 1

    def _commit(self, event: Event) -> int:
        if event.value is None:
            del self.live[event.key]
        else:
            self.live[event.key] = KeyValue(
                event.key, event.value, event.create_revision, event.revision
            )
        self.snapshots.append(dict(self.live))
        self.events.append(event)
        return event.revision

    def create(self, key: str, value: bytes) -> int:
        if key in self.live:
            raise KeyExists(key)
        rev = self.head + 1
        return self._commit(Event(EventType.PUT, key, rev, value, None, rev))

    def update(self, key: str, value: bytes, expected: int) -> int:
        old = self._check(key, expected)
        return self._commit(
            Event(EventType.PUT, key, self.head + 1, value, old.value, old.create_revision)
        )

    def delete(self, key: str, expected: int | None) -> int:
        old = self._check(key, expected)
        return self._commit(
            Event(EventType.DELETE, key, self.head + 1, None, old.value, old.create_revision)
        )

    def _check(self, key: str, expected: int | None) -> KeyValue:
        if key not in self.live:
            raise NotFound(key)
        old = self.live[key]
        if expected is not None and expected != old.mod_revision:
            raise Conflict(key, expected, old.mod_revision)
        return old

    def list(self, prefix: str, revision: int) -> list[KeyValue]:
        if revision and revision < self.compacted:
            raise Compacted(revision, self.compacted)
        snapshot = self.snapshots[revision or self.head]
        return [snapshot[k] for k in sorted(snapshot) if k.startswith(prefix)]


key = st.sampled_from(KEYS)
value = st.binary(max_size=8)
expected = st.one_of(st.none(), st.none(), st.none(), st.integers(1, 40))  # None: the true revision
create = st.tuples(st.just("create"), key, value)
update = st.tuples(st.just("update"), key, value, expected)
delete = st.tuples(st.just("delete"), key, expected)
list_ = st.tuples(st.just("list"), st.sampled_from(PREFIXES), st.integers(0, 40), st.integers(0, 3))
# Writes weigh most; compaction (to a point some way behind the head) is rare.
op = st.one_of(
    create,
    create,
    update,
    update,
    delete,
    delete,
    st.tuples(st.just("get"), key),
    list_,
    list_,
    st.tuples(st.just("compact"), st.integers(2, 20)),
)


async def run(ops: list[tuple[object, ...]], path: str) -> None:
    model = Model()
    store = await SQLiteStore.open(
        path, compaction_window_revisions=None, compaction_window_seconds=None
    )
    try:
        for name, *args in ops:
            await apply(store, model, str(name), args)
            assert await store.current_revision() == model.head
        for start in range(model.compacted, model.head + 1):
            for prefix in PREFIXES:
                await check_watch(store, model, prefix, start)
    finally:
        await store.close()


async def apply(store: SQLiteStore, model: Model, name: str, args: list[object]) -> None:
    if name in ("update", "delete") and args[-1] is None:
        current = model.live.get(str(args[0]))
        args = [*args[:-1], current.mod_revision if current else 1]
    if name == "delete" and args[-1] == 40:
        args = [args[0], None]  # sometimes an unconditional delete
    if name == "list":
        prefix, revision, limit = str(args[0]), int(args[1]), int(args[2])  # type: ignore[call-overload]
        revision %= model.head + 1
        expected_items = outcome(lambda: model.list(prefix, revision))
        got = await outcome_async(list_all(store, prefix, revision, limit))
        assert got == expected_items
        return
    if name == "compact":
        revision = max(0, model.head - int(args[0]))  # type: ignore[call-overload]
        await store.compact(revision)
        model.compacted = max(model.compacted, revision)
        return
    if name == "get":
        k = str(args[0])
        assert await outcome_async(store.get(k)) == outcome(
            lambda: model.live.get(k) or raise_(NotFound(k))
        )
        return
    method = getattr(model, name)
    expected_result = outcome(lambda: method(*args))
    assert await outcome_async(getattr(store, name)(*args)) == expected_result


def raise_(error: Exception) -> KeyValue:
    raise error


async def list_all(store: SQLiteStore, prefix: str, revision: int, limit: int) -> list[KeyValue]:
    page = await store.list(prefix, revision=revision, limit=limit)
    items = list(page.items)
    while page.continue_token:
        page = await store.list(prefix, limit=limit, continue_token=page.continue_token)
        items += page.items
    return items


async def check_watch(store: SQLiteStore, model: Model, prefix: str, start: int) -> None:
    expected_events = [e for e in model.events if e.revision > start and e.key.startswith(prefix)]
    events = store.watch(prefix, start)
    got: list[Event] = []
    async with asyncio.timeout(5):
        while len(got) < len(expected_events):
            got.append(await anext(events))
    await events.aclose()  # type: ignore[attr-defined]
    assert got == expected_events


def outcome(fn: object) -> object:
    try:
        return fn()  # type: ignore[operator]
    except StoreError as error:
        return type(error)


async def outcome_async(awaitable: object) -> object:
    try:
        return await awaitable  # type: ignore[misc]
    except StoreError as error:
        return type(error)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(op, min_size=10, max_size=40))
def test_random_operations_match_the_model(ops: list[tuple[object, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        asyncio.run(run(ops, os.path.join(tmp, "state.db")))

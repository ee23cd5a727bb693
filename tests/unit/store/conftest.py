"""Fixtures for the store's unit tests: a real SQLite file per test, closed and checked after."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from minikube_py.store.sqlite import SQLiteStore

OpenStore = Callable[..., Awaitable[SQLiteStore]]

# Background compaction stays out of the way unless a test asks for it.
QUIET = {
    "compaction_window_revisions": None,
    "compaction_window_seconds": None,
    "compaction_interval": 3600.0,
}


def _store_tasks() -> list[asyncio.Task[Any]]:
    return [t for t in asyncio.all_tasks() if t.get_name().startswith("store-") and not t.done()]


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "state.db")


@pytest.fixture
async def open_store(db_path: str) -> AsyncIterator[OpenStore]:
    """Open stores on this test's file (default options: QUIET); all are closed after the test,
    and a store task still running then fails the test."""
    opened: list[SQLiteStore] = []

    async def opener(path: str | None = None, **options: Any) -> SQLiteStore:
        store = await SQLiteStore.open(path or db_path, **{**QUIET, **options})
        opened.append(store)
        return store

    yield opener
    for store in opened:
        await store.close()
    assert _store_tasks() == [], "the store leaked a task"


@pytest.fixture
async def store(open_store: OpenStore) -> SQLiteStore:
    return await open_store()


WaitUntil = Callable[[Callable[[], Awaitable[bool]]], Awaitable[None]]


@pytest.fixture
def wait_until() -> WaitUntil:
    """Wait for a condition to hold, checking as the loop turns; fail after 5 s."""

    async def wait(predicate: Callable[[], Awaitable[bool]]) -> None:
        async with asyncio.timeout(5.0):
            # Compaction announces nothing, so look again each few milliseconds.
            while not await predicate():  # noqa: ASYNC110
                await asyncio.sleep(0.005)

    return wait

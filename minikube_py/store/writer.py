"""The single writer: group commit of queued writes, one transaction per batch.

Owns the write connection and the head revision. Callers enqueue a `WriteOp`
and await its future; one task drains up to `max_batch` queued ops and hands
them to a dedicated thread, which validates and applies them in order inside
one transaction and commits once (one WAL sync for the whole batch). Back on
the event loop the batch's events are passed to `on_commit` in revision order
and only then are the callers' futures resolved, so an acknowledged write is
durable, visible to every new read and already handed to the watch hub.

Why a thread of our own and not aiosqlite: aiosqlite sends every statement
to its thread as a separate call with its own future and loop wake-up; a
batch here is ~3 statements per op plus a commit, so running the whole batch as
one function in one thread hop cost a fraction of the event-loop time (see
bench/store.py). Readers are separate connections (see reader.py).

Maintenance work (compaction) runs through the same queue as a `Job`, so it is
serialised with writes and each job holds the write lock only for one chunk.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

from minikube_py.store.errors import Conflict, KeyExists, NotFound, StoreClosed, StoreError
from minikube_py.store.types import Event, EventType

log = logging.getLogger(__name__)

T = TypeVar("T")


class OpKind(enum.Enum):
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


@dataclass(slots=True)
class WriteOp:
    kind: OpKind
    key: str
    value: bytes | None
    expected_revision: int | None
    future: asyncio.Future[int]


@dataclass(slots=True)
class Job:
    """A function run alone in the writer thread; it manages its own transaction."""

    fn: Callable[[sqlite3.Connection], Any]
    future: asyncio.Future[Any]


class _Stop:
    pass


_STOP = _Stop()
Outcome = Event | StoreError

_CURRENT = (
    "SELECT l.rev, l.create_rev, l.value FROM current c JOIN log l ON l.rev = c.rev WHERE c.key = ?"
)
_INSERT_LOG = (
    "INSERT INTO log(rev, key, create_rev, prev_rev, deleted, value) VALUES (?, ?, ?, ?, ?, ?)"
)
_INSERT_CURRENT = "INSERT INTO current(key, rev) VALUES (?, ?)"
_UPDATE_CURRENT = "UPDATE current SET rev = ? WHERE key = ?"
_DELETE_CURRENT = "DELETE FROM current WHERE key = ?"


def apply_batch(
    conn: sqlite3.Connection, ops: list[WriteOp], head: int
) -> tuple[list[Outcome], int]:
    """Apply `ops` in order in one transaction; return each op's outcome and the new head.

    Runs in the writer thread. A rejected op (exists, missing, conflict) writes
    nothing and takes no revision; any SQLite error rolls the whole batch back.
    """
    outcomes: list[Outcome] = []
    rev = head
    cur = conn.cursor()
    cur.execute("BEGIN IMMEDIATE")
    try:
        for op in ops:
            key = op.key
            row = cur.execute(_CURRENT, (key,)).fetchone()
            if op.kind is OpKind.CREATE:
                if row is not None:
                    outcomes.append(KeyExists(key))
                    continue
                rev += 1
                cur.execute(_INSERT_LOG, (rev, key, rev, 0, 0, op.value))
                cur.execute(_INSERT_CURRENT, (key, rev))
                outcomes.append(Event(EventType.PUT, key, rev, op.value, None, rev))
                continue
            if row is None:
                outcomes.append(NotFound(key))
                continue
            mod_rev, create_rev, old_value = row
            expected = op.expected_revision
            if expected is not None and expected != mod_rev:
                outcomes.append(Conflict(key, expected, mod_rev))
                continue
            rev += 1
            if op.kind is OpKind.UPDATE:
                cur.execute(_INSERT_LOG, (rev, key, create_rev, mod_rev, 0, op.value))
                cur.execute(_UPDATE_CURRENT, (rev, key))
                outcomes.append(Event(EventType.PUT, key, rev, op.value, old_value, create_rev))
            else:
                cur.execute(_INSERT_LOG, (rev, key, create_rev, mod_rev, 1, None))
                cur.execute(_DELETE_CURRENT, (key,))
                outcomes.append(Event(EventType.DELETE, key, rev, None, old_value, create_rev))
        cur.execute("COMMIT" if rev != head else "ROLLBACK")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return outcomes, rev


class Writer:
    """The group-commit writer task and its thread. Start once, stop once."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        head: int,
        on_commit: Callable[[list[Event]], None],
        *,
        queue_limit: int = 10_000,
        max_batch: int = 512,
        max_batch_bytes: int = 16 * 1024 * 1024,
    ) -> None:
        self._conn = conn
        self.head = head
        self._on_commit = on_commit
        self._queue: asyncio.Queue[WriteOp | Job | _Stop] = asyncio.Queue(queue_limit)
        self._max_batch = max_batch
        self._max_batch_bytes = max_batch_bytes
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="store-writer")
        self._task: asyncio.Task[None] | None = None
        self._held: WriteOp | Job | _Stop | None = None  # an item drained past a batch boundary
        self._stopping = False

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="store-writer")
        self._task.add_done_callback(_report_crash)

    async def write(self, kind: OpKind, key: str, value: bytes | None, expected: int | None) -> int:
        """Queue one write and wait for its commit; return its revision."""
        if self._stopping:
            raise StoreClosed("the store is closed")
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        await self._queue.put(WriteOp(kind, key, value, expected, future))
        return await future

    async def run_job(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run `fn(conn)` alone in the writer thread, between batches."""
        if self._stopping:
            raise StoreClosed("the store is closed")
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        await self._queue.put(Job(fn, future))
        return await future

    async def stop(self) -> None:
        """Refuse new work, finish what is queued, then stop the task and the thread."""
        if self._stopping:
            return
        self._stopping = True
        if self._task is not None:
            if not self._task.done():
                await self._queue.put(_STOP)
            await self._task
        await asyncio.to_thread(self._thread.shutdown, True)

    def close_connection(self) -> None:
        """Close the write connection; only after `stop`."""
        self._conn.close()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            item = self._held if self._held is not None else await self._queue.get()
            self._held = None
            if isinstance(item, _Stop):
                return
            if isinstance(item, Job):
                await self._run_job(loop, item)
                continue
            batch = self._drain(item)
            await self._commit(loop, batch)

    def _drain(self, first: WriteOp) -> list[WriteOp]:
        batch = [first]
        size = len(first.value or b"")
        while len(batch) < self._max_batch and size < self._max_batch_bytes:
            try:
                item = self._queue.get_nowait()
            except asyncio.QueueEmpty:
                break
            if not isinstance(item, WriteOp):
                self._held = item
                break
            batch.append(item)
            size += len(item.value or b"")
        return batch

    async def _commit(self, loop: asyncio.AbstractEventLoop, batch: list[WriteOp]) -> None:
        # A caller that gave up before its op reached the thread is not applied.
        ops = [op for op in batch if not op.future.done()]
        if not ops:
            return
        try:
            outcomes, head = await loop.run_in_executor(
                self._thread, apply_batch, self._conn, ops, self.head
            )
        except Exception as exc:
            log.exception("store write batch of %d ops failed", len(ops))
            for op in ops:
                if not op.future.done():
                    error = StoreError(f"write failed: {exc}")
                    error.__cause__ = exc
                    op.future.set_exception(error)
            return
        self.head = head
        events = [o for o in outcomes if isinstance(o, Event)]
        if events:
            try:
                self._on_commit(events)
            except Exception:  # a bug downstream must not leave writers waiting forever
                log.exception("store commit listener failed")
        for op, outcome in zip(ops, outcomes, strict=True):
            if op.future.done():
                continue
            if isinstance(outcome, Event):
                op.future.set_result(outcome.revision)
            else:
                op.future.set_exception(outcome)

    async def _run_job(self, loop: asyncio.AbstractEventLoop, job: Job) -> None:
        try:
            result = await loop.run_in_executor(self._thread, job.fn, self._conn)
        except Exception as exc:
            if not job.future.done():
                job.future.set_exception(exc)
            return
        if not job.future.done():
            job.future.set_result(result)


def _report_crash(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("store writer task stopped", exc_info=task.exception())

"""The embedded store backend: SQLite in WAL mode, one writer, many readers.

Wires the parts together and checks input at the door:

    caller -> SQLiteStore (validate key/value) -> Writer queue -> writer thread
             (one transaction per batch) -> commit -> WatchHub.publish -> ack
    caller -> SQLiteStore -> Reader pool (own connections, one snapshot per read)
    watch  -> watch_stream: subscribe to hub, replay history via Reader, go live
    Compactor -> Writer jobs (persist point, delete chunks)

See docs/store.md for one write and one watch walked through these layers.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator

from minikube_py.store import keys, schema, tokens
from minikube_py.store.compaction import Compactor
from minikube_py.store.errors import Compacted, InvalidContinue, StoreClosed
from minikube_py.store.lockfile import LockFile
from minikube_py.store.reader import Reader
from minikube_py.store.types import Event, KeyValue, ListResult
from minikube_py.store.watch import WatchHub, watch_stream
from minikube_py.store.writer import OpKind, Writer


class SQLiteStore:
    """A revisioned key-value store with watch on one SQLite file. Open with `await open(...)`."""

    def __init__(
        self,
        path: str,
        lock: LockFile,
        writer: Writer,
        reader: Reader,
        hub: WatchHub,
        compactor: Compactor,
        watch_queue_limit: int,
    ) -> None:
        self.path = path
        self._lock = lock
        self._writer = writer
        self._reader = reader
        self._hub = hub
        self._compactor = compactor
        self._watch_queue_limit = watch_queue_limit
        self._closed = False

    @classmethod
    async def open(
        cls,
        path: str,
        *,
        durable: bool = True,
        compaction_window_revisions: int | None = 10_000,
        compaction_window_seconds: float | None = 300.0,
        compaction_interval: float = 60.0,
        watch_queue_limit: int = 10_000,
        write_queue_limit: int = 10_000,
        max_batch: int = 512,
        reader_threads: int = 2,
    ) -> SQLiteStore:
        """Open (creating if needed) the store at `path`.

        durable: sync the WAL on every commit (survives power loss); without it
            an acknowledged write still survives the process being killed.
        compaction_window_*: history is kept for this many revisions behind the
            head and this many seconds; whichever keeps less wins. None disables one.
        watch_queue_limit: events a watcher may fall behind before it is cut off.
        Raises StoreLocked if another process (or store) has the file open.
        """
        if watch_queue_limit < 1 or write_queue_limit < 1 or max_batch < 1:
            raise ValueError("queue limits and max_batch must be positive")
        path = os.fspath(path)
        lock = LockFile.acquire(path)
        try:
            conn = await asyncio.to_thread(cls._prepare, path, durable)
            try:
                state = await asyncio.to_thread(schema.load_state, conn)
            except BaseException:
                conn.close()
                raise
        except BaseException:
            lock.release()
            raise
        hub = WatchHub(state.head_revision)
        writer = Writer(
            conn,
            state.head_revision,
            hub.publish,
            queue_limit=write_queue_limit,
            max_batch=max_batch,
        )
        compactor = Compactor(
            writer,
            state.compact_revision,
            state.compact_done,
            window_revisions=compaction_window_revisions,
            window_seconds=compaction_window_seconds,
            interval=compaction_interval,
        )
        reader = Reader(path, durable=durable, threads=reader_threads)
        store = cls(path, lock, writer, reader, hub, compactor, watch_queue_limit)
        writer.start()
        compactor.start()
        return store

    @staticmethod
    def _prepare(path: str, durable: bool) -> sqlite3.Connection:
        conn = schema.connect(path, durable=durable)
        try:
            schema.create_schema(conn)
        except BaseException:
            conn.close()
            raise
        return conn

    # writes

    async def create(self, key: str, value: bytes) -> int:
        key = keys.check_key(key)
        data = keys.check_value(key, value)
        self._check_open()
        return await self._writer.write(OpKind.CREATE, key, data, None)

    async def update(self, key: str, value: bytes, expected_revision: int) -> int:
        key = keys.check_key(key)
        data = keys.check_value(key, value)
        _check_revision_arg(expected_revision, "expected_revision")
        self._check_open()
        return await self._writer.write(OpKind.UPDATE, key, data, expected_revision)

    async def delete(self, key: str, expected_revision: int | None = None) -> int:
        key = keys.check_key(key)
        if expected_revision is not None:
            _check_revision_arg(expected_revision, "expected_revision")
        self._check_open()
        return await self._writer.write(OpKind.DELETE, key, None, expected_revision)

    # reads

    async def get(self, key: str) -> KeyValue:
        key = keys.check_key(key)
        self._check_open()
        return await self._reader.get(key)

    async def list(
        self,
        prefix: str,
        revision: int = 0,
        limit: int = 0,
        continue_token: str | None = None,
    ) -> ListResult:
        prefix = keys.check_prefix(prefix)
        if revision < 0 or limit < 0:
            raise ValueError("revision and limit must not be negative")
        self._check_open()
        after: str | None = None
        if continue_token is not None:
            cursor = tokens.decode(continue_token, prefix)
            if revision not in (0, cursor.revision):
                raise InvalidContinue(
                    f"revision {revision} does not match the continue token's {cursor.revision}"
                )
            revision, after = cursor.revision, cursor.last_key
        low, high = keys.prefix_range(prefix)
        page = await self._reader.list_page(low, high, after, revision, limit)
        token = None
        if page.remaining and page.items:
            token = tokens.encode(tokens.Cursor(page.revision, prefix, page.items[-1].key))
        return ListResult(page.items, page.revision, token, page.remaining)

    def watch(self, prefix: str, from_revision: int) -> AsyncIterator[Event]:
        prefix = keys.check_prefix(prefix)
        if from_revision < 0:
            raise ValueError("from_revision must not be negative")
        self._check_open()
        low, high = keys.prefix_range(prefix)

        async def replay(after: int, upto: int, limit: int) -> list[Event]:
            return await self._reader.replay(low, high, after, upto, limit)

        return watch_stream(
            self._hub, prefix, from_revision, self._watch_queue_limit, replay, self._check_start
        )

    def _check_start(self, revision: int) -> None:
        if self._closed:
            raise StoreClosed("the store is closed")
        if revision < self._compactor.compacted:
            raise Compacted(revision, self._compactor.compacted)

    async def current_revision(self) -> int:
        self._check_open()
        return self._writer.head

    async def compacted_revision(self) -> int:
        self._check_open()
        return self._compactor.compacted

    async def compact(self, revision: int) -> None:
        _check_revision_arg(revision, "revision", allow_zero=True)
        self._check_open()
        await self._compactor.compact(revision)

    # lifecycle

    async def close(self) -> None:
        """Finish queued writes, stop compaction, end every watch, release the file."""
        if self._closed:
            return
        self._closed = True
        try:
            await self._compactor.stop()
            await self._writer.stop()
            self._hub.close()
            await self._reader.close()
        finally:
            self._writer.close_connection()
            self._lock.release()

    async def __aenter__(self) -> SQLiteStore:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosed("the store is closed")


def _check_revision_arg(value: int, name: str, *, allow_zero: bool = False) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < (0 if allow_zero else 1):
        raise ValueError(f"{name} must be a {'non-negative' if allow_zero else 'positive'} int")

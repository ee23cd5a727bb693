"""Reads: get, list at a revision, and history replay for watches.

Owns the read connections (one per reader thread, WAL lets them read while the
writer commits) and the read queries. Every multi-statement read runs in one
read transaction, so what it returns is one consistent snapshot; each starts
after the call, so it sees every write acknowledged before the call.
Must not write: all writes go through writer.py.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from minikube_py.store import schema
from minikube_py.store.errors import Compacted, FutureRevision, NotFound, StoreClosed
from minikube_py.store.types import Event, EventType, KeyValue

T = TypeVar("T")

_GET = (
    "SELECT l.value, l.create_rev, l.rev FROM current c JOIN log l ON l.rev = c.rev WHERE c.key = ?"
)
_NEWEST = "SELECT coalesce(max(rev), 0) FROM log"


@dataclass(frozen=True, slots=True)
class Page:
    items: list[KeyValue]
    revision: int
    remaining: int


class Reader:
    """A small pool of reader threads, each with its own connection."""

    def __init__(self, path: str, *, durable: bool, threads: int = 2) -> None:
        self._path = path
        self._durable = durable
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="store-reader")
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()
        self._closed = False

    async def close(self) -> None:
        self._closed = True
        await asyncio.to_thread(self._pool.shutdown, True)
        with self._conns_lock:
            for conn in self._conns:
                conn.close()
            self._conns.clear()

    async def run(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        if self._closed:
            raise StoreClosed("the store is closed")
        loop = asyncio.get_running_loop()
        try:
            return await loop.run_in_executor(self._pool, self._call, fn)
        except RuntimeError as exc:  # the pool was shut down under us
            if self._closed:
                raise StoreClosed("the store is closed") from exc
            raise

    def _call(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = schema.connect(self._path, durable=self._durable)
            conn.execute("PRAGMA query_only = ON")
            self._local.conn = conn
            with self._conns_lock:
                self._conns.append(conn)
        return fn(conn)

    async def get(self, key: str) -> KeyValue:
        return await self.run(lambda conn: get_key(conn, key))

    async def list_page(
        self, low: str, high: str | None, after: str | None, revision: int, limit: int
    ) -> Page:
        return await self.run(lambda conn: list_range(conn, low, high, after, revision, limit))

    async def replay(
        self, low: str, high: str | None, after: int, upto: int, limit: int
    ) -> list[Event]:
        return await self.run(lambda conn: replay_range(conn, low, high, after, upto, limit))


def get_key(conn: sqlite3.Connection, key: str) -> KeyValue:
    row = conn.execute(_GET, (key,)).fetchone()
    if row is None:
        raise NotFound(key)
    return KeyValue(key, row[0], row[1], row[2])


def _bounds(low: str, high: str | None, after: str | None, column: str) -> tuple[str, list[str]]:
    """SQL conditions for `column` in [low, high), and past `after` when resuming."""
    if after is not None:
        clauses, params = [f"{column} > ?"], [after]
    else:
        clauses, params = [f"{column} >= ?"], [low]
    if high is not None:
        clauses.append(f"{column} < ?")
        params.append(high)
    return " AND ".join(clauses), params


def list_range(
    conn: sqlite3.Connection,
    low: str,
    high: str | None,
    after: str | None,
    revision: int,
    limit: int,
) -> Page:
    """Keys in [low, high) (after `after`) as of `revision` (0: current), up to `limit` (0: all)."""
    conn.execute("BEGIN")
    try:
        head, compacted = _head(conn)
        at = head if revision == 0 else revision
        if at > head:
            raise FutureRevision(at, head)
        if at < compacted:
            raise Compacted(at, compacted)
        if at == head:
            items, total = _list_current(conn, low, high, after, limit)
        else:
            items, total = _list_past(conn, low, high, after, at, limit)
    finally:
        conn.execute("COMMIT")
    return Page(items, at, total - len(items))


def _head(conn: sqlite3.Connection) -> tuple[int, int]:
    compacted = schema.read_meta(conn, "compact_rev")
    (newest,) = conn.execute(_NEWEST).fetchone()
    return max(newest, compacted), compacted


def _list_current(
    conn: sqlite3.Connection, low: str, high: str | None, after: str | None, limit: int
) -> tuple[list[KeyValue], int]:
    where, params = _bounds(low, high, after, "c.key")
    sql = (
        "SELECT c.key, l.value, l.create_rev, l.rev FROM current c JOIN log l ON l.rev = c.rev"
        f" WHERE {where} ORDER BY c.key"
    )
    if limit:
        rows = conn.execute(sql + " LIMIT ?", (*params, limit)).fetchall()
    else:
        rows = conn.execute(sql, params).fetchall()
    items = [KeyValue(*row) for row in rows]
    if limit and len(items) == limit:
        (total,) = conn.execute(f"SELECT count(*) FROM current c WHERE {where}", params).fetchone()
    else:
        total = len(items)
    return items, total


def _list_past(
    conn: sqlite3.Connection,
    low: str,
    high: str | None,
    after: str | None,
    at: int,
    limit: int,
) -> tuple[list[KeyValue], int]:
    where, params = _bounds(low, high, after, "key")
    # The newest row of each key at or below `at` (covering index log_key_rev),
    # then only those that are not tombstones.
    newest = f"SELECT max(rev) AS rev FROM log WHERE {where} AND rev <= ? GROUP BY key"
    base = f"FROM log l JOIN ({newest}) m ON l.rev = m.rev WHERE l.deleted = 0"
    sql = f"SELECT l.key, l.value, l.create_rev, l.rev {base} ORDER BY l.key"
    args: list[object] = [*params, at]
    if limit:
        rows = conn.execute(sql + " LIMIT ?", (*args, limit)).fetchall()
    else:
        rows = conn.execute(sql, args).fetchall()
    items = [KeyValue(*row) for row in rows]
    if limit and len(items) == limit:
        (total,) = conn.execute(f"SELECT count(*) {base}", args).fetchone()
    else:
        total = len(items)
    return items, total


def replay_range(
    conn: sqlite3.Connection,
    low: str,
    high: str | None,
    after: int,
    upto: int,
    limit: int,
) -> list[Event]:
    """Changes to keys in [low, high) with after < revision <= upto, oldest first, up to `limit`.

    Raises Compacted if `after` is below the compaction point in this snapshot.
    """
    where, params = _bounds(low, high, None, "l.key")
    sql = (
        "SELECT l.rev, l.key, l.create_rev, l.deleted, l.value, p.value"
        " FROM log l LEFT JOIN log p ON p.rev = l.prev_rev"
        f" WHERE l.rev > ? AND l.rev <= ? AND {where} ORDER BY l.rev LIMIT ?"
    )
    conn.execute("BEGIN")
    try:
        compacted = schema.read_meta(conn, "compact_rev")
        if after < compacted:
            raise Compacted(after, compacted)
        rows = conn.execute(sql, (after, upto, *params, limit)).fetchall()
    finally:
        conn.execute("COMMIT")
    return [
        Event(
            EventType.DELETE if deleted else EventType.PUT,
            key,
            rev,
            None if deleted else value,
            prev_value,
            create_rev,
        )
        for rev, key, create_rev, deleted, value, prev_value in rows
    ]

"""Compaction: dropping history older than the window, in small steps.

Owns the compaction point. `compact(revision)` first persists the new point
(from then on lists and watches below it answer Compacted), then removes the
superseded rows in chunks of revisions, each chunk its own short transaction
queued behind writes, so writes wait at most one chunk. Progress is persisted
(`compact_done`), so a compaction cut short by a crash resumes at the next open.

A row is removed when its key was written again or deleted at or below the
compaction point (its successor names it in `prev_rev`), and a delete
tombstone is removed once it is at or below the point: the state at the
compaction point, and every change after it, stay.

The background task compacts to whichever is newer: `window_revisions` behind
the head, or the head as it was `window_seconds` ago (sampled once per tick).
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections import deque
from collections.abc import Callable

from minikube_py.store import schema
from minikube_py.store.errors import FutureRevision
from minikube_py.store.writer import Writer

log = logging.getLogger(__name__)

CHUNK_REVISIONS = 2000


def _set_point(revision: int) -> Callable[[sqlite3.Connection], None]:
    def run(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            schema.write_meta(conn, "compact_rev", revision)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return run


def _remove_chunk(low: int, high: int) -> Callable[[sqlite3.Connection], None]:
    """Remove rows superseded by, or tombstones at, revisions in (low, high]."""

    def run(conn: sqlite3.Connection) -> None:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute(
                "DELETE FROM log WHERE rev IN (SELECT prev_rev FROM log"
                " WHERE rev > ? AND rev <= ? AND prev_rev != 0)",
                (low, high),
            )
            conn.execute("DELETE FROM log WHERE rev > ? AND rev <= ? AND deleted = 1", (low, high))
            schema.write_meta(conn, "compact_done", high)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    return run


class Compactor:
    def __init__(
        self,
        writer: Writer,
        compacted: int,
        done: int,
        *,
        window_revisions: int | None,
        window_seconds: float | None,
        interval: float,
    ) -> None:
        self._writer = writer
        self.compacted = compacted  # the compaction point: history at or below it is gone
        self._done = done
        self._window_revisions = window_revisions
        self._window_seconds = window_seconds
        self._interval = interval
        self._lock = asyncio.Lock()
        self._samples: deque[tuple[float, int]] = deque()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="store-compactor")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None

    async def compact(self, revision: int) -> None:
        """Drop history at or below `revision`; a point at or below the current one is a no-op."""
        async with self._lock:
            head = self._writer.head
            if revision > head:
                raise FutureRevision(revision, head)
            if revision > self.compacted:
                await self._writer.run_job(_set_point(revision))
                self.compacted = revision
            await self._finish()

    async def _finish(self) -> None:
        while self._done < self.compacted:
            high = min(self._done + CHUNK_REVISIONS, self.compacted)
            await self._writer.run_job(_remove_chunk(self._done, high))
            self._done = high

    def target(self, now: float) -> int:
        """The compaction point the windows call for at loop time `now`."""
        head = self._writer.head
        target = 0
        if self._window_revisions is not None:
            target = max(target, head - self._window_revisions)
        if self._window_seconds is not None:
            self._samples.append((now, head))
            cutoff = now - self._window_seconds
            while len(self._samples) > 1 and self._samples[1][0] <= cutoff:
                self._samples.popleft()
            sampled_at, sampled_head = self._samples[0]
            if sampled_at <= cutoff:
                target = max(target, sampled_head)
        return min(target, head)

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            await self.compact(self.compacted)  # finish a compaction a crash cut short
        except Exception:
            log.exception("store compaction failed; will retry")
        while True:
            # A timer is right here: compaction is periodic housekeeping, not a
            # reaction to writes (watches never wait on it).
            await asyncio.sleep(self._interval)
            try:
                target = self.target(loop.time())
                if target > self.compacted:
                    await self.compact(target)
            except Exception:
                log.exception("store compaction failed; will retry")

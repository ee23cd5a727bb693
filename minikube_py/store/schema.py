"""The SQLite file: connection settings, tables and the state read back at open.

Owns the on-disk layout and nothing else. The layout is log-structured, like
kine's: `log` holds one row per revision (a put or a delete tombstone), and
`current` points each live key at its newest row, so a list at the current
revision walks one small index instead of the whole history.

    log(rev PK, key, create_rev, prev_rev, deleted, value)   -- history, by revision
        index log_key_rev(key, rev)                          -- lists at a past revision
    current(key PK, rev)                                     -- live keys -> newest log row
    meta(name PK, value)                                     -- schema_version,
                                                             -- compact_rev, compact_done

`prev_rev` links a row to the row it replaced (0 for a create), which gives a
watch its previous value and tells compaction which rows are superseded.
The head revision is never stored on its own: it is the larger of the newest
log row and the compaction point (compaction may remove a trailing tombstone,
but only at or below the compaction point, which is persisted first).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

SCHEMA_VERSION = 1
BUSY_TIMEOUT_MS = 10_000
# The WAL is truncated back to this size after a checkpoint, so it cannot keep
# the high-water mark of a burst on disk forever (kine's hundreds-of-GB WAL).
JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024

_DDL = (
    """CREATE TABLE IF NOT EXISTS log (
        rev INTEGER PRIMARY KEY,
        key TEXT NOT NULL,
        create_rev INTEGER NOT NULL,
        prev_rev INTEGER NOT NULL,
        deleted INTEGER NOT NULL,
        value BLOB
    )""",
    "CREATE INDEX IF NOT EXISTS log_key_rev ON log(key, rev)",
    "CREATE TABLE IF NOT EXISTS current (key TEXT PRIMARY KEY, rev INTEGER NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID",
)


@dataclass(frozen=True, slots=True)
class StoredState:
    head_revision: int
    compact_revision: int  # history at or below this is gone (requested point)
    compact_done: int  # rows superseded at or below this are physically removed


def connect(path: str, *, durable: bool) -> sqlite3.Connection:
    """A connection with the settings every connection of the store uses.

    Autocommit mode (isolation_level=None): transactions are opened explicitly,
    so a read sees everything committed before it began.
    """
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    # WAL + NORMAL survives a killed process (the WAL is written before commit
    # returns); FULL also syncs the WAL on every commit, so it survives power loss.
    conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
    conn.execute(f"PRAGMA journal_size_limit = {JOURNAL_SIZE_LIMIT}")
    conn.execute(
        "PRAGMA cache_size = -8000"
    )  # 8 MiB per connection: the OS page cache holds the rest
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in _DDL:
            conn.execute(statement)
        conn.execute(
            "INSERT OR IGNORE INTO meta(name, value) VALUES"
            " ('schema_version', ?), ('compact_rev', 0), ('compact_done', 0)",
            (SCHEMA_VERSION,),
        )
        (version,) = conn.execute("SELECT value FROM meta WHERE name = 'schema_version'").fetchone()
        if version != SCHEMA_VERSION:
            raise RuntimeError(
                f"store schema version {version} is not supported (this build reads {SCHEMA_VERSION})"
            )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def load_state(conn: sqlite3.Connection) -> StoredState:
    conn.execute("BEGIN")
    try:
        compact_rev = read_meta(conn, "compact_rev")
        compact_done = read_meta(conn, "compact_done")
        (newest,) = conn.execute("SELECT coalesce(max(rev), 0) FROM log").fetchone()
    finally:
        conn.execute("COMMIT")
    return StoredState(max(newest, compact_rev), compact_rev, compact_done)


def read_meta(conn: sqlite3.Connection, name: str) -> int:
    row = conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
    return int(row[0]) if row else 0


def write_meta(conn: sqlite3.Connection, name: str, value: int) -> None:
    conn.execute("UPDATE meta SET value = ? WHERE name = ?", (value, name))

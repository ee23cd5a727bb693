"""The store against real processes: file ownership, and SIGKILL under load."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from minikube_py.store import StoreLocked
from minikube_py.store.sqlite import SQLiteStore

WRITER = str(Path(__file__).with_name("store_writer_process.py"))


def start(db: str, mode: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, WRITER, db, mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


async def test_a_second_process_gets_store_locked_not_a_shared_file(tmp_path: Path) -> None:
    db = str(tmp_path / "state.db")
    holder = start(db, "hold")
    try:
        with pytest.raises(StoreLocked, match="another process"):
            await SQLiteStore.open(db)
    finally:
        holder.communicate("", timeout=30)
    assert holder.returncode == 0
    store = await SQLiteStore.open(db)  # free again once the holder has gone
    await store.close()


async def test_every_acknowledged_write_survives_sigkill_and_revisions_have_no_gap(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "state.db")
    proc = start(db, "load")
    assert proc.stdout is not None
    acknowledged: dict[int, str] = {}
    for line in proc.stdout:
        number, key = line.split()
        acknowledged[int(number)] = key
        if len(acknowledged) >= 3000:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    for line in proc.stdout:  # acknowledgements already in the pipe count too
        if line.endswith("\n"):
            number, key = line.split()
            acknowledged[int(number)] = key
    proc.stdout.close()

    store = await SQLiteStore.open(
        db, compaction_window_revisions=None, compaction_window_seconds=None
    )
    try:
        head = await store.current_revision()
        assert head >= max(acknowledged)
        events = store.watch("/", 0)
        seen: dict[int, str] = {}
        async with asyncio.timeout(30):
            while len(seen) < head:
                event = await anext(events)
                seen[event.revision] = event.key
        await events.aclose()  # type: ignore[attr-defined]
        assert list(seen) == list(range(1, head + 1))  # no gap, no reuse
        for rev, key in acknowledged.items():
            assert seen[rev] == key
        assert await store.create("/after-crash", b"v") == head + 1
    finally:
        await store.close()

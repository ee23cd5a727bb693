"""Benchmark of the SQLite store: prints one JSON object.

    .venv/bin/python bench/store.py

Measures, each on a fresh file in durable mode (WAL synced on every commit):
  writes_per_s_1      creates/s from one writer awaiting each write in turn
  writes_per_s_64     creates/s from 64 concurrent writers (group commit at work)
  watch_p50_ms/p99_ms delivery latency (write submitted -> watcher has the event)
                      to each of 100 watchers while writes arrive at ~1,000/s
  list_10k_ms         median time to list 10,000 keys under one prefix
  peak_rss_mb         peak resident memory of the whole run
Goals: writes_per_s_64 >= 10,000; watch_p99_ms < 10; list_10k_ms < 100.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import struct
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from minikube_py.store.sqlite import SQLiteStore

VALUE = b"x" * 512  # about the size of a small pod object


@asynccontextmanager
async def fresh_store(tmp: str, name: str) -> AsyncIterator[SQLiteStore]:
    store = await SQLiteStore.open(os.path.join(tmp, f"{name}.db"), durable=True)
    try:
        yield store
    finally:
        await store.close()


async def writes_per_second(tmp: str, writers: int, per_writer: int) -> float:
    async with fresh_store(tmp, f"writes{writers}") as store:

        async def writer(w: int) -> None:
            for i in range(per_writer):
                await store.create(f"/bench/w{w}/{i}", VALUE)

        started = time.perf_counter()
        await asyncio.gather(*(writer(w) for w in range(writers)))
        elapsed = time.perf_counter() - started
    return writers * per_writer / elapsed


async def watch_latency(
    tmp: str, watchers: int, rate: float, seconds: float
) -> tuple[float, float, int]:
    async with fresh_store(tmp, "watch") as store:
        start_rev = await store.current_revision()
        total = int(rate * seconds)
        samples: list[float] = []

        async def watcher() -> None:
            seen = 0
            async for event in store.watch("/watch/", start_rev):
                assert event.value is not None
                (sent,) = struct.unpack_from("d", event.value)
                samples.append(time.perf_counter() - sent)
                seen += 1
                if seen == total:
                    return

        tasks = [asyncio.create_task(watcher(), name=f"watcher-{i}") for i in range(watchers)]
        await asyncio.sleep(0.05)  # let every watcher subscribe before the load starts

        async def write(i: int) -> None:
            await store.create(f"/watch/{i}", struct.pack("d", time.perf_counter()) + VALUE)

        writes: list[asyncio.Task[None]] = []
        began = time.perf_counter()
        for i in range(total):
            due = began + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            writes.append(asyncio.create_task(write(i)))
        await asyncio.gather(*writes)
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=60)
    samples.sort()
    p50 = samples[len(samples) // 2]
    p99 = samples[int(len(samples) * 0.99)]
    return p50 * 1000, p99 * 1000, len(samples)


async def list_time(tmp: str, keys: int, runs: int) -> float:
    async with fresh_store(tmp, "list") as store:
        for start in range(0, keys, 1000):
            await asyncio.gather(
                *(store.create(f"/list/{i:06d}", VALUE) for i in range(start, start + 1000))
            )
        timings = []
        for _ in range(runs):
            began = time.perf_counter()
            result = await store.list("/list/")
            timings.append(time.perf_counter() - began)
            assert len(result.items) == keys
    return statistics.median(timings) * 1000


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="store-bench-") as tmp:
        began = time.perf_counter()
        one = await writes_per_second(tmp, 1, 3000)
        many = await writes_per_second(tmp, 64, 600)
        p50, p99, deliveries = await watch_latency(tmp, 100, 1000.0, 5.0)
        list_ms = await list_time(tmp, 10_000, 7)
        runtime = time.perf_counter() - began
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "benchmark": "store",
                "durable": True,
                "writes_per_s_1": round(one),
                "writes_per_s_64": round(many),
                "watch_watchers": 100,
                "watch_rate_per_s": 1000,
                "watch_deliveries": deliveries,
                "watch_p50_ms": round(p50, 3),
                "watch_p99_ms": round(p99, 3),
                "list_10k_ms": round(list_ms, 2),
                "peak_rss_mb": round(peak_kb / 1024, 1),
                "runtime_s": round(runtime, 1),
                "goals_met": {
                    "writes_per_s_64>=10000": many >= 10_000,
                    "watch_p99_ms<10": p99 < 10,
                    "list_10k_ms<100": list_ms < 100,
                },
            }
        )
    )


if __name__ == "__main__":
    asyncio.run(main())

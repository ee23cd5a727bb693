"""Benchmark of the API server over real HTTPS: prints one JSON object.

    .venv/bin/python bench/api.py

Starts a real `mkpy server` process, then from this process (aiohttp, admin
client certificate) measures:
  creates_per_s_50      pod creates/s from 50 concurrent clients
  create_p50_ms/p99_ms  create latency with creates paced at 500/s
  list_10k_ms           median time to list 10,000 pods (JSON)
  list_10k_table_ms     the same list as a kubectl Table
  watch_p50_ms/p99_ms   delivery latency to each of 100 pod watchers (create sent -> event read)
  server_rss_mb         the server's resident memory at the end
Goals: >= 1,500 creates/s; p99 < 50 ms at 500/s; a 10,000-pod list < 300 ms.
The client shares the 2 cores with the server, so these figures are a floor.
"""

from __future__ import annotations

import asyncio
import json
import ssl
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.cluster import Cluster, running_server

THROUGHPUT_SECONDS = 5.0
PACED_RATE = 500
PACED_SECONDS = 4.0
LIST_TARGET = 10_000
WATCHERS = 100
WATCH_EVENTS = 200


def pod(name: str) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {"name": name, "labels": {"app": "bench", "tier": "load"}},
        "spec": {
            "containers": [
                {
                    "name": "app",
                    "image": "docker.io/library/busybox:1.36",
                    "command": ["sleep", "3600"],
                    "ports": [{"containerPort": 8080}],
                    "resources": {"requests": {"cpu": "10m", "memory": "16Mi"}},
                }
            ]
        },
    }


def ssl_ctx(cluster: Cluster) -> ssl.SSLContext:
    ca, cert, key = cluster.client_files()
    ctx = ssl.create_default_context(cafile=ca)
    ctx.load_cert_chain(cert, key)
    return ctx


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return round(values[min(len(values) - 1, int(q * len(values)))], 2) if values else 0.0


class Bench:
    def __init__(self, cluster: Cluster, session: aiohttp.ClientSession) -> None:
        self.base = cluster.url
        self.s = session
        self.counter = 0
        self.sent: dict[str, float] = {}

    async def create(self, ns: str, prefix: str) -> float:
        self.counter += 1
        name = f"{prefix}-{self.counter}"
        t0 = time.perf_counter()
        self.sent[name] = t0
        async with self.s.post(f"{self.base}/api/v1/namespaces/{ns}/pods", json=pod(name)) as r:
            await r.read()
            if r.status != 201:
                raise RuntimeError(f"create failed: {r.status}")
        return (time.perf_counter() - t0) * 1000

    async def throughput(self, ns: str) -> float:
        done = 0
        deadline = time.perf_counter() + THROUGHPUT_SECONDS

        async def worker() -> None:
            nonlocal done
            while time.perf_counter() < deadline:
                await self.create(ns, "t")
                done += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(50)))
        return done / (time.perf_counter() - t0)

    async def paced(self, ns: str) -> list[float]:
        latencies: list[float] = []
        tasks = []
        start = time.perf_counter()
        n = int(PACED_RATE * PACED_SECONDS)
        for i in range(n):
            target = start + i / PACED_RATE
            delay = target - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.ensure_future(self.create(ns, "p")))
        latencies = list(await asyncio.gather(*tasks))
        return latencies

    async def fill(self, ns: str, count: int) -> None:
        have = await self.count(ns)
        sem = asyncio.Semaphore(50)

        async def one() -> None:
            async with sem:
                await self.create(ns, "f")

        await asyncio.gather(*(one() for _ in range(max(0, count - have))))

    async def count(self, ns: str) -> int:
        async with self.s.get(f"{self.base}/api/v1/namespaces/{ns}/pods") as r:
            return len((await r.json())["items"])

    async def list_ms(self, ns: str, table: bool) -> tuple[float, int]:
        headers = (
            {"Accept": "application/json;as=Table;v=v1;g=meta.k8s.io,application/json"}
            if table
            else {}
        )
        times = []
        n = 0
        for _ in range(5):
            t0 = time.perf_counter()
            async with self.s.get(f"{self.base}/api/v1/namespaces/{ns}/pods", headers=headers) as r:
                body = await r.read()
            times.append((time.perf_counter() - t0) * 1000)
            doc = json.loads(body)
            n = len(doc.get("items") or doc.get("rows") or [])
        return statistics.median(times), n

    async def watch_fanout(self, ns: str) -> list[float]:
        latencies: list[float] = []
        ready = 0
        all_ready = asyncio.Event()

        async def watcher() -> None:
            nonlocal ready
            async with self.s.get(
                f"{self.base}/api/v1/namespaces/{ns}/pods",
                params={"watch": "true", "resourceVersion": rv, "timeoutSeconds": "120"},
                timeout=aiohttp.ClientTimeout(total=None),
            ) as r:
                ready += 1
                if ready == WATCHERS:
                    all_ready.set()
                seen = 0
                while seen < WATCH_EVENTS:
                    line = await r.content.readline()
                    if not line:
                        return
                    ev = json.loads(line)
                    name = ev["object"]["metadata"]["name"]
                    if ev["type"] == "ADDED" and name in self.sent:
                        latencies.append((time.perf_counter() - self.sent[name]) * 1000)
                        seen += 1

        async with self.s.get(f"{self.base}/api/v1/namespaces/{ns}/pods") as r:
            rv = (await r.json())["metadata"]["resourceVersion"]
        watchers = [asyncio.ensure_future(watcher()) for _ in range(WATCHERS)]
        await asyncio.wait_for(all_ready.wait(), 60)
        for _ in range(WATCH_EVENTS):
            await self.create(ns, "w")
            await asyncio.sleep(0.01)
        await asyncio.wait_for(asyncio.gather(*watchers), 120)
        return latencies

    async def namespace(self, name: str) -> None:
        body = {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}
        async with self.s.post(f"{self.base}/api/v1/namespaces", json=body) as r:
            await r.read()


def server_rss_mb(cluster: Cluster) -> float:
    for line in Path(f"/proc/{cluster.process.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


async def run(cluster: Cluster) -> dict[str, Any]:
    connector = aiohttp.TCPConnector(ssl=ssl_ctx(cluster), limit=200)
    async with aiohttp.ClientSession(connector=connector) as s:
        b = Bench(cluster, s)
        for ns in ("tput", "paced", "listing", "watching"):
            await b.namespace(ns)
        creates = await b.throughput("tput")
        paced = await b.paced("paced")
        await b.fill("listing", LIST_TARGET)
        list_ms, n = await b.list_ms("listing", table=False)
        table_ms, _ = await b.list_ms("listing", table=True)
        watch = await b.watch_fanout("watching")
    return {
        "benchmark": "api",
        "creates_per_s_50": round(creates, 1),
        "paced_rate_per_s": PACED_RATE,
        "create_p50_ms": pct(paced, 0.5),
        "create_p99_ms": pct(paced, 0.99),
        "list_items": n,
        "list_10k_ms": round(list_ms, 1),
        "list_10k_table_ms": round(table_ms, 1),
        "watchers": WATCHERS,
        "watch_p50_ms": pct(watch, 0.5),
        "watch_p99_ms": pct(watch, 0.99),
        "server_rss_mb": server_rss_mb(cluster),
        "goals_met": {
            "creates_per_s_50>=1500": creates >= 1500,
            "create_p99_ms<50": pct(paced, 0.99) < 50,
            "list_10k_ms<300": list_ms < 300,
        },
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, running_server(Path(tmp) / "cluster") as cluster:
        result = asyncio.run(run(cluster))
    print(json.dumps(result))


if __name__ == "__main__":
    main()

"""Benchmark of time to a working control plane: prints one JSON object.

    .venv/bin/python bench/startup.py

  first_start_s    `mkpy server` exec -> ready, on an empty data dir (makes its PKI)
  restart_s        the same on the data dir it left (reuses PKI and state)
  kubectl_ready_s  first start -> `kubectl get ns` answered (what a user waits for)
  idle_rss_mb      the control plane's resident memory once ready and idle
Each is the median of 3 runs.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.support.cluster import kubectl_binary, running_server

RUNS = 3


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def one_run() -> tuple[float, float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "cluster"
        t0 = time.perf_counter()
        with running_server(data) as cluster:
            first = time.perf_counter() - t0
            subprocess.run(
                [kubectl_binary(), f"--kubeconfig={cluster.kubeconfig}", "get", "ns"],
                check=True,
                capture_output=True,
            )
            kubectl_ready = time.perf_counter() - t0
            rss = rss_mb(cluster.process.pid)
        t1 = time.perf_counter()
        with running_server(data):
            restart = time.perf_counter() - t1
    return first, restart, kubectl_ready, rss


def main() -> None:
    runs = [one_run() for _ in range(RUNS)]
    result = {
        "benchmark": "startup",
        "first_start_s": round(statistics.median(r[0] for r in runs), 3),
        "restart_s": round(statistics.median(r[1] for r in runs), 3),
        "kubectl_ready_s": round(statistics.median(r[2] for r in runs), 3),
        "idle_rss_mb": statistics.median(r[3] for r in runs),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()

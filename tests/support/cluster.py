"""Start a real `mkpy server` process for a test module, and run the real kubectl against it."""

from __future__ import annotations

import json
import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
GCLOUD_BIN = Path("/usr/lib/google-cloud-sdk/bin")
START_TIMEOUT = 60.0


def kubectl_binary(minor: int | None = None) -> str:
    """The kubectl to use: a given minor from the machine image, or the newest we have."""
    if minor is not None:
        path = GCLOUD_BIN / f"kubectl.1.{minor}"
        if not path.exists():
            raise FileNotFoundError(f"kubectl 1.{minor} is not installed at {path}")
        return str(path)
    env = os.environ.get("KUBECTL")
    if env:
        return env
    cached = ROOT / ".cache" / "tools" / "kubectl"
    if cached.exists():
        return str(cached)
    path = GCLOUD_BIN / "kubectl.1.33"
    if path.exists():
        return str(path)
    raise FileNotFoundError(
        "no kubectl found: run `make install` (it fetches one into .cache/tools)"
    )


def kubectl_minors() -> list[int]:
    """Every kubectl minor version the machine image ships (1.27..1.33), or just the cached 1.33."""
    if GCLOUD_BIN.exists():
        return [m for m in range(27, 34) if (GCLOUD_BIN / f"kubectl.1.{m}").exists()]
    return []


def helm_binary() -> str:
    cached = ROOT / ".cache" / "tools" / "helm"
    if not cached.exists():
        raise FileNotFoundError("helm not found: run `make install`")
    return str(cached)


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


@dataclass
class Cluster:
    data_dir: Path
    port: int
    process: subprocess.Popen[bytes]

    @property
    def kubeconfig(self) -> Path:
        return self.data_dir / "kubeconfig"

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.port}"

    def kubectl(
        self,
        *args: str,
        input: str | None = None,
        check: bool = True,
        binary: str | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> Result:
        cmd = [binary or kubectl_binary(), f"--kubeconfig={self.kubeconfig}", *args]
        full_env = {
            **os.environ,
            "KUBECONFIG": str(self.kubeconfig),
            "HOME": str(self.data_dir),
            **(env or {}),
        }
        proc = subprocess.run(
            cmd, input=input, capture_output=True, text=True, timeout=timeout, env=full_env
        )
        result = Result(proc.returncode, proc.stdout, proc.stderr)
        if check and proc.returncode != 0:
            raise AssertionError(
                f"kubectl {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        return result

    def client_files(self) -> tuple[str, str, str]:
        """(ca, cert, key) file paths for an HTTP client."""
        pki = self.data_dir / "pki"
        return str(pki / "ca.crt"), str(pki / "admin.crt"), str(pki / "admin.key")


@contextmanager
def running_server(data_dir: Path, extra_args: list[str] | None = None) -> Iterator[Cluster]:
    data_dir.mkdir(parents=True, exist_ok=True)
    log = open(data_dir / "server.log", "wb")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "minikube_py",
            "server",
            "--data-dir",
            str(data_dir),
            "--port",
            "0",
            *(extra_args or []),
        ],
        stdout=subprocess.PIPE,
        stderr=log,
        cwd=ROOT,
    )
    try:
        port = _wait_ready(proc, data_dir)
        yield Cluster(data_dir, port, proc)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        log.close()


def assert_clean_log(data_dir: Path) -> None:
    """The server logged no traceback and no error (a traceback is a bug)."""
    log = (data_dir / "server.log").read_text(errors="replace")
    bad = [line for line in log.splitlines() if "Traceback" in line or " ERROR " in line]
    assert not bad, f"the server logged errors:\n{log[-6000:]}"


def _wait_ready(proc: subprocess.Popen[bytes], data_dir: Path) -> int:
    assert proc.stdout is not None
    deadline = time.monotonic() + START_TIMEOUT
    buf = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, deadline - time.monotonic()))
        if not ready:
            break
        chunk = os.read(proc.stdout.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
        for line in buf.decode(errors="replace").splitlines():
            if "ready on port" in line:
                return int(line.split("ready on port", 1)[1].split(";")[0].strip())
    log = (data_dir / "server.log").read_text(errors="replace")[-4000:]
    raise RuntimeError(
        f"mkpy server did not become ready (exit={proc.poll()}):\n{buf.decode(errors='replace')}\n{log}"
    )

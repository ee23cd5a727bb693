"""The control-plane process: the API server and, once it serves, the
controllers, all tasks of one event loop started and stopped together."""

from __future__ import annotations

import asyncio
import gc
import signal

from minikube_py.api.server import ServerConfig, serve
from minikube_py.client import Client
from minikube_py.controllers.garbagecollector import GarbageCollector
from minikube_py.controllers.namespace import NamespaceController


async def run_control_plane(config: ServerConfig, stop: asyncio.Event) -> None:
    ready: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def started(port: int) -> None:
        print(
            f"mkpy server ready on port {port}; kubeconfig: {config.data_dir / 'kubeconfig'}",
            flush=True,
        )
        if not ready.done():
            ready.set_result(port)

    async with asyncio.TaskGroup() as tg:
        server = tg.create_task(serve(config, stop, started), name="api-server")
        await asyncio.wait([server, ready], return_when=asyncio.FIRST_COMPLETED)  # type: ignore[type-var]
        if server.done():
            return
        client = Client.from_kubeconfig(config.data_dir / "kubeconfig")
        try:
            controllers = [
                tg.create_task(NamespaceController(client).run(), name="namespace-controller"),
                tg.create_task(GarbageCollector(client).run(), name="garbage-collector"),
            ]
            await stop.wait()
            for task in controllers:
                task.cancel()
            await asyncio.gather(*controllers, return_exceptions=True)
        finally:
            await client.close()


def tune_gc() -> None:
    """Objects here are mostly acyclic JSON dicts that reference counting frees;
    the default gen-0 threshold makes the cycle collector walk large lists of them
    again and again (a 10,000-pod list decoded 2.7x slower)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 50)


def run(config: ServerConfig) -> None:
    async def main() -> None:
        tune_gc()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await run_control_plane(config, stop)

    asyncio.run(main())

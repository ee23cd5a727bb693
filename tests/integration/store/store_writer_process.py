"""A store writer run as its own process by the integration tests.

python store_writer_process.py DB hold     open the store, print "ready", wait for stdin EOF
python store_writer_process.py DB load     write as fast as possible with 32 writers,
                                           printing "<revision> <key>" per acknowledged write
"""

from __future__ import annotations

import asyncio
import sys

from minikube_py.store.sqlite import SQLiteStore


async def hold(path: str) -> None:
    store = await SQLiteStore.open(path)
    print("ready", flush=True)
    await asyncio.to_thread(sys.stdin.read)
    await store.close()


async def load(path: str) -> None:
    store = await SQLiteStore.open(path, durable=False)
    out = sys.stdout

    async def writer(w: int) -> None:
        rev = 0
        i = 0
        while True:
            key = f"/crash/w{w}"
            if rev == 0:
                rev = await store.create(key, f"{w}:{i}".encode())
            elif i % 5 == 0:
                await store.delete(key, rev)
                rev = 0
                out.write(f"{await store.create(f'/crash/w{w}/{i}', b'x')} /crash/w{w}/{i}\n")
            else:
                rev = await store.update(key, f"{w}:{i}".encode(), rev)
            if rev:
                out.write(f"{rev} {key}\n")
            out.flush()
            i += 1

    print("ready", flush=True)
    await asyncio.gather(*(writer(w) for w in range(32)))


if __name__ == "__main__":
    asyncio.run({"hold": hold, "load": load}[sys.argv[2]](sys.argv[1]))

"""The cluster's state: a revisioned, watchable key-value store.

Public surface: `open_store(url)`, the `Store` protocol, its value types and its
error tree. Backends: `sqlite:///path/to/file.db` (embedded default).
This package imports nothing else of minikube_py.
"""

from __future__ import annotations

from minikube_py.store.errors import (
    Compacted,
    Conflict,
    FutureRevision,
    InvalidContinue,
    InvalidKey,
    KeyExists,
    NotFound,
    StoreClosed,
    StoreError,
    StoreLocked,
    TooLarge,
    WatchOverflow,
)
from minikube_py.store.types import (
    MAX_VALUE_BYTES,
    Event,
    EventType,
    KeyValue,
    ListResult,
    Store,
)

__all__ = [
    "MAX_VALUE_BYTES",
    "Compacted",
    "Conflict",
    "Event",
    "EventType",
    "FutureRevision",
    "InvalidContinue",
    "InvalidKey",
    "KeyExists",
    "KeyValue",
    "ListResult",
    "NotFound",
    "Store",
    "StoreClosed",
    "StoreError",
    "StoreLocked",
    "TooLarge",
    "WatchOverflow",
    "open_store",
]


async def open_store(url: str, **options: object) -> Store:
    """Open the store named by `url`, e.g. `sqlite:///var/lib/mkpy/state.db`."""
    if url.startswith("sqlite://"):
        from minikube_py.store.sqlite import SQLiteStore

        return await SQLiteStore.open(url.removeprefix("sqlite://"), **options)  # type: ignore[arg-type]
    raise ValueError(f"unsupported store url {url!r}: expected sqlite:///path/to/file.db")

"""The values that cross the store's surface, and the Store protocol every backend implements."""

from __future__ import annotations

import enum
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol

# etcd's default request limit; the API server's own body limit sits above it.
MAX_VALUE_BYTES = 1536 * 1024


@dataclass(frozen=True, slots=True)
class KeyValue:
    key: str
    value: bytes
    create_revision: int
    mod_revision: int


@dataclass(frozen=True, slots=True)
class ListResult:
    items: list[KeyValue]
    revision: int  # the revision the list was read at
    continue_token: str | None  # set when more items remain
    remaining: int  # how many items remain after this page (0 when none)


class EventType(enum.Enum):
    PUT = "PUT"
    DELETE = "DELETE"


@dataclass(frozen=True, slots=True)
class Event:
    type: EventType
    key: str
    revision: int  # the revision of this change
    value: bytes | None  # new value; None for DELETE
    prev_value: bytes | None  # value before the change; None for a create
    create_revision: int  # of the key this change touched


class Store(Protocol):
    """A revisioned key-value store with watch: the cluster's state.

    Every successful write gets one global revision, strictly increasing by one
    per write. `watch(prefix, R)` yields every change with revision > R in order.
    """

    async def create(self, key: str, value: bytes) -> int: ...
    async def get(self, key: str) -> KeyValue: ...
    async def update(self, key: str, value: bytes, expected_revision: int) -> int: ...
    async def delete(self, key: str, expected_revision: int | None = None) -> int: ...
    async def list(
        self,
        prefix: str,
        revision: int = 0,
        limit: int = 0,
        continue_token: str | None = None,
    ) -> ListResult: ...
    def watch(self, prefix: str, from_revision: int) -> AsyncIterator[Event]: ...
    async def current_revision(self) -> int: ...
    async def compacted_revision(self) -> int: ...
    async def compact(self, revision: int) -> None: ...
    async def close(self) -> None: ...

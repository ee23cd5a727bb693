"""The store's one error tree. Every failure a caller can act on has its own type.

StoreError
 +-- KeyExists        create of a key that exists
 +-- NotFound         get/update/delete of a key that does not exist
 +-- Conflict         update/delete whose expected revision moved
 +-- Compacted        a revision older than the compaction point was asked for
 +-- FutureRevision   a revision newer than the current one was asked for
 +-- TooLarge         a value over the size limit
 +-- InvalidKey       a malformed key or prefix
 +-- InvalidContinue  a continue token that cannot be decoded
 +-- WatchOverflow    a watcher fell too far behind and was cut off
 +-- StoreLocked      another process holds the database for writing
 +-- StoreClosed      an operation on a closed store
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of every error the store raises."""


class KeyExists(StoreError):
    def __init__(self, key: str) -> None:
        super().__init__(f"key already exists: {key}")
        self.key = key


class NotFound(StoreError):
    def __init__(self, key: str) -> None:
        super().__init__(f"key not found: {key}")
        self.key = key


class Conflict(StoreError):
    def __init__(self, key: str, expected: int, actual: int) -> None:
        super().__init__(f"revision conflict on {key}: expected {expected}, found {actual}")
        self.key = key
        self.expected = expected
        self.actual = actual


class Compacted(StoreError):
    def __init__(self, revision: int, compacted: int) -> None:
        super().__init__(f"revision {revision} has been compacted (compaction point {compacted})")
        self.revision = revision
        self.compacted = compacted


class FutureRevision(StoreError):
    def __init__(self, revision: int, current: int) -> None:
        super().__init__(f"revision {revision} is newer than the current revision {current}")
        self.revision = revision
        self.current = current


class TooLarge(StoreError):
    def __init__(self, key: str, size: int, limit: int) -> None:
        super().__init__(f"value for {key} is {size} bytes, over the limit of {limit}")
        self.key = key
        self.size = size
        self.limit = limit


class InvalidKey(StoreError):
    pass


class InvalidContinue(StoreError):
    pass


class WatchOverflow(StoreError):
    pass


class StoreLocked(StoreError):
    pass


class StoreClosed(StoreError):
    pass

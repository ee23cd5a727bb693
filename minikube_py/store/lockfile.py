"""The single-writer guard: an exclusive flock on `<db>.lock` held while the store is open.

SQLite's own locks arbitrate transactions, not ownership: two processes that
each believe they own the head revision would hand out the same revision twice.
The flock makes the second opener fail at once with StoreLocked, and the kernel
releases it when the owner exits, even by SIGKILL.
"""

from __future__ import annotations

import fcntl
import os

from minikube_py.store.errors import StoreLocked


class LockFile:
    def __init__(self, fd: int, path: str) -> None:
        self._fd: int | None = fd
        self.path = path

    @classmethod
    def acquire(cls, db_path: str) -> LockFile:
        path = db_path + ".lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLocked(
                f"store {db_path} is open in another process (lock {path});"
                " stop that process or use another data directory"
            ) from None
        except BaseException:
            os.close(fd)
            raise
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        return cls(fd, path)

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

"""The client's one error tree.

ClientError           any failed call to the API server
 +-- APIStatusError   the server answered with a metav1.Status failure (code, reason)
 +-- WatchExpired     a watch answered 410 Gone: re-list and start again
"""

from __future__ import annotations

from typing import Any


class ClientError(Exception):
    pass


class APIStatusError(ClientError):
    def __init__(self, code: int, status: dict[str, Any]) -> None:
        super().__init__(f"{code} {status.get('reason', '')}: {status.get('message', '')}")
        self.code = code
        self.status = status
        self.reason = str(status.get("reason", ""))


class WatchExpired(ClientError):
    pass

"""Continue tokens: the opaque cursor a paged list hands back.

A token pins the revision the first page was read at, the prefix it was asked
for and the last key returned, so the next page resumes after that key at the
same revision. Base64 of compact JSON, versioned; anything else is refused.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass

from minikube_py.store.errors import InvalidContinue

_VERSION = 1


@dataclass(frozen=True, slots=True)
class Cursor:
    revision: int
    prefix: str
    last_key: str


def encode(cursor: Cursor) -> str:
    raw = json.dumps(
        {"v": _VERSION, "r": cursor.revision, "p": cursor.prefix, "k": cursor.last_key},
        separators=(",", ":"),
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode(token: str, prefix: str) -> Cursor:
    """Decode `token` for a list of `prefix`, or raise InvalidContinue."""
    try:
        padded = token + "=" * (-len(token) % 4)
        doc = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeError) as exc:
        raise InvalidContinue(f"continue token cannot be decoded: {token!r}") from exc
    if not isinstance(doc, dict) or doc.get("v") != _VERSION:
        raise InvalidContinue(f"continue token has an unknown format: {token!r}")
    revision, token_prefix, last_key = doc.get("r"), doc.get("p"), doc.get("k")
    if not (
        isinstance(revision, int)
        and revision > 0
        and isinstance(token_prefix, str)
        and isinstance(last_key, str)
        and last_key.startswith(token_prefix)
    ):
        raise InvalidContinue(f"continue token is malformed: {token!r}")
    if token_prefix != prefix:
        raise InvalidContinue(
            f"continue token was issued for prefix {token_prefix!r}, not {prefix!r}"
        )
    return Cursor(revision, token_prefix, last_key)

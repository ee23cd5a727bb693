"""Key and prefix rules, and the key range a prefix covers.

Owns what a well-formed key is; knows nothing of SQL or of the writer.
Keys are compared as Python strings, which orders them by code point: the same
order as SQLite's BINARY collation over their UTF-8 bytes, so a prefix maps to
one contiguous range of the key index.
"""

from __future__ import annotations

from minikube_py.store.errors import InvalidKey, TooLarge
from minikube_py.store.types import MAX_VALUE_BYTES

MAX_KEY_BYTES = 1024

_MAX_CODE_POINT = 0x10FFFF
_SURROGATES = range(0xD800, 0xE000)


def check_key(key: object) -> str:
    """Return `key` if it is well formed, else raise InvalidKey saying why."""
    if not isinstance(key, str) or not key:
        raise InvalidKey(f"key must be a non-empty string, got {key!r}")
    if not key.startswith("/"):
        raise InvalidKey(f"key must start with '/': {key!r}")
    _check_text(key, "key")
    return key


def check_prefix(prefix: object) -> str:
    """Return `prefix` if it can match keys: empty (everything) or shaped like a key."""
    if not isinstance(prefix, str):
        raise InvalidKey(f"prefix must be a string, got {prefix!r}")
    if prefix == "":
        return prefix
    if not prefix.startswith("/"):
        raise InvalidKey(f"prefix must be empty or start with '/': {prefix!r}")
    _check_text(prefix, "prefix")
    return prefix


def check_value(key: str, value: object) -> bytes:
    """Return `value` as bytes if it is within the size limit, else raise TooLarge."""
    if not isinstance(value, bytes | bytearray | memoryview):
        raise TypeError(f"value for {key} must be bytes, got {type(value).__name__}")
    data = bytes(value)
    if len(data) > MAX_VALUE_BYTES:
        raise TooLarge(key, len(data), MAX_VALUE_BYTES)
    return data


def prefix_range(prefix: str) -> tuple[str, str | None]:
    """The half-open key range [low, high) holding exactly the keys that start with `prefix`.

    `high` is None when the range is unbounded above (empty prefix, or a prefix of
    only the largest code points).
    """
    chars = list(prefix)
    while chars:
        last = ord(chars.pop())
        nxt = last + 1
        if nxt in _SURROGATES:
            nxt = _SURROGATES.stop
        if nxt <= _MAX_CODE_POINT:
            return prefix, "".join(chars) + chr(nxt)
    return prefix, None


def _check_text(text: str, what: str) -> None:
    if "\x00" in text:
        raise InvalidKey(f"{what} must not contain NUL: {text!r}")
    if "//" in text:
        raise InvalidKey(f"{what} must not contain an empty segment '//': {text!r}")
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError as exc:
        raise InvalidKey(f"{what} is not valid UTF-8 text: {text!r}") from exc
    if size > MAX_KEY_BYTES:
        raise InvalidKey(f"{what} is {size} bytes, over the limit of {MAX_KEY_BYTES}")

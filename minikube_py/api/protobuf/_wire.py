"""The protobuf wire format: varints, fixed 64/32-bit words and length-delimited bytes.

Knows nothing of messages; `_codec` gives the fields their meaning. Malformed input
raises `ProtobufError`, never IndexError or an endless loop.
"""

from __future__ import annotations

from collections.abc import Iterator

from minikube_py.api.protobuf._errors import ProtobufError

VARINT = 0
FIXED64 = 1
LENGTH = 2
START_GROUP = 3
END_GROUP = 4
FIXED32 = 5

_MAX_FIELD = (1 << 29) - 1

WireValue = int | memoryview


def read_varint(buf: memoryview, pos: int) -> tuple[int, int]:
    """The unsigned varint at `pos` and the position after it."""
    result = 0
    shift = 0
    end = len(buf)
    while True:
        if pos >= end:
            raise ProtobufError("truncated varint")
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result & 0xFFFFFFFFFFFFFFFF, pos
        shift += 7
        if shift >= 70:
            raise ProtobufError("varint longer than 10 bytes")


def iter_fields(buf: memoryview) -> Iterator[tuple[int, int, WireValue]]:
    """(field number, wire type, value) for each field: an int, or the bytes of a LENGTH field."""
    pos = 0
    end = len(buf)
    while pos < end:
        key, pos = read_varint(buf, pos)
        number, wire_type = key >> 3, key & 7
        if number <= 0 or number > _MAX_FIELD:
            raise ProtobufError(f"illegal field number {number}")
        value: WireValue
        if wire_type == VARINT:
            value, pos = read_varint(buf, pos)
        elif wire_type == LENGTH:
            size, pos = read_varint(buf, pos)
            if size > end - pos:
                raise ProtobufError(f"field {number}: length {size} runs past the end")
            value = buf[pos : pos + size]
            pos += size
        elif wire_type == FIXED64:
            if pos + 8 > end:
                raise ProtobufError(f"field {number}: truncated 64-bit value")
            value = int.from_bytes(buf[pos : pos + 8], "little")
            pos += 8
        elif wire_type == FIXED32:
            if pos + 4 > end:
                raise ProtobufError(f"field {number}: truncated 32-bit value")
            value = int.from_bytes(buf[pos : pos + 4], "little")
            pos += 4
        else:
            # groups are a proto1 relic that no Kubernetes message uses
            raise ProtobufError(f"field {number}: unsupported wire type {wire_type}")
        yield number, wire_type, value


def iter_packed_varints(buf: memoryview) -> Iterator[int]:
    pos = 0
    while pos < len(buf):
        value, pos = read_varint(buf, pos)
        yield value


def to_int32(value: int) -> int:
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value


def to_int64(value: int) -> int:
    value &= 0xFFFFFFFFFFFFFFFF
    return value - (1 << 64) if value >= 1 << 63 else value


class Writer:
    """Appends fields to a growing buffer."""

    __slots__ = ("buf",)

    def __init__(self) -> None:
        self.buf = bytearray()

    def varint(self, value: int) -> None:
        value &= 0xFFFFFFFFFFFFFFFF  # negative numbers take ten bytes, as in Go
        buf = self.buf
        while value >= 0x80:
            buf.append((value & 0x7F) | 0x80)
            value >>= 7
        buf.append(value)

    def key(self, number: int, wire_type: int) -> None:
        self.varint((number << 3) | wire_type)

    def varint_field(self, number: int, value: int) -> None:
        self.key(number, VARINT)
        self.varint(value)

    def bytes_field(self, number: int, value: bytes | bytearray) -> None:
        self.key(number, LENGTH)
        self.varint(len(value))
        self.buf += value

    def fixed64_field(self, number: int, value: bytes) -> None:
        self.key(number, FIXED64)
        self.buf += value

    def fixed32_field(self, number: int, value: bytes) -> None:
        self.key(number, FIXED32)
        self.buf += value

    def getvalue(self) -> bytes:
        return bytes(self.buf)

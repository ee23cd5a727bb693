"""Messages to JSON dicts and back, exactly as Kubernetes' Go types would.

Kubernetes decodes a protobuf body into its Go struct and writes that struct as JSON, so
the JSON follows Go's rules, not proto2's: a non-pointer field is always on the wire (even
when zero) and is written to JSON unless its tag says `omitempty` and the value is empty
(false, 0, "", nil or empty slice or map; a struct is never empty, so a zero
`creationTimestamp` is written as null). A pointer field is on the wire only when set.
Encoding mirrors gogo-protobuf's generated marshalers (ascending field numbers, map keys
sorted), so `encode(decode(body)) == body` for what kubectl sends.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import struct
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from minikube_py.api.protobuf._errors import ProtobufError
from minikube_py.api.protobuf._schema import LIST_WRAPPER, Field, Message, Type
from minikube_py.api.protobuf._wire import (
    FIXED32,
    FIXED64,
    LENGTH,
    VARINT,
    WireValue,
    Writer,
    iter_fields,
    iter_packed_varints,
    to_int32,
    to_int64,
)

JSONDict = dict[str, Any]

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_GO_ZERO_TIME_SECONDS = -62135596800  # 0001-01-01T00:00:00Z, Go's zero time.Time
_WIRE_TYPE = {
    "s": LENGTH,
    "y": LENGTH,
    "b": VARINT,
    "i": VARINT,
    "l": VARINT,
    "d": FIXED64,
    "f": FIXED32,
}
_ZERO_SCALAR: dict[str, Any] = {"s": "", "b": False, "i": 0, "l": 0, "d": 0.0, "f": 0.0}


class Codec:
    """Decodes and encodes the messages of one parsed field table."""

    def __init__(self, messages: dict[str, Message]) -> None:
        self.messages = messages
        # raw bytes of a RawExtension that are themselves a protobuf body (k8s\0...)
        self.nested_body: Callable[[bytes], JSONDict] | None = None

    # ---- decoding ---------------------------------------------------------------------

    def decode(self, name: str, data: bytes | memoryview) -> JSONDict:
        out: JSONDict = {}
        self._decode_into(self.messages[name], memoryview(data), out)
        return out

    def _decode_into(self, message: Message, data: memoryview, out: JSONDict) -> None:
        seen: dict[int, Any] = {}
        for number, wire_type, value in iter_fields(data):
            field = message.by_number.get(number)
            if field is None:
                continue  # a field newer than this table: skipped, as Go's unmarshalers do
            if field.label == "list":
                seen.setdefault(number, []).extend(
                    self._list_items(message, field, wire_type, value)
                )
            elif field.label == "map":
                key, item = self._map_entry(
                    message, field, _length(message, field, wire_type, value)
                )
                seen.setdefault(number, {})[key] = item
            elif field.type.code in _ZERO_SCALAR or field.type.code == "y":
                seen[number] = self._scalar(message, field, field.type.code, wire_type, value)
            else:
                # a message: repeated occurrences merge, which concatenation does
                raw = _length(message, field, wire_type, value)
                previous = seen.get(number)
                seen[number] = raw if previous is None else memoryview(bytes(previous) + bytes(raw))
        for field in message.fields:
            if field.inline:
                embedded = seen.get(field.number, memoryview(b""))
                self._decode_into(self.messages[field.type.message], embedded, out)
                continue
            self._emit(message, field, seen, out)

    def _emit(self, message: Message, field: Field, seen: dict[int, Any], out: JSONDict) -> None:
        name = field.name
        if field.label != "one":
            items = seen.get(field.number)
            if items:
                out[name] = items
            elif not field.omitempty:
                out[name] = None
            return
        code = field.type.code
        if field.number in seen:
            raw = seen[field.number]
            value = (
                raw
                if code in _ZERO_SCALAR or code == "y"
                else self._value(message, field, field.type, raw)
            )
            if field.pointer or not (field.omitempty and _go_empty(code, value)):
                out[name] = value
            return
        if field.pointer:
            if not field.omitempty:
                out[name] = None
            return
        value = self._zero(message, field, field.type)
        if not (field.omitempty and _go_empty(code, value)):
            out[name] = value

    def _list_items(
        self, message: Message, field: Field, wire_type: int, value: WireValue
    ) -> list[Any]:
        code = field.type.code
        if code in ("b", "i", "l") and wire_type == LENGTH:
            assert isinstance(value, memoryview)
            return [
                self._scalar(message, field, code, VARINT, v) for v in iter_packed_varints(value)
            ]
        if code in _ZERO_SCALAR or code == "y":
            return [self._scalar(message, field, code, wire_type, value)]
        return [self._value(message, field, field.type, _length(message, field, wire_type, value))]

    def _map_entry(self, message: Message, field: Field, entry: memoryview) -> tuple[str, Any]:
        key = ""
        raw: Any = None
        code = field.type.code
        for number, wire_type, value in iter_fields(entry):
            if number == 1:
                key = self._scalar(message, field, "s", wire_type, value)
            elif number == 2:
                if code in _ZERO_SCALAR or code == "y":
                    raw = self._scalar(message, field, code, wire_type, value)
                else:
                    raw = self._value(
                        message, field, field.type, _length(message, field, wire_type, value)
                    )
        if raw is None:
            raw = "" if code == "y" else self._zero(message, field, field.type)
        return key, raw

    def _scalar(
        self, message: Message, field: Field, code: str, wire_type: int, value: WireValue
    ) -> Any:
        want = _WIRE_TYPE[code]
        if wire_type != want:
            raise ProtobufError(
                f"{message.name}.{field.name or '(inline)'}: wire type {wire_type}, want {want}"
            )
        if code == "s":
            assert isinstance(value, memoryview)
            return _text(bytes(value))
        if code == "y":
            assert isinstance(value, memoryview)
            return base64.b64encode(value).decode("ascii")
        assert isinstance(value, int)
        if code == "b":
            return value != 0
        if code == "i":
            return to_int32(value)
        if code == "l":
            return to_int64(value)
        if code == "d":
            return _float(struct.unpack("<d", value.to_bytes(8, "little"))[0])
        return _float(struct.unpack("<f", value.to_bytes(4, "little"))[0])

    def _value(self, message: Message, field: Field, typ: Type, data: memoryview) -> Any:
        """The JSON of a message-typed value (a table message or one with its own JSON form)."""
        code = typ.code
        if code == "=":
            return self.decode(typ.message, data)
        where = f"{message.name}.{field.name or '(inline)'}"
        if code == LIST_WRAPPER:
            items = [_text(item) for item in _repeated_bytes(where, data)]
            return items or None
        ints, raws = _small_message(where, code, data)
        if code in ("T", "M"):
            if not data:
                return None
            nanos = ints.get(2, 0) if code == "M" else 0  # metav1.Time keeps whole seconds
            return _format_time(where, ints.get(1, 0), nanos, micro=code == "M")
        if code == "Q":
            text = raws.get(1)
            if text is None:
                return "0"
            if not text:
                raise ProtobufError(f"{where}: empty quantity")
            return _text(text)
        if code == "I":
            kind = ints.get(1, 0)
            if kind == 0:
                return to_int32(ints.get(2, 0))
            if kind == 1:
                return _text(raws.get(3, b""))
            raise ProtobufError(f"{where}: IntOrString of type {kind}")
        if code == "D":
            return go_duration(to_int64(ints.get(1, 0)))
        raw = raws.get(1)
        if code == "F":
            return None if raw is None else _json(where, raw)
        if code == "R":
            if not raw:
                return None
            if raw.startswith(b"k8s\x00") and self.nested_body is not None:
                return self.nested_body(raw)
            return _json(where, raw)
        raise ProtobufError(f"{where}: unknown type code {code}")

    def _zero(self, message: Message, field: Field, typ: Type) -> Any:
        code = typ.code
        if code in _ZERO_SCALAR:
            return _ZERO_SCALAR[code]
        if code in ("y", "T", "M", "F", "R", LIST_WRAPPER):
            return None
        return self._value(message, field, typ, memoryview(b""))

    # ---- encoding ---------------------------------------------------------------------

    def encode(self, name: str, obj: JSONDict) -> bytes:
        writer = Writer()
        self._encode_into(self.messages[name], obj, writer)
        return writer.getvalue()

    def _encode_into(self, message: Message, obj: JSONDict, w: Writer) -> None:
        if not isinstance(obj, dict):
            raise ProtobufError(f"{message.name}: want an object, got {type(obj).__name__}")
        for field in message.wire_order:
            if field.inline:
                w.bytes_field(field.number, self.encode(field.type.message, obj))
                continue
            value = obj.get(field.name)
            where = f"{message.name}.{field.name}"
            if field.label == "list":
                for item in _as_list(where, value):
                    self._encode_value(where, field.number, field.type, item, w)
            elif field.label == "map":
                for key, item in sorted(_as_dict(where, value).items()):
                    entry = Writer()
                    entry.bytes_field(1, str(key).encode())
                    self._encode_value(where, 2, field.type, item, entry)
                    w.bytes_field(field.number, entry.buf)
            elif value is None and field.pointer:
                continue
            else:
                self._encode_value(where, field.number, field.type, value, w)

    def _encode_value(self, where: str, number: int, typ: Type, value: Any, w: Writer) -> None:
        code = typ.code
        try:
            if code == "s":
                w.bytes_field(number, _as_str(where, value).encode())
            elif code == "y":
                if value is not None:
                    w.bytes_field(number, base64.b64decode(_as_str(where, value), validate=True))
            elif code == "b":
                w.varint_field(number, 1 if _as_bool(where, value) else 0)
            elif code in ("i", "l"):
                w.varint_field(number, _as_int(where, value))
            elif code == "d":
                w.fixed64_field(number, struct.pack("<d", float(value or 0)))
            elif code == "f":
                w.fixed32_field(number, struct.pack("<f", float(value or 0)))
            elif code == "=":
                w.bytes_field(number, self.encode(typ.message, {} if value is None else value))
            else:
                w.bytes_field(number, self._encode_special(where, code, value))
        except (binascii.Error, TypeError, ValueError, OverflowError, struct.error) as exc:
            if isinstance(exc, ProtobufError):
                raise
            raise ProtobufError(f"{where}: cannot encode {value!r}: {exc}") from exc

    def _encode_special(self, where: str, code: str, value: Any) -> bytes:
        w = Writer()
        if code in ("T", "M"):
            if value is None:
                return b""
            seconds, nanos = _parse_time(where, _as_str(where, value))
            w.varint_field(1, seconds)
            w.varint_field(2, nanos if code == "M" else 0)  # metav1.Time keeps whole seconds
        elif code == "Q":
            w.bytes_field(1, ("0" if value is None else str(value)).encode())
        elif code == "I":
            if isinstance(value, str):
                w.varint_field(1, 1)
                w.varint_field(2, 0)
                w.bytes_field(3, value.encode())
            else:
                w.varint_field(1, 0)
                w.varint_field(2, _as_int(where, value or 0))
                w.bytes_field(3, b"")
        elif code == "D":
            w.varint_field(
                1, parse_go_duration(where, "0s" if value is None else _as_str(where, value))
            )
        elif code in ("F", "R"):
            if value is not None:
                w.bytes_field(
                    1, json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
                )
        elif code == LIST_WRAPPER:
            for item in _as_list(where, value):
                w.bytes_field(1, _as_str(where, item).encode())
        else:
            raise ProtobufError(f"{where}: unknown type code {code}")
        return w.getvalue()


# ---- helpers ------------------------------------------------------------------------------


def _length(message: Message, field: Field, wire_type: int, value: WireValue) -> memoryview:
    if wire_type != LENGTH or not isinstance(value, memoryview):
        raise ProtobufError(
            f"{message.name}.{field.name or '(inline)'}: wire type {wire_type}, want {LENGTH}"
        )
    return value


# (varint fields, bytes fields) of the messages with their own JSON form
_SPECIAL_FIELDS: dict[str, tuple[frozenset[int], frozenset[int]]] = {
    "T": (frozenset({1, 2}), frozenset()),  # Timestamp seconds, nanos
    "M": (frozenset({1, 2}), frozenset()),
    "D": (frozenset({1}), frozenset()),  # nanoseconds
    "I": (frozenset({1, 2}), frozenset({3})),  # type, intVal, strVal
    "Q": (frozenset(), frozenset({1})),  # string
    "F": (frozenset(), frozenset({1})),  # Raw JSON
    "R": (frozenset(), frozenset({1})),  # raw
}


def _small_message(
    where: str, code: str, data: memoryview
) -> tuple[dict[int, int], dict[int, bytes]]:
    """The fields of Time, Quantity, IntOrString, ...: varints and bytes by number (last wins)."""
    int_fields, bytes_fields = _SPECIAL_FIELDS[code]
    ints: dict[int, int] = {}
    raws: dict[int, bytes] = {}
    for number, wire_type, value in iter_fields(data):
        if number in int_fields and isinstance(value, int) and wire_type == VARINT:
            ints[number] = value
        elif number in bytes_fields and isinstance(value, memoryview):
            raws[number] = bytes(value)
        elif number in int_fields or number in bytes_fields:
            raise ProtobufError(f"{where}: field {number} has the wrong wire type {wire_type}")
    return ints, raws


def _repeated_bytes(where: str, data: memoryview) -> list[bytes]:
    items = []
    for number, wire_type, value in iter_fields(data):
        if number == 1:
            if not isinstance(value, memoryview):
                raise ProtobufError(f"{where}: items has wire type {wire_type}, want {LENGTH}")
            items.append(bytes(value))
    return items


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")  # Go's JSON writes U+FFFD for bad UTF-8 too


def _go_empty(code: str, value: Any) -> bool:
    """Go's `omitempty` test: structs are never empty; everything else is when zero/nil."""
    if code in ("=", "T", "M", "D", "F", "R", "Q", "I"):
        return False
    return (
        value is None
        or value == ""
        or value is False
        or (value == 0 and not isinstance(value, bool))
    )


def _float(value: float) -> float | int:
    # Go writes 2.0 as 2
    return int(value) if value.is_integer() and abs(value) < 1 << 53 else value


def _json(where: str, raw: Any) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ProtobufError(f"{where}: raw bytes are not JSON: {exc}") from exc


def _format_time(where: str, seconds: int, nanos: int, *, micro: bool) -> str | None:
    seconds = to_int64(seconds)
    if seconds == _GO_ZERO_TIME_SECONDS and not nanos:
        return None
    try:
        moment = _EPOCH + timedelta(seconds=seconds)
    except OverflowError as exc:
        raise ProtobufError(f"{where}: time {seconds}s out of range") from exc
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if micro:
        text += f".{(to_int32(nanos) // 1000) % 1_000_000:06d}"
    return text + "Z"


_TIME_RE = re.compile(
    r"(\d{4})-(\d\d)-(\d\d)[Tt](\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?([Zz]|[+-]\d\d:\d\d)$"
)


def _parse_time(where: str, text: str) -> tuple[int, int]:
    match = _TIME_RE.match(text)
    if match is None:
        raise ProtobufError(f"{where}: {text!r} is not an RFC 3339 time")
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    fraction, zone = match.group(7) or "", match.group(8)
    try:
        moment = datetime(year, month, day, hour, minute, second, tzinfo=UTC)
    except ValueError as exc:
        raise ProtobufError(f"{where}: {text!r}: {exc}") from exc
    seconds = int((moment - _EPOCH).total_seconds())
    if zone not in ("Z", "z"):
        sign = 1 if zone[0] == "+" else -1
        seconds -= sign * (int(zone[1:3]) * 3600 + int(zone[4:6]) * 60)
    return seconds, int(fraction.ljust(9, "0")) if fraction else 0


_UNITS = {
    "ns": 1,
    "us": 1000,
    "µs": 1000,
    "μs": 1000,
    "ms": 1_000_000,
    "s": 10**9,
    "m": 60 * 10**9,
    "h": 3600 * 10**9,
}
_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")


def go_duration(ns: int) -> str:
    """Go's time.Duration.String(): "1h2m3.5s", "1.5ms", "0s"."""
    if ns == 0:
        return "0s"
    sign = "-" if ns < 0 else ""
    u = abs(ns)
    if u < 10**9:
        if u < 1000:
            return f"{sign}{u}ns"
        if u < 10**6:
            return f"{sign}{_decimal(u, 3)}µs"
        return f"{sign}{_decimal(u, 6)}ms"
    seconds, frac = divmod(u, 10**9)
    text = _decimal(seconds % 60 * 10**9 + frac, 9) + "s"
    minutes = seconds // 60
    if minutes:
        text = f"{minutes % 60}m{text}"
        if minutes >= 60:
            text = f"{minutes // 60}h{text}"
    return sign + text


def _decimal(value: int, digits: int) -> str:
    whole, frac = divmod(value, 10**digits)
    return f"{whole}.{frac:0{digits}d}".rstrip("0").rstrip(".")


def parse_go_duration(where: str, text: str) -> int:
    body = text.lstrip("+-")
    if body == "0":
        return 0
    pos = 0
    total = 0.0
    for match in _DURATION_PART.finditer(body):
        if match.start() != pos:
            break
        total += float(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if pos != len(body) or not body:
        raise ProtobufError(f"{where}: {text!r} is not a duration")
    return -round(total) if text.startswith("-") else round(total)


def _as_list(where: str, value: Any) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ProtobufError(f"{where}: want a list, got {type(value).__name__}")
    return value


def _as_dict(where: str, value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ProtobufError(f"{where}: want an object, got {type(value).__name__}")
    return value


def _as_str(where: str, value: Any) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ProtobufError(f"{where}: want a string, got {type(value).__name__}")
    return value


def _as_int(where: str, value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int | float) or int(value) != value:
        raise ProtobufError(f"{where}: want an integer, got {value!r}")
    return int(value)


def _as_bool(where: str, value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise ProtobufError(f"{where}: want a boolean, got {value!r}")
    return value

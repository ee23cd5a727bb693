"""Field errors as Kubernetes reports them (apimachinery's `field.Error`).

A `Cause` is one `metav1.StatusCause`: a reason such as `FieldValueRequired`, the
field path in Kubernetes' form (`spec.containers[0].image`) and the message body
(`Required value`, `Invalid value: "x": ...`). The constructors below build each
kind of error with the same wording and value rendering as Go's `ErrorBody`, so
that what kubectl prints matches a real cluster.

This module knows nothing of resources; it must stay a leaf of the package.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

# error type -> (reason in StatusCause, type string in messages)
_TYPES: dict[str, tuple[str, str]] = {
    "NotFound": ("FieldValueNotFound", "Not found"),
    "Required": ("FieldValueRequired", "Required value"),
    "Duplicate": ("FieldValueDuplicate", "Duplicate value"),
    "Invalid": ("FieldValueInvalid", "Invalid value"),
    "NotSupported": ("FieldValueNotSupported", "Unsupported value"),
    "Forbidden": ("FieldValueForbidden", "Forbidden"),
    "TooLong": ("FieldValueTooLong", "Too long"),
    "TooMany": ("FieldValueTooMany", "Too many"),
    "Internal": ("InternalError", "Internal error"),
}


@dataclass(frozen=True, slots=True)
class Cause:
    """One validation failure, shaped like metav1.StatusCause."""

    reason: str
    field: str
    message: str

    def __str__(self) -> str:
        """The text Kubernetes puts in the Status message for this error."""
        return f"{self.field}: {self.message}"

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "message": self.message, "field": self.field}


class GoRepr:
    """A bad value printed verbatim, as Go's `%#v` would print a struct or slice."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"GoRepr({self.text!r})"


# --------------------------------------------------------------- paths


def child(path: str, *names: str) -> str:
    for name in names:
        path = f"{path}.{name}" if path else name
    return path


def index(path: str, i: int) -> str:
    return f"{path}[{i}]"


def key(path: str, k: str) -> str:
    return f"{path}[{k}]"


# ------------------------------------------------------- value rendering


def go_quote(value: str) -> str:
    """Go's strconv.Quote: double quotes, backslash escapes for the unprintable."""
    out = ['"']
    for ch in value:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\x{ord(ch):02x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_value(value: Any) -> str:
    """A bad value as `ErrorBody` prints it."""
    if isinstance(value, GoRepr):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return go_quote(value)
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return str_slice(value).text
        return "[" + " ".join(go_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return str_map(value).text
    return go_quote(str(value))


def str_slice(values: Sequence[Any] | None) -> GoRepr:
    """`[]string{"a", "b"}`, or `[]string(nil)` for a missing list."""
    if values is None:
        return GoRepr("[]string(nil)")
    return GoRepr("[]string{" + ", ".join(go_quote(str(v)) for v in values) + "}")


def str_map(values: Mapping[str, Any] | None) -> GoRepr:
    """`map[string]string{"a":"b"}` with sorted keys, as fmt prints maps."""
    if values is None:
        return GoRepr("map[string]string(nil)")
    items = ", ".join(f"{go_quote(str(k))}:{go_quote(str(values[k]))}" for k in sorted(values))
    return GoRepr("map[string]string{" + items + "}")


def int_or_string(value: Any) -> GoRepr:
    """An intstr.IntOrString value, printed by `%#v`."""
    if isinstance(value, str):
        return GoRepr(f"intstr.IntOrString{{Type:1, IntVal:0, StrVal:{go_quote(value)}}}")
    iv = value if isinstance(value, int) and not isinstance(value, bool) else 0
    return GoRepr(f'intstr.IntOrString{{Type:0, IntVal:{iv}, StrVal:""}}')


def label_selector(sel: Mapping[str, Any] | None) -> GoRepr:
    """A metav1.LabelSelector, printed by `%#v` (as Kubernetes does in immutability errors)."""
    sel = sel or {}
    ml = sel.get("matchLabels")
    labels = str_map(ml if isinstance(ml, dict) else None).text
    exprs = sel.get("matchExpressions")
    if not isinstance(exprs, list):
        ex = "[]v1.LabelSelectorRequirement(nil)"
    else:
        parts = []
        for e in exprs:
            e = e if isinstance(e, dict) else {}
            vals = e.get("values")
            vtext = str_slice(vals if isinstance(vals, list) else None).text
            parts.append(
                f"v1.LabelSelectorRequirement{{Key:{go_quote(str(e.get('key', '')))}, "
                f"Operator:{go_quote(str(e.get('operator', '')))}, Values:{vtext}}}"
            )
        ex = "[]v1.LabelSelectorRequirement{" + ", ".join(parts) + "}"
    return GoRepr(f"v1.LabelSelector{{MatchLabels:{labels}, MatchExpressions:{ex}}}")


# --------------------------------------------------------- constructors


def _make(kind: str, path: str, value: Any, detail: str, show_value: bool = True) -> Cause:
    reason, type_text = _TYPES[kind]
    body = f"{type_text}: {go_value(value)}" if show_value else type_text
    if detail:
        body += f": {detail}"
    return Cause(reason, path, body)


def required(path: str, detail: str = "") -> Cause:
    return _make("Required", path, None, detail, show_value=False)


def forbidden(path: str, detail: str) -> Cause:
    return _make("Forbidden", path, None, detail, show_value=False)


def invalid(path: str, value: Any, detail: str) -> Cause:
    return _make("Invalid", path, value, detail)


def duplicate(path: str, value: Any) -> Cause:
    return _make("Duplicate", path, value, "")


def not_found(path: str, value: Any) -> Cause:
    return _make("NotFound", path, value, "")


def not_supported(path: str, value: Any, valid: Iterable[str]) -> Cause:
    quoted = ", ".join(go_quote(v) for v in valid)
    return _make("NotSupported", path, value, f"supported values: {quoted}" if quoted else "")


def too_long(path: str, max_length: int) -> Cause:
    unit = "byte" if max_length == 1 else "bytes"
    return _make(
        "TooLong", path, None, f"may not be more than {max_length} {unit}", show_value=False
    )


def too_many(path: str, actual: int, max_items: int) -> Cause:
    return _make("TooMany", path, actual, f"must have at most {max_items} items")


def immutable(path: str, value: Any) -> Cause:
    return invalid(path, value, "field is immutable")


def invalid_each(path: str, value: Any, messages: Iterable[str]) -> list[Cause]:
    return [invalid(path, value, m) for m in messages]


# ------------------------------------------------------------ messages


def qualified_kind(kind: str, group: str = "") -> str:
    """`Pod`, `Deployment.apps`: how Kubernetes names a kind in Status messages."""
    return f"{kind}.{group}" if group else kind


def format_invalid_message(kind: str, name: str, causes: Sequence[Cause]) -> str:
    """The Status message of a 422: `Pod "x" is invalid: [a: ..., b: ...]`.

    Identical errors are reported once; a single error goes without brackets.
    """
    seen: set[str] = set()
    texts: list[str] = []
    for c in causes:
        text = str(c)
        if text not in seen:
            seen.add(text)
            texts.append(text)
    joined = texts[0] if len(texts) == 1 else "[" + ", ".join(texts) + "]"
    return f"{kind} {go_quote(name)} is invalid: {joined}"

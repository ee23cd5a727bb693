"""Label and field selectors: parsing, validation and matching, as Kubernetes does them.

Owns the `labelSelector` and `fieldSelector` query syntax of list and watch
requests, and the `metav1.LabelSelector` objects (matchLabels/matchExpressions)
that controllers and table printers evaluate. Pure functions over plain dicts;
it knows nothing of HTTP or the store. A selector that does not parse, or names a
field the resource does not support, raises `SelectorError`, which the handlers
answer with 400 BadRequest carrying the message unchanged.

The grammar, the error texts and the matching rules follow
k8s.io/apimachinery/pkg/labels and pkg/fields, so that kubectl users see the
messages they know.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from minikube_py.api.registry import ResourceInfo
from minikube_py.api.validation.meta import label_value, qualified_name

__all__ = [
    "EVERYTHING",
    "NOTHING",
    "FieldRequirement",
    "FieldSelector",
    "LabelSelector",
    "Requirement",
    "SelectorError",
    "field_value",
    "format_label_selector",
    "format_labels",
    "label_selector_from_dict",
    "parse_field_selector",
    "parse_label_selector",
    "selector_from_set",
    "selector_string",
]


class SelectorError(ValueError):
    """A selector that does not parse or is not supported; the API answers 400 with its text."""


def _go_quote(value: str) -> str:
    # Go's %q for the printable ASCII a selector can carry.
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _invalid(path: str, value: str | list[str], detail: str) -> str:
    # field.Invalid(...).Error(): a string value is %q, a list is Go's %#v of []string.
    shown = (
        _go_quote(value)
        if isinstance(value, str)
        else "[]string{" + ", ".join(_go_quote(v) for v in value) + "}"
    )
    return f"{path}: Invalid value: {shown}: {detail}"


def _aggregate(errs: list[str]) -> str:
    return errs[0] if len(errs) == 1 else "[" + ", ".join(errs) + "]"


# --- label selectors ------------------------------------------------------------------------

# selection.Operator values, as Kubernetes spells them.
IN = "in"
NOT_IN = "notin"
EQUALS = "="
DOUBLE_EQUALS = "=="
NOT_EQUALS = "!="
EXISTS = "exists"
DOES_NOT_EXIST = "!"
GREATER_THAN = "gt"
LESS_THAN = "lt"

_OPERATORS = (
    DOES_NOT_EXIST,
    EQUALS,
    DOUBLE_EQUALS,
    IN,
    NOT_EQUALS,
    NOT_IN,
    EXISTS,
    GREATER_THAN,
    LESS_THAN,
)


def _parse_int64(text: str) -> int | None:
    # strconv.ParseInt(s, 10, 64): optional sign, decimal digits only, 64-bit range.
    if not re.fullmatch(r"[+-]?[0-9]+", text):
        return None
    value = int(text)
    return value if -(2**63) <= value < 2**63 else None


@dataclass(frozen=True, slots=True)
class Requirement:
    """One term of a label selector: key, operator and (sorted) values."""

    key: str
    operator: str
    values: tuple[str, ...] = ()

    @classmethod
    def new(cls, key: str, operator: str, values: Iterable[str] = ()) -> Requirement:
        """Build a validated requirement, as labels.NewRequirement does."""
        vals = list(values)
        errs: list[str] = []
        key_errs = qualified_name(key)
        if key_errs:
            errs.append(_invalid("key", key, "; ".join(key_errs)))
        if operator in (IN, NOT_IN):
            if not vals:
                errs.append(
                    _invalid(
                        "values", vals, "for 'in', 'notin' operators, values set can't be empty"
                    )
                )
        elif operator in (EQUALS, DOUBLE_EQUALS, NOT_EQUALS):
            if len(vals) != 1:
                errs.append(
                    _invalid("values", vals, "exact-match compatibility requires one single value")
                )
        elif operator in (EXISTS, DOES_NOT_EXIST):
            if vals:
                errs.append(
                    _invalid(
                        "values", vals, "values set must be empty for exists and does not exist"
                    )
                )
        elif operator in (GREATER_THAN, LESS_THAN):
            if len(vals) != 1:
                errs.append(
                    _invalid(
                        "values", vals, "for 'Gt', 'Lt' operators, exactly one value is required"
                    )
                )
            for i, v in enumerate(vals):
                if _parse_int64(v) is None:
                    errs.append(
                        _invalid(
                            f"values[{i}]",
                            v,
                            "for 'Gt', 'Lt' operators, the value must be an integer",
                        )
                    )
        else:
            supported = ", ".join(_go_quote(o) for o in _OPERATORS)
            errs.append(
                f"operator: Unsupported value: {_go_quote(operator)}: supported values: {supported}"
            )
        for i, v in enumerate(vals):
            value_errs = label_value(v)
            if value_errs:
                errs.append(_invalid(f"values[{i}][{key}]", v, "; ".join(value_errs)))
        if errs:
            raise SelectorError(_aggregate(errs))
        return cls(key, operator, tuple(vals))

    def matches(self, labels: Mapping[str, str]) -> bool:
        op = self.operator
        has = self.key in labels
        if op in (IN, EQUALS, DOUBLE_EQUALS):
            return has and labels[self.key] in self.values
        if op in (NOT_IN, NOT_EQUALS):
            return not has or labels[self.key] not in self.values
        if op == EXISTS:
            return has
        if op == DOES_NOT_EXIST:
            return not has
        if op in (GREATER_THAN, LESS_THAN):
            if not has or len(self.values) != 1:
                return False
            have, want = _parse_int64(labels[self.key]), _parse_int64(self.values[0])
            if have is None or want is None:
                return False
            return have > want if op == GREATER_THAN else have < want
        return False

    def __str__(self) -> str:
        op = self.operator
        out = ("!" if op == DOES_NOT_EXIST else "") + self.key
        if op in (EXISTS, DOES_NOT_EXIST):
            return out
        out += {IN: " in ", NOT_IN: " notin ", GREATER_THAN: ">", LESS_THAN: "<"}.get(op, op)
        body = self.values[0] if len(self.values) == 1 else ",".join(sorted(self.values))
        return out + (f"({body})" if op in (IN, NOT_IN) else body)


@dataclass(frozen=True, slots=True)
class LabelSelector:
    """A parsed label selector: all requirements must match.

    `nothing` marks the selector that matches no object at all (a nil
    metav1.LabelSelector); an empty requirement list matches everything.
    """

    requirements: tuple[Requirement, ...] = ()
    nothing: bool = False

    @property
    def empty(self) -> bool:
        """True when the selector does not restrict anything."""
        return not self.nothing and not self.requirements

    def matches(self, labels: Mapping[str, str] | None) -> bool:
        if self.nothing:
            return False
        present = labels or {}
        return all(r.matches(present) for r in self.requirements)

    def matches_object(self, obj: Mapping[str, Any]) -> bool:
        """Match against `metadata.labels` of an object dict."""
        return self.matches((obj.get("metadata") or {}).get("labels"))

    def requires_exact_match(self, key: str) -> str | None:
        """The single value `key` must have for a match, if the selector pins one."""
        for r in self.requirements:
            if r.key == key:
                if r.operator in (EQUALS, DOUBLE_EQUALS, IN) and len(r.values) == 1:
                    return r.values[0]
                return None
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


EVERYTHING = LabelSelector()
NOTHING = LabelSelector(nothing=True)


def _by_key(requirements: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(sorted(requirements, key=lambda r: r.key))


# Lexer tokens.
_ERROR, _END, _CLOSE, _COMMA, _NOT, _DOUBLE_EQ, _EQ, _GT, _ID, _IN, _LT, _NE, _NOTIN, _OPEN = range(
    14
)
_LITERALS = {
    ")": _CLOSE,
    ",": _COMMA,
    "!": _NOT,
    "==": _DOUBLE_EQ,
    "=": _EQ,
    ">": _GT,
    "in": _IN,
    "<": _LT,
    "!=": _NE,
    "notin": _NOTIN,
    "(": _OPEN,
}
_SPECIAL = frozenset("=!(),><")
_WHITESPACE = frozenset(" \t\r\n")


def _lex(text: str) -> list[tuple[int, str]]:
    """Tokens of a label selector, ending with the end-of-string token."""
    out: list[tuple[int, str]] = []
    pos, n = 0, len(text)
    while True:
        while pos < n and text[pos] in _WHITESPACE:
            pos += 1
        if pos >= n:
            out.append((_END, ""))
            return out
        if text[pos] in _SPECIAL:
            # longest run of special characters that is still a known symbol
            buffer, last = "", (_ERROR, "")
            while pos < n and text[pos] in _SPECIAL:
                buffer += text[pos]
                pos += 1
                if buffer in _LITERALS:
                    last = (_LITERALS[buffer], buffer)
                elif last[0] != _ERROR:
                    pos -= 1
                    break
            if last[0] == _ERROR:
                out.append((_ERROR, f"error expected: keyword found '{buffer}'"))
            else:
                out.append(last)
            continue
        start = pos
        while pos < n and text[pos] not in _SPECIAL and text[pos] not in _WHITESPACE:
            pos += 1
        word = text[start:pos]
        out.append((_LITERALS.get(word, _ID), word))


class _LabelParser:
    """Kubernetes' recursive-descent label selector parser, error messages included."""

    def __init__(self, text: str) -> None:
        self.items = _lex(text)
        self.pos = 0

    def _peek(self, values: bool) -> tuple[int, str]:
        tok, lit = self.items[self.pos]
        # in the values context "in" and "notin" are plain identifiers
        if values and tok in (_IN, _NOTIN):
            tok = _ID
        return tok, lit

    def _next(self, values: bool) -> tuple[int, str]:
        item = self._peek(values)
        self.pos += 1
        return item

    def parse(self) -> list[Requirement]:
        requirements: list[Requirement] = []
        while True:
            tok, lit = self._peek(True)
            if tok in (_ID, _NOT):
                try:
                    requirements.append(self._requirement())
                except SelectorError as err:
                    raise SelectorError(f"unable to parse requirement: {err}") from None
                tok, lit = self._next(True)
                if tok == _END:
                    return requirements
                if tok == _COMMA:
                    tok2, lit2 = self._peek(True)
                    if tok2 not in (_ID, _NOT):
                        raise SelectorError(f"found '{lit2}', expected: identifier after ','")
                    continue
                raise SelectorError(f"found '{lit}', expected: ',' or 'end of string'")
            if tok == _END:
                return requirements
            raise SelectorError(f"found '{lit}', expected: !, identifier, or 'end of string'")

    def _requirement(self) -> Requirement:
        key, operator = self._key_and_inferred_operator()
        if operator in (EXISTS, DOES_NOT_EXIST):
            return Requirement.new(key, operator)
        operator = self._operator()
        values = self._value_set() if operator in (IN, NOT_IN) else self._exact_value()
        return Requirement.new(key, operator, sorted(values))

    def _key_and_inferred_operator(self) -> tuple[str, str]:
        operator = ""
        tok, lit = self._next(True)
        if tok == _NOT:
            operator = DOES_NOT_EXIST
            tok, lit = self._next(True)
        if tok != _ID:
            raise SelectorError(f"found '{lit}', expected: identifier")
        key_errs = qualified_name(lit)
        if key_errs:
            raise SelectorError(_invalid("<nil>", lit, "; ".join(key_errs)))
        if self._peek(True)[0] in (_END, _COMMA) and operator != DOES_NOT_EXIST:
            operator = EXISTS
        return lit, operator

    def _operator(self) -> str:
        tok, lit = self._next(False)
        ops = {
            _IN: IN,
            _EQ: EQUALS,
            _DOUBLE_EQ: DOUBLE_EQUALS,
            _GT: GREATER_THAN,
            _LT: LESS_THAN,
            _NOTIN: NOT_IN,
            _NE: NOT_EQUALS,
        }
        if tok not in ops:
            raise SelectorError(f"found '{lit}', expected: '=', '!=', '==', 'in', notin'")
        return ops[tok]

    def _value_set(self) -> set[str]:
        tok, lit = self._next(True)
        if tok != _OPEN:
            raise SelectorError(f"found '{lit}' expected: '('")
        tok, lit = self._peek(True)
        if tok in (_ID, _COMMA):
            values = self._identifiers()
            if self._next(True)[0] != _CLOSE:
                raise SelectorError(f"found '{lit}', expected: ')'")
            return values
        if tok == _CLOSE:
            self._next(True)
            return {""}
        raise SelectorError(f"found '{lit}', expected: ',', ')' or identifier")

    def _identifiers(self) -> set[str]:
        values: set[str] = set()
        while True:
            tok, lit = self._next(True)
            if tok == _ID:
                values.add(lit)
                tok2, lit2 = self._peek(True)
                if tok2 == _COMMA:
                    continue
                if tok2 == _CLOSE:
                    return values
                raise SelectorError(f"found '{lit2}', expected: ',' or ')'")
            if tok == _COMMA:
                if not values:
                    values.add("")  # "(,"
                tok2, _ = self._peek(True)
                if tok2 == _CLOSE:
                    values.add("")  # ",)"
                    return values
                if tok2 == _COMMA:
                    self._next(True)
                    values.add("")  # ",,"
                continue
            raise SelectorError(f"found '{lit}', expected: ',', or identifier")

    def _exact_value(self) -> set[str]:
        if self._peek(True)[0] in (_END, _COMMA):
            return {""}
        tok, lit = self._next(True)
        if tok == _ID:
            return {lit}
        raise SelectorError(f"found '{lit}', expected: identifier")


def parse_label_selector(text: str | None) -> LabelSelector:
    """Parse the `labelSelector` query syntax (`a=b,c!=d,e in (f,g),!h,i>3`)."""
    if not text:
        return EVERYTHING
    return LabelSelector(_by_key(_LabelParser(text).parse()))


_MATCH_EXPRESSION_OPERATORS = {
    "In": IN,
    "NotIn": NOT_IN,
    "Exists": EXISTS,
    "DoesNotExist": DOES_NOT_EXIST,
}


def label_selector_from_dict(selector: Mapping[str, Any] | None) -> LabelSelector:
    """A metav1.LabelSelector dict as a selector (LabelSelectorAsSelector).

    None matches nothing; an empty selector matches everything.
    """
    if selector is None:
        return NOTHING
    match_labels: Mapping[str, str] = selector.get("matchLabels") or {}
    expressions: list[Mapping[str, Any]] = selector.get("matchExpressions") or []
    if not match_labels and not expressions:
        return EVERYTHING
    requirements = [Requirement.new(k, EQUALS, [v]) for k, v in match_labels.items()]
    for expr in expressions:
        op = expr.get("operator")
        if op not in _MATCH_EXPRESSION_OPERATORS:
            raise SelectorError(
                f"{_go_quote(str(op or ''))} is not a valid label selector operator"
            )
        requirements.append(
            Requirement.new(
                str(expr.get("key", "")),
                _MATCH_EXPRESSION_OPERATORS[op],
                list(expr.get("values") or []),
            )
        )
    return LabelSelector(_by_key(requirements))


def selector_string(selector: Mapping[str, Any] | None) -> str:
    """The string form of a metav1.LabelSelector dict (a Scale's `status.selector`).

    "" for a nil or empty selector; an invalid one raises SelectorError.
    """
    return str(label_selector_from_dict(selector))


def selector_from_set(labels: Mapping[str, str] | None) -> LabelSelector:
    """The selector matching exactly these labels (a Service's or RC's `spec.selector`)."""
    if not labels:
        return EVERYTHING
    return LabelSelector(_by_key(Requirement(k, EQUALS, (v,)) for k, v in labels.items()))


def format_labels(labels: Mapping[str, str] | None) -> str:
    """labels.FormatLabels: `k=v` pairs sorted by key, or `<none>`."""
    if not labels:
        return "<none>"
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels))


def format_label_selector(selector: Mapping[str, Any] | None) -> str:
    """metav1.FormatLabelSelector: the selector's string form, `<none>` or `<error>`."""
    try:
        text = str(label_selector_from_dict(selector))
    except SelectorError:
        return "<error>"
    return text or "<none>"


# --- field selectors ------------------------------------------------------------------------

_ALWAYS_FIELDS = ("metadata.name", "metadata.namespace")


@dataclass(frozen=True, slots=True)
class FieldRequirement:
    field: str
    operator: str  # "=" (also for "=="), or "!="
    value: str

    def matches(self, obj: Mapping[str, Any]) -> bool:
        have = field_value(obj, self.field)
        return have == self.value if self.operator == EQUALS else have != self.value

    def __str__(self) -> str:
        escaped = self.value.replace("\\", "\\\\").replace(",", "\\,").replace("=", "\\=")
        return f"{self.field}{self.operator}{escaped}"


@dataclass(frozen=True, slots=True)
class FieldSelector:
    """A parsed field selector: all terms must match."""

    requirements: tuple[FieldRequirement, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.requirements

    def matches(self, obj: Mapping[str, Any]) -> bool:
        return all(r.matches(obj) for r in self.requirements)

    def requires_exact_match(self, field: str) -> str | None:
        """The value `field` must equal, when the selector pins it (e.g. `metadata.name=x`)."""
        for r in self.requirements:
            if r.field == field and r.operator == EQUALS:
                return r.value
        return None

    def __str__(self) -> str:
        return ",".join(str(r) for r in self.requirements)


def _split_terms(text: str) -> list[str]:
    # commas separate terms unless escaped with a backslash
    terms: list[str] = []
    start, escaped = 0, False
    for i, ch in enumerate(text):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ",":
            terms.append(text[start:i])
            start = i + 1
    terms.append(text[start:])
    return terms


def _split_term(term: str) -> tuple[str, str, str] | None:
    # the first operator occurrence splits; "!=" and "==" win over "="
    for i in range(len(term)):
        for op in ("!=", "==", "="):
            if term.startswith(op, i):
                return term[:i], op, term[i + len(op) :]
    return None


def _unescape(value: str) -> str:
    if not any(c in value for c in "\\,="):
        return value
    out: list[str] = []
    escaped = False
    for ch in value:
        if escaped:
            if ch not in "\\,=":
                raise SelectorError(f"invalid field selector: invalid escape sequence: \\{ch}")
            out.append(ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch in ",=":
            # Go prints the rune with %v, that is, as its number
            raise SelectorError(f"invalid field selector: unescaped character in value: {ord(ch)}")
        else:
            out.append(ch)
    if escaped:
        raise SelectorError("invalid field selector: invalid escape sequence: \\")
    return "".join(out)


def _check_field(resource: ResourceInfo, field: str) -> None:
    if field in _ALWAYS_FIELDS or field in resource.field_selectors:
        return
    if resource.field_selectors:
        # kinds with their own field label conversion answer like this ...
        raise SelectorError(f"field label not supported: {field}")
    # ... the others fall back to apimachinery's default conversion
    raise SelectorError(
        f'"{field}" is not a known field selector: only "metadata.name", "metadata.namespace"'
    )


def parse_field_selector(text: str | None, resource: ResourceInfo | None = None) -> FieldSelector:
    """Parse the `fieldSelector` query syntax (`a=b,c==d,e!=f`).

    With a resource, every field must be one that resource supports
    (`metadata.name`, `metadata.namespace` and `resource.field_selectors`).
    """
    if not text:
        return FieldSelector()
    requirements: list[FieldRequirement] = []
    for part in sorted(_split_terms(text)):
        if not part:
            continue
        split = _split_term(part)
        if split is None:
            raise SelectorError(f"invalid selector: '{text}'; can't understand '{part}'")
        lhs, op, rhs = split
        alias = _FIELD_ALIASES.get(lhs)
        if alias is not None and resource is not None and alias in resource.field_selectors:
            lhs = alias
        requirements.append(
            FieldRequirement(lhs, NOT_EQUALS if op == "!=" else EQUALS, _unescape(rhs))
        )
    if resource is not None:
        for r in requirements:
            _check_field(resource, r.field)
    return FieldSelector(tuple(requirements))


def _as_field_string(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return ""
    return str(value)


def _walk(obj: Mapping[str, Any], dotted: str) -> Any:
    current: Any = obj
    for part in dotted.split("."):
        if not isinstance(current, Mapping):
            return None
        current = current.get(part)
    return current


# Selectable fields whose value is not simply the field at that JSON path.
_FIELD_SOURCES: dict[str, tuple[str, ...]] = {
    "status.successful": ("status.succeeded",),  # jobs
    # core/v1 events: the JSON name of ReportingController is reportingComponent
    "source": ("source.component", "reportingComponent"),
}

# Fields Kubernetes types as plain bools and ints: absent means false or zero.
_FIELD_DEFAULTS: dict[str, str] = {
    "spec.hostNetwork": "false",  # pods
    "spec.unschedulable": "false",  # nodes
    "status.replicas": "0",  # replicasets, replicationcontrollers
    "status.successful": "0",  # jobs
}

# Old spellings Kubernetes still accepts and rewrites to the current field.
_FIELD_ALIASES = {"spec.host": "spec.nodeName"}


def field_value(obj: Mapping[str, Any], field: str) -> str:
    """The value a field selector compares for `field` of an object dict.

    Values are strings as Kubernetes' selectable field sets hold them:
    booleans as "true"/"false", numbers in decimal, a missing field as ""
    (or "false"/"0" for the fields Kubernetes types as plain bools and ints).
    """
    field = _FIELD_ALIASES.get(field, field)
    for path in _FIELD_SOURCES.get(field, (field,)):
        value = _as_field_string(_walk(obj, path))
        if value:
            return value
    return _FIELD_DEFAULTS.get(field, "")

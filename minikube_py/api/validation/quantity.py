"""Kubernetes resource quantities (`100m`, `1Gi`, `2e3`): parsing, comparison, canonical form.

Values are exact fractions, rounded up to the nano unit as `resource.ParseQuantity`
does; `canonical()` gives the string `Quantity.String()` prints, which is what
Kubernetes puts in messages such as `must be less than or equal to cpu limit of 500m`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

QUANTITY_FORMAT_ERROR = (
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
)
SUFFIX_ERROR = "unable to parse quantity's suffix"
# Kubernetes caps no quantity's magnitude (inf.Dec: "1e400" is stored as "10e399", here
# too), but the work to parse and print one grows with it: "1e100000" took seconds, an
# exponent of 2**62 forever. As CPython bounds int <-> str conversion, we bound the
# digits a quantity has written out in full, before the point and after it.
MAX_DIGITS = 4300
TOO_LARGE_ERROR = f"quantity too large: at most {MAX_DIGITS} digits before the decimal point"
TOO_LONG_ERROR = f"quantity too long: at most {MAX_DIGITS} digits"
# Go parses the exponent as an int64 and then keeps it as an int32, wrapping silently
# ("1e4294967296" becomes 1); we refuse what an int32 does not hold as a bad suffix.
_MAX_EXPONENT = 2**31 - 1
_MAX_INT64 = 2**63 - 1

_NUMBER_RE = re.compile(r"^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$")
_DECIMAL_SUFFIXES = {
    "n": -9,
    "u": -6,
    "m": -3,
    "": 0,
    "k": 3,
    "M": 6,
    "G": 9,
    "T": 12,
    "P": 15,
    "E": 18,
}
_BINARY_SUFFIXES = {"Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60}
_DECIMAL_BY_EXP = {v: k for k, v in _DECIMAL_SUFFIXES.items()}
_BINARY_BY_EXP = {v: k for k, v in _BINARY_SUFFIXES.items()}
_NANO = Fraction(1, 10**9)
_EXPONENT_RE = re.compile(r"^[eE]([-+]?[0-9]+)$")


class QuantityError(ValueError):
    """The text is no quantity; the message is Kubernetes' own."""


@dataclass(frozen=True, slots=True)
class Quantity:
    value: Fraction
    format: str  # DecimalSI, BinarySI, DecimalExponent

    def __lt__(self, other: Quantity) -> bool:
        return self.value < other.value

    def __le__(self, other: Quantity) -> bool:
        return self.value <= other.value

    def canonical(self) -> str:
        return _canonical(self.value, self.format)

    def __str__(self) -> str:
        return self.canonical()


def parse_quantity(raw: Any) -> Quantity:
    """Parse a quantity given as a JSON string or number."""
    if isinstance(raw, bool) or not isinstance(raw, str | int | float):
        raise QuantityError(QUANTITY_FORMAT_ERROR)
    text = raw.strip() if isinstance(raw, str) else _number_text(raw)
    if not text:
        raise QuantityError(QUANTITY_FORMAT_ERROR)
    m = _NUMBER_RE.match(text)
    if m is None:
        raise QuantityError(QUANTITY_FORMAT_ERROR)
    sign, whole, frac, suffix = m.group(1), m.group(2), m.group(3), m.group(4)
    frac = frac or ""
    if not whole and not frac:
        raise QuantityError(QUANTITY_FORMAT_ERROR)
    if len(whole) + len(frac) > MAX_DIGITS:
        raise QuantityError(TOO_LONG_ERROR)
    if suffix and not re.match(r"^[eEinumkKMGTP]*[-+]?[0-9]*$", suffix):
        raise QuantityError(QUANTITY_FORMAT_ERROR)
    number = Fraction(int(whole or "0")) + (Fraction(int(frac), 10 ** len(frac)) if frac else 0)
    if suffix in _BINARY_SUFFIXES:
        fmt = "BinarySI"
        number *= 2 ** _BINARY_SUFFIXES[suffix]
    else:
        if suffix in _DECIMAL_SUFFIXES:
            fmt, exponent = "DecimalSI", _DECIMAL_SUFFIXES[suffix]
        else:
            fmt, exponent = "DecimalExponent", _exponent(suffix)
        digits = whole + frac
        significant = len(digits.lstrip("0"))  # 0: the number is zero, whatever the exponent
        if significant and len(whole) - (len(digits) - significant) + exponent > MAX_DIGITS:
            raise QuantityError(TOO_LARGE_ERROR)
        if significant:
            # below 10**-(MAX_DIGITS + 20) any value is under a nano unit and rounds up to
            # one, as from anywhere further down: the clamp spares computing 10**(2**31)
            number *= Fraction(10) ** max(exponent, -(MAX_DIGITS + 20))
    # round up (away from zero) to a whole number of nano units, as Kubernetes does
    if number != 0:
        number = Fraction(math.ceil(number / _NANO)) * _NANO
    if fmt == "BinarySI" and number > _MAX_INT64:
        number = Fraction(_MAX_INT64)  # Kubernetes caps binary quantities (only those) here
    if sign == "-":
        number = -number
    return Quantity(number, fmt)


def _exponent(suffix: str) -> int:
    """The power of ten of an `e`/`E` suffix ("e3", "E-9")."""
    em = _EXPONENT_RE.match(suffix)
    digits = em.group(1).lstrip("+-").lstrip("0") if em is not None else ""
    if em is None or len(digits) > len(str(_MAX_EXPONENT)):  # int() of a huge text is slow
        raise QuantityError(SUFFIX_ERROR)
    exponent = int(em.group(1))
    if abs(exponent) > _MAX_EXPONENT:
        raise QuantityError(SUFFIX_ERROR)
    return exponent


def _number_text(n: int | float) -> str:
    if isinstance(n, int):
        return str(n)
    text = repr(n)
    return text.replace("e+", "e")


def _canonical(value: Fraction, fmt: str) -> str:
    if value == 0:
        return "0"
    if fmt == "BinarySI":
        if -1024 < value < 1024 or value.denominator != 1:
            fmt = "DecimalSI"
        else:
            mantissa, exp = value.numerator, 0
            while mantissa % 1024 == 0 and exp < 60:
                mantissa //= 1024
                exp += 10
            return f"{mantissa}{_BINARY_BY_EXP.get(exp, '')}"
    # mantissa * 10**exponent, mantissa integral, exponent a multiple of 3
    exponent = 0
    v = value
    while v.denominator != 1:
        v *= 10
        exponent -= 1
    mantissa = v.numerator
    while mantissa != 0 and mantissa % 10 == 0:
        mantissa //= 10
        exponent += 1
    while exponent % 3 != 0:
        mantissa *= 10
        exponent -= 1
    if fmt == "DecimalExponent":
        return f"{mantissa}e{exponent}" if exponent else str(mantissa)
    if exponent in _DECIMAL_BY_EXP:
        return f"{mantissa}{_DECIMAL_BY_EXP[exponent]}"
    if exponent > 18:
        return f"{mantissa * 10 ** (exponent - 18)}E"
    return f"{mantissa}e{exponent}"

"""Cron schedules as CronJob accepts them: the standard five fields or a descriptor.

Mirrors robfig/cron's standard parser (which Kubernetes uses), including its
error texts, so `spec.schedule` errors read as on a real cluster. `parse` returns
the error message or None; the scheduling itself belongs to the controller.
"""

from __future__ import annotations

import re

_BOUNDS: tuple[tuple[int, int, dict[str, int]], ...] = (
    (0, 59, {}),
    (0, 23, {}),
    (1, 31, {}),
    (
        1,
        12,
        {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())},
    ),
    (0, 6, {d: i for i, d in enumerate("sun mon tue wed thu fri sat".split())}),
)
_DESCRIPTORS = ("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly")
_DURATION_RE = re.compile(r"^[-+]?((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+$")


def _go_int(text: str) -> tuple[int | None, str | None]:
    if re.fullmatch(r"[-+]?\d+", text) is None:
        return (
            None,
            f'failed to parse int from {text}: strconv.Atoi: parsing "{text}": invalid syntax',
        )
    num = int(text)
    if num < 0:
        return None, f"negative number ({num}) not allowed: {text}"
    return num, None


def _int_or_name(text: str, names: dict[str, int]) -> tuple[int | None, str | None]:
    if text.lower() in names:
        return names[text.lower()], None
    return _go_int(text)


def _range(expr: str, lo: int, hi: int, names: dict[str, int]) -> str | None:
    range_and_step = expr.split("/")
    low_high = range_and_step[0].split("-")
    single = len(low_high) == 1
    if low_high[0] in ("*", "?"):
        start, end = lo, hi
    else:
        s, err = _int_or_name(low_high[0], names)
        if err is not None or s is None:
            return err
        start = s
        if len(low_high) == 1:
            end = start
        elif len(low_high) == 2:
            e, err = _int_or_name(low_high[1], names)
            if err is not None or e is None:
                return err
            end = e
        else:
            return f"too many hyphens: {expr}"
    step = 1
    if len(range_and_step) == 2:
        st, err = _go_int(range_and_step[1])
        if err is not None or st is None:
            return err
        step = st
        if single:
            end = hi
    elif len(range_and_step) > 2:
        return f"too many slashes: {expr}"
    if start < lo:
        return f"beginning of range ({start}) below minimum ({lo}): {expr}"
    if end > hi:
        return f"end of range ({end}) above maximum ({hi}): {expr}"
    if start > end:
        return f"beginning of range ({start}) beyond end of range ({end}): {expr}"
    if step == 0:
        return f"step of range should be a positive number: {expr}"
    return None


def parse(spec: str) -> str | None:
    """None when the schedule is valid, else robfig/cron's error message."""
    if not spec:
        return "empty spec string"
    if spec.startswith(("TZ=", "CRON_TZ=")):
        i = spec.find(" ")
        if i < 0:
            return f"provided bad location {spec[spec.find('=') + 1 :]}: unknown time zone"
        spec = spec[i:].strip()
    if spec.startswith("@"):
        if spec in _DESCRIPTORS:
            return None
        if spec.startswith("@every "):
            dur = spec[len("@every ") :]
            if _DURATION_RE.match(dur) is None:
                return f'failed to parse duration {spec}: time: invalid duration "{dur}"'
            return None
        return f"unrecognized descriptor: {spec}"
    fields = spec.split()
    if len(fields) != 5:
        return f"expected exactly 5 fields, found {len(fields)}: [{' '.join(fields)}]"
    for text, (lo, hi, names) in zip(fields, _BOUNDS, strict=True):
        for expr in text.split(","):
            err = _range(expr, lo, hi, names)
            if err is not None:
                return err
    return None

"""Time labels: story footers such as ``1 uur geleden``, ``gisteren 18:05``, ``2 hours ago``.

:func:`match_time_label` finds a label that starts at a position; :func:`resolve` turns a label
into an interval ``[earliest, latest)`` relative to a reference time. The wall clock is never
read: without a reference time, labels stay unresolved.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

__all__ = ["looks_like_cut_time_label", "match_time_label", "resolve"]

_NUMBERS = {
    "een": 1,
    "één": 1,
    "eén": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "zeven": 7,
    "acht": 8,
    "negen": 9,
    "tien": 10,
    "elf": 11,
    "twaalf": 12,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_NUM = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))

# unit spelling → (unit, amount in that unit)
_UNITS: dict[str, tuple[str, int]] = {}
for _unit, _spellings in {
    "seconds": "seconde seconden sec secs second seconds s",
    "minutes": "minuut minuten min mins minute minutes m",
    "quarters": "kwartier",
    "hours": "uur uren u hour hours hr hrs h",
    "days": "dag dagen day days d",
    "weeks": "week weken weeks w",
    "months": "maand maanden month months",
    "years": "jaar jaren year years",
}.items():
    for _s in _spellings.split():
        _UNITS[_s] = (_unit, 1)
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))

_HM = r"(?P<h>[01]?\d|2[0-3])[:.](?P<mi>[0-5]\d)(?:[ ]?uur)?"
_MONTHS_NL_EN = {
    "januari": 1,
    "jan": 1,
    "january": 1,
    "februari": 2,
    "feb": 2,
    "february": 2,
    "maart": 3,
    "mrt": 3,
    "mar": 3,
    "march": 3,
    "april": 4,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "juni": 6,
    "jun": 6,
    "june": 6,
    "juli": 7,
    "jul": 7,
    "july": 7,
    "augustus": 8,
    "aug": 8,
    "august": 8,
    "september": 9,
    "sep": 9,
    "sept": 9,
    "oktober": 10,
    "okt": 10,
    "oct": 10,
    "october": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}
_MONTH = "|".join(sorted(_MONTHS_NL_EN, key=len, reverse=True))

_RELATIVE = re.compile(
    rf"(?i:(?P<n>{_NUM})[ \u00a0]?(?P<unit>{_UNIT})\.?[ \u00a0]+(?:geleden|ago))(?![^\W\d_A-ZÀ-Þ])"
)
_DAY = re.compile(
    rf"(?i:(?P<day>eergisteren|gisteren|vandaag|yesterday|today|zojuist|just now)"
    rf"(?:,?[ \u00a0]+(?:om[ ]|at[ ])?{_HM})?)(?![^\W\d_A-ZÀ-Þ])"
)
_DATE = re.compile(
    rf"(?i:(?P<d>[0-3]?\d)[-/.](?P<mo>[01]?\d)[-/.](?P<y>\d{{4}}|\d{{2}})"
    rf"(?:,?[ \u00a0]+(?:om[ ])?{_HM})?)(?!\d)"
)
_DATE_WORDS = re.compile(
    rf"(?i:(?P<d>[0-3]?\d)[ \u00a0]+(?P<mon>{_MONTH})\.?(?:[ \u00a0]+(?P<y>\d{{4}}))?"
    rf"(?:,?[ \u00a0]+(?:om[ ])?{_HM})?)(?![^\W\d_])"
)
_CLOCK = re.compile(rf"{_HM}(?!\d)")
_START = re.compile(
    r"\d|(?i:een|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|an?[ ]|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eergisteren|gisteren|vandaag"
    r"|yesterday|today|zojuist|just now)"
)
_CUT = re.compile(r"\d{1,3}(?:[ \u00a0][^\W\d_]*){0,2}")


def match_time_label(text: str, pos: int, end: int | None = None) -> tuple[int, int] | None:
    """``(start, end)`` of a time label starting exactly at ``pos``, or None."""
    stop = len(text) if end is None else end
    if _START.match(text, pos, stop) is None:
        return None
    for pattern in (_RELATIVE, _DAY, _DATE, _DATE_WORDS, _CLOCK):
        m = pattern.match(text, pos, stop)
        if m is not None and _valid(m):
            return m.start(), m.end()
    return None


def looks_like_cut_time_label(fragment: str) -> bool:
    """True for the start of a time label cut off by the end of an excerpt (``"6 uur gel"``)."""
    return len(fragment) <= 20 and _CUT.fullmatch(fragment) is not None


def _valid(m: re.Match[str]) -> bool:
    groups = m.groupdict()
    if groups.get("mo") is not None:
        day, month = int(groups["d"]), int(groups["mo"])
        return 1 <= day <= 31 and 1 <= month <= 12
    if groups.get("mon") is not None:
        return 1 <= int(groups["d"]) <= 31
    return True


def _shift_months(when: datetime, months: int) -> datetime:
    year, month = divmod(when.month - 1 - months, 12)
    year += when.year
    month += 1
    day = when.day
    while True:
        try:
            return when.replace(year=year, month=month, day=day)
        except ValueError:
            day -= 1


def _ago(ref: datetime, unit: str, n: int) -> datetime:
    if unit == "months":
        return _shift_months(ref, n)
    if unit == "years":
        return _shift_months(ref, 12 * n)
    if unit == "quarters":
        return ref - timedelta(minutes=15 * n)
    return ref - timedelta(**{unit: n})


def _midnight(when: datetime) -> datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def resolve(label: str, reference_time: datetime | None) -> tuple[datetime | None, datetime | None]:
    """The interval ``(earliest, latest)`` that ``label`` denotes, seen from ``reference_time``.

    ``"1 uur geleden"`` → between 2 and 1 hours before; ``"gisteren"`` → the previous calendar
    day; ``"14:23"`` → that minute today (yesterday if it lies after the reference time).
    Returns ``(None, None)`` without a reference time or for a label it does not know.
    """
    if reference_time is None:
        return None, None
    ref = reference_time
    text = label.strip()
    m = _RELATIVE.fullmatch(text)
    if m is not None:
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else _NUMBERS[raw]
        unit = _UNITS[m.group("unit").lower()][0]
        return _ago(ref, unit, n + 1), _ago(ref, unit, n)
    m = _DAY.fullmatch(text)
    if m is not None:
        day = m.group("day").lower()
        if day in ("zojuist", "just now"):
            return ref - timedelta(minutes=1), ref
        back = {"vandaag": 0, "today": 0, "gisteren": 1, "yesterday": 1, "eergisteren": 2}[day]
        start = _midnight(ref) - timedelta(days=back)
        if m.group("h") is not None:
            at = start.replace(hour=int(m.group("h")), minute=int(m.group("mi")))
            return at, at + timedelta(minutes=1)
        return start, min(ref, start + timedelta(days=1))
    m = _DATE.fullmatch(text) or _DATE_WORDS.fullmatch(text)
    if m is not None:
        groups = m.groupdict()
        month = int(groups["mo"]) if groups.get("mo") else _MONTHS_NL_EN[groups["mon"].lower()]
        year_raw = groups.get("y")
        year = ref.year if year_raw is None else int(year_raw)
        if year_raw is not None and year < 100:
            year += 2000
        try:
            start = _midnight(ref).replace(year=year, month=month, day=int(groups["d"]))
        except ValueError:
            return None, None
        if year_raw is None and start > ref:
            start = start.replace(year=year - 1)
        if groups.get("h") is not None:
            at = start.replace(hour=int(groups["h"]), minute=int(groups["mi"]))
            return at, at + timedelta(minutes=1)
        return start, start + timedelta(days=1)
    m = _CLOCK.fullmatch(text)
    if m is not None:
        at = ref.replace(hour=int(m.group("h")), minute=int(m.group("mi")), second=0, microsecond=0)
        if at > ref:
            at -= timedelta(days=1)
        return at, at + timedelta(minutes=1)
    return None, None

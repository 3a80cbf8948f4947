"""Time labels: story footers such as ``1 uur geleden``, ``gisteren 18:05``, ``2 hours ago``.

:func:`match_time_label` finds a label that starts at a position; :func:`resolve` turns a label
into an interval ``[earliest, latest]`` relative to a reference time, read in the reference
time's own clock (:func:`wirenlp.parse` first converts it into the page's time zone). The wall
clock is never read: without a reference time, labels stay unresolved.

A label never lies after the reference time: the page was fetched after it was written. A bare
clock time or a date without a year that would lie after it means the day (year) before; a
label that names its day (``vandaag 18:05`` at 14:30, a full date in the future) contradicts the
reference time and stays unresolved. ``latest`` is capped at the reference time.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..errors import ReferenceTimeError
from .months import WEEKDAY_ABBREVIATIONS, WEEKDAYS, month_numbers

__all__ = [
    "DEFAULT_TZ",
    "looks_like_cut_time_label",
    "match_time_label",
    "resolve",
    "to_page_clock",
]

DEFAULT_TZ = "Europe/Amsterdam"
"""The clock of a Dutch news site: labels such as ``14:45`` are Amsterdam time."""

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
_MONTHS_NL_EN = month_numbers("nl", "en")
_MONTH = "|".join(sorted(_MONTHS_NL_EN, key=len, reverse=True))

_RELATIVE = re.compile(
    rf"(?i:(?P<n>{_NUM})[ \u00a0]?(?P<unit>{_UNIT})\.?[ \u00a0]+(?:geleden|ago))(?![^\W\d_A-ZÀ-Þ])"
)
_DAY = re.compile(
    rf"(?i:(?P<day>eergisteren|gisteren|vandaag|yesterday|today|zojuist|just now)"
    rf"(?:,?[ \u00a0]+(?:om[ ]|at[ ])?{_HM})?)(?![^\W\d_A-ZÀ-Þ])"
)
# a weekday before a date: "woensdag 26 november 2025, 14:23", "wo 26-11-2025"
_DAYS = "|".join(WEEKDAYS)
_DAYS_SHORT = "|".join(WEEKDAY_ABBREVIATIONS)
_WEEKDAY = rf"(?:(?:{_DAYS}|{_DAYS_SHORT})\.?,?[ \u00a0]+)?"
_DATE = re.compile(
    rf"(?i:{_WEEKDAY}(?P<d>[0-3]?\d)[-/.](?P<mo>[01]?\d)[-/.](?P<y>\d{{4}}|\d{{2}})"
    rf"(?:,?[ \u00a0]+(?:om[ ])?{_HM})?)(?!\d)"
)
_DATE_WORDS = re.compile(
    rf"(?i:{_WEEKDAY}(?P<d>[0-3]?\d)[ \u00a0]+(?P<mon>{_MONTH})\.?(?:[ \u00a0]+(?P<y>\d{{4}}))?"
    rf"(?:,?[ \u00a0]+(?:om[ ])?{_HM})?)(?![^\W\d_])"
)
_CLOCK = re.compile(rf"{_HM}(?!\d)")
_START = re.compile(
    r"\d|(?i:een|één|eén|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|an?[ ]|one|two"
    r"|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eergisteren|gisteren|vandaag"
    rf"|yesterday|today|zojuist|just now|{_DAYS}"
    rf"|(?:{_DAYS_SHORT})\.?,?[ \u00a0]+\d)"
)
# the start of a relative label cut off by the end of an excerpt: a number, then a prefix of a
# unit word, then a prefix of "geleden"/"ago" ("6 uur gel", "12 min", "3 d", "2 hours a")
_UNIT_WORDS = sorted(_UNITS)


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
    """True for the start of a time label cut off by the end of an excerpt (``"6 uur gel"``).

    A number alone or a number and the start of a unit (``"6"``, ``"6 u"``) may be the start
    of a label; a number and a complete word that no label continues (``"18 zetels"``,
    ``"3 doden"``, ``"12 reacties"``) is not.
    """
    if len(fragment) > 20:
        return False
    m = re.fullmatch(r"(\d{1,3})(?:[ \u00a0]?([^\W\d_]*)(?:[ \u00a0]+([^\W\d_]*))?)?", fragment)
    if m is None:
        return False
    unit, tail = (m.group(2) or "").lower(), m.group(3)
    if tail is None:  # "6", "6 uu", "6 uur": the cut may have fallen inside the unit
        return any(word.startswith(unit) for word in _UNIT_WORDS)
    if unit not in _UNITS:  # "3 doden vandaag": no unit, no label
        return False
    tail = tail.lower()
    return "geleden".startswith(tail) or "ago".startswith(tail)


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
    if unit in ("days", "weeks"):  # calendar arithmetic on the wall clock
        return ref - timedelta(**{unit: n})
    # elapsed time: count in UTC, so that a DST change in between does not shift the label
    minutes = 15 * n if unit == "quarters" else 0
    step = timedelta(minutes=minutes) if minutes else timedelta(**{unit: n})
    return (ref.astimezone(timezone.utc) - step).astimezone(ref.tzinfo)


def _midnight(when: datetime) -> datetime:
    return when.replace(hour=0, minute=0, second=0, microsecond=0)


def to_page_clock(
    reference_time: datetime | None, tz: str | tzinfo = DEFAULT_TZ
) -> datetime | None:
    """``reference_time`` converted into the page's time zone ``tz`` (a zone name or tzinfo).

    Raises :class:`~wirenlp.errors.ReferenceTimeError` for a naive datetime (its clock is
    unknown) or an unknown zone name, ``TypeError`` for anything but a datetime or None.
    """
    if reference_time is None:
        return None
    if not isinstance(reference_time, datetime):
        raise TypeError(
            f"reference_time must be a datetime or None, got {type(reference_time).__name__}"
        )
    if reference_time.tzinfo is None or reference_time.utcoffset() is None:
        raise ReferenceTimeError(
            f"reference_time {reference_time.isoformat()} is naive: give its time zone, e.g. "
            "datetime(..., tzinfo=timezone.utc) or an ISO time ending in Z or +01:00"
        )
    return reference_time.astimezone(_zone(tz))


def _zone(tz: str | tzinfo) -> tzinfo:
    if isinstance(tz, tzinfo):
        return tz
    if not isinstance(tz, str):
        raise TypeError(f"tz must be a time zone name or a tzinfo, got {type(tz).__name__}")
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ReferenceTimeError(f"unknown time zone {tz!r} (use an IANA name)") from exc


def resolve(label: str, reference_time: datetime | None) -> tuple[datetime | None, datetime | None]:
    """The interval ``(earliest, latest)`` that ``label`` denotes, seen from ``reference_time``
    and read in its clock (its ``tzinfo``).

    ``"1 uur geleden"`` → between 2 and 1 hours before; ``"gisteren"`` → the previous calendar
    day; ``"14:23"`` → that minute today (yesterday if it lies after the reference time).
    Neither end lies after the reference time: a label that names a later moment outright
    (``"vandaag 18:05"`` at 14:30) gives ``(None, None)``, as do no reference time and a label
    it does not know.
    """
    if reference_time is None:
        return None, None
    earliest, latest = _resolve(label, reference_time)
    if earliest is None or latest is None or earliest > reference_time:
        return None, None
    return earliest, min(latest, reference_time)


def _resolve(label: str, ref: datetime) -> tuple[datetime | None, datetime | None]:
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
        return start, start + timedelta(days=1)
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
        if groups.get("h") is not None:
            start = start.replace(hour=int(groups["h"]), minute=int(groups["mi"]))
        if year_raw is None and start > ref:  # "5 maart" in January: last year's
            try:
                start = start.replace(year=year - 1)
            except ValueError:  # 29 februari
                return None, None
        if groups.get("h") is not None:
            return start, start + timedelta(minutes=1)
        return start, start + timedelta(days=1)
    m = _CLOCK.fullmatch(text)
    if m is not None:
        at = ref.replace(hour=int(m.group("h")), minute=int(m.group("mi")), second=0, microsecond=0)
        if at > ref:
            at -= timedelta(days=1)
        return at, at + timedelta(minutes=1)
    return None, None

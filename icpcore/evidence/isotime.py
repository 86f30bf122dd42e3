"""Strict, fast ISO 8601 instants for evidence files (CONTRACT section 1).

Accepted: a calendar date `YYYY-MM-DD` (00:00 UTC), optionally followed by `T` (or `t`, or one
space as in RFC 3339 and most spreadsheet and database exports) and a time `HH`, `HH:MM` or
`HH:MM:SS` with an optional fraction (`.` or `,`, any number of digits, kept to the microsecond),
then an optional zone `Z`, `+HH:MM`, `+HHMM` or `+HH` (a zone converts to UTC; none means UTC).
Refused although Python's `datetime.fromisoformat` takes them: week and ordinal dates, the basic
format without separators, other separator characters, offsets with seconds, hour 24.

The result equals `datetime.fromisoformat(text).replace(tzinfo=UTC if naive).timestamp()` to the
bit; a million-row file is parsed through two small caches (date -> days, time -> seconds).
"""

from __future__ import annotations

import re

_FULL = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?"
    r"(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?",
    re.ASCII,
)
_HMS = re.compile(r"(\d{2}):(\d{2}):(\d{2})", re.ASCII)
_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal()
_MIN_SECONDS = -62135596800  # 0001-01-01T00:00:00Z
_MAX_SECONDS = 253402300799  # 9999-12-31T23:59:59Z
_CACHE_LIMIT = 200_000

_days_cache: dict[str, int] = {}
_seconds_cache: dict[str, int] = {}
_month_cache: dict[int, str] = {}

PROBLEM = "is not an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS, optional zone)"


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_of(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a calendar date; ValueError when the date does not exist."""
    if year < 1 or not 1 <= month <= 12:
        raise ValueError(PROBLEM)
    length = 29 if month == 2 and _leap(year) else (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]
    if not 1 <= day <= length:
        raise ValueError(PROBLEM)
    y = year - 1
    ordinal = y * 365 + y // 4 - y // 100 + y // 400 + _DAYS_BEFORE_MONTH[month] + day
    if month > 2 and _leap(year):
        ordinal += 1
    return ordinal - _EPOCH_ORDINAL


def _clock(hour: int, minute: int, second: int) -> int:
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(PROBLEM)
    return hour * 3600 + minute * 60 + second


def _remember(cache: dict, key: object, value: object) -> None:  # type: ignore[type-arg]
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()  # bounded memory on files with very many distinct values
    cache[key] = value


def _date_days(text: str) -> int:
    days = _days_cache.get(text)
    if days is None:
        match = _FULL.fullmatch(text)
        if match is None or match.lastindex != 3:
            raise ValueError(PROBLEM)
        days = _days_of(int(match[1]), int(match[2]), int(match[3]))
        _remember(_days_cache, text, days)
    return days


def _within(seconds: int) -> int:
    if not _MIN_SECONDS <= seconds <= _MAX_SECONDS:
        raise ValueError("is outside the years 0001 to 9999 once converted to UTC")
    return seconds


def parse_iso(text: str) -> float:
    """Epoch seconds (UTC) of an ISO 8601 date or date-time; ValueError names the problem."""
    size = len(text)
    if size == 10:
        return float(_within(_date_days(text) * 86400))
    if (size == 19 or (size == 20 and text[19] in "Zz")) and text[10] in "Tt ":
        clock = text[11:19]
        seconds = _seconds_cache.get(clock)
        if seconds is None:
            match = _HMS.fullmatch(clock)
            if match is None:
                return _parse_general(text)  # e.g. '2026-03-14T09+05:30' is also 19 characters
            seconds = _clock(int(match[1]), int(match[2]), int(match[3]))
            _remember(_seconds_cache, clock, seconds)
        return float(_within(_date_days(text[:10]) * 86400 + seconds))
    return _parse_general(text)


def _parse_general(text: str) -> float:
    match = _FULL.fullmatch(text)
    if match is None:
        raise ValueError(PROBLEM)
    year, month, day, hour, minute, second, fraction, _z, sign, off_hour, off_minute = match.groups()
    seconds = _days_of(int(year), int(month), int(day)) * 86400
    if hour is not None:
        seconds += _clock(int(hour), int(minute or 0), int(second or 0))
    if sign is not None:
        off_h, off_m = int(off_hour), int(off_minute or 0)
        if off_h > 23 or off_m > 59:
            raise ValueError(PROBLEM)
        offset = off_h * 3600 + off_m * 60
        seconds += -offset if sign == "+" else offset
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0
    _within(seconds)
    # The same arithmetic as timedelta.total_seconds(), so results match datetime to the bit.
    return (seconds * 10**6 + micro) / 10**6 if micro else float(seconds)


def parse_column(values: list[str], bad: object) -> tuple[list[float | None], list[str | None]]:
    """Instants and their UTC months for a column of values: empty -> None, invalid -> `bad`.

    The common shapes without a zone ('YYYY-MM-DD', 'YYYY-MM-DDTHH:MM:SS') are read through the
    caches inline, their month being the text's first seven characters; the rest go through
    `parse_iso`.
    """
    stamps: list[float | None] = []
    months: list[str | None] = []
    add_ts, add_month = stamps.append, months.append
    days_get, seconds_get = _days_cache.get, _seconds_cache.get
    for value in values:
        size = len(value)
        if (size == 19 or (size == 20 and value[19] in "Zz")) and value[10] in "Tt ":
            days, seconds = days_get(value[:10]), seconds_get(value[11:19])
            if days is not None and seconds is not None:
                add_ts(float(days * 86400 + seconds))
                add_month(value[:7])
                continue
        elif size == 10:
            days = days_get(value)
            if days is not None:
                add_ts(float(days * 86400))
                add_month(value[:7])
                continue
        elif size == 0:
            add_ts(None)
            add_month(None)
            continue
        try:
            ts = parse_iso(value)
        except ValueError:
            add_ts(bad)  # type: ignore[arg-type]
            add_month(None)
            continue
        add_ts(ts)
        add_month(month_of_ts(ts))
    return stamps, months


def month_of_ts(ts: float) -> str:
    """'YYYY-MM' (UTC) of epoch seconds, cached per day."""
    days = int(ts // 86400)
    month = _month_cache.get(days)
    if month is None:
        month = _month_from_days(days)
        _remember(_month_cache, days, month)
    return month


def _month_from_days(days: int) -> str:
    # Civil-from-days (H. Hinnant's algorithm), exact for the proleptic Gregorian calendar.
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    month = mp + 3 if mp < 10 else mp - 9
    year = yoe + era * 400 + (1 if month <= 2 else 0)
    return f"{year:04d}-{month:02d}"

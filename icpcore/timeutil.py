"""Instants as UTC epoch seconds, months as 'YYYY-MM' (CONTRACT sections 1 and 4).

Evidence stores every timestamp as epoch seconds so windows are plain arithmetic that
SQLite and PostgreSQL evaluate identically.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

DAY = 86400.0


def parse_instant(text: str) -> float:
    """ISO 8601 date or date-time; a zone converts to UTC, none means UTC. Raises ValueError."""
    text = text.strip()
    if len(text) < 10 or text[4] != "-" or text[7] != "-":
        raise ValueError(f"'{text}' is not an ISO 8601 date (YYYY-MM-DD[THH:MM:SS[zone]])")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not an ISO 8601 date (YYYY-MM-DD[THH:MM:SS[zone]])") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def to_datetime(ts: float) -> datetime:
    return datetime.fromtimestamp(ts, tz=UTC)


def month_of(ts: float) -> str:
    return to_datetime(ts).strftime("%Y-%m")


def parse_month(text: str) -> str:
    """'YYYY-MM' checked and normalised. Raises ValueError."""
    text = text.strip()
    try:
        parsed = datetime.strptime(text, "%Y-%m")
    except ValueError:
        raise ValueError(f"'{text}' is not a month (YYYY-MM)") from None
    if len(text) != 7:
        raise ValueError(f"'{text}' is not a month (YYYY-MM)")
    return parsed.strftime("%Y-%m")


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def day_end(day: date) -> float:
    """The as-of instant: the next day, 00:00 UTC."""
    return datetime.combine(day + timedelta(days=1), datetime.min.time(), tzinfo=UTC).timestamp()


def date_of(ts: float) -> date:
    return to_datetime(ts).date()


def shift_month(month: str, delta: int) -> str:
    year, mon = int(month[:4]), int(month[5:7])
    index = year * 12 + (mon - 1) + delta
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_back(month: str, count: int) -> list[str]:
    """The `count` months ending at `month`, oldest first."""
    return [shift_month(month, -k) for k in range(count - 1, -1, -1)]

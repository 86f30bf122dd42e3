"""Strict ISO 8601 instants: the same numbers as `datetime`, and a documented set of refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icpcore.evidence.isotime import month_of_ts, parse_column, parse_iso


def _reference(text: str) -> float:
    moment = datetime.fromisoformat(text.replace("z", "Z"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


@st.composite
def iso_texts(draw: st.DrawFn) -> str:
    day = draw(st.dates(min_value=datetime(1, 1, 2).date(), max_value=datetime(9999, 12, 30).date()))
    text = day.isoformat()
    if draw(st.booleans()):
        clock = draw(st.times())
        parts = draw(st.integers(1, 4))
        text += draw(st.sampled_from("Tt ")) + f"{clock.hour:02d}"
        text += f":{clock.minute:02d}" if parts > 1 else ""
        text += f":{clock.second:02d}" if parts > 2 else ""
        if parts > 3:
            digits = str(clock.microsecond).rjust(6, "0") + "789"  # up to 9 digits; the 7th on are dropped
            text += draw(st.sampled_from(".,")) + digits[: draw(st.integers(1, 9))]
        zone = draw(st.sampled_from(["", "Z", "z", "+hh:mm", "-hhmm", "+hh"]))
        hours, minutes = draw(st.integers(0, 23)), draw(st.integers(0, 59))
        text += zone.replace("hh", f"{hours:02d}").replace("mm", f"{minutes:02d}")
    return text


@given(iso_texts())
def test_matches_datetime_to_the_bit(text):
    expected = _reference(text)
    assert parse_iso(text) == expected
    stamps, months = parse_column([text], object())
    assert stamps == [expected]
    assert months == [datetime(1970, 1, 1, tzinfo=UTC).__add__(timedelta(seconds=expected)).strftime("%Y-%m").zfill(7)]


@given(st.integers(-62135596800, 253402300799))
def test_months_of_any_instant(ts):
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=ts)
    assert month_of_ts(float(ts)) == f"{moment.year:04d}-{moment.month:02d}"


@pytest.mark.parametrize(
    "text",
    [
        "2026-03-14x09:30",  # separators other than T or one space
        "2026-03-14  09:30",
        "2026-W11-6",  # week dates
        "2026-073",  # ordinal dates
        "20260314",  # basic format
        "2026-03-14T0930",
        "2026-03-14T24:00:00",  # hour 24
        "2026-03-14T09:60",
        "2026-03-14T09:30:61",
        "2026-03-14T09:30:00+05:30:10",  # offsets with seconds
        "2026-03-14T09:30:00+24:00",
        "2026-03-14Z",  # a zone needs a time
        "2026-02-29",
        "0000-01-01",
        "2026-3-14",
        "２０２６-03-14",  # digits other than ASCII
        "14/03/2026",
        "0001-01-01T00:00:00+01:00",  # before year 1 in UTC
    ],
)
def test_refuses_forms_that_are_not_iso_dates(text):
    with pytest.raises(ValueError, match=r"ISO 8601|outside the years"):
        parse_iso(text)
    bad = object()
    assert parse_column([text], bad)[0] == [bad]


def test_a_zone_converts_to_utc_and_none_means_utc():
    assert parse_iso("2026-03-14") == datetime(2026, 3, 14, tzinfo=UTC).timestamp()
    assert parse_iso("2026-03-14 09:30") == parse_iso("2026-03-14T09:30:00Z")
    plus_two = datetime(2026, 3, 14, 1, 0, tzinfo=timezone(timedelta(hours=2))).timestamp()
    assert parse_iso("2026-03-14T01:00+02:00") == plus_two
    stamps, months = parse_column(["2026-03-01T01:00+02:00", ""], object())
    assert months == ["2026-02", None] and stamps[1] is None  # 2026-02-28T23:00Z

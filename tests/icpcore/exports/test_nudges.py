"""When a nudge is warranted: a segment's whole interval below all accounts, with enough units."""

from __future__ import annotations

from icpcore.exports.nudges import assess
from icpcore.exports.readings import MIN_N, Reading


def _r(value: float | None, low: float | None, high: float | None, n: int, segment: str = "s") -> Reading:
    return Reading(segment, "first_value_rate", value, low, high, n)


BASE = _r(0.6, 0.55, 0.65, 500, "all")


def test_interval_wholly_below_all_accounts_is_below() -> None:
    assert assess(_r(0.3, 0.2, 0.45, 80), BASE) == "below"


def test_point_below_but_interval_reaching_the_baseline_is_not() -> None:
    assert assess(_r(0.5, 0.35, 0.61, 80), BASE) == "not_below"
    assert assess(_r(0.5, 0.35, 0.60, 80), BASE) == "not_below"  # touching is not below


def test_too_few_units_or_no_baseline() -> None:
    assert assess(_r(0.1, 0.01, 0.3, MIN_N - 1), BASE) == "insufficient"
    assert assess(_r(None, None, None, 0), BASE) == "insufficient"
    assert assess(_r(0.1, 0.01, 0.3, 90), _r(None, None, None, 0, "all")) == "no_baseline"


def test_reading_text_cites_value_interval_and_n() -> None:
    assert _r(0.3, 0.2, 0.45, 80).text() == "30.0% (95% interval 20.0% to 45.0%, n = 80)"
    assert _r(None, None, None, 0).text() == "no data (n = 0)"

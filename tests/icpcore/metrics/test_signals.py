"""Signals on hand-made tables (each can fire, and stays quiet on noise), and on the demo bundle,
where they must find the planted stories without being told where they are."""

from __future__ import annotations

import pandas as pd
import pytest

from icpcore.icp import parse_icp
from icpcore.metrics.compute import TABLE_COLUMNS, Periods
from icpcore.metrics.figures import Change, Figure, period_label
from icpcore.metrics.signals import find_signals
from icpcore.setup import default_document
from icpcore.stats import wilson

DOC = parse_icp(default_document())
CURRENT, PREVIOUS = ["2026-09", "2026-10", "2026-11"], ["2026-06", "2026-07", "2026-08"]
MONTHS = [f"2026-{m:02d}" for m in range(1, 12)]


def rate(segment: str, metric: str, k: int, n: int, month: str | None = None) -> tuple:
    return (segment, month, metric, k / n, *wilson(k, n), n)


def plain(segment: str, metric: str, value: float, n: int, month: str | None = None, low=None, high=None) -> tuple:
    return (segment, month, metric, value, low, high, n)


def frame(rows: list[tuple], months: list[str] | None = None) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=TABLE_COLUMNS)
    table.attrs["months"] = months
    return table


def periods(current: list[tuple], previous: list[tuple], by_month: list[tuple] | None = None) -> Periods:
    return Periods(
        as_of="2026-11-30",
        months=3,
        current=frame(current, CURRENT),
        previous=frame(previous, PREVIOUS),
        by_month=frame(by_month or []),
        icp_version=1,
        evidence_version=1,
    )


def kinds(p: Periods) -> set[tuple[str, str]]:
    return {(s.kind, s.segment) for s in find_signals(p, DOC)}


def test_qualified_rate_up_with_cac_flat_earns_its_keep():
    up = [rate("midmarket_saas", "qualified_rate", 400, 1000), plain("midmarket_saas", "cac", 2100, 60)]
    before = [rate("midmarket_saas", "qualified_rate", 320, 1000), plain("midmarket_saas", "cac", 2120, 50)]
    assert kinds(periods(up, before)) == {("earning_its_keep", "midmarket_saas")}
    signal = find_signals(periods(up, before), DOC)[0]
    assert "32.0% (n = 1,000)" in signal.sentence and "40.0% (n = 1,000)" in signal.sentence
    assert "earning its keep" in signal.sentence
    assert [f.n for f in signal.figures] == [1000, 1000, 50, 60]


@pytest.mark.parametrize(
    "change",
    [
        {"cac_now": 2600},  # CAC up 23%: not flat
        {"k_now": 335},  # +1.5 points: too small
        {"n": 25},  # too few units
        {"cac_now": None},  # no CAC to compare
    ],
)
def test_earning_its_keep_needs_all_its_conditions(change):
    n = change.get("n", 1000)
    k_now = change.get("k_now", round(0.4 * n))
    now = [rate("midmarket_saas", "qualified_rate", k_now, n)]
    if change.get("cac_now", 2100) is not None:
        now.append(plain("midmarket_saas", "cac", change.get("cac_now", 2100), 60))
    before = [rate("midmarket_saas", "qualified_rate", round(0.32 * n), n), plain("midmarket_saas", "cac", 2120, 50)]
    assert kinds(periods(now, before)) == set()


def test_faster_first_value():
    now = [plain("fintech_scaleups", "time_to_first_value_days", 3.0, 80, low=2.5, high=3.6)]
    before = [plain("fintech_scaleups", "time_to_first_value_days", 6.0, 90, low=5.0, high=7.2)]
    assert kinds(periods(now, before)) == {("faster_first_value", "fintech_scaleups")}
    overlapping = [plain("fintech_scaleups", "time_to_first_value_days", 4.0, 80, low=3.0, high=5.5)]
    assert kinds(periods(overlapping, before)) == set()


def _refund_months(latest_k: int, latest_n: int) -> list[tuple]:
    rows = [rate("fintech_scaleups", "refund_rate", 1, 12, month) for month in MONTHS[3:9]]
    rows.append(rate("fintech_scaleups", "refund_rate", latest_k, latest_n, "2026-10"))
    rows += [rate("all", "refund_rate", 5, 100, month) for month in MONTHS[3:10]]
    return rows


def test_refund_spike_in_the_latest_mature_month():
    p = periods([], [], _refund_months(13, 46))
    assert kinds(p) == {("refund_spike", "fintech_scaleups")}
    signal = find_signals(p, DOC)[0]
    assert "October 2026" in signal.sentence and "28.3% (n = 46)" in signal.sentence
    assert "tighten its disqualifiers" in signal.sentence
    assert signal.disqualifiers == ("tiny", "public_sector", "bootstrapped")  # it has none of its own


def test_no_refund_spike_on_a_small_month_or_a_normal_rate():
    assert kinds(periods([], [], _refund_months(4, 12))) == set()  # too few new customers
    assert kinds(periods([], [], _refund_months(3, 46))) == set()  # 6.5%: no spike


def test_fast_value_poor_retention():
    now = [
        plain("smb_agencies", "time_to_first_value_days", 0.9, 55, low=0.7, high=1.2),
        plain("all", "time_to_first_value_days", 4.5, 900, low=4.2, high=4.8),
    ]
    by_month = [rate("smb_agencies", "retention_90d", 4, 8, m) for m in MONTHS[2:8]]
    by_month += [rate("all", "retention_90d", 85, 100, m) for m in MONTHS[2:8]]
    assert kinds(periods(now, [], by_month)) == {("fast_value_poor_retention", "smb_agencies")}
    kept = [rate("smb_agencies", "retention_90d", 7, 8, m) for m in MONTHS[2:8]]
    kept += [rate("all", "retention_90d", 85, 100, m) for m in MONTHS[2:8]]
    assert kinds(periods(now, [], kept)) == set()


def test_change_reads_the_direction_of_the_registry():
    def change(key: str, before: float, now: float) -> Change:
        return Change(Figure("s", key, "", now, None, None, 50), Figure("s", key, "", before, None, None, 50))

    assert change("qualified_rate", 0.30, 0.35).verdict == "better"
    assert change("qualified_rate", 0.30, 0.35).delta_text() == "+5.0 pts"
    assert change("cac", 2000, 2100).verdict == "worse"
    assert change("time_to_first_value_days", 6, 4.5).verdict == "better"
    assert change("time_to_first_value_days", 6, 4.5).delta_text() == "-1.5 d"
    assert change("leads", 10, 10).verdict == "no change"
    assert Change(Figure("s", "cac", "", None, None, None, 0), Figure("s", "cac", "", 1, None, None, 1)).verdict == (
        "no comparison"
    )


def test_period_labels():
    assert period_label(CURRENT) == "Sep–Nov 2026"
    assert period_label(["2025-12", "2026-01"]) == "Dec 2025–Jan 2026"
    assert period_label(["2026-10"]) == "Oct 2026"

"""The signals a review should see, in plain words with the numbers behind them.

Each detector reads the indicator tables of one computation (`Periods`) and looks at every live
segment; nothing is told where a story is. Thresholds ask for enough units and for intervals
that do not overlap, so noise in a small month does not raise a signal.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from statsmodels.stats.proportion import proportions_ztest

from icpcore.icp import IcpDocument, Segment
from icpcore.metrics.compute import Periods
from icpcore.metrics.figures import Figure, cell, latest_month_with_units, month_label, period_label, pooled_rate
from icpcore.metrics.registry import metric
from icpcore.segments import ALL
from icpcore.timeutil import months_back, shift_month

Kind = Literal["earning_its_keep", "faster_first_value", "refund_spike", "fast_value_poor_retention"]

MIN_N = 30  # units a period needs before a rate or median is read as a signal
MIN_SPIKE_N = 20  # new customers a single month needs before its refund rate is read
RISE_POINTS = 0.02  # qualified rate rise that matters (2 points), if significant
P_VALUE = 0.05
CAC_FLAT = 1.10  # CAC "flat or down": at most 10% above the period before
FASTER = 0.8  # median time to first value at most 80% of the period before
BASELINE_MONTHS = 6


@dataclass(frozen=True)
class Signal:
    kind: Kind
    segment: str
    sentence: str
    figures: tuple[Figure, ...]
    disqualifiers: tuple[str, ...] = field(default=())  # ids the reader should look at

    def as_dict(self) -> dict:  # type: ignore[type-arg]
        return {
            "kind": self.kind,
            "segment": self.segment,
            "sentence": self.sentence,
            "figures": [f.as_dict() for f in self.figures],
            "disqualifiers": list(self.disqualifiers),
        }


def _fmt(key: str, value: float | None) -> str:
    return metric(key).format(value)


def _periods(p: Periods) -> tuple[str, str]:
    return period_label(p.current.attrs.get("months") or []), period_label(p.previous.attrs.get("months") or [])


def earning_its_keep(p: Periods, seg: Segment, family: int = 1) -> Signal | None:
    """Qualified rate up (significantly, by 2 points or more) while CAC is flat or down. The test
    is one of `family` (one per live segment), so its level is Bonferroni-corrected."""
    now, before = _periods(p)
    q1, q0 = (cell(t, seg.id, "qualified_rate", period=x) for t, x in ((p.current, now), (p.previous, before)))
    c1, c0 = (cell(t, seg.id, "cac", period=x) for t, x in ((p.current, now), (p.previous, before)))
    if min(q1.n, q0.n) < MIN_N or q1.value is None or q0.value is None or q1.value - q0.value < RISE_POINTS:
        return None
    if c1.value is None or c0.value is None or c1.value > c0.value * CAC_FLAT:
        return None
    counts = [round(q1.value * q1.n), round(q0.value * q0.n)]
    _, p_value = proportions_ztest(counts, [q1.n, q0.n], alternative="larger")
    if not p_value < P_VALUE / max(family, 1):
        return None
    cac_word = "fell" if c1.value < c0.value * 0.98 else "held"
    sentence = (
        f"{seg.name}: qualified rate rose from {q0.shown()} in {before} to {q1.shown()} in {now} while CAC "
        f"{cac_word} at {_fmt('cac', c1.value)} (was {_fmt('cac', c0.value)}): the profile is earning its keep."
    )
    return Signal("earning_its_keep", seg.id, sentence, (q0, q1, c0, c1))


def faster_first_value(p: Periods, seg: Segment) -> Signal | None:
    """Median time to first value clearly shorter than in the period before."""
    now, before = _periods(p)
    t1 = cell(p.current, seg.id, "time_to_first_value_days", period=now)
    t0 = cell(p.previous, seg.id, "time_to_first_value_days", period=before)
    if min(t1.n, t0.n) < MIN_N or None in (t1.value, t0.value, t1.high, t0.low):
        return None
    if not (t1.value <= FASTER * t0.value and t1.high < t0.low):  # type: ignore[operator]
        return None
    sentence = (
        f"{seg.name}: time to first value is shortening, median {t0.shown()} in {before} down to {t1.shown()} in {now}."
    )
    return Signal("faster_first_value", seg.id, sentence, (t0, t1))


def refund_spike(p: Periods, seg: Segment, doc: IcpDocument) -> Signal | None:
    """The latest month with mature refund units refunds far more than the months before."""
    month = latest_month_with_units(p.by_month, ALL, "refund_rate")
    if month is None:
        return None
    latest = cell(p.by_month, seg.id, "refund_rate", period=month_label(month), month=month)
    baseline = pooled_rate(p.by_month, seg.id, "refund_rate", months_back(shift_month(month, -1), BASELINE_MONTHS))
    if latest.n < MIN_SPIKE_N or baseline.n < MIN_SPIKE_N or None in (latest.value, baseline.value):
        return None
    if not (latest.value >= 2 * baseline.value and latest.low > baseline.high):  # type: ignore[operator]
        return None
    own = tuple(d.id for d in seg.disqualifiers if d.status == "active")
    advice = f"its disqualifiers ({', '.join(own)})" if own else "its disqualifiers (it has none of its own yet)"
    sentence = (
        f"{seg.name}: refunds are spiking. {latest.shown()} of the accounts first buying in "
        f"{month_label(month, long=True)} asked for a refund within 30 days, against {baseline.shown()} "
        f"in the {BASELINE_MONTHS} months before. "
        f"Review who buys here and tighten {advice}."
    )
    globals_ = tuple(d.id for d in doc.disqualifiers if d.status == "active")
    return Signal("refund_spike", seg.id, sentence, (baseline, latest), own or globals_)


def fast_value_poor_retention(p: Periods, seg: Segment) -> Signal | None:
    """First value much faster than across all accounts, but 90-day retention clearly worse."""
    now, _ = _periods(p)
    t_seg, t_all = (cell(p.current, s, "time_to_first_value_days", period=now) for s in (seg.id, ALL))
    month = latest_month_with_units(p.by_month, ALL, "retention_90d")
    if month is None or min(t_seg.n, t_all.n) < MIN_N or None in (t_seg.value, t_all.value):
        return None
    window = months_back(month, BASELINE_MONTHS)
    r_seg, r_all = (pooled_rate(p.by_month, s, "retention_90d", window) for s in (seg.id, ALL))
    if r_seg.n < MIN_N or None in (r_seg.high, r_all.value):
        return None
    fast = t_seg.value <= 0.5 * t_all.value  # type: ignore[operator]
    if not (fast and r_seg.high < r_all.value):  # type: ignore[operator]
        return None
    sentence = (
        f"{seg.name}: customers reach first value fast (median {t_seg.shown()}, all accounts "
        f"{_fmt('time_to_first_value_days', t_all.value)}) but only {r_seg.shown()} stay past 90 days "
        f"(all accounts {_fmt('retention_90d', r_all.value)}). Quick wins are not turning into lasting value."
    )
    return Signal("fast_value_poor_retention", seg.id, sentence, (t_seg, t_all, r_seg, r_all))


def find_signals(periods: Periods, doc: IcpDocument) -> list[Signal]:
    """Every signal in every live segment, in document order."""
    found: list[Signal | None] = []
    live = doc.live_segments()
    for seg in live:
        found += [
            earning_its_keep(periods, seg, len(live)),
            faster_first_value(periods, seg),
            refund_spike(periods, seg, doc),
            fast_value_poor_retention(periods, seg),
        ]
    return [s for s in found if s is not None]

"""Reading figures out of indicator tables: one cell, or rates pooled over a few months.

Rates pool exactly from a monthly table: value x n gives back each month's successes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from icpcore.metrics.registry import metric
from icpcore.stats import wilson


@dataclass(frozen=True)
class Figure:
    """One number behind a signal or a comparison, with its interval and n."""

    segment: str
    metric: str
    period: str  # e.g. "Sep–Nov 2026" or "Oct 2026"
    value: float | None
    low: float | None
    high: float | None
    n: int

    def shown(self) -> str:
        """'39.6% (n = 1,229)', formatted by the registry."""
        return f"{metric(self.metric).format(self.value)} (n = {self.n:,})"

    def as_dict(self) -> dict:  # type: ignore[type-arg]
        return {
            "segment": self.segment,
            "metric": self.metric,
            "period": self.period,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "n": self.n,
        }


def _clean(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def month_label(month: str, *, long: bool = False) -> str:
    """'2026-10' -> 'Oct 2026' (or 'October 2026')."""
    return datetime.strptime(month, "%Y-%m").strftime("%B %Y" if long else "%b %Y")


def period_label(months: list[str]) -> str:
    """['2026-09', '2026-10', '2026-11'] -> 'Sep–Nov 2026'; one month -> 'Oct 2026'."""
    if not months:
        return ""
    first, last = month_label(months[0]), month_label(months[-1])
    if len(months) == 1:
        return first
    if first[-4:] == last[-4:]:
        return f"{first[:3]}–{last}"
    return f"{first}–{last}"


def cell(table: pd.DataFrame, segment: str, key: str, *, period: str, month: str | None = None) -> Figure:
    """One row of an indicator table as a Figure (n = 0 when the row is absent)."""
    rows = table[(table["segment"] == segment) & (table["metric"] == key)]
    if month is not None:
        rows = rows[rows["month"] == month]
    if rows.empty:
        return Figure(segment, key, period, None, None, None, 0)
    row = rows.iloc[0]
    return Figure(segment, key, period, _clean(row["value"]), _clean(row["low"]), _clean(row["high"]), int(row["n"]))


def pooled_rate(by_month: pd.DataFrame, segment: str, key: str, months: list[str]) -> Figure:
    """A rate pooled over `months` of a monthly table (numerators and denominators summed)."""
    rows = by_month[(by_month["segment"] == segment) & (by_month["metric"] == key) & by_month["month"].isin(months)]
    n = int(rows["n"].sum())
    successes = int(sum(round(v * k) for v, k in zip(rows["value"], rows["n"], strict=True)))
    low, high = wilson(successes, n)
    return Figure(segment, key, period_label(months), successes / n if n else None, low, high, n)


def latest_month_with_units(by_month: pd.DataFrame, segment: str, key: str) -> str | None:
    rows = by_month[(by_month["segment"] == segment) & (by_month["metric"] == key) & (by_month["n"] > 0)]
    return None if rows.empty else str(rows["month"].max())


@dataclass(frozen=True)
class Change:
    """A figure against the same figure one period earlier, read by the registry's direction."""

    current: Figure
    previous: Figure

    @property
    def delta(self) -> float | None:
        if self.current.value is None or self.previous.value is None:
            return None
        return self.current.value - self.previous.value

    @property
    def verdict(self) -> str:
        """'better', 'worse', 'no change' or 'no comparison' (a value is missing)."""
        delta = self.delta
        if delta is None:
            return "no comparison"
        if abs(delta) < 1e-12:
            return "no change"
        return "better" if (delta > 0) == metric(self.current.metric).higher_is_better else "worse"

    def delta_text(self) -> str | None:
        """'+3.2 pts', '-1.5 d', '+120', or None when there is nothing to compare."""
        delta = self.delta
        if delta is None:
            return None
        kind = metric(self.current.metric).kind
        if kind == "rate":
            return f"{delta * 100:+.1f} pts"
        if kind == "median":
            return f"{delta:+.1f} d"
        return f"{delta:+,.0f}"

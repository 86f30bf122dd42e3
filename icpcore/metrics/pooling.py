"""From the count table to indicator rows: pool units over months (sum numerators and
denominators, never average rates), then value, interval and n per row."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpcore.metrics.medians import NO_MONTH
from icpcore.metrics.registry import BY_KEY, METRIC_KEYS
from icpcore.stats import wilson_many

TABLE_COLUMNS = ["segment", "month", "metric", "value", "low", "high", "n"]
TTFV = "time_to_first_value_days"

Key = tuple[str, str, str]  # (segment, month or NO_MONTH, metric)
Interval = tuple[float | None, float | None, float | None]  # value, low, high


@dataclass(frozen=True)
class Pooled:
    """num, den and whether spend reached it, per (segment, month key, metric)."""

    cells: dict[Key, tuple[float, int, bool]]

    def get(self, key: Key) -> tuple[float, int, bool]:
        return self.cells.get(key, (0.0, 0, False))


def pool(counts: pd.DataFrame, window: list[str] | None, by_month: bool) -> Pooled:
    """Sum units per (segment, metric) over the window's months, or keep them per month."""
    if window is not None:
        counts = counts[counts["month"].isin(window)]
    counts = counts[counts["segment"].notna()]
    keys = ["segment", "month", "metric"] if by_month else ["segment", "metric"]
    grouped = counts.groupby(keys, as_index=False).agg(num=("num", "sum"), den=("den", "sum"), spent=("spent", "any"))
    cells: dict[Key, tuple[float, int, bool]] = {}
    for row in grouped.itertuples(index=False):
        month = row.month if by_month else NO_MONTH
        cells[(row.segment, month, row.metric)] = (float(row.num), int(row.den), bool(row.spent))
    return Pooled(cells)


def row_keys(pooled: Pooled, segments: list[str], by_month: bool) -> list[Key]:
    """by segment: every segment x metric; by month: only cells with units (cac: or spend)."""
    if not by_month:
        return [(s, NO_MONTH, m) for s in segments for m in METRIC_KEYS]
    keys = []
    for segment in segments:
        months = sorted({k[1] for k in pooled.cells if k[0] == segment})
        for month in months:
            for metric in METRIC_KEYS:
                _, den, spent = pooled.get((segment, month, metric))
                if den > 0 or (metric == "cac" and spent):
                    keys.append((segment, month, metric))
    return keys


def median_sizes(pooled: Pooled, keys: list[Key]) -> dict[tuple[str, str], int]:
    """The number of time-to-first-value units per (segment, month key) the rows need."""
    sizes = {(s, m): pooled.get((s, m, k))[1] for s, m, k in keys if k == TTFV}
    return {group: n for group, n in sizes.items() if n > 0}


def _rate_intervals(pooled: Pooled, keys: list[Key]) -> dict[Key, Interval]:
    """Every rate row's value and Wilson interval, in one vectorised call."""
    rates = [k for k in keys if BY_KEY[k[2]].kind == "rate" and pooled.get(k)[1] > 0]
    if not rates:
        return {}
    num = np.array([int(pooled.get(k)[0]) for k in rates])
    den = np.array([pooled.get(k)[1] for k in rates])
    low, high = wilson_many(num, den)
    found = zip(rates, num, den, low, high, strict=True)
    return {k: (int(x) / int(n), float(lo), float(hi)) for k, x, n, lo, hi in found}


def table_rows(pooled: Pooled, keys: list[Key], medians: dict[tuple[str, str], Interval]) -> pd.DataFrame:
    """The indicator table for the given row keys (month NO_MONTH shown as None)."""
    rates = _rate_intervals(pooled, keys)
    records = []
    for key in keys:
        segment, month, metric = key
        num, den, _ = pooled.get(key)
        kind = BY_KEY[metric].kind
        if kind == "count":
            value, n = (num, None, None), int(num)
        elif kind == "ratio":
            value, n = ((num / den if den > 0 else None), None, None), den
        elif kind == "median":
            value, n = medians.get((segment, month), (None, None, None)), den
        else:
            value, n = rates.get(key, (None, None, None)), den
        records.append((segment, month or None, metric, *value, n))
    return pd.DataFrame.from_records(records, columns=TABLE_COLUMNS)

"""The indicator table: every metric of the registry for every segment (and month), with
intervals and n, exactly as CONTRACT section 4 defines them.

The database returns count tables (see `tables`); here they are pooled over the requested
months (numerators and denominators summed, never rates averaged) and turned into values and
intervals with statsmodels and scipy.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd
from sqlalchemy.orm import Session

from icpcore import history
from icpcore.errors import InvalidInput
from icpcore.icp import IcpDocument
from icpcore.metrics.asof import as_of_instant, resolve_as_of
from icpcore.metrics.medians import NO_MONTH, order_statistics
from icpcore.metrics.queries import Scope
from icpcore.metrics.registry import BY_KEY, METRIC_KEYS
from icpcore.metrics.tables import count_table
from icpcore.segments import ensure_assignment, segment_order
from icpcore.stats import median_from, rate, wilson
from icpcore.timeutil import months_back

By = Literal["segment", "segment,month"]
BY_CHOICES: tuple[str, ...] = ("segment", "segment,month")
DEFAULT_MONTHS = 3
TABLE_COLUMNS = ["segment", "month", "metric", "value", "low", "high", "n"]
TTFV = "time_to_first_value_days"

Key = tuple[str, str, str]  # (segment, month or NO_MONTH, metric)


@dataclass(frozen=True)
class Pooled:
    """num, den and whether spend reached it, per (segment, month key, metric)."""

    cells: dict[Key, tuple[float, int, bool]]

    def get(self, key: Key) -> tuple[float, int, bool]:
        return self.cells.get(key, (0.0, 0, False))


def month_window(as_of_month: str, by: By, months: int | None) -> list[str] | None:
    """The months counted, oldest first; None means every month up to the as-of month."""
    if by == "segment":
        return months_back(as_of_month, months or DEFAULT_MONTHS)
    return months_back(as_of_month, months) if months else None


def _check(by: str, months: int | None) -> None:
    if by not in BY_CHOICES:
        raise InvalidInput(f"--by: '{by}' is not one of {', '.join(BY_CHOICES)}")
    if months is not None and months < 1:
        raise InvalidInput(f"--months: {months} is not a positive number of months")


def _document(store, number: int) -> IcpDocument:  # type: ignore[no-untyped-def]
    version = history.get_version(store, number)
    if version is None:
        raise InvalidInput(f"there is no ICP version {number}")
    return version.document


def _pool(counts: pd.DataFrame, window: list[str] | None, by_month: bool) -> Pooled:
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


def _row_keys(pooled: Pooled, segments: list[str], by_month: bool) -> list[Key]:
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


def _medians(session: Session, scope: Scope, pooled: Pooled, keys: list[Key], window: list[str] | None, by_month: bool):  # type: ignore[no-untyped-def]
    sizes = {(s, m): pooled.get((s, m, k))[1] for s, m, k in keys if k == TTFV}
    sizes = {group: n for group, n in sizes.items() if n > 0}
    found = order_statistics(session, scope, sizes, months=window, by_month=by_month)
    return {group: median_from(found.get(group, {}), n) for group, n in sizes.items()}


def _value(key: Key, pooled: Pooled, medians: dict) -> tuple[float | None, float | None, float | None, int]:  # type: ignore[type-arg]
    segment, month, metric = key
    num, den, _ = pooled.get(key)
    kind = BY_KEY[metric].kind
    if kind == "count":
        return num, None, None, int(num)
    if kind == "ratio":
        return (num / den if den > 0 else None), None, None, den
    if kind == "median":
        return (*medians.get((segment, month), (None, None, None)), den)
    return (rate(int(num), den), *wilson(int(num), den), den)


def indicator_table(
    store,  # type: ignore[no-untyped-def]
    *,
    as_of: str | date | None = None,
    by: By = "segment",
    months: int | None = None,
    channel: str | None = None,
    version: int | None = None,
) -> pd.DataFrame:
    """One row per segment x metric (`by="segment"`, pooled over the last `months` months, default
    3) or per segment x month x metric with units (`by="segment,month"`, every month up to the
    as-of month, or the last `months`). `channel` narrows the lead metrics to one channel."""
    _check(by, months)
    by_month = by == "segment,month"
    icp_version, evidence_version = ensure_assignment(store, version)
    doc = _document(store, icp_version)
    day = resolve_as_of(store, as_of)
    scope = Scope(doc, icp_version, evidence_version, as_of_instant(day))
    as_of_month = day.strftime("%Y-%m")
    window = month_window(as_of_month, by, months)
    with store.read() as uow:
        counts = count_table(uow.session, scope, as_of_month=as_of_month, channel=channel)
        pooled = _pool(counts, window, by_month)
        keys = _row_keys(pooled, segment_order(doc), by_month)
        medians = _medians(uow.session, scope, pooled, keys, window, by_month)
    records = [(s, m or None, k, *_value((s, m, k), pooled, medians)) for s, m, k in keys]
    table = pd.DataFrame.from_records(records, columns=TABLE_COLUMNS)
    table.attrs.update(as_of=day.isoformat(), icp_version=icp_version, evidence_version=evidence_version)
    return table

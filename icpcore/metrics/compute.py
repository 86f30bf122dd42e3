"""The indicator table: every metric of the registry for every segment (and month), with
intervals and n, exactly as CONTRACT section 4 defines them.

The database returns count tables (see `tables`); `pooling` sums them over the requested months
(numerators and denominators, never averaged rates) and turns them into values and intervals.
The count table is computed once per call, so several windows (a period and the one before it,
the monthly trend) cost one pass over the evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from icpcore import history
from icpcore.errors import InvalidInput
from icpcore.icp import IcpDocument
from icpcore.metrics.asof import as_of_instant, resolve_as_of
from icpcore.metrics.medians import order_statistics
from icpcore.metrics.pooling import TABLE_COLUMNS, median_sizes, pool, row_keys, table_rows
from icpcore.metrics.queries import Scope
from icpcore.metrics.tables import count_table
from icpcore.segments import ensure_assignment, segment_order
from icpcore.stats import median_from
from icpcore.store.models import Lead
from icpcore.store.uow import Store
from icpcore.timeutil import months_back, shift_month

By = Literal["segment", "segment,month"]
BY_CHOICES: tuple[str, ...] = ("segment", "segment,month")
DEFAULT_MONTHS = 3

__all__ = [
    "BY_CHOICES",
    "DEFAULT_MONTHS",
    "TABLE_COLUMNS",
    "Periods",
    "indicator_periods",
    "indicator_table",
    "lead_channels",
]


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


@dataclass(frozen=True)
class _Run:
    """One computation: the document, the as-of instant and the count table read once."""

    scope: Scope
    day: date
    counts: pd.DataFrame

    @property
    def as_of_month(self) -> str:
        return self.day.strftime("%Y-%m")

    def table(self, session: Session, window: list[str] | None, by_month: bool) -> pd.DataFrame:
        pooled = pool(self.counts, window, by_month)
        keys = row_keys(pooled, segment_order(self.scope.doc), by_month)
        sizes = median_sizes(pooled, keys)
        found = order_statistics(session, self.scope, sizes, months=window, by_month=by_month)
        medians = {group: median_from(found.get(group, {}), n) for group, n in sizes.items()}
        table = table_rows(pooled, keys, medians)
        table.attrs.update(
            as_of=self.day.isoformat(),
            icp_version=self.scope.icp_version,
            evidence_version=self.scope.evidence_version,
            months=list(window) if window is not None else None,
        )
        return table


def _document(store: Store, number: int) -> IcpDocument:
    version = history.get_version(store, number)
    if version is None:
        raise InvalidInput(f"there is no ICP version {number}")
    return version.document


def _start(store: Store, session: Session, as_of: str | date | None, channel: str | None, version: int | None) -> _Run:
    icp_version, evidence_version = ensure_assignment(store, version)
    day = resolve_as_of(store, as_of)
    scope = Scope(_document(store, icp_version), icp_version, evidence_version, as_of_instant(day))
    counts = count_table(session, scope, as_of_month=day.strftime("%Y-%m"), channel=channel)
    return _Run(scope, day, counts)


def indicator_table(
    store: Store,
    *,
    as_of: str | date | None = None,
    by: By = "segment",
    months: int | None = None,
    channel: str | None = None,
    version: int | None = None,
) -> pd.DataFrame:
    """One row per segment x metric (`by="segment"`, pooled over the last `months` months, default
    3) or per segment x month x metric with units (`by="segment,month"`, every month up to the
    as-of month, or the last `months`). `channel` narrows the lead metrics to one channel.
    Columns: segment, month, metric, value, low, high, n; `attrs` holds as_of and the versions."""
    _check(by, months)
    with store.read() as uow:
        run = _start(store, uow.session, as_of, channel, version)
        return run.table(uow.session, month_window(run.as_of_month, by, months), by == "segment,month")


@dataclass(frozen=True)
class Periods:
    """A period (the last `months` months), the period before it, and the monthly trend."""

    as_of: str
    months: int
    current: pd.DataFrame
    previous: pd.DataFrame
    by_month: pd.DataFrame
    icp_version: int
    evidence_version: int


def indicator_periods(
    store: Store,
    *,
    as_of: str | date | None = None,
    months: int = DEFAULT_MONTHS,
    channel: str | None = None,
    version: int | None = None,
) -> Periods:
    """The tables a dashboard needs, from one pass over the evidence: `current` (by segment, the
    last `months` months), `previous` (the `months` before those) and `by_month` (every month)."""
    _check("segment", months)
    with store.read() as uow:
        run = _start(store, uow.session, as_of, channel, version)
        current = months_back(run.as_of_month, months)
        previous = months_back(shift_month(run.as_of_month, -months), months)
        return Periods(
            as_of=run.day.isoformat(),
            months=months,
            current=run.table(uow.session, current, False),
            previous=run.table(uow.session, previous, False),
            by_month=run.table(uow.session, None, True),
            icp_version=run.scope.icp_version,
            evidence_version=run.scope.evidence_version,
        )


def lead_channels(store: Store) -> list[str]:
    """Every lead channel (trimmed, lower-cased), for the channel filter."""
    with store.read() as uow:
        return sorted(uow.session.scalars(select(Lead.channel_ci).distinct()))

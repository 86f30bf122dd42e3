"""Numbers the briefs cite, read from the indicator table (CONTRACT section 4).

Every number comes with its n and, where the metric has one, its 95% interval; labels and
formats come from the metric registry. When the metrics engine is missing or there is no
evidence, there are no readings, and the briefs say so instead of citing anything.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from icpcore.metrics.registry import metric
from icpcore.store.uow import Store

# The window every brief cites: the last six months up to the as-of month, long enough for the
# 90-day windows of retention to have closed for part of it, and for segments to gather units.
MONTHS = 6
MIN_N = 30  # below this the contract calls a reading insufficient


@dataclass(frozen=True)
class Reading:
    segment: str
    metric: str
    value: float | None
    low: float | None
    high: float | None
    n: int

    @property
    def label(self) -> str:
        return metric(self.metric).label

    @property
    def usable(self) -> bool:
        return self.value is not None and self.n > 0

    def text(self) -> str:
        """'41.2% (95% interval 35.0% to 47.1%, n = 212)'."""
        m = metric(self.metric)
        if not self.usable:
            return f"no data (n = {self.n:,})"
        interval = ""
        if m.has_interval and self.low is not None and self.high is not None:
            interval = f"95% interval {m.format(self.low)} to {m.format(self.high)}, "
        return f"{m.format(self.value)} ({interval}n = {self.n:,})"


@dataclass(frozen=True)
class Readings:
    as_of: str
    months: int
    cells: dict[tuple[str, str], Reading]

    def get(self, segment: str, key: str) -> Reading:
        return self.cells.get((segment, key), Reading(segment, key, None, None, None, 0))

    def window(self) -> str:
        return f"the last {self.months} months up to {self.as_of}"


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)  # type: ignore[arg-type]


def read(store: Store | None, *, months: int = MONTHS) -> Readings | None:
    """Per segment and metric over the window; None when the metrics engine is unavailable."""
    if store is None:
        return None
    try:
        from icpcore.metrics.compute import indicator_table
    except ImportError:
        return None
    table = indicator_table(store, as_of=None, by="segment", months=months)
    cells = {}
    for row in table.itertuples(index=False):
        n = int(_number(row.n) or 0)
        reading = Reading(str(row.segment), str(row.metric), _number(row.value), _number(row.low), _number(row.high), n)
        cells[(reading.segment, reading.metric)] = reading
    return Readings(str(table.attrs.get("as_of", "the latest data")), months, cells)

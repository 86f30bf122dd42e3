"""The demo's calendar: 18 calendar months ending with the month of `end`, times as int seconds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from icpcore.timeutil import DAY, day_end, months_back

MONTHS = 18
DAY_S = int(DAY)


@dataclass(frozen=True)
class Clock:
    end: date
    months: tuple[str, ...]  # 'YYYY-MM', oldest first
    start_ts: int  # first instant (00:00 UTC on the first day of the first month)
    end_ts: int  # the as-of instant: every timestamp is strictly before it

    @classmethod
    def ending(cls, end: date, months: int = MONTHS) -> Clock:
        names = tuple(months_back(end.strftime("%Y-%m"), months))
        start = np.datetime64(names[0] + "-01", "s").astype(np.int64)
        return cls(end, names, int(start), int(day_end(end)))

    @property
    def span(self) -> int:
        return self.end_ts - self.start_ts

    @property
    def last(self) -> int:
        """Index of the as-of month."""
        return len(self.months) - 1

    def month_index(self, ts: np.ndarray) -> np.ndarray:
        """Month index (0 = first demo month) of each timestamp; NaN-free int input expected."""
        month = np.asarray(ts, dtype=np.int64).astype("datetime64[s]").astype("datetime64[M]")
        return (month - np.datetime64(self.months[0], "M")).astype(np.int64)

    def month_start(self, index: int) -> int:
        return int((np.datetime64(self.months[0], "M") + index).astype("datetime64[s]").astype(np.int64))

    def ramp(self, month: np.ndarray) -> np.ndarray:
        """0 until six months before the as-of month, rising to 1 at the month before it
        (the last month with mature 30-day units), 1.2 in the as-of month."""
        return np.clip((month - (self.last - 6)) / 5.0, 0.0, 1.2)


def iso(ts: np.ndarray) -> np.ndarray:
    """Epoch seconds as 'YYYY-MM-DDTHH:MM:SS' (UTC, no zone); NaN becomes ''."""
    ts = np.asarray(ts, dtype=float)
    out = np.full(ts.shape, "", dtype=object)
    ok = ~np.isnan(ts)
    out[ok] = np.datetime_as_string(ts[ok].astype(np.int64).astype("datetime64[s]"), unit="s")
    return out


def month_text(ts: np.ndarray) -> np.ndarray:
    return np.datetime_as_string(np.asarray(ts, dtype=np.int64).astype("datetime64[s]").astype("datetime64[M]"))


def ids(prefix: str, n: int, width: int) -> np.ndarray:
    """'A000001'-style identifiers, numbered from 1."""
    return np.array([f"{prefix}{i:0{width}d}" for i in range(1, n + 1)], dtype=object)


def text(values: np.ndarray) -> pd.api.extensions.ExtensionArray:
    """Values as pandas' text dtype, so big object arrays can be freed early."""
    return pd.array(values, dtype="str")

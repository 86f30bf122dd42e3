"""Success counts of an account set against the labels, with a Wilson 95% interval."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.proportion import proportion_confint


@dataclass(frozen=True)
class Rate:
    n: int
    successes: int
    rate: float | None
    low: float | None
    high: float | None

    def lift(self, base: float) -> float | None:
        return None if self.rate is None or base <= 0 else self.rate / base


def wilson(successes: int, n: int, *, alpha: float = 0.05) -> Rate:
    """The rate with its Wilson interval (95% by default, as every rate on screen)."""
    if n <= 0:
        return Rate(0, 0, None, None, None)
    low, high = proportion_confint(successes, n, alpha=alpha, method="wilson")
    return Rate(int(n), int(successes), successes / n, float(low), float(high))


def rate_of(mask: pd.Series, labels: pd.Series) -> Rate:
    """`mask` over accounts (any index superset of the labels'); `labels` 1/0 per labelled account."""
    held = mask.reindex(labels.index, fill_value=False).astype(bool)
    return wilson(int(labels[held].sum()), int(held.sum()))

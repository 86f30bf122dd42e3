"""Intervals for the indicators (CONTRACT section 4): thin wrappers over statsmodels and scipy.

Everything here runs on counts and a handful of order statistics, never on raw evidence.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import binom
from statsmodels.stats.proportion import proportion_confint

Z95 = 1.959963984540054  # what statsmodels uses for alpha = 0.05: norm.isf(0.025)


def wilson(successes: int, n: int) -> tuple[float | None, float | None]:
    """The Wilson 95% interval of successes / n; (None, None) when n = 0."""
    if n <= 0:
        return None, None
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return float(low), float(high)


def wilson_many(successes: np.ndarray, n: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Wilson 95% intervals for arrays of counts (every n > 0), in one statsmodels call."""
    low, high = proportion_confint(successes, n, alpha=0.05, method="wilson")
    return np.asarray(low, dtype=float), np.asarray(high, dtype=float)


def rate(successes: int, n: int) -> float | None:
    return successes / n if n > 0 else None


def median_positions(n: int) -> tuple[int, int]:
    """1-based positions of the sorted values whose mean is the median (equal when n is odd)."""
    return (n + 1) // 2, n // 2 + 1


def order_statistic_j(n: int) -> int:
    """j of the median's distribution-free interval [x(j), x(n-j+1)]: binom.ppf(0.025, n, 0.5)."""
    return int(binom.ppf(0.025, n, 0.5)) if n > 0 else 0


def median_interval_positions(n: int) -> tuple[int, int] | None:
    """1-based positions (j, n - j + 1) of the interval's ends; None when j = 0."""
    j = order_statistic_j(n)
    return (j, n - j + 1) if j > 0 else None


def positions_needed(n: int) -> set[int]:
    """Every order statistic the median and its interval read."""
    wanted = set(median_positions(n)) if n > 0 else set()
    ends = median_interval_positions(n)
    return wanted | set(ends) if ends else wanted


def median_from(values_at: dict[int, float], n: int) -> tuple[float | None, float | None, float | None]:
    """(median, low, high) from the order statistics at `positions_needed(n)` (1-based)."""
    if n <= 0:
        return None, None, None
    lo, hi = median_positions(n)
    median = float(np.median([values_at[lo], values_at[hi]]))
    ends = median_interval_positions(n)
    if ends is None:
        return median, None, None
    return median, float(values_at[ends[0]]), float(values_at[ends[1]])


def is_missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))

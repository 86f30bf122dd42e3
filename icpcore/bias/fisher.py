"""Two-sided Fisher exact tests of many 2x2 tables at once, equal to `scipy.stats.fisher_exact`.

scipy's rule: the p-value sums the probabilities of every table (with the observed margins) that
is no more likely than the observed one; past the mode that is a tail, found by a binary search of
single scipy calls (about a millisecond per test, which adds up over a few hundred tests). Here
the far tail's boundary comes from log-probabilities in one vectorised step, and the two tails of
every test are then summed with one vectorised `hypergeom.cdf` and one `hypergeom.sf` call: the
same boost functions scipy calls, so the same numbers. Wherever the log scale cannot tell a table
from the observed one for certain (a tie within 1e-6), scipy itself decides.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.special import gammaln
from scipy.stats import fisher_exact, hypergeom

TIE = 1e-6  # log-probability gap under which two tables count as equally likely
Plan = float | tuple[int, int, int, int, int]  # a p-value, or (cdf at, sf at, M, n1, n)


def _plan(table: Sequence[Sequence[int]]) -> Plan:
    c = np.asarray(table, dtype="int64")
    if (c.sum(axis=0) == 0).any() or (c.sum(axis=1) == 0).any():
        return 1.0
    n1, n2, n = int(c[0].sum()), int(c[1].sum()), int(c[:, 0].sum())
    x, mode = int(c[0, 0]), int((n + 1) * (n1 + 1) / (n1 + n2 + 2))
    if x == mode:
        return 1.0

    def log_pmf(k: np.ndarray) -> np.ndarray:  # up to the constant log C(n1 + n2, n)
        return -gammaln(k + 1) - gammaln(n1 - k + 1) - gammaln(n - k + 1) - gammaln(n2 - n + k + 1)

    low, high = max(0, n - n2), min(n, n1)
    other = np.arange(mode, high + 1) if x < mode else np.arange(low, mode + 1)
    gap = log_pmf(other.astype("float64")) - log_pmf(np.array([float(x)]))[0]
    if (np.abs(gap) < TIE).any():
        return float(fisher_exact(c).pvalue)
    more_likely = int((gap > 0).sum())
    if x < mode:  # P(X <= x) + P(X > last table past the mode more likely than x)
        return x, mode + more_likely - 1, n1 + n2, n1, n
    return low + len(other) - more_likely - 1, x - 1, n1 + n2, n1, n  # the mirror image


def fisher_two_sided_many(tables: Sequence[Sequence[Sequence[int]]]) -> list[float]:
    """`[scipy.stats.fisher_exact(t).pvalue for t in tables]`, in two vectorised scipy calls."""
    plans = [_plan(t) for t in tables]
    tails = [p for p in plans if isinstance(p, tuple)]
    if tails:
        a, b, m, n1, n = (np.array(column, dtype="int64") for column in zip(*tails, strict=True))
        sums = iter(np.minimum(hypergeom.cdf(a, m, n1, n) + hypergeom.sf(b, m, n1, n), 1.0))
    return [float(next(sums)) if isinstance(p, tuple) else float(p) for p in plans]


def fisher_two_sided(table: Sequence[Sequence[int]]) -> float:
    return fisher_two_sided_many([table])[0]

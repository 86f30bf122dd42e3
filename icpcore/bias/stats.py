"""The statistics of the bias check on count tables (CONTRACT section 5): thin wrappers over
scipy and statsmodels. Every function takes plain counts and returns plain floats (or None where
the contract says null), so the JSON never holds NaN or infinity."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests

from icpcore.bias.groups import GroupCounts

MIN_GROUP_SIZE = 30
IMPACT_THRESHOLD = 0.8
FDR_LEVEL = 0.05


def finite(value: float | None) -> float | None:
    """A float for JSON: None for missing, NaN or infinite values."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def selection_rate(group: GroupCounts) -> float:
    return 1 - group.disqualified / group.n


def reference_group(groups: Sequence[GroupCounts]) -> GroupCounts | None:
    """The highest selection rate among groups with n >= 30; ties: larger n, then the name in
    code-point order. None when no group is that large."""
    large = [g for g in groups if g.n >= MIN_GROUP_SIZE]
    if not large:
        return None
    return min(large, key=lambda g: (-selection_rate(g), -g.n, g.name))


def fisher_table(group: GroupCounts, reference: GroupCounts) -> list[list[int]]:
    """The 2x2 table of the Fisher test: disqualified/kept, group against reference."""
    return [[group.disqualified, group.kept], [reference.disqualified, reference.kept]]


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """q-values of one family (Benjamini-Hochberg)."""
    if not p_values:
        return []
    return [float(q) for q in multipletests(list(p_values), method="fdr_bh")[1]]


def cramers_v(groups: Sequence[GroupCounts]) -> float:
    """Cramer's V between the disqualifier flag and the groups (CONTRACT section 5)."""
    return cramers_v_table([[g.disqualified for g in groups], [g.kept for g in groups]])


def cramers_v_table(counts: Sequence[Sequence[int]] | np.ndarray) -> float:
    """Cramer's V of an r x c table of counts, without continuity correction; 0 when either
    variable is constant. (Pearson's chi-square written out: it is what
    `scipy.stats.contingency.association(..., correction=False)` gives, without its per-call
    overhead, which adds up over a hundred screenings.)"""
    table = np.asarray(counts, dtype="float64")
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if min(table.shape) < 2:
        return 0.0
    total = table.sum()
    expected = np.outer(table.sum(axis=1), table.sum(axis=0)) / total
    chi2 = float(((table - expected) ** 2 / expected).sum())
    return math.sqrt(chi2 / (total * (min(table.shape) - 1)))


@dataclass(frozen=True)
class MantelHaenszel:
    """Pooled odds ratio of success, disqualified versus kept, over the strata that have both."""

    odds_ratio: float | None = None
    low: float | None = None
    high: float | None = None
    strata: int = 0

    @property
    def justified(self) -> bool:
        """The data give a business reason: success is clearly rarer among the disqualified."""
        return self.high is not None and self.high < 1


def mantel_haenszel(groups: Sequence[GroupCounts]) -> MantelHaenszel:
    tables = [
        np.array([[g.dq_success, g.dq_failure], [g.kept_success, g.kept_failure]], dtype="float64")
        for g in groups
        if g.dq_success + g.dq_failure > 0 and g.kept_success + g.kept_failure > 0
    ]
    if not tables:
        return MantelHaenszel()
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            pooled = StratifiedTable(tables)
            odds = finite(pooled.oddsratio_pooled)
            low, high = (finite(v) for v in pooled.oddsratio_pooled_confint(alpha=0.05))
    except (ValueError, ZeroDivisionError, FloatingPointError):
        return MantelHaenszel(strata=len(tables))
    if low is None or high is None:
        low = high = None  # half an interval is no interval
    return MantelHaenszel(odds, low, high, len(tables))


def is_flagged(n: int, impact_ratio: float | None, q_value: float | None) -> bool:
    return (
        n >= MIN_GROUP_SIZE
        and impact_ratio is not None
        and impact_ratio < IMPACT_THRESHOLD
        and q_value is not None
        and q_value < FDR_LEVEL
    )


def severity(n: int, flagged: bool, justified: bool) -> str:
    if n < MIN_GROUP_SIZE:
        return "insufficient_data"
    if not flagged:
        return "none"
    return "medium" if justified else "high"

"""From the count table to one small table of groups per (screen, attribute) (CONTRACT section 5).

Groups are an attribute's trimmed display values, compared exactly. An attribute whose every
non-empty value in the scope parses as a (finite) number is numeric: it is cut into quartiles over
the scope's accounts with `pandas.qcut(values, 4, duplicates="drop")`, and a value belongs to
group `Q<bin number>` (Q1 the lowest bin). Bins that `qcut` leaves empty make no group, and values
`qcut` cannot place (a constant attribute gives no bins at all) belong to no group.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from icpcore.bias.counts import SEPARATOR
from icpcore.rules import parse_number


@dataclass(frozen=True)
class GroupCounts:
    """One group's accounts in a screen's scope, and its mature success_rate units split by
    disqualified/kept and success/failure (the Mantel-Haenszel stratum)."""

    name: str
    n: int
    disqualified: int
    dq_success: int = 0
    dq_failure: int = 0
    kept_success: int = 0
    kept_failure: int = 0

    @property
    def kept(self) -> int:
        return self.n - self.disqualified


def _number(text: str) -> float | None:
    number = parse_number(text)
    return number if number is not None and math.isfinite(number) else None


def group_labels(value_counts: dict[str, int]) -> dict[str, str]:
    """Display value -> group name, from the count of scope accounts per value (counts > 0)."""
    texts = sorted(value_counts)
    numbers = [_number(t) for t in texts]
    if not texts or any(n is None for n in numbers):
        return {t: t for t in texts}
    counts = np.array([value_counts[t] for t in texts], dtype="int64")
    values = np.repeat(np.asarray(numbers, dtype="float64"), counts)
    codes = pd.qcut(values, 4, duplicates="drop").codes
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))  # the first account of each value
    return {t: f"Q{int(codes[s]) + 1}" for t, s in zip(texts, starts, strict=True) if codes[s] >= 0}


def scope_value_counts(rows: list[tuple[Any, ...]], scope: int) -> dict[str, int]:
    """Accounts per display value of one single-attribute grouping inside a scope."""
    counts: dict[str, int] = {}
    for row in rows:
        if row[scope] > 0:
            counts[row[0]] = counts.get(row[0], 0) + row[scope]
    return counts


def _sort_key(name: str) -> tuple[tuple[int, str], ...]:
    """Quartiles by number, text in code-point order; a crossed name part by part."""
    parts = name.split(SEPARATOR)
    return tuple((int(p[1:]), "") if p.startswith("Q") and p[1:].isdigit() else (0, p) for p in parts)


def group_table(
    rows: list[tuple[Any, ...]], scope: int, disqualified: int, labels: list[dict[str, str]]
) -> list[GroupCounts]:
    """Sum one screen's rows of one grouping into groups. A row is (v1, v2, s, ...sums); `scope`
    and `disqualified` are positions of its sums; `labels` map v1 (and v2) to group names."""
    totals: dict[str, list[int]] = {}
    for row in rows:
        n, d, success = row[scope], row[disqualified], row[2]
        names = [labels[i].get(row[i]) for i in range(len(labels))]
        if n == 0 or None in names:
            continue
        sums = totals.setdefault(SEPARATOR.join(names), [0] * 6)  # type: ignore[arg-type]
        sums[0] += n
        sums[1] += d
        if success in (0, 1):
            sums[3 - success] += d  # dq_success at 2, dq_failure at 3
            sums[5 - success] += n - d  # kept_success at 4, kept_failure at 5
    groups = [GroupCounts(name, *sums) for name, sums in totals.items()]
    return sorted(groups, key=lambda g: _sort_key(g.name))

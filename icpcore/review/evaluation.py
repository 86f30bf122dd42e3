"""Holding one assumption against its number (CONTRACT section 7): the verdict and the
evidence status. Pure functions over plain values, so every boundary is testable."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

Verdict = Literal["supported", "inconclusive", "contradicted", "insufficient_data"]
Evidence = Literal["corroborated", "hypothesis"]

# The board's column order: what holds, what is open, what breaks, what cannot be judged yet.
VERDICTS: tuple[Verdict, ...] = ("supported", "inconclusive", "contradicted", "insufficient_data")
MIN_N = 30
CORROBORATION_TODO = "Seek corroboration in support tickets or success logs"


def clean(number: float | int | None) -> float | None:
    """A number fit for JSON: NaN and infinities (and None) become None."""
    if number is None:
        return None
    number = float(number)
    return number if math.isfinite(number) else None


def verdict(
    bounds: tuple[float, float],
    value: float | None,
    low: float | None,
    high: float | None,
    n: int | None,
) -> Verdict:
    """Judge a value (with its interval, when it has one) against the closed target [lo, hi].

    With an interval: supported when it lies inside the target, contradicted when it lies
    wholly outside, inconclusive when it straddles a bound. Without one (counts, CAC, a median
    whose interval is null) the value alone decides.
    """
    if (n or 0) < MIN_N:
        return "insufficient_data"
    lo, hi = bounds
    value, low, high = clean(value), clean(low), clean(high)
    if low is not None and high is not None:
        if low >= lo and high <= hi:
            return "supported"
        if high < lo or low > hi:
            return "contradicted"
        return "inconclusive"
    if value is None:
        # Cannot happen for rates with n >= 30; without a number there is nothing to judge.
        return "insufficient_data"
    return "supported" if lo <= value <= hi else "contradicted"


def source_kind(tag: str) -> str:
    """'campaign:spring_promo' -> 'campaign'; 'CRM ' -> 'crm'."""
    return tag.split(":", 1)[0].strip().lower()


def source_kinds(sources: Iterable[str]) -> list[str]:
    """The distinct kinds among the tags, sorted; blank kinds count for nothing."""
    return sorted({kind for tag in sources if (kind := source_kind(str(tag)))})


def evidence_status(sources: Iterable[str]) -> Evidence:
    """Corroborated only when the sources span two kinds: derived, never set by hand."""
    return "corroborated" if len(source_kinds(sources)) >= 2 else "hypothesis"

"""Single-trait scan: each trait value (or numeric quartile) against success.

The odds ratio adds a prior count of 1 to each cell of the 2x2 table, so an empty cell never
gives 0 or infinity. Traits held by fewer than `MIN_ACCOUNTS` labelled accounts, or by under
`MIN_SHARE` of them, are ignored: their rates are too noisy to draft a segment from.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from icpcore.builder.measure import Rate, rate_of
from icpcore.builder.traits import Traits, categories, display_values, numbers
from icpcore.icp import Rule
from icpcore.rules import describe, pandas_rule

MIN_ACCOUNTS = 25
MIN_SHARE = 0.02
SKEW_LIMIT = 10.0
Z = 1.959963984540054


@dataclass(frozen=True)
class TraitSignal:
    rule: Rule
    rate: Rate
    odds_ratio: float
    or_low: float
    or_high: float
    lift: float | None

    @property
    def description(self) -> str:
        return describe(self.rule)


def min_holders(n_labelled: int) -> int:
    return max(MIN_ACCOUNTS, math.ceil(MIN_SHARE * n_labelled))


def skew_warning(labels: pd.Series) -> str | None:
    """Warn when success and failure are skewed beyond 10:1 (odds ratios and the tree get shaky)."""
    wins, losses = int(labels.sum()), int(len(labels) - labels.sum())
    if min(wins, losses) * SKEW_LIMIT < max(wins, losses):
        return (
            f"Success and failure are skewed beyond {SKEW_LIMIT:.0f}:1 ({wins:,} successes, {losses:,} "
            "failures): odds ratios and candidate rates rest on few accounts; read them with care."
        )
    return None


def odds_ratio(a: int, b: int, c: int, d: int) -> tuple[float, float, float]:
    """(a+1)(d+1) / ((b+1)(c+1)) with a Woolf interval on the same +1 counts.
    a, b: successes and failures with the trait; c, d: without it."""
    a1, b1, c1, d1 = a + 1, b + 1, c + 1, d + 1
    estimate = (a1 * d1) / (b1 * c1)
    spread = Z * math.sqrt(1 / a1 + 1 / b1 + 1 / c1 + 1 / d1)
    return estimate, estimate * math.exp(-spread), estimate * math.exp(spread)


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else float(value)


def category_rules(traits: Traits, column: str) -> list[Rule]:
    shown = display_values(traits, column)
    keys = sorted(categories(traits, column).dropna().unique())
    return [Rule(field=column, op="in", value=[shown[k]]) for k in keys]


def quartile_rules(traits: Traits, column: str, labelled: pd.Index) -> list[Rule]:
    """Quartiles of a numeric trait over the labelled accounts, as exact rules on their values."""
    values = numbers(traits, column).reindex(labelled).dropna()
    if values.nunique() < 2:
        return []
    bins = pd.qcut(values, 4, duplicates="drop")
    groups = sorted((float(g.min()), float(g.max())) for _, g in values.groupby(bins, observed=True))
    if len(groups) < 2:
        return []
    rules = []
    for i, (lo, hi) in enumerate(groups):
        if i == 0:
            rules.append(Rule(field=column, op="lt", value=_number(groups[1][0])))
        elif i == len(groups) - 1:
            rules.append(Rule(field=column, op="gte", value=_number(lo)))
        else:
            rules.append(Rule(field=column, op="between", value=[_number(lo), _number(hi)]))
    return rules


def scan(traits: Traits, labels: pd.Series) -> list[TraitSignal]:
    """Every trait held by enough labelled accounts, strongest odds ratio first (deterministic)."""
    total, wins = len(labels), int(labels.sum())
    base = wins / total if total else 0.0
    floor = min_holders(total)
    found: list[TraitSignal] = []
    candidates = [r for c in traits.categorical for r in category_rules(traits, c)]
    candidates += [r for c in traits.numeric for r in quartile_rules(traits, c, labels.index)]
    for rule in candidates:
        rate = rate_of(pandas_rule(rule, traits.frame), labels)
        if rate.n < floor:
            continue
        a, b = rate.successes, rate.n - rate.successes
        estimate, low, high = odds_ratio(a, b, wins - a, total - wins - b)
        found.append(TraitSignal(rule, rate, estimate, low, high, rate.lift(base)))
    found.sort(key=lambda s: (-s.odds_ratio, -s.rate.n, s.description))
    return found

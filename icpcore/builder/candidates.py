"""Segment candidates: rule sets from the tree's nodes and the single-trait scan, measured
again through the rules themselves, deduplicated and ranked.

Nested candidates: a narrower rule set stays only when it does clearly better than the accounts
its extra rules leave out (`earns_its_rules`).

Ranking: the conservative lift, the lower bound of a Wilson interval over the base rate, so a
small pocket with a lucky rate does not outrank a large, reliably better one. Because many rule
sets are tried, that guard interval is Bonferroni-corrected (alpha 0.05 / rule sets measured);
the rates shown keep their plain 95% interval. A candidate is `significant` when its guard
bound is above the base rate. Ties go to the larger candidate, then the description. The tree's
leaves must hold at least `TREE_LEAF_SHARE` of the labelled accounts: narrower leaves mostly fit
noise. Everything is deterministic for a given `random_state`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

import pandas as pd
from scipy.stats import fisher_exact

from icpcore.builder.masks import RuleMasks
from icpcore.builder.measure import Rate, rate_of, wilson
from icpcore.builder.scan import TraitSignal, min_holders, scan, skew_warning
from icpcore.builder.traits import Traits
from icpcore.builder.tree import tree_rule_sets
from icpcore.icp import Rule
from icpcore.rules import describe_all

MAX_CANDIDATES = 10
TREE_LEAF_SHARE = 0.05
ALPHA = 0.05
MAX_SINGLE_TRAITS = 8  # the strongest single traits join the tree's rule sets as candidates


@dataclass(frozen=True)
class Candidate:
    id: str
    origin: str  # "tree", "trait scan" or "trait pair"
    rules: list[Rule]
    accounts: int  # every account the rules select, labelled or not
    rate: Rate  # over the labelled accounts among them
    lift: float | None
    guard_low: float  # the Bonferroni-corrected lower bound of the success rate
    lift_low: float | None  # guard_low over the base rate: the ranking key
    overlap: dict[str, float]  # current segment -> share of this candidate's accounts
    account_ids: tuple[str, ...] = field(repr=False)

    @property
    def description(self) -> str:
        return describe_all(self.rules)


@dataclass(frozen=True)
class Discovery:
    base: Rate
    candidates: list[Candidate]
    signals: list[TraitSignal]
    warnings: list[str]
    min_accounts: int
    rule_sets_measured: int = 0


def prune(rules: Sequence[Rule], frame: pd.DataFrame, masks: RuleMasks | None = None) -> list[Rule]:
    """Drop rules that select nothing extra away (e.g. `not_in` steps implied by an `in`)."""
    mask_of = masks or RuleMasks(frame)
    kept = list(rules)
    target = mask_of(kept)
    for rule in list(kept):
        trial = [r for r in kept if r is not rule]
        if trial and mask_of(trial).equals(target):
            kept = trial
    return kept


def overlap(mask: pd.Series, assignment: pd.Series | None) -> dict[str, float]:
    if assignment is None or not mask.any():
        return {}
    shares = assignment.reindex(mask.index[mask]).fillna("unassigned").value_counts(normalize=True)
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return {str(k): float(v) for k, v in ordered}


def earns_its_rules(child: Rate, parent: Rate) -> bool:
    """Whether a candidate nested in a broader one does clearly better than the accounts its
    extra rules leave out (one-sided Fisher exact test at `ALPHA`)."""
    left_out_n, left_out_wins = parent.n - child.n, parent.successes - child.successes
    if left_out_n <= 0:
        return False
    table = [[child.successes, child.n - child.successes], [left_out_wins, left_out_n - left_out_wins]]
    return bool(fisher_exact(table, alternative="greater").pvalue < ALPHA)


def drop_unearned(found: list[Candidate]) -> list[Candidate]:
    """Drop a candidate nested in a broader one unless it earns its extra rules."""
    sets = [set(c.account_ids) for c in found]
    return [
        child
        for i, child in enumerate(found)
        if all(not sets[i] < sets[j] or earns_its_rules(child.rate, parent.rate) for j, parent in enumerate(found))
    ]


def _rule_sets(
    traits: Traits, labels: pd.Series, signals: list[TraitSignal], *, min_leaf: int, seed: int
) -> list[tuple[str, list[Rule]]]:
    """The tree's nodes, the strongest single traits, and those traits two at a time (on different
    fields): a pocket defined by two traits that each split the data weakly is easy for a depth-3
    tree to miss when a third trait wins the first split."""
    found = [("tree", rules) for rules in tree_rule_sets(traits, labels, min_leaf=min_leaf, random_state=seed)]
    strongest = [s for s in signals if s.lift and s.lift > 1][:MAX_SINGLE_TRAITS]
    found += [("trait scan", [s.rule]) for s in strongest]
    found += [("trait pair", [a.rule, b.rule]) for a, b in combinations(strongest, 2) if a.rule.field != b.rule.field]
    return found


def _measured(
    traits: Traits, labels: pd.Series, rule_sets: list[tuple[str, list[Rule]]], floor: int
) -> Iterator[tuple[str, list[Rule], pd.Series, Rate]]:
    """Each distinct account set once (the simplest rules first), with enough labelled accounts."""
    seen: set[bytes] = set()
    masks = RuleMasks(traits.frame)
    for origin, rules in sorted(rule_sets, key=lambda item: len(item[1])):
        rules = prune(rules, traits.frame, masks)
        mask = masks(rules)
        key = mask.to_numpy().tobytes()
        rate = rate_of(mask, labels)
        if key not in seen and rate.n >= floor:
            seen.add(key)
            yield origin, rules, mask, rate


def discover(
    traits: Traits,
    labels: pd.Series,
    *,
    assignment: pd.Series | None = None,
    random_state: int = 0,
    top: int = MAX_CANDIDATES,
) -> Discovery:
    """Candidates whose success rate beats the base rate, best first.

    `labels`: 1/0 per labelled account (index: account_id, a subset of the traits' index);
    `assignment`: the current segment per account, for the overlap."""
    labels = labels.astype(int).sort_index()
    base = wilson(int(labels.sum()), len(labels))
    floor = min_holders(len(labels))
    signals = scan(traits, labels)
    warnings = [w for w in [skew_warning(labels)] if w]
    leaf = max(floor, math.ceil(TREE_LEAF_SHARE * len(labels)))
    measured = list(
        _measured(traits, labels, _rule_sets(traits, labels, signals, min_leaf=leaf, seed=random_state), floor)
    )
    alpha = ALPHA / max(1, len(measured))
    found: list[Candidate] = []
    for origin, rules, mask, rate in measured:
        if base.rate is None or (rate.rate or 0.0) <= base.rate:
            continue
        guard = wilson(rate.successes, rate.n, alpha=alpha).low or 0.0
        ids = tuple(str(i) for i in mask.index[mask])
        found.append(
            Candidate(
                id="",
                origin=origin,
                rules=rules,
                accounts=len(ids),
                rate=rate,
                lift=rate.lift(base.rate),
                guard_low=guard,
                lift_low=guard / base.rate if base.rate else None,
                overlap=overlap(mask, assignment),
                account_ids=ids,
            )
        )
    found = drop_unearned(found)
    found.sort(key=lambda c: (-(c.lift_low or 0.0), -c.accounts, len(c.rules), c.description))
    ranked = [replace(c, id=f"c{i + 1}") for i, c in enumerate(found[:top])]
    return Discovery(base, ranked, signals, warnings, floor, len(measured))

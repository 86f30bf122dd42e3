"""Segment candidates: rule sets from the tree's nodes and the single-trait scan, measured
again through the rules themselves, deduplicated and ranked.

Ranking: the conservative lift (the Wilson interval's lower bound over the base rate), so a
small pocket with a lucky rate does not outrank a large, reliably better one; ties go to the
larger candidate, then the description. Everything is deterministic for a given `random_state`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

import pandas as pd

from icpcore.builder.measure import Rate, rate_of, wilson
from icpcore.builder.scan import TraitSignal, min_holders, scan, skew_warning
from icpcore.builder.traits import Traits
from icpcore.builder.tree import tree_rule_sets
from icpcore.icp import Rule
from icpcore.rules import describe_all, pandas_mask

MAX_CANDIDATES = 10
MAX_SINGLE_TRAITS = 8  # the strongest single traits join the tree's rule sets as candidates


@dataclass(frozen=True)
class Candidate:
    id: str
    origin: str  # "tree", "trait scan" or "trait pair"
    rules: list[Rule]
    accounts: int  # every account the rules select, labelled or not
    rate: Rate  # over the labelled accounts among them
    lift: float | None
    lift_low: float | None
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


def prune(rules: Sequence[Rule], frame: pd.DataFrame) -> list[Rule]:
    """Drop rules that select nothing extra away (e.g. `not_in` steps implied by an `in`)."""
    kept = list(rules)
    target = pandas_mask(kept, frame)
    for rule in list(kept):
        trial = [r for r in kept if r is not rule]
        if trial and pandas_mask(trial, frame).equals(target):
            kept = trial
    return kept


def overlap(mask: pd.Series, assignment: pd.Series | None) -> dict[str, float]:
    if assignment is None or not mask.any():
        return {}
    shares = assignment.reindex(mask.index[mask]).fillna("unassigned").value_counts(normalize=True)
    ordered = sorted(shares.items(), key=lambda kv: (-kv[1], kv[0]))
    return {str(k): float(v) for k, v in ordered}


def drop_unearned(found: list[Candidate]) -> list[Candidate]:
    """A narrower candidate must earn its extra rules: drop one nested in a broader candidate
    unless its interval's lower bound beats the broader one's rate."""
    sets = [set(c.account_ids) for c in found]
    kept = []
    for i, child in enumerate(found):
        beaten = any(
            j != i and sets[i] < sets[j] and (child.rate.low or 0.0) <= (parent.rate.rate or 0.0)
            for j, parent in enumerate(found)
        )
        if not beaten:
            kept.append(child)
    return kept


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
    seen: set[bytes] = set()
    found: list[Candidate] = []
    for origin, rules in _rule_sets(traits, labels, signals, min_leaf=floor, seed=random_state):
        rules = prune(rules, traits.frame)
        mask = pandas_mask(rules, traits.frame)
        key = mask.to_numpy().tobytes()
        rate = rate_of(mask, labels)
        if key in seen or rate.n < floor or base.rate is None or (rate.rate or 0) <= base.rate:
            continue
        seen.add(key)
        ids = tuple(str(i) for i in mask.index[mask])
        found.append(
            Candidate(
                id="",
                origin=origin,
                rules=rules,
                accounts=len(ids),
                rate=rate,
                lift=rate.lift(base.rate),
                lift_low=rate.lift_low(base.rate),
                overlap=overlap(mask, assignment),
                account_ids=ids,
            )
        )
    found = drop_unearned(found)
    found.sort(key=lambda c: (-(c.lift_low or 0.0), -c.accounts, len(c.rules), c.description))
    ranked = [replace(c, id=f"c{i + 1}") for i, c in enumerate(found[:top])]
    return Discovery(base, ranked, signals, warnings, floor)

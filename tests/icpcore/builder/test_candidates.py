"""Segment candidates on synthetic traits: the planted pocket is found, ranked, deterministic,
and no rule ever names a sensitive attribute."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpcore.builder.candidates import discover, earns_its_rules, overlap, prune
from icpcore.builder.masks import RuleMasks
from icpcore.builder.measure import wilson
from icpcore.builder.traits import select_traits
from icpcore.icp import Rule
from icpcore.rules import pandas_mask


def _world(n: int = 2000, seed: int = 5, *, gender_drives: bool = False):
    rng = np.random.default_rng(seed)
    industry = rng.choice(["Software", "E-commerce", "Retail", "Fintech", "Health"], n)
    stack = np.where(
        (industry == "E-commerce") & (rng.random(n) < 0.6), "Shopify", rng.choice(["AWS", "GCP", "On-prem"], n)
    )
    gender = rng.choice(["female", "male"], n)
    frame = pd.DataFrame(
        {"industry": industry, "tech_stack": stack, "employees": rng.integers(5, 900, n), "owner_gender": gender},
        index=pd.Index([f"a{i:05d}" for i in range(n)], name="account_id"),
    ).astype("string")
    planted = pd.Series((industry == "E-commerce") & (stack == "Shopify"), index=frame.index)
    p = np.where(gender == "female", 0.8, 0.05) if gender_drives else np.where(planted, 0.6, 0.1)
    labels = pd.Series((rng.random(n) < p).astype(int), index=frame.index)
    return select_traits(frame, sensitive=["owner_gender"]), labels, planted


def _ids(planted: pd.Series) -> set[str]:
    return set(planted.index[planted])


def test_finds_the_planted_pocket_at_the_top() -> None:
    traits, labels, planted = _world()
    found = discover(traits, labels, random_state=0)
    best = found.candidates[0]
    covered = set(best.account_ids) & _ids(planted)
    assert len(covered) / planted.sum() >= 0.9
    assert len(covered) / best.accounts >= 0.8
    assert best.lift and best.lift > 2 and best.guard_low > found.base.rate
    assert [c.id for c in found.candidates] == [f"c{i + 1}" for i in range(len(found.candidates))]
    keys = [c.lift_low for c in found.candidates]
    assert keys == sorted(keys, reverse=True)


def test_is_deterministic() -> None:
    traits, labels, _ = _world(seed=9)
    one = discover(traits, labels, random_state=4)
    two = discover(traits, labels, random_state=4)
    assert [(c.description, c.accounts, c.rate) for c in one.candidates] == [
        (c.description, c.accounts, c.rate) for c in two.candidates
    ]


def test_never_uses_a_sensitive_attribute_even_when_it_predicts_best() -> None:
    traits, labels, _ = _world(gender_drives=True)
    found = discover(traits, labels, random_state=0)
    fields = {r.field for c in found.candidates for r in c.rules} | {s.rule.field for s in found.signals}
    assert "owner_gender" not in fields
    assert not any(c.guard_low > found.base.rate for c in found.candidates)  # nothing real is left


def test_reported_counts_are_what_the_rules_select() -> None:
    traits, labels, _ = _world(seed=2)
    for c in discover(traits, labels).candidates:
        mask = pandas_mask(c.rules, traits.frame)
        assert c.accounts == int(mask.sum())
        held = mask[labels.index]
        assert (c.rate.n, c.rate.successes) == (int(held.sum()), int(labels[held].sum()))


def test_prune_drops_rules_that_change_nothing() -> None:
    traits, _, _ = _world(n=300)
    rules = [
        Rule(field="industry", op="in", value=["E-commerce"]),
        Rule(field="industry", op="not_in", value=["Retail"]),
    ]
    assert [r.op for r in prune(rules, traits.frame)] == ["in"]


def test_nested_candidates_must_beat_what_they_leave_out() -> None:
    parent = wilson(120, 300)
    assert earns_its_rules(wilson(100, 150), parent)  # 67% inside against 13% left out
    assert not earns_its_rules(wilson(62, 150), parent)  # about the same as the rest


def test_overlap_is_the_share_in_each_current_segment() -> None:
    mask = pd.Series([True, True, True, False], index=list("abcd"))
    assignment = pd.Series(["x", "y", "x", "x"], index=list("abcd"))
    assert overlap(mask, assignment) == {"x": 2 / 3, "y": 1 / 3}


def test_remembered_masks_agree_with_pandas_mask() -> None:
    traits, _, _ = _world(n=300)
    masks = RuleMasks(traits.frame)
    sets = [
        [Rule(field="industry", op="in", value=["E-commerce"]), Rule(field="employees", op="gte", value=100)],
        [Rule(field="tech_stack", op="not_in", value=["AWS", "GCP"])],
        [Rule(field="employees", op="between", value=[10, 300]), Rule(field="industry", op="in", value=["E-commerce"])],
    ]
    for rules in sets * 2:
        assert masks(rules).equals(pandas_mask(rules, traits.frame))

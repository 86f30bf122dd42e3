"""Single-trait scan: the +1 odds ratio, the holder floor, the skew warning, exact quartile rules."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from icpcore.builder.scan import min_holders, odds_ratio, quartile_rules, scan, skew_warning
from icpcore.builder.traits import select_traits
from icpcore.rules import pandas_mask


def test_odds_ratio_adds_one_to_every_cell() -> None:
    estimate, low, high = odds_ratio(9, 1, 4, 14)
    assert estimate == pytest.approx((10 * 15) / (2 * 5))
    assert low < estimate < high
    assert math.isfinite(odds_ratio(5, 0, 0, 5)[0])  # empty cells never give 0 or infinity


def test_holder_floor_is_25_accounts_or_2_percent() -> None:
    assert min_holders(100) == 25
    assert min_holders(5000) == 100


def test_skew_warning_beyond_ten_to_one() -> None:
    assert skew_warning(pd.Series([1] * 10 + [0] * 100)) is None
    assert "10:1" in (skew_warning(pd.Series([1] * 9 + [0] * 100)) or "")
    assert skew_warning(pd.Series([1] * 200 + [0] * 19)) is not None


def _traits(n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {"color": rng.choice(["red", "blue", "green"], n, p=[0.5, 0.49, 0.01]), "size": rng.integers(0, 100, n)},
        index=pd.Index([f"a{i:04d}" for i in range(n)], name="account_id"),
    ).astype("string")
    return select_traits(frame, sensitive=[])


def test_scan_ignores_rare_traits_and_orders_by_odds_ratio() -> None:
    traits = _traits(1000)
    labels = pd.Series((traits.frame["color"] == "red").astype(int).to_numpy(), index=traits.frame.index)
    signals = scan(traits, labels)
    described = [s.description for s in signals]
    assert described[0] == "Color is red"
    assert "Color is green" not in described  # held by about 1%: below the floor
    assert all(s.rate.n >= 25 for s in signals)
    assert [s.odds_ratio for s in signals] == sorted((s.odds_ratio for s in signals), reverse=True)


def test_quartile_rules_partition_the_labelled_values() -> None:
    traits = _traits(400)
    rules = quartile_rules(traits, "size", traits.frame.index)
    masks = [pandas_mask([r], traits.frame) for r in rules]
    assert len(rules) == 4
    assert sum(m.astype(int) for m in masks).eq(1).all()  # every account in exactly one quartile

"""The statistics of the bias check on count tables: no database, edge cases, and calibration
under the null hypothesis."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import fisher_exact
from scipy.stats.contingency import association
from statsmodels.stats.contingency_tables import StratifiedTable

from icpcore.bias.counts import Screen
from icpcore.bias.fisher import fisher_two_sided, fisher_two_sided_many
from icpcore.bias.groups import GroupCounts, group_labels, group_table
from icpcore.bias.report import findings_of, screen_groups
from icpcore.bias.stats import (
    cramers_v_table,
    mantel_haenszel,
    reference_group,
    severity,
)
from icpcore.icp import Disqualifier

DQ = Disqualifier(id="dq", name="dq", rules=[{"field": "x", "op": "eq", "value": "y"}])


def g(name: str, n: int, d: int, units: tuple[int, int, int, int] = (0, 0, 0, 0)) -> GroupCounts:
    return GroupCounts(name, n, d, *units)


def one_screen(*groups: GroupCounts) -> list[dict]:
    return findings_of([screen_groups(Screen(DQ), "attr", list(groups), False)])


# -- reference group, impact ratio, severity --------------------------------------------------
def test_reference_is_the_highest_selection_rate_among_large_groups():
    groups = [g("a", 29, 0), g("b", 100, 10), g("c", 40, 2)]
    assert reference_group(groups).name == "c"  # a selects everyone but is under 30


def test_reference_ties_go_to_the_larger_group_then_code_point_order():
    assert reference_group([g("a", 40, 4), g("b", 80, 8)]).name == "b"
    assert reference_group([g("b", 40, 4), g("a", 40, 4)]).name == "a"
    assert reference_group([g("a", 40, 4), g("B", 40, 4)]).name == "B"  # 'B' < 'a' in code points


def test_no_large_group_means_no_reference_and_insufficient_data():
    rows = one_screen(g("a", 29, 20), g("b", 10, 0))
    assert all(r["reference_group"] is None and r["p_value"] is None for r in rows)
    assert {r["severity"] for r in rows} == {"insufficient_data"}
    assert all(r["impact_ratio"] is None and r["difference"] is None for r in rows)


def test_reference_selecting_nobody_leaves_the_impact_ratio_null():
    rows = one_screen(g("a", 40, 40), g("b", 50, 50))
    assert all(r["impact_ratio"] is None and not r["flagged"] for r in rows)
    assert {r["severity"] for r in rows} == {"none"}
    assert all(r["p_value"] is None or r["p_value"] == 1.0 for r in rows)


def test_a_shadowing_disqualifier_is_flagged_and_the_small_group_is_not():
    rows = {r["group"]: r for r in one_screen(g("men", 400, 40), g("women", 400, 200), g("other", 20, 20))}
    assert rows["men"]["reference_group"] == "men" and rows["men"]["severity"] == "none"
    women = rows["women"]
    assert women["impact_ratio"] == pytest.approx(0.5 / 0.9)
    assert women["difference"] == pytest.approx(0.5 - 0.9)
    assert women["flagged"] and women["severity"] == "high"  # no units: no business reason
    assert rows["other"]["severity"] == "insufficient_data" and rows["other"]["p_value"] is None
    assert women["selection_low"] < 0.5 < women["selection_high"]


def test_severity_rules():
    assert severity(29, True, True) == "insufficient_data"
    assert severity(30, False, True) == "none"
    assert severity(30, True, True) == "medium"
    assert severity(30, True, False) == "high"


# -- Fisher, Cramer's V, Mantel-Haenszel --------------------------------------------------------
tables = st.lists(st.integers(0, 400), min_size=4, max_size=4).map(lambda v: [[v[0], v[1]], [v[2], v[3]]])


@given(tables)
@settings(max_examples=150, deadline=None)
def test_fisher_is_scipys_two_sided_test(table):
    assert fisher_two_sided(table) == pytest.approx(fisher_exact(table).pvalue, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize(
    "table",
    [
        [[5, 5], [5, 5]],
        [[3, 7], [7, 3]],
        [[10, 20], [20, 10]],
        [[0, 10], [10, 0]],
        [[0, 0], [4, 5]],
        [[3000, 7000], [2000, 8000]],
    ],
)
def test_fisher_on_ties_and_edges(table):
    assert fisher_two_sided(table) == pytest.approx(fisher_exact(table).pvalue, rel=1e-12)


@given(st.lists(tables, max_size=12))
@settings(max_examples=40, deadline=None)
def test_many_fisher_tests_at_once_equal_one_at_a_time(many):
    assert fisher_two_sided_many(many) == [fisher_exact(t).pvalue for t in many]


@given(
    st.lists(st.lists(st.integers(0, 60), min_size=2, max_size=5), min_size=2, max_size=4).filter(
        lambda t: len({len(r) for r in t}) == 1
    )
)
@settings(max_examples=60, deadline=None)
def test_cramers_v_is_scipys_association(table):
    counts = np.array(table)
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    expected = 0.0 if min(counts.shape) < 2 else association(counts, method="cramer", correction=False)
    assert cramers_v_table(table) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_cramers_v_is_zero_for_a_constant_flag_or_group():
    assert cramers_v_table([[0, 0, 0], [5, 6, 7]]) == 0.0
    assert cramers_v_table([[3], [5]]) == 0.0


def test_mantel_haenszel_matches_statsmodels_and_skips_one_sided_strata():
    groups = [g("a", 0, 0, (5, 20, 30, 40)), g("b", 0, 0, (2, 30, 25, 35)), g("c", 0, 0, (0, 0, 10, 10))]
    mh = mantel_haenszel(groups)
    pooled = StratifiedTable([np.array([[5, 20], [30, 40]]), np.array([[2, 30], [25, 35]])])
    assert mh.strata == 2
    assert mh.odds_ratio == pytest.approx(pooled.oddsratio_pooled, rel=1e-12)
    assert (mh.low, mh.high) == pytest.approx(pooled.oddsratio_pooled_confint(), rel=1e-12)
    assert mh.justified


@pytest.mark.parametrize(
    "units",
    [
        [],  # no units at all
        [(0, 0, 3, 4)],  # nobody disqualified among the units
        [(0, 5, 3, 4)],  # odds ratio 0: the interval does not exist
        [(5, 0, 3, 4)],  # odds ratio infinite
        [(0, 5, 0, 4)],  # nobody succeeded: 0/0
    ],
)
def test_degenerate_mantel_haenszel_is_null_and_never_justified(units):
    mh = mantel_haenszel([g(f"s{i}", 0, 0, u) for i, u in enumerate(units)])
    assert mh.low is None and mh.high is None and not mh.justified
    assert mh.odds_ratio is None or math.isfinite(mh.odds_ratio)


# -- groups -------------------------------------------------------------------------------------
def test_numeric_values_are_cut_in_quartiles_over_the_accounts():
    rng = np.random.default_rng(5)
    ages = rng.integers(20, 70, 500)
    counts = pd.Series(ages.astype(str)).value_counts().to_dict()
    labels = group_labels(counts)
    expected = "Q" + (pd.qcut(ages.astype(float), 4, duplicates="drop").codes + 1).astype(str)
    assert [labels[str(a)] for a in ages] == list(expected)
    assert sorted(set(labels.values())) == ["Q1", "Q2", "Q3", "Q4"]


def test_group_labels_text_constant_and_infinite_values():
    assert group_labels({"female": 3, "male": 4}) == {"female": "female", "male": "male"}
    assert group_labels({"12": 3, "n/a": 2}) == {"12": "12", "n/a": "n/a"}  # one text value: all text
    assert group_labels({"5": 10}) == {}  # qcut finds no bins in a constant
    assert group_labels({"1": 5, "inf": 1}) == {"1": "1", "inf": "inf"}  # not finite: text
    assert group_labels({"1": 3, "2": 1}) == {"1": "Q1", "2": "Q2"}  # duplicate edges dropped
    assert group_labels({"1": 1, "2": 1}) == {"1": "Q1", "2": "Q4"}  # empty bins keep their numbers


def test_group_table_sums_scope_and_units():
    # rows: (v1, v2, s, n, in_0, d_0)
    rows = [("f", None, 1, 10, 6, 2), ("f", None, 0, 20, 10, 5), ("f", None, -1, 5, 5, 5), ("m", None, 1, 7, 0, 0)]
    [female] = group_table(rows, 4, 5, [{"f": "female", "m": "male"}])
    assert female == GroupCounts("female", 21, 12, dq_success=2, dq_failure=5, kept_success=4, kept_failure=5)


# -- calibration under the null -----------------------------------------------------------------
def _null_run(seed: int) -> tuple[bool, bool]:
    """30 random disqualifiers x 3 attributes, independent of each other and of success: does any
    group come out flagged, and would any without the correction (raw p in place of q)?"""
    rng = np.random.default_rng(seed)
    n = 900
    attributes = [rng.integers(0, k, n) for k in (2, 3, 4)]
    success = rng.random(n) < 0.3
    screenings = []
    for j in range(30):
        flag = rng.random(n) < rng.uniform(0.6, 0.9)
        screen = Screen(Disqualifier(id=f"d{j}", name=f"d{j}", rules=[{"field": "x", "op": "eq", "value": "y"}]))
        cells = [flag & success, flag & ~success, ~flag & success, ~flag & ~success]
        for a, values in enumerate(attributes):
            masks = {f"g{v}": values == v for v in np.unique(values)}
            groups = [
                GroupCounts(name, int(m.sum()), int((flag & m).sum()), *(int((c & m).sum()) for c in cells))
                for name, m in masks.items()
            ]
            screenings.append(screen_groups(screen, f"a{a}", groups, False))
    rows = findings_of(screenings)
    uncorrected = any(r["p_value"] is not None and r["p_value"] < 0.05 and r["impact_ratio"] < 0.8 for r in rows)
    return any(r["flagged"] for r in rows), uncorrected


def test_under_the_null_flags_stay_near_the_benjamini_hochberg_level():
    """With no effect anywhere, any flag is a false discovery, so Benjamini-Hochberg at 0.05 keeps
    the share of runs with any flag near 0.05 (or below: a flag also needs an impact ratio under
    0.8). Runs ~ Binomial(20, <= 0.05): 4 or more flagged runs would happen by chance < 2% of the
    time. Without the correction most runs flag something, so the bound has teeth."""
    runs = [_null_run(seed) for seed in range(100, 120)]
    assert sum(flagged for flagged, _ in runs) <= 3
    assert sum(uncorrected for _, uncorrected in runs) >= 10

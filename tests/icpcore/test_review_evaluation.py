"""Verdicts at every boundary (CONTRACT section 7), evidence kinds, and plain wording."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from icpcore.icp import Assumption
from icpcore.review.evaluation import clean, evidence_status, source_kinds, verdict
from icpcore.review.wording import actual_words, statement, target_words

INF = math.inf
GTE_30 = (0.3, INF)
LTE_20 = (-INF, 0.2)
BETWEEN = (0.2, 0.45)


# -- intervals -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("bounds", "low", "high", "expected"),
    [
        (GTE_30, 0.30, 0.36, "supported"),  # low touches lo: inside (inclusive)
        (GTE_30, 0.2999, 0.36, "inconclusive"),  # straddles lo
        (GTE_30, 0.20, 0.30, "inconclusive"),  # high touches lo: not wholly outside
        (GTE_30, 0.20, 0.2999, "contradicted"),  # wholly below
        (LTE_20, 0.10, 0.20, "supported"),  # high touches hi
        (LTE_20, 0.10, 0.2001, "inconclusive"),
        (LTE_20, 0.20, 0.30, "inconclusive"),  # low touches hi
        (LTE_20, 0.2001, 0.30, "contradicted"),  # wholly above
        (BETWEEN, 0.20, 0.45, "supported"),  # touches both bounds
        (BETWEEN, 0.19, 0.30, "inconclusive"),
        (BETWEEN, 0.40, 0.46, "inconclusive"),
        (BETWEEN, 0.10, 0.50, "inconclusive"),  # covers the whole target
        (BETWEEN, 0.10, 0.1999, "contradicted"),
        (BETWEEN, 0.4501, 0.6, "contradicted"),
    ],
)
def test_interval_against_target(bounds, low, high, expected):
    value = (low + high) / 2
    assert verdict(bounds, value, low, high, 500) == expected


def test_n_29_is_insufficient_and_30_is_judged():
    assert verdict(GTE_30, 0.5, 0.4, 0.6, 29) == "insufficient_data"
    assert verdict(GTE_30, 0.5, 0.4, 0.6, 30) == "supported"
    assert verdict(GTE_30, 0.1, 0.05, 0.2, 29) == "insufficient_data"
    assert verdict(GTE_30, 0.1, 0.05, 0.2, 30) == "contradicted"


def test_no_units_is_insufficient():
    assert verdict(GTE_30, None, None, None, 0) == "insufficient_data"
    assert verdict(GTE_30, None, None, None, None) == "insufficient_data"


# -- no interval: counts, cac, a median with a null interval -------------------------------------
@pytest.mark.parametrize(
    ("bounds", "value", "expected"),
    [
        ((100, INF), 100, "supported"),  # a count exactly at the bound
        ((100, INF), 99, "contradicted"),
        ((-INF, 2500), 2500, "supported"),  # cac at the bound
        ((-INF, 2500), 2500.01, "contradicted"),
        ((2.0, 3.0), 2.0, "supported"),
        ((2.0, 3.0), 3.5, "contradicted"),
    ],
)
def test_value_alone_decides_without_interval(bounds, value, expected):
    assert verdict(bounds, value, None, None, 30) == expected


def test_count_below_30_is_insufficient_even_when_inside():
    # For counts n is the count itself: 29 leads cannot support "at most 50 leads".
    assert verdict((-INF, 50), 29, None, None, 29) == "insufficient_data"


def test_median_with_null_interval_uses_the_value():
    assert verdict((-INF, 3.0), 2.5, None, None, 40) == "supported"
    assert verdict((-INF, 3.0), 3.5, None, None, 40) == "contradicted"


def test_half_an_interval_counts_as_none_and_nan_is_none():
    assert verdict((-INF, 3.0), 2.5, float("nan"), 4.0, 40) == "supported"
    assert verdict((-INF, 3.0), 3.5, None, 2.0, 40) == "contradicted"


def test_null_value_with_enough_units_is_defensive():
    assert verdict(GTE_30, None, None, None, 30) == "insufficient_data"
    assert verdict(GTE_30, float("nan"), None, None, 30) == "insufficient_data"


@given(
    lo=st.floats(0, 1),
    width=st.floats(0, 1),
    low=st.floats(0, 1),
    spread=st.floats(0, 1),
    n=st.integers(30, 10_000),
)
def test_verdict_matches_the_definition(lo, width, low, spread, n):
    hi, high = lo + width, low + spread
    got = verdict((lo, hi), (low + high) / 2, low, high, n)
    if low >= lo and high <= hi:
        assert got == "supported"
    elif high < lo or low > hi:
        assert got == "contradicted"
    else:
        assert got == "inconclusive"


# -- evidence ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        ([], "hypothesis"),
        (["crm"], "hypothesis"),
        (["campaign:spring", "campaign:fall"], "hypothesis"),  # one kind
        (["Campaign:spring", " campaign : fall"], "hypothesis"),  # trimmed, case-insensitive
        (["crm", "CRM"], "hypothesis"),
        (["campaign:spring", "support_ticket"], "corroborated"),
        (["crm", "sales_call"], "corroborated"),
        (["crm", ":orphan"], "hypothesis"),  # a blank kind counts for nothing
        (["a:b:c", "a"], "hypothesis"),  # the kind is the text up to the FIRST colon
    ],
)
def test_evidence_status_from_source_kinds(sources, expected):
    assert evidence_status(sources) == expected


def test_source_kinds_are_sorted_and_distinct():
    assert source_kinds(["support_ticket", "campaign:x", "Campaign:y"]) == ["campaign", "support_ticket"]


def test_clean_drops_nan_and_infinities():
    assert clean(float("nan")) is None
    assert clean(float("inf")) is None
    assert clean(3) == 3.0


# -- wording ---------------------------------------------------------------------------------------------
def _assumption(**kw) -> Assumption:
    base = {"id": "a1", "segment": "all", "metric": "qualified_rate", "op": "gte", "value": 0.3}
    return Assumption.model_validate(base | kw)


def test_statement_reads_plainly():
    assert statement(_assumption(), None) == "All accounts: qualified rate at least 30%"
    assert target_words(_assumption(metric="cac", op="lte", value=2500)) == "at most 2,500"
    assert target_words(_assumption(op="between", value=[0.2, 0.45])) == "between 20% and 45%"
    assert target_words(_assumption(value=0.125)) == "at least 12.5%"
    assert statement(_assumption(metric="cac", op="lte", value=10), None).startswith("All accounts: CAC at most")


def test_actual_words_show_interval_and_n():
    assert actual_words("qualified_rate", 0.33, 0.3, 0.36, 900) == "33.0% (30.0% to 36.0%, n = 900)"
    assert actual_words("cac", 1200.0, None, None, 45) == "1,200 (n = 45)"

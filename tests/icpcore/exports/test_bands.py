"""Headcount rules onto LinkedIn's size bands, checked against brute force over whole headcounts."""

from __future__ import annotations

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from icpcore.exports.bands import LINKEDIN_SIZE_BANDS, allowed_spans, band_coverage, is_headcount_rule
from icpcore.icp import Rule
from icpcore.rules import pandas_mask

TOP, LIMIT = 11_000, 12_000  # rule values stay below TOP; brute force runs to LIMIT


def _rule(op: str, value) -> Rule:  # type: ignore[no-untyped-def]
    return Rule(field="employees", op=op, value=value)


HEADCOUNTS = pd.DataFrame({"employees": [str(h) for h in range(LIMIT + 1)]})


def _allowed(rules: list[Rule]) -> list[bool]:
    """Which whole headcounts 0..LIMIT the rules let through, by the rules' own pandas reading."""
    return pandas_mask(rules, HEADCOUNTS).tolist()


def test_the_nine_linkedin_bands() -> None:
    labels = [b.label for b in LINKEDIN_SIZE_BANDS]
    assert labels == ["1", "2-10", "11-50", "51-200", "201-500", "501-1000", "1001-5000", "5001-10000", "10001+"]


def test_mid_market_rule_overlaps_three_bands_one_partly() -> None:
    found = band_coverage(allowed_spans([_rule("between", [50, 500])]))
    assert [(c.band.label, c.full) for c in found] == [("11-50", False), ("51-200", True), ("201-500", True)]
    assert found[0].note() == "partly covered: only 50 of 11-50"


def test_open_ended_and_fractional_bounds() -> None:
    assert [c.band.label for c in band_coverage(allowed_spans([_rule("gt", 10000)]))] == ["10001+"]
    assert band_coverage(allowed_spans([_rule("gt", 10000)]))[0].full
    assert [c.full for c in band_coverage(allowed_spans([_rule("lt", 4.5)]))] == [True, False]
    assert band_coverage(allowed_spans([_rule("eq", 7.5)])) == []


def test_text_and_excluding_rules_are_not_headcount_rules() -> None:
    assert not is_headcount_rule(_rule("eq", "50"))
    assert not is_headcount_rule(_rule("ne", 50))
    assert not is_headcount_rule(Rule(field="annual_revenue", op="gt", value=5))


numbers = st.integers(min_value=0, max_value=TOP)
single = st.one_of(
    st.tuples(st.sampled_from(["lt", "lte", "gt", "gte", "eq"]), numbers),
    st.tuples(st.just("between"), st.tuples(numbers, numbers).map(sorted).map(list)),
    st.tuples(st.just("in"), st.lists(numbers, min_size=1, max_size=4)),
)


@settings(deadline=None, max_examples=80)  # each example reads 12,001 headcounts through pandas
@given(st.lists(single, min_size=1, max_size=2))
def test_bands_match_brute_force(specs) -> None:  # type: ignore[no-untyped-def]
    rules = [_rule(op, value) for op, value in specs]
    allowed = _allowed(rules)
    found = {c.band.label: c for c in band_coverage(allowed_spans(rules))}
    for band in LINKEDIN_SIZE_BANDS:
        # Values stay below TOP, so a headcount allowed above it means the rules are open upwards.
        members = [allowed[h] for h in range(band.lo, int(min(band.hi, LIMIT)) + 1)]
        assert (band.label in found) == any(members), band.label
        if band.label in found:
            assert found[band.label].full == all(members), band.label

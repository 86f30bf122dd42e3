"""Rule values typed into a table cell, and back."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.values import format_texts, format_value, parse_texts, parse_value, split_items


@pytest.mark.parametrize(
    ("op", "text", "value"),
    [
        ("in", "Software, SaaS", ["Software", "SaaS"]),
        ("between", "50, 500", [50, 500]),
        ("between", "50", [50]),  # refused later by the ICP model, with its message
        ("lt", "5", 5),
        ("gte", "0.25", 0.25),
        ("eq", '"5"', "5"),
        ("eq", "007", "007"),  # leading zeros stay text (codes, zips)
        ("eq", "Acme, Inc", "Acme, Inc"),  # one value with a comma, typed without quotes
        ("eq", '"Acme, Inc"', "Acme, Inc"),
        ("eq", "true", True),
        ("eq", "", None),
        ("is_empty", "anything", None),
        ("in", '"a ""quoted"" word", b', ['a "quoted" word', "b"]),
        ("not_in", "x,", ["x"]),
    ],
)
def test_parse_value(op, text, value):
    assert parse_value(op, text) == value


def test_split_items_marks_quoted_items():
    assert split_items(' "5" , 5 ,, ') == [("5", True), ("5", False)]


plain = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)


@given(st.lists(plain, min_size=1, max_size=5))
def test_list_values_round_trip(values):
    assert parse_value("in", format_value(values)) == values


@given(plain)
def test_single_values_round_trip(value):
    if value == "":
        return  # an empty value is no value
    parsed = parse_value("eq", format_value(value))
    assert parsed == value and type(parsed) is type(value)


@given(st.lists(st.text(st.characters(blacklist_categories=("Cs", "Zs", "Cc")), min_size=1, max_size=8), max_size=5))
def test_text_lists_round_trip(values):
    assert parse_texts(format_texts(values)) == values

"""Validation messages placed next to the part of the editor they are about."""

from __future__ import annotations

import pytest

from icpcore.icp import IcpValidationError, parse_icp
from icpcore.setup import default_document
from ui.problems import place_problem, place_problems

DOC = default_document()


@pytest.mark.parametrize(
    ("line", "place", "where"),
    [
        (
            "segments[1].rules[0].value: between needs [lo, hi]",
            ("segment", 1, "rules"),
            "Segment “Fintech scale-ups”, rule 1",
        ),
        (
            "segments[0].disqualifiers[0].rules[0].op: bad",
            ("segment", 0, "disqualifiers"),
            "Segment “Mid-market SaaS”, disqualifier “On-premise only stack” (table row 1)",
        ),
        ("segments[2].name: String should have at least 1 character", ("segment", 2), "Segment “Small agencies”, name"),
        (
            "disqualifiers[2].rules[0].field: x",
            ("disqualifiers",),
            "Disqualifier “Bootstrapped companies” (table row 3)",
        ),
        ("assumptions[0].segment: 'x' is not a live segment", ("assumptions",), "Assumption “mm_qualifies”"),
        ("segments: id 'a' is used twice", ("segments",), "Segments"),
        ("success.window_days: Input should be greater than 0", ("general",), "Success window days"),
        ("not valid JSON: oops", ("general",), ""),
    ],
)
def test_problems_are_placed(line, place, where):
    problem = place_problem(DOC, line)
    assert (problem.place, problem.where) == (place, where)


def test_messages_are_worded_for_people():
    doc = default_document()
    doc["segments"][0]["id"] = "Mid Market"
    doc["segments"][1]["rules"][0]["field"] = "owner_gender"
    try:
        parse_icp(doc)
    except IcpValidationError as exc:
        problems = place_problems(doc, exc.problems)
    assert [p.text for p in problems] == ["Segment “Mid-market SaaS”, id: use lower-case letters, digits and _ only"]

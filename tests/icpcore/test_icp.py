"""The ICP document: round-trips, every validation path, plain English."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from icpcore.icp import IcpValidationError, parse_icp
from icpcore.metrics.registry import METRIC_KEYS
from icpcore.rules import describe, describe_all
from icpcore.setup import default_document

slugs = st.from_regex(r"[a-z0-9_]{1,12}", fullmatch=True).filter(lambda s: s not in ("non_icp", "disqualified", "all"))
texts = st.text(st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1, max_size=20).map(str.strip).filter(bool)
numbers = st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
fields = st.sampled_from(["industry", "employees", "region", "country", "tech_stack", "funding_stage"])


@st.composite
def rules(draw: Any) -> dict[str, Any]:
    op = draw(
        st.sampled_from(
            ["eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "contains", "is_empty", "not_empty"]
        )
    )
    rule: dict[str, Any] = {"field": draw(fields), "op": op}
    if op in ("lt", "lte", "gt", "gte"):
        rule["value"] = draw(numbers)
    elif op == "between":
        lo, hi = sorted([draw(numbers), draw(numbers)])
        rule["value"] = [lo, hi]
    elif op in ("in", "not_in"):
        rule["value"] = draw(st.lists(texts | numbers, min_size=1, max_size=4))
    elif op in ("eq", "ne", "contains"):
        rule["value"] = draw(texts | numbers)
    return rule


@st.composite
def documents(draw: Any) -> dict[str, Any]:
    seg_ids = draw(st.lists(slugs, min_size=1, max_size=4, unique=True))
    dq_ids = draw(st.lists(slugs, max_size=3, unique=True))
    segments = [
        {
            "id": sid,
            "name": draw(texts),
            "status": draw(st.sampled_from(["active", "hypothesis"])),
            "rules": draw(st.lists(rules(), max_size=3)),
            "pains": draw(st.lists(texts, max_size=2)),
            "objections": [{"objection": draw(texts), "rebuttal": draw(texts)}],
        }
        for sid in seg_ids
    ]
    disqualifiers = [
        {"id": d, "name": draw(texts), "rules": draw(st.lists(rules(), min_size=1, max_size=2))} for d in dq_ids
    ]
    assumptions = [
        {
            "id": f"a{i}",
            "segment": draw(st.sampled_from([*seg_ids, "all", "non_icp", "disqualified"])),
            "metric": draw(st.sampled_from(METRIC_KEYS)),
            "op": "gte",
            "value": draw(numbers),
            "sources": draw(st.lists(texts, max_size=3)),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    return {
        "name": draw(texts),
        "success": {
            "event": draw(st.sampled_from(["qualified_lead", "trial_activation", "paid"])),
            "window_days": draw(st.integers(1, 365)),
        },
        "qualification_window_days": draw(st.integers(1, 90)),
        "sensitive_attributes": ["owner_gender"],
        "disqualifiers": disqualifiers,
        "segments": segments,
        "assumptions": assumptions,
    }


@settings(max_examples=150, deadline=None)
@given(documents())
def test_documents_round_trip_through_json(raw: dict[str, Any]) -> None:
    doc = parse_icp(raw)
    again = parse_icp(json.loads(doc.to_json()))
    assert again == doc
    assert again.to_dict() == doc.to_dict()


def test_default_document_is_valid_and_describes_itself() -> None:
    doc = parse_icp(default_document())
    assert [s.id for s in doc.segments] == ["midmarket_saas", "fintech_scaleups", "smb_agencies"]
    assert describe_all(doc.segments[0].rules) == "Industry is Software or SaaS and 50-500 employees"
    assert describe_all(doc.disqualifiers[0].rules) == "fewer than 5 employees"


def _broken(path: list[Any], value: Any) -> dict[str, Any]:
    doc = default_document()
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (["segments", 1, "rules", 1, "value"], [5], "segments[1].rules[1].value: between needs [lo, hi]"),
        (["segments", 0, "rules", 1, "value"], [500, 50], "segments[0].rules[1].value: between needs lo <= hi"),
        (["segments", 0, "rules", 0, "op"], "like", "segments[0].rules[0].op:"),
        (["segments", 0, "rules", 0, "value"], "Software", "segments[0].rules[0].value: in needs a non-empty list"),
        (["disqualifiers", 0, "rules", 0, "value"], "five", "disqualifiers[0].rules[0].value: lt needs a number"),
        (["disqualifiers", 0, "rules"], [], "disqualifiers[0].rules:"),
        (["segments", 0, "id"], "Mid Market", "segments[0].id:"),
        (["segments", 0, "id"], "all", "segments[0].id: 'all' is a reserved segment id"),
        (["segments", 0, "status"], "paused", "segments[0].status:"),
        (["success", "event"], "signed", "success.event:"),
        (["success", "window_days"], 0, "success.window_days:"),
        (["assumptions", 0, "metric"], "happiness", "assumptions[0].metric: unknown metric 'happiness'"),
        (["assumptions", 0, "op"], "eq", "assumptions[0].op:"),
        (["assumptions", 0, "value"], [0.1], "assumptions[0].value: gte needs a number"),
        (["assumptions", 0, "segment"], "nope", "assumptions[0].segment: 'nope' is not a live segment"),
        (
            ["segments", 0, "rules", 0, "field"],
            "Owner_Gender",
            "segments[0].rules[0].field: 'owner_gender' is a sensitive",
        ),
        (["segments", 1, "id"], "midmarket_saas", "segments: id 'midmarket_saas' is used twice"),
        (["segments", 0, "rules", 0], {"field": "industry", "op": "is_empty", "value": "x"}, "is_empty takes no value"),
    ],
)
def test_validation_errors_name_the_path(path: list[Any], value: Any, message: str) -> None:
    with pytest.raises(IcpValidationError) as caught:
        parse_icp(_broken(path, value))
    assert any(problem.startswith(message) or message in problem for problem in caught.value.problems), (
        caught.value.problems
    )


def test_retired_segment_cannot_carry_assumptions() -> None:
    doc = default_document()
    doc["segments"][0]["status"] = "retired"
    with pytest.raises(IcpValidationError, match=r"assumptions\[0\]\.segment"):
        parse_icp(doc)


def test_unknown_field_refused_when_accounts_are_known() -> None:
    doc = default_document()
    with pytest.raises(IcpValidationError, match=r"accounts have no column 'tech_stack'"):
        parse_icp(doc, known_fields={"industry", "employees", "funding_stage"})


def test_invalid_json_text_is_reported() -> None:
    with pytest.raises(IcpValidationError, match="not valid JSON"):
        parse_icp("{not json")


@pytest.mark.parametrize(
    ("rule", "english"),
    [
        (
            {"field": "industry", "op": "in", "value": ["Software", "SaaS", "Fintech"]},
            "Industry is Software, SaaS or Fintech",
        ),
        ({"field": "region", "op": "not_in", "value": ["EMEA", "APAC"]}, "Region is neither EMEA nor APAC"),
        ({"field": "region", "op": "ne", "value": "EMEA"}, "Region is not EMEA"),
        ({"field": "employees", "op": "gte", "value": 50}, "at least 50 employees"),
        (
            {"field": "annual_revenue", "op": "between", "value": [1000000, 5000000]},
            "Annual revenue between 1,000,000 and 5,000,000",
        ),
        ({"field": "tech_stack", "op": "contains", "value": "cloud"}, "Tech stack contains “cloud”"),
        ({"field": "country", "op": "is_empty"}, "Country is not known"),
    ],
)
def test_plain_english(rule: dict[str, Any], english: str) -> None:
    doc = default_document()
    doc["segments"][0]["rules"] = [rule]
    assert describe(parse_icp(doc).segments[0].rules[0]) == english

"""Segment rules and disqualifiers read as platform criteria (no database needed)."""

from __future__ import annotations

import copy
from typing import Any

from icpcore.exports.audience import SIZE, audience_for
from icpcore.exports.context import ExportContext
from icpcore.icp import parse_icp
from tests.icpcore.exports.bundle import default_doc


def _context(doc: dict[str, Any], segment: str) -> ExportContext:
    parsed = parse_icp(doc)
    found = parsed.segment(segment)
    assert found is not None
    return ExportContext.of(parsed, (found,), segment, store=None, version=None)


def _audience(doc: dict[str, Any], segment: str = "midmarket_saas"):  # type: ignore[no-untyped-def]
    ctx = _context(doc, segment)
    return audience_for(ctx, ctx.segments[0])


def test_default_mid_market_segment() -> None:
    a = _audience(default_doc())
    assert a.include == {"industries": ["Software", "SaaS"]}
    assert [(c.band.label, c.full) for c in a.size_bands] == [("11-50", False), ("51-200", True), ("201-500", True)]
    excluded = {(e.facet, e.values, e.source) for e in a.exclusions}
    assert (SIZE, ("1",), "disqualifier 'tiny' (global)") in excluded
    assert ("industries", ("Government", "Education"), "disqualifier 'public_sector' (global)") in excluded
    tiny = next(e for e in a.exclusions if e.facet == SIZE)
    assert "2-10" in tiny.note and "2-4" in tiny.note  # the partly covered band is named, not excluded
    assert [(n.source, n.reason) for n in a.not_expressible] == [
        ("disqualifier 'bootstrapped' (global)", "platforms have no company filter for funding stage"),
        ("disqualifier 'on_prem_only' (segment)", "platforms have no company filter for tech stack"),
    ]


def _with_rules(rules: list[dict[str, Any]], disqualifiers: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    doc = copy.deepcopy(default_doc())
    doc["segments"][0]["rules"] = rules
    doc["segments"][0]["disqualifiers"] = disqualifiers or []
    doc["disqualifiers"] = []
    return doc


def test_regions_countries_and_segment_exclusions() -> None:
    a = _audience(
        _with_rules(
            [
                {"field": "region", "op": "in", "value": ["EMEA", "NA"]},
                {"field": "region", "op": "eq", "value": "emea"},
                {"field": "country", "op": "not_in", "value": ["Germany"]},
            ]
        )
    )
    assert a.include == {"regions": ["EMEA"]}  # two rules on one facet: both must hold
    assert [(e.facet, e.values, e.source) for e in a.exclusions] == [("countries", ("Germany",), "segment rule")]
    assert a.size_bands == [] and a.not_expressible == []


def test_rules_without_a_platform_filter_are_named_with_a_reason() -> None:
    a = _audience(
        _with_rules(
            [
                {"field": "tech_stack", "op": "eq", "value": "Cloud"},
                {"field": "industry", "op": "contains", "value": "soft"},
                {"field": "country", "op": "is_empty"},
                {"field": "employees", "op": "ne", "value": 7},
            ]
        )
    )
    reasons = [n.reason for n in a.not_expressible]
    assert reasons == [
        "platforms have no company filter for tech stack",
        "a partial text match has no platform filter",
        "whether a value is known has no platform filter",
        "size bands cannot leave out single headcounts",
    ]
    assert a.include == {} and a.size_bands == []


def test_combined_inverse_and_paused_disqualifiers() -> None:
    disqualifiers = [
        {
            "id": "small_retail",
            "name": "Small retail",
            "rules": [
                {"field": "industry", "op": "eq", "value": "Retail"},
                {"field": "employees", "op": "lt", "value": 20},
            ],
        },
        {"id": "not_na", "name": "Outside NA", "rules": [{"field": "region", "op": "not_in", "value": ["NA"]}]},
        {"id": "huge", "name": "Huge", "status": "paused", "rules": [{"field": "employees", "op": "gt", "value": 9e3}]},
        {"id": "mid", "name": "Odd size", "rules": [{"field": "employees", "op": "between", "value": [60, 70]}]},
    ]
    a = _audience(_with_rules([{"field": "industry", "op": "eq", "value": "Retail"}], disqualifiers))
    assert a.exclusions == []
    sources = [n.source for n in a.not_expressible]
    assert sources == [
        "disqualifier 'small_retail' (segment)",
        "disqualifier 'not_na' (segment)",
        "disqualifier 'mid' (segment)",
    ]
    assert "several rules" in a.not_expressible[0].reason
    assert "outside a list" in a.not_expressible[1].reason
    assert "no LinkedIn size band lies wholly inside it" in a.not_expressible[2].reason
    assert any("huge" in note for note in a.notes)  # paused: named, never excluded

"""Drafts: assembled from a candidate, editable, accepted as a hypothesis segment (a new version)."""

from __future__ import annotations

import pytest

from icpcore import history
from icpcore.access import PermissionDenied
from icpcore.builder import accept_draft, apply_roles, build, draft_for
from icpcore.builder.draft import slug, unique_slug
from icpcore.icp import IcpValidationError
from icpcore.store import Store
from tests.conftest import EDITOR, VIEWER
from tests.icpcore.builder.synthetic import synthetic_bundle


def test_slugs_are_unique() -> None:
    assert slug("Shopify + E-commerce") == "shopify_e_commerce"
    assert unique_slug("a", {"a", "a_2"}) == "a_3"
    assert slug("!!!") == "segment"


def test_accepting_adds_a_hypothesis_segment_with_sources(planted_store: Store) -> None:
    result = build(planted_store)
    draft = draft_for(result)
    assert draft is not None and draft["significant"]
    segment = draft["segment"]
    assert {r["field"] for r in segment["rules"]} == {"industry", "tech_stack"}
    planted = synthetic_bundle().planted
    assert set(result.candidate(draft["candidate"]).account_ids) == planted
    assert segment["pains"] == [] or all(isinstance(p, str) for p in segment["pains"])
    assert "billing" in segment["sources"]  # the paid event: the success label's system

    before = history.current(planted_store)
    saved = accept_draft(planted_store, draft, base=before.number, actor=EDITOR, reason="Drafted from evidence")
    assert saved.number == before.number + 1 and saved.reason == "Drafted from evidence"
    added = saved.document.segments[-1]
    assert added.id == segment["id"] and added.status == "hypothesis"
    assert added.model_dump()["sources"] == segment["sources"]
    assert [s.id for s in saved.document.segments[:-1]] == [s.id for s in before.document.segments]

    again = accept_draft(planted_store, draft, base=saved.number, actor=EDITOR, reason="Twice")
    assert again.document.segments[-1].id == f"{segment['id']}_2"


def test_roles_are_editable_before_acceptance(planted_store: Store) -> None:
    draft = draft_for(build(planted_store))
    draft["themes"][0]["role"] = "pain"
    draft["themes"][1]["role"] = "objection"
    for theme in draft["themes"][2:]:
        theme["role"] = "ignore"
    edited = apply_roles(draft)
    assert edited["segment"]["pains"] == [draft["themes"][0]["label"]]
    assert edited["segment"]["objections"] == [{"objection": draft["themes"][1]["label"], "rebuttal": ""}]
    assert edited["segment"]["triggers"] == []
    expected = {"billing", *draft["themes"][0]["sources"], *draft["themes"][1]["sources"]}
    assert set(edited["segment"]["sources"]) == expected
    assert draft["segment"] is not edited["segment"]  # the input draft is left alone


def test_acceptance_is_checked(planted_store: Store) -> None:
    draft = draft_for(build(planted_store))
    base = history.current(planted_store).number
    with pytest.raises(PermissionDenied):
        accept_draft(planted_store, draft, base=base, actor=VIEWER, reason="no")
    latest = accept_draft(planted_store, draft, base=base, actor=EDITOR, reason="first").number
    with pytest.raises(history.SaveConflict):
        accept_draft(planted_store, draft, base=base, actor=EDITOR, reason="stale")
    draft["segment"]["rules"].append({"field": "owner_gender", "op": "eq", "value": "female"})
    with pytest.raises(IcpValidationError, match="sensitive attribute"):
        accept_draft(planted_store, draft, base=latest, actor=EDITOR, reason="sensitive")
    assert history.current(planted_store).number == latest

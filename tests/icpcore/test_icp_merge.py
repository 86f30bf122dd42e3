"""Re-applying an edit on top of someone else's save (three-way merge of ICP documents)."""

from __future__ import annotations

import copy

from hypothesis import given
from hypothesis import strategies as st

from icpcore.icp import parse_icp
from icpcore.icp_merge import merge
from icpcore.setup import default_document


def _base() -> dict:
    return parse_icp(default_document()).to_dict()


def test_changes_to_different_places_combine():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["name"] = "Mine"
    mine["segments"][0]["pains"].append("New pain")
    theirs["segments"][0]["promise"] = "Their promise"
    theirs["segments"][1]["pains"] = ["Only theirs"]
    result = merge(base, mine, theirs)
    assert result.overlaps == []
    doc = result.document
    assert doc["name"] == "Mine"
    assert doc["segments"][0]["promise"] == "Their promise"
    assert doc["segments"][0]["pains"][-1] == "New pain"
    assert doc["segments"][1]["pains"] == ["Only theirs"]
    parse_icp(doc)


def test_the_same_field_changed_twice_keeps_mine_and_says_so():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["segments"][0]["owner"] = "Me"
    theirs["segments"][0]["owner"] = "Them"
    result = merge(base, mine, theirs)
    assert result.document["segments"][0]["owner"] == "Me"
    assert result.overlaps == ["segments › Mid-market SaaS › owner"]


def test_segments_added_on_both_sides_and_a_reorder_are_kept():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    mine["segments"].reverse()
    mine["segments"].append({"id": "mine_new", "name": "Mine new", "status": "hypothesis"})
    theirs["segments"].append({"id": "their_new", "name": "Their new", "status": "hypothesis"})
    ids = [s["id"] for s in merge(base, mine, theirs).document["segments"]]
    assert ids == ["smb_agencies", "fintech_scaleups", "midmarket_saas", "mine_new", "their_new"]


def test_deleting_what_they_changed_is_reported():
    base = _base()
    mine, theirs = copy.deepcopy(base), copy.deepcopy(base)
    del mine["disqualifiers"][0]
    theirs["disqualifiers"][0]["rationale"] = "Reworded"
    result = merge(base, mine, theirs)
    assert [d["id"] for d in result.document["disqualifiers"]] == ["public_sector", "bootstrapped"]
    assert result.overlaps == ["disqualifiers › Fewer than 5 employees"]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=3), children, max_size=3),
    max_leaves=10,
)
documents = st.dictionaries(st.text(max_size=4), json_values, max_size=4)


@given(documents, documents)
def test_one_sided_edits_pass_through(base, other):
    assert merge(base, other, base).document == other
    assert merge(base, base, other).document == other
    assert merge(base, other, other).document == other

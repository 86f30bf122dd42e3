"""Segment assignment (CONTRACT section 3): first match wins, retired skipped, paused
disqualifiers ignored, global ones first, materialised per (ICP version, evidence version)."""

from __future__ import annotations

import copy

from sqlalchemy import select

from icpcore.segments import ensure_assignment, segment_sizes
from icpcore.store.models import SegmentAssignment
from tests.icpcore.metrics.fixtures import load, save_doc

DOC = {
    "name": "segments test",
    "success": {"event": "paid", "window_days": 90},
    "disqualifiers": [
        {"id": "tiny", "name": "Tiny", "rules": [{"field": "employees", "op": "lt", "value": 5}]},
        {
            "id": "gov",
            "name": "Government (paused)",
            "status": "paused",
            "rules": [{"field": "industry", "op": "eq", "value": "government"}],
        },
        {"id": "edu", "name": "Education", "rules": [{"field": "industry", "op": "eq", "value": "Education"}]},
    ],
    "segments": [
        {
            "id": "old",
            "name": "Old",
            "status": "retired",
            "rules": [{"field": "industry", "op": "eq", "value": "Retail"}],
        },
        {
            "id": "saas",
            "name": "SaaS",
            "rules": [{"field": "industry", "op": "in", "value": ["Software", "SaaS"]}],
            "disqualifiers": [
                {
                    "id": "eu_paused",
                    "name": "EU",
                    "status": "paused",
                    "rules": [{"field": "region", "op": "eq", "value": "EU"}],
                },
                {"id": "on_prem", "name": "On-prem", "rules": [{"field": "tech", "op": "eq", "value": "On-prem"}]},
            ],
        },
        {
            "id": "big",
            "name": "Big",
            "status": "hypothesis",
            "rules": [{"field": "employees", "op": "gte", "value": 100}],
        },
    ],
}

ACCOUNTS = """
account_id,industry,employees,region,tech
s1,software,200,EU,Cloud
s2,Software,3,EU,Cloud
s3,SaaS,200,US,on-prem
s4,Software,3,US,On-prem
b1,Retail,300,US,
g1,Government,300,US,
n1,Retail,10,US,
d1,Education,10,US,
t1,Retail,2,US,
"""

EXPECTED = {
    # account: (segment, matched_segment, disqualifier)
    "s1": ("saas", "saas", None),  # big also matches: first match wins; paused EU rule ignored
    "s2": ("disqualified", "saas", "tiny"),
    "s3": ("disqualified", "saas", "on_prem"),
    "s4": ("disqualified", "saas", "tiny"),  # global disqualifiers come first
    "b1": ("big", "big", None),  # the retired segment is skipped
    "g1": ("big", "big", None),  # a paused global disqualifier disqualifies nobody
    "n1": ("non_icp", None, None),
    "d1": ("disqualified", None, "edu"),  # no segment, but a global disqualifier holds
    "t1": ("disqualified", None, "tiny"),
}


def _rows(store, pair):
    with store.read() as uow:
        rows = uow.session.execute(
            select(
                SegmentAssignment.account_id,
                SegmentAssignment.segment,
                SegmentAssignment.matched_segment,
                SegmentAssignment.disqualifier,
            ).where(SegmentAssignment.icp_version == pair[0], SegmentAssignment.evidence_version == pair[1])
        )
        return {r[0]: tuple(r[1:]) for r in rows}


def _pairs(store):
    with store.read() as uow:
        query = select(SegmentAssignment.icp_version, SegmentAssignment.evidence_version).distinct()
        return {tuple(row) for row in uow.session.execute(query)}


def test_assignment_semantics(store):
    save_doc(store, DOC)
    load(store, accounts=ACCOUNTS)
    pair = ensure_assignment(store)
    assert _rows(store, pair) == EXPECTED


def test_sizes_include_every_segment(store):
    save_doc(store, DOC)
    load(store, accounts=ACCOUNTS)
    assert segment_sizes(store) == {"saas": 1, "big": 2, "non_icp": 1, "disqualified": 5, "all": 9}


def test_materialised_once_and_recomputed_when_a_version_changes(store):
    first_version = save_doc(store, DOC)
    load(store, accounts=ACCOUNTS)
    pair = ensure_assignment(store)
    assert pair[0] == first_version
    assert ensure_assignment(store) == pair
    assert _pairs(store) == {pair}

    changed = copy.deepcopy(DOC)
    changed["disqualifiers"][1]["status"] = "active"  # unpause gov
    save_doc(store, changed)
    new_pair = ensure_assignment(store)
    assert new_pair == (pair[0] + 1, pair[1])
    assert _pairs(store) == {new_pair}  # the stale pair is gone
    assert _rows(store, new_pair)["g1"] == ("disqualified", "big", "gov")

    load(store, accounts=ACCOUNTS)  # a new import is a new evidence version
    assert ensure_assignment(store)[1] > new_pair[1]


def test_an_older_version_can_be_assigned(store):
    first_version = save_doc(store, DOC)
    changed = copy.deepcopy(DOC)
    changed["segments"] = []
    save_doc(store, changed)
    load(store, accounts=ACCOUNTS)
    assert _rows(store, ensure_assignment(store))["s1"] == ("non_icp", None, None)
    assert _rows(store, ensure_assignment(store, first_version))["s1"] == ("saas", "saas", None)

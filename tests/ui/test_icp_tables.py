"""The ICP's lists as editor tables and back: an untouched table gives back the same document."""

from __future__ import annotations

import pandas as pd

from icpcore.icp import parse_icp
from icpcore.setup import default_document
from ui import icp_tables as t


def _round_trip(doc: dict) -> dict:
    out = dict(doc)
    out["disqualifiers"] = t.disqualifiers_from_frame(t.disqualifiers_frame(doc["disqualifiers"]), doc["disqualifiers"])
    out["assumptions"] = t.assumptions_from_frame(t.assumptions_frame(doc["assumptions"]), doc["assumptions"])
    segments = []
    for seg in doc["segments"]:
        seg = dict(seg)
        seg["rules"] = t.rules_from_frame(t.rules_frame(seg["rules"]))
        seg["disqualifiers"] = t.disqualifiers_from_frame(
            t.disqualifiers_frame(seg["disqualifiers"]), seg["disqualifiers"]
        )
        seg["objections"] = t.objections_from_frame(t.objections_frame(seg["objections"]))
        for name in ("pains", "jobs", "triggers", "keywords", "negative_keywords"):
            seg[name] = t.texts_from_frame(t.texts_frame(seg[name]))
        segments.append(seg)
    out["segments"] = segments
    return out


def test_the_default_icp_survives_its_tables_unchanged():
    doc = parse_icp(default_document()).to_dict()
    assert parse_icp(_round_trip(doc)).to_dict() == doc


def test_rows_sharing_an_id_make_one_disqualifier_and_hidden_fields_are_kept():
    before = [{"id": "tiny", "name": "Tiny", "rules": [], "verified_reason": "checked in March", "status": "active"}]
    frame = pd.DataFrame(
        {
            "id": ["tiny", "tiny", None],
            "name": ["Tiny", None, None],
            "status": ["paused", None, None],
            "rationale": ["No budget", None, None],
            "field": ["employees", "region", None],
            "op": ["lt", "eq", None],
            "value": ["5", "EMEA", None],
        }
    )
    [dq] = t.disqualifiers_from_frame(frame, before)
    assert dq["rules"] == [
        {"field": "employees", "op": "lt", "value": 5},
        {"field": "region", "op": "eq", "value": "EMEA"},
    ]
    assert (dq["status"], dq["rationale"], dq["verified_reason"]) == ("paused", "No budget", "checked in March")


def test_blank_rows_are_dropped_and_empty_tables_keep_text_columns():
    frame = t.texts_frame([])
    assert str(frame["text"].dtype) == "string"
    frame = pd.DataFrame({"text": ["  first ", None, ""]})
    assert t.texts_from_frame(frame) == ["first"]
    rules = pd.DataFrame({"field": ["industry", None], "op": ["eq", "eq"], "value": ["SaaS", None]})
    assert t.rules_from_frame(rules) == [{"field": "industry", "op": "eq", "value": "SaaS"}]


def test_assumption_months_and_sources():
    frame = t.assumptions_frame(
        [
            {
                "id": "a1",
                "segment": "all",
                "metric": "win_rate",
                "op": "between",
                "value": [0.2, 0.4],
                "sources": ["crm", "campaign:spring, fall"],
            }
        ]
    )
    [a] = t.assumptions_from_frame(frame, [])
    assert a["value"] == [0.2, 0.4] and "months" not in a
    assert a["sources"] == ["crm", "campaign:spring, fall"]

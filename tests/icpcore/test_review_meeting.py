"""The meeting: start (snapshot), decisions with their ICP versions, finish (minutes), and the
contradicting deals; the metrics engine is a stand-in here (see test_review_data for real data)."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from icpcore import history
from icpcore.access import PermissionDenied
from icpcore.errors import InvalidInput
from icpcore.mdsafe import unescape
from icpcore.review import review_markdown, review_report
from icpcore.review.deals import list_deals, segments_wanting_deals, submit_deal
from icpcore.review.due import due_notices, segments_changed_on
from icpcore.review.edits import revised_document
from icpcore.review.meeting import finish_review, record_decision, start_review
from icpcore.review.past import get_review, list_reviews
from icpcore.setup import default_document
from tests.conftest import EDITOR, VIEWER
from tests.icpcore.review_fixtures import install, seeded

AS_OF = "2026-06-30"
IDS = [a["id"] for a in default_document()["assumptions"]]


@pytest.fixture
def engine(monkeypatch):
    fake = install(monkeypatch)
    fake.set("midmarket_saas", "qualified_rate", 0.33, 0.30, 0.36, 900)  # supported (touches 0.3)
    fake.set("midmarket_saas", "cac", 2600.0, None, None, 40)  # contradicted, value alone
    fake.set("midmarket_saas", "success_rate", 0.12, 0.10, 0.14, 400)  # inconclusive
    fake.set("fintech_scaleups", "refund_rate", 0.05, 0.02, 0.09, 29)  # insufficient (n = 29)
    fake.set("smb_agencies", "time_to_first_value_days", 2.5, None, None, 30)  # median, null interval
    fake.set("all", "win_rate", 0.5, 0.46, 0.54, 300)  # contradicted (low > 0.45)
    return fake


@pytest.fixture
def ready(sqlite_store, engine):
    return seeded(sqlite_store)


def verdicts(report):
    return {a["id"]: a["verdict"] for a in report["assumptions"]}


def test_report_has_the_contract_shape_and_verdicts(ready, engine):
    report = review_report(ready, as_of=AS_OF)
    assert report["as_of"] == AS_OF
    assert [a["id"] for a in report["assumptions"]] == IDS
    assert verdicts(report) == {
        "mm_qualifies": "supported",
        "mm_cac": "contradicted",
        "mm_success": "inconclusive",
        "fin_refunds": "insufficient_data",
        "agency_fast_value": "supported",
        "agency_retention": "insufficient_data",  # no cell: n = 0
        "all_win_rate": "contradicted",
        "non_icp_low": "insufficient_data",
    }
    first = report["assumptions"][0]
    assert {k: first[k] for k in ("value", "low", "high", "n", "evidence")} == {
        "value": 0.33,
        "low": 0.30,
        "high": 0.36,
        "n": 900,
        "evidence": "corroborated",
    }
    assert first["statement"] == "Mid-market SaaS: qualified rate at least 30%"
    assert first["window"] == ["2026-04", "2026-06"]
    assert [t["month"] for t in first["trend"]] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert first["trend"][0]["value"] is None and first["trend"][-1]["value"] == 0.33
    mm_cac = report["assumptions"][1]
    assert mm_cac["evidence"] == "hypothesis" and mm_cac["todo"].startswith("Seek corroboration")
    json.dumps(report, allow_nan=False)  # no NaN anywhere


def test_report_pools_each_window_as_metrics_by_segment(ready, engine):
    review_report(ready, as_of=AS_OF)
    pooled = [c for c in engine.calls if c["by"] == "segment"]
    assert sorted(c["months"] for c in pooled) == [2, 3, 6]  # one pooled table per distinct window
    assert all(c["as_of"] == date(2026, 6, 30) for c in engine.calls)


def test_markdown_groups_by_verdict(ready, engine):
    text = unescape(review_markdown(review_report(ready, as_of=AS_OF)))
    assert "# Assumption review as of 2026-06-30" in text
    assert "## Supported (2)" in text and "## Contradicted (2)" in text and "## Insufficient data (3)" in text
    assert "Mid-market SaaS: qualified rate at least 30%" in text
    assert "33.0% (30.0% to 36.0%, n = 900)" in text


def _meeting(store):
    return start_review(store, held_on="2026-07-02", attendees=["Ana", " Ben ", "ana", ""], actor=EDITOR, as_of=AS_OF)


def test_start_freezes_the_snapshot(ready, engine):
    review = _meeting(ready)
    assert review.attendees == ["Ana", "Ben"] and review.icp_version == 1 and review.as_of == AS_OF
    frozen = json.dumps(review.snapshot, sort_keys=True)
    engine.set("midmarket_saas", "qualified_rate", 0.1, 0.05, 0.15, 900)  # the numbers move on
    assert verdicts(review_report(ready, as_of=AS_OF))["mm_qualifies"] == "contradicted"
    again = get_review(ready, review.id)
    assert json.dumps(again.snapshot, sort_keys=True) == frozen
    assert again.assumptions[0]["verdict"] == "supported"


def test_only_one_open_review_and_viewers_cannot_start(ready):
    _meeting(ready)
    with pytest.raises(InvalidInput, match="still open"):
        _meeting(ready)
    with pytest.raises(PermissionDenied):
        start_review(ready, held_on="2026-07-02", attendees=["Ana"], actor=VIEWER)
    with pytest.raises(InvalidInput, match="attendees"):
        start_review(ready, held_on="2026-07-02", attendees=[" "], actor=EDITOR)


def test_decisions_revise_and_retire_make_versions(ready):
    review = _meeting(ready)
    base = history.current(ready)
    record_decision(ready, review.id, "mm_qualifies", "keep", actor=EDITOR)
    doc = revised_document(base.document.to_dict(), "mm_cac", {"value": 3000, "sources": ["crm", "billing"]})
    revised = record_decision(
        ready, review.id, "mm_cac", "revise", note="CAC target was never realistic", actor=EDITOR, document=doc, base=1
    )
    assert revised.icp_version == 2
    assert next(a for a in history.current(ready).document.assumptions if a.id == "mm_cac").value == 3000
    retired = record_decision(ready, review.id, "non_icp_low", "retire", note="Nobody acts on it", actor=EDITOR)
    assert retired.icp_version == 3
    assert "non_icp_low" not in {a.id for a in history.current(ready).document.assumptions}
    assert "Review of 2026-07-02: retire assumption 'non_icp_low'" in history.current(ready).reason


def test_decision_checks(ready):
    review = _meeting(ready)
    with pytest.raises(PermissionDenied):
        record_decision(ready, review.id, "mm_cac", "keep", actor=VIEWER)
    with pytest.raises(InvalidInput, match="note"):
        record_decision(ready, review.id, "mm_cac", "investigate", actor=EDITOR)
    with pytest.raises(InvalidInput, match="not one of"):
        record_decision(ready, review.id, "mm_cac", "ignore", note="x", actor=EDITOR)
    with pytest.raises(InvalidInput, match="agenda"):
        record_decision(ready, review.id, "nope", "keep", actor=EDITOR)
    same = history.current(ready).document.to_dict()
    with pytest.raises(InvalidInput, match="nothing changed"):
        record_decision(ready, review.id, "mm_cac", "revise", note="x", actor=EDITOR, document=same, base=1)
    assert get_review(ready, review.id).decisions == []


def test_stale_revision_is_a_conflict_and_records_nothing(ready):
    review = _meeting(ready)
    doc = history.current(ready).document.to_dict()
    other = dict(doc, name="Renamed meanwhile")
    history.save(ready, other, base=1, actor=EDITOR, reason="someone else")
    mine = revised_document(doc, "mm_cac", {"value": 3000})
    with pytest.raises(history.SaveConflict):
        record_decision(ready, review.id, "mm_cac", "revise", note="raise", actor=EDITOR, document=mine, base=1)
    assert get_review(ready, review.id).decisions == []


def test_minutes_escape_what_people_typed(ready):
    review = start_review(ready, held_on="2026-07-02", attendees=["<b>Eve</b> [x](javascript:alert(1))"], actor=EDITOR)
    record_decision(ready, review.id, "mm_cac", "investigate", note="# not a heading | not a cell", actor=EDITOR)
    minutes = finish_review(ready, review.id, actor=EDITOR).minutes
    assert r"- \<b\>Eve\</b\> \[x\](javascript:alert(1))" in minutes  # shown as typed, not as a link
    assert r"- Note: \# not a heading \| not a cell" in minutes


def test_finish_writes_minutes_and_closes(ready):
    review = _meeting(ready)
    submit_deal(ready, opportunity_id="O1", assumption_id="mm_cac", field="employees", note="40 people", actor=EDITOR)
    doc = revised_document(history.current(ready).document.to_dict(), "mm_cac", {"value": 3000})
    record_decision(ready, review.id, "mm_cac", "revise", note="Raise the ceiling", actor=EDITOR, document=doc, base=1)
    record_decision(ready, review.id, "mm_success", "investigate", note="Check the paid event", actor=EDITOR)
    record_decision(ready, review.id, "non_icp_low", "keep", note="", actor=EDITOR)
    record_decision(ready, review.id, "non_icp_low", "retire", note="Changed our mind", actor=EDITOR)
    done = finish_review(ready, review.id, actor=EDITOR)
    assert done.finished and done.minutes == get_review(ready, review.id).minutes
    minutes = unescape(done.minutes)
    assert "# Minutes: ICP review of 2026-07-02" in minutes
    assert "- Ana" in minutes and "- Ben" in minutes
    assert "- Decision: **Revise** (test editor)" in minutes and "- Note: Raise the ceiling" in minutes
    assert "- ICP change: version 2" in minutes and "**ICP version 2** by test editor" in minutes
    assert "**ICP version 3**" in minutes  # the retirement
    assert "- Decision: **Retire**" in minutes and "- Decision: **Keep**" not in minutes  # the later one stands
    assert "Assumption “mm_cac”: value changed from “2500” to “3000”" in minutes
    assert "## Contradicting deals (1)" in minutes and "| O1 |" in minutes
    assert "- [ ] Investigate “Mid-market SaaS: success rate at least 12%”: Check the paid event" in minutes
    assert "Decide on “Fintech scale-ups: refund rate at most 8%” (no decision taken)" in minutes
    todo = "Seek corroboration in support tickets or success logs for “{}” (one source kind only)"
    assert todo.format("Small agencies: 90-day retention at least 80%") in minutes  # a hypothesis
    assert todo.format("Outside the ICP: qualified rate at most 20%") not in minutes  # retired
    assert todo.format("Mid-market SaaS: qualified rate at least 30%") not in minutes  # corroborated
    assert "Add three recent deals that contradict the draft for" in minutes
    with pytest.raises(InvalidInput, match="finished"):
        record_decision(ready, review.id, "mm_cac", "keep", actor=EDITOR)
    with pytest.raises(InvalidInput, match="finished"):
        finish_review(ready, review.id, actor=EDITOR)


def test_next_report_shows_previous_verdict_and_last_decision(ready, engine):
    review = _meeting(ready)
    record_decision(ready, review.id, "mm_qualifies", "investigate", note="Look at channels", actor=EDITOR)
    finish_review(ready, review.id, actor=EDITOR)
    engine.set("midmarket_saas", "qualified_rate", 0.29, 0.27, 0.31, 900)
    row = review_report(ready, as_of=AS_OF)["assumptions"][0]
    assert row["previous_verdict"] == "supported" and row["verdict"] == "inconclusive" and row["changed"] is True
    assert row["last_decision"]["decision"] == "investigate" and row["last_decision"]["held_on"] == "2026-07-02"
    assert review_report(ready, as_of=AS_OF)["previous_review"]["id"] == review.id
    assert [r.id for r in list_reviews(ready)] == [review.id]


def test_deals_are_validated_and_prompted(ready):
    with pytest.raises(InvalidInput, match="not an opportunity"):
        submit_deal(ready, opportunity_id="O9", segment="midmarket_saas", field="industry", note="x", actor=EDITOR)
    with pytest.raises(InvalidInput, match="not a live segment"):
        submit_deal(ready, opportunity_id="O1", segment="nowhere", field="industry", note="x", actor=EDITOR)
    with pytest.raises(InvalidInput, match="is about"):
        submit_deal(
            ready,
            opportunity_id="O1",
            segment="smb_agencies",
            assumption_id="mm_cac",
            field="x",
            note="x",
            actor=EDITOR,
        )
    with pytest.raises(InvalidInput, match="note"):
        submit_deal(ready, opportunity_id="O1", segment="midmarket_saas", field="industry", note=" ", actor=EDITOR)
    with pytest.raises(PermissionDenied):
        submit_deal(ready, opportunity_id="O1", segment="midmarket_saas", field="industry", note="x", actor=VIEWER)
    deal = submit_deal(
        ready, opportunity_id=" O2 ", segment="fintech_scaleups", field="employees", note="Won at 20", actor=EDITOR
    )
    assert deal.opportunity_id == "O2" and deal.assumption_id is None
    on_card = submit_deal(ready, opportunity_id="O1", assumption_id="mm_cac", field="cac", note="Cheap", actor=EDITOR)
    assert on_card.segment == "midmarket_saas"
    assert on_card.touches("mm_cac", "midmarket_saas") and not on_card.touches("mm_qualifies", "midmarket_saas")
    assert deal.touches("fin_refunds", "fintech_scaleups")
    deals = list_deals(ready)
    assert [d.id for d in deals] == [on_card.id, deal.id]
    doc = history.current(ready).document
    today = deal.submitted_at.date()
    assert segments_wanting_deals(doc, deals, today) == ["smb_agencies"]
    assert segments_wanting_deals(doc, deals, date(today.year + 1, 1, 1)) == [s.id for s in doc.live_segments()]


def test_due_banners_monthly_and_quarterly(ready):
    seeded_on = segments_changed_on(ready)
    assert [d.kind for d in due_notices(ready, seeded_on)] == ["monthly"]
    review = start_review(ready, held_on=seeded_on, attendees=["Ana"], actor=EDITOR, as_of=AS_OF)
    assert [d.kind for d in due_notices(ready, seeded_on)] == ["monthly"]  # still open: not held yet
    finish_review(ready, review.id, actor=EDITOR)
    assert due_notices(ready, seeded_on) == []
    next_month = (seeded_on.replace(day=1) + timedelta(days=32)).replace(day=1)
    assert "the last was on" in due_notices(ready, next_month)[0].text
    assert [d.kind for d in due_notices(ready, seeded_on + timedelta(days=89))][-1:] != ["quarterly"]
    assert due_notices(ready, seeded_on + timedelta(days=90))[-1].kind == "quarterly"
    doc = history.current(ready).document.to_dict()
    doc["assumptions"][0]["value"] = 0.31  # not a segment change: the refresh clock keeps running
    history.save(ready, doc, base=1, actor=EDITOR, reason="assumption only")
    assert segments_changed_on(ready) == seeded_on

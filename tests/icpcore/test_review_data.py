"""The review on real evidence through the metrics engine: verdicts at the boundaries, numbers
identical to `indicator_table`, and a review's snapshot untouched by a later import."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from icpcore import history
from icpcore.cli import main
from icpcore.evidence.bundle import load_frames
from icpcore.metrics.compute import indicator_table
from icpcore.review import review_report
from icpcore.review.meeting import start_review
from icpcore.review.past import get_review
from icpcore.stats import wilson
from tests.conftest import ADMIN, EDITOR

AS_OF = "2026-06-30"
CORE = {"id": "core", "name": "Core", "rules": [{"field": "industry", "op": "eq", "value": "Software"}]}


def _icp(assumptions: list[dict]) -> dict:
    return {
        "name": "Test ICP",
        "success": {"event": "paid", "window_days": 30},
        "segments": [CORE],
        "assumptions": assumptions,
    }


def _assumption(aid: str, metric: str, op: str, value, segment: str = "core", sources=("crm", "win_loss")) -> dict:
    return {"id": aid, "segment": segment, "metric": metric, "op": op, "value": value, "sources": list(sources)}


def _bundle(qualified: int, unqualified: int = 0, purchases: int = 0, tag: str = "a") -> dict[str, pd.DataFrame]:
    """Software accounts with one lead each (created 2026-05-02, qualified two days later or
    never); the first `purchases` of them buy in May, and May's spend is 3,000."""
    total = qualified + unqualified
    ids = [f"{tag}{i:03d}" for i in range(total)]
    accounts = pd.DataFrame({"account_id": ids, "industry": "Software", "employees": "100", "region": "EU"})
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{a}" for a in ids],
            "account_id": ids,
            "created_at": "2026-05-02",
            "channel": "ads",
            "qualified_at": ["2026-05-04"] * qualified + [""] * unqualified,
        }
    )
    frames = {"accounts": accounts, "leads": leads}
    if purchases:
        frames["billing"] = pd.DataFrame(
            {"account_id": ids[:purchases], "event": "purchase", "occurred_at": "2026-05-10", "amount": "100"}
        )
        frames["spend"] = pd.DataFrame(
            {"month": ["2026-05"], "channel": ["ads"], "segment": ["core"], "amount": ["3000"]}
        )
    return frames


def _setup(store, assumptions: list[dict], bundle: dict[str, pd.DataFrame]):
    load_frames(store, bundle, source_tag="t", actor=ADMIN, mode="replace_all")
    latest = history.current(store)
    history.save(store, _icp(assumptions), base=latest.number if latest else None, actor=ADMIN, reason="test ICP")
    return {a["id"]: a for a in review_report(store, as_of=AS_OF)["assumptions"]}


def test_n_29_and_30_on_real_leads(sqlite_store):
    rows = _setup(sqlite_store, [_assumption("q", "qualified_rate", "gte", 0.8)], _bundle(29))
    assert (rows["q"]["n"], rows["q"]["verdict"]) == (29, "insufficient_data")
    rows = _setup(sqlite_store, [_assumption("q", "qualified_rate", "gte", 0.8)], _bundle(30))
    assert (rows["q"]["n"], rows["q"]["verdict"]) == (30, "supported")


def test_interval_touching_the_target_on_each_side(store):
    low, high = wilson(24, 40)
    assumptions = [
        _assumption("at_low", "qualified_rate", "gte", low),  # low == lo: supported
        _assumption("above_low", "qualified_rate", "gte", low + 1e-9),  # straddles: inconclusive
        _assumption("at_high", "qualified_rate", "lte", high),  # high == hi: supported
        _assumption("touch_high", "qualified_rate", "gte", high),  # high == lo: not wholly outside
        _assumption("past_high", "qualified_rate", "gte", high + 1e-9),  # wholly below: contradicted
        _assumption("touch_low", "qualified_rate", "lte", low),  # low == hi: inconclusive
        _assumption("under_low", "qualified_rate", "lte", low - 1e-9),  # wholly above: contradicted
    ]
    rows = _setup(store, assumptions, _bundle(24, 16))
    assert (rows["at_low"]["low"], rows["at_low"]["high"], rows["at_low"]["n"]) == (low, high, 40)
    assert {k: r["verdict"] for k, r in rows.items()} == {
        "at_low": "supported",
        "above_low": "inconclusive",
        "at_high": "supported",
        "touch_high": "inconclusive",
        "past_high": "contradicted",
        "touch_low": "inconclusive",
        "under_low": "contradicted",
    }


def test_counts_and_cac_have_no_interval(sqlite_store):
    assumptions = [
        _assumption("leads_at", "leads", "gte", 40),
        _assumption("leads_over", "leads", "lte", 39),
        _assumption("cac_at", "cac", "lte", 100),
        _assumption("cac_under", "cac", "lte", 99.99),
        _assumption("customers", "new_customers", "between", [30, 30]),
    ]
    rows = _setup(sqlite_store, assumptions, _bundle(20, 20, purchases=30))
    assert (rows["leads_at"]["value"], rows["leads_at"]["low"], rows["leads_at"]["n"]) == (40, None, 40)
    assert (rows["cac_at"]["value"], rows["cac_at"]["high"], rows["cac_at"]["n"]) == (100, None, 30)
    assert {k: r["verdict"] for k, r in rows.items()} == {
        "leads_at": "supported",
        "leads_over": "contradicted",
        "cac_at": "supported",
        "cac_under": "contradicted",
        "customers": "supported",
    }


def test_numbers_equal_metrics_by_segment(sqlite_store):
    rows = _setup(
        sqlite_store,
        [_assumption("q", "qualified_rate", "gte", 0.5), _assumption("all_q", "qualified_rate", "lte", 0.9, "all")],
        _bundle(24, 16),
    )
    table = indicator_table(sqlite_store, as_of=AS_OF, by="segment", months=3)
    for aid, segment in (("q", "core"), ("all_q", "all")):
        cell = table[(table.segment == segment) & (table.metric == "qualified_rate")].iloc[0]
        assert [rows[aid][k] for k in ("value", "low", "high", "n")] == [cell.value, cell.low, cell.high, cell.n]
    assert [t["month"] for t in rows["q"]["trend"]][-2:] == ["2026-05", "2026-06"]
    assert rows["q"]["trend"][-2]["n"] == 40 and rows["q"]["trend"][-1]["value"] is None


@pytest.mark.parametrize("engine", ["sqlite_store", "pg_store"])
def test_snapshot_survives_new_evidence(request, engine):
    store = request.getfixturevalue(engine)
    _setup(store, [_assumption("q", "qualified_rate", "gte", 0.5)], _bundle(30))
    review = start_review(store, held_on="2026-07-01", attendees=["Ana"], actor=EDITOR, as_of=AS_OF)
    frozen = json.dumps(review.snapshot, sort_keys=True)
    assert review.assumptions[0]["verdict"] == "supported" and review.assumptions[0]["n"] == 30
    load_frames(store, _bundle(0, 60, tag="b"), source_tag="later", actor=ADMIN, mode="append")
    now = review_report(store, as_of=AS_OF)["assumptions"][0]
    assert (now["n"], now["verdict"]) == (90, "contradicted")
    again = get_review(store, review.id)
    assert json.dumps(again.snapshot, sort_keys=True) == frozen


def test_command_line_review_json_and_markdown(sqlite_store, tmp_path, capsys):
    _setup(
        sqlite_store,
        [_assumption("q", "qualified_rate", "gte", 0.5, sources=["campaign:a", "campaign:b"])],
        _bundle(30),
    )
    db = str(sqlite_store.engine.url)
    assert main(["--db", db, "review", "--as-of", AS_OF]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["as_of"] == AS_OF
    row = report["assumptions"][0]
    assert {k: row[k] for k in ("id", "verdict", "n", "evidence", "high")} == {
        "id": "q",
        "verdict": "supported",
        "n": 30,
        "evidence": "hypothesis",
        "high": 1.0,
    }
    assert main(["--db", db, "review", "--as-of", AS_OF, "--format", "markdown"]) == 0
    assert "## Supported (1)" in capsys.readouterr().out
    assert main(["--db", db, "review", "--as-of", "2026-13-01"]) == 2
    assert "--as-of" in capsys.readouterr().err

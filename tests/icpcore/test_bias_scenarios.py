"""The bias check end to end on planted bundles, on SQLite and PostgreSQL: a proxy with no business
reason, a correlated but predictive disqualifier, an independent one, small groups, quartiles,
segment scopes, intersections, the command line, and pausing."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from icpcore import history
from icpcore.bias import bias_report
from icpcore.bias.actions import pause_disqualifier, record_business_reason, resume_disqualifier
from icpcore.cli import main
from icpcore.errors import InvalidInput
from icpcore.segments import segment_sizes
from tests.conftest import EDITOR, VIEWER
from tests.icpcore.bias_bundles import AS_OF, base_doc, frames_for, load, save_doc

N = 2400


def _dq(dq_id: str, field: str, op: str, value: object) -> dict:
    return {"id": dq_id, "name": dq_id.replace("_", " "), "rules": [{"field": field, "op": op, "value": value}]}


DOC = base_doc(
    sensitive_attributes=["owner_gender", "founder_age_band", "founder_age"],
    disqualifiers=[
        _dq("bootstrapped", "funding_stage", "eq", "Bootstrapped"),
        _dq("tiny", "employees", "lt", 5),
        _dq("public_sector", "industry", "eq", "Government"),
    ],
    segments=[
        {
            "id": "saas",
            "name": "SaaS",
            "rules": [{"field": "industry", "op": "eq", "value": "Software"}],
            "disqualifiers": [_dq("on_prem", "tech_stack", "eq", "On-prem")],
        }
    ],
)


def planted(seed: int = 1) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    """bootstrapped shadows owner_gender and says nothing about success; tiny goes with young
    founders and really does predict failure; public_sector is independent of everything."""
    rng = np.random.default_rng(seed)
    gender = rng.choice(np.array(["female", "male"], dtype=object), N)
    gender[:20] = "undisclosed"  # a group under 30
    band = rng.choice(["under_30", "30_44", "45_plus"], N)
    age = np.where(band == "under_30", rng.integers(20, 30, N), rng.integers(30, 70, N))
    bootstrapped = rng.random(N) < np.where(gender == "female", 0.5, 0.1)
    tiny = rng.random(N) < np.where(band == "under_30", 0.4, 0.1)
    accounts = pd.DataFrame(
        {
            "account_id": [f"a{i:05d}" for i in range(N)],
            "industry": np.where(rng.random(N) < 0.15, "Government", rng.choice(["Software", "Retail"], N)),
            "employees": np.where(tiny, rng.integers(1, 5, N), rng.integers(5, 500, N)).astype(str),
            "region": "EMEA",
            "funding_stage": np.where(bootstrapped, "Bootstrapped", "Seed"),
            "tech_stack": rng.choice(["Cloud", "On-prem"], N, p=[0.8, 0.2]),
            "owner_gender": gender,
            "founder_age_band": band,
            "founder_age": age.astype(str),
        }
    )
    unit = rng.random(N) < 0.85
    success = rng.random(N) < np.where(tiny, 0.05, 0.3)
    return accounts, unit, success


@pytest.fixture
def loaded(store):
    accounts, unit, success = planted()
    load(store, frames_for(accounts, unit, success))
    save_doc(store, DOC)
    return store, accounts


def _rows(report: dict, dq: str, attribute: str, segment: str | None = None) -> dict[str, dict]:
    return {
        r["group"]: r
        for r in report["findings"]
        if r["disqualifier"] == dq and r["attribute"] == attribute and r["segment"] == segment
    }


def test_planted_cases_get_their_severities(loaded):
    store, _ = loaded
    report = bias_report(store, as_of=AS_OF)
    proxy = _rows(report, "bootstrapped", "owner_gender")
    assert proxy["female"]["severity"] == "high" and proxy["female"]["reference_group"] == "male"
    assert proxy["female"]["impact_ratio"] < 0.8 and proxy["female"]["q_value"] < 0.05
    assert proxy["female"]["mh_low"] < 1 < proxy["female"]["mh_high"]  # no business reason
    assert proxy["male"]["severity"] == "none"
    assert proxy["undisclosed"]["severity"] == "insufficient_data" and proxy["undisclosed"]["p_value"] is None
    predictive = _rows(report, "tiny", "founder_age_band")
    assert predictive["under_30"]["severity"] == "medium"
    assert predictive["under_30"]["justified"] and predictive["under_30"]["mh_high"] < 1
    independent = [r for r in report["findings"] if r["disqualifier"] == "public_sector"]
    assert {r["severity"] for r in independent if r["n"] >= 30} == {"none"}
    assert {r["severity"] for r in _rows(report, "bootstrapped", "founder_age_band").values()} == {"none"}
    assert json.loads(json.dumps(report, allow_nan=False))["as_of"] == "2025-12-31"  # null, never NaN
    assert all(isinstance(r["n"], int) and isinstance(r["flagged"], bool) for r in report["findings"])


def test_segment_scope_and_quartiles_of_a_numeric_attribute(loaded):
    store, accounts = loaded
    report = bias_report(store, as_of=AS_OF)
    scope = accounts[accounts["industry"] == "Software"]  # the segment's rules hold, whatever the assignment
    rows = _rows(report, "on_prem", "owner_gender", segment="saas")
    assert sum(r["n"] for r in rows.values()) == len(scope)
    assert sum(r["disqualified"] for r in rows.values()) == int((scope["tech_stack"] == "On-prem").sum())
    quartiles = _rows(report, "on_prem", "founder_age", segment="saas")
    cut = pd.qcut(scope["founder_age"].astype(float), 4, duplicates="drop")
    expected = pd.Series(cut.cat.codes + 1).value_counts()
    assert {g: r["n"] for g, r in quartiles.items()} == {f"Q{k}": int(v) for k, v in expected.items()}


def test_intersections_are_their_own_family(loaded):
    store, _ = loaded
    plain = bias_report(store, as_of=AS_OF)
    crossed = bias_report(store, as_of=AS_OF, intersections=True)
    contract = [r for r in crossed["findings"] if not r["intersection"]]
    assert contract == plain["findings"]  # crossing attributes changes no contract number
    pairs = _rows(crossed, "bootstrapped", "owner_gender × founder_age_band")
    assert pairs["female × under_30"]["severity"] == "high"
    assert sum(r["n"] for r in pairs.values()) == N


def test_no_sensitive_attributes_no_findings_and_no_icp_is_an_input_error(store, sqlite_store):
    with pytest.raises(InvalidInput):
        bias_report(sqlite_store)
    accounts, unit, success = planted()
    load(store, frames_for(accounts.head(50), unit[:50], success[:50]))
    save_doc(store, base_doc(sensitive_attributes=[], disqualifiers=DOC["disqualifiers"]))
    assert bias_report(store, as_of=AS_OF)["findings"] == []


def test_pausing_changes_the_assignment_but_the_check_still_covers_it(loaded):
    store, _ = loaded
    base = history.current(store).number
    before = segment_sizes(store)
    with pytest.raises(PermissionError):
        pause_disqualifier(store, "bootstrapped", base=base, actor=VIEWER, reason="r")
    version = pause_disqualifier(store, "bootstrapped", base=base, actor=EDITOR, reason="Shadows owner gender")
    assert version.author == EDITOR.name and version.reason == "Shadows owner gender"
    after = segment_sizes(store)
    assert after["disqualified"] < before["disqualified"]
    paused = _rows(bias_report(store, as_of=AS_OF), "bootstrapped", "owner_gender")
    assert paused["female"]["severity"] == "high" and paused["female"]["disqualifier_status"] == "paused"
    with pytest.raises(history.SaveConflict):
        resume_disqualifier(store, "bootstrapped", base=base, actor=EDITOR, reason="stale")
    resume_disqualifier(store, "bootstrapped", base=version.number, actor=EDITOR, reason="Verified")
    assert segment_sizes(store) == before


def test_recording_a_business_reason(loaded):
    store, _ = loaded
    base = history.current(store).number
    with pytest.raises(InvalidInput):
        record_business_reason(store, "on_prem", "nope", verified_reason="x", base=base, actor=EDITOR)
    with pytest.raises(InvalidInput):
        record_business_reason(store, "tiny", verified_reason="  ", base=base, actor=EDITOR)
    record_business_reason(
        store, "on_prem", "saas", verified_reason="Connectors need a cloud warehouse", base=base, actor=EDITOR
    )
    doc = history.current(store).document
    assert doc.segment("saas").disqualifiers[0].verified_reason == "Connectors need a cloud warehouse"


def test_command_line_json_and_csv(loaded, tmp_path, capsys):
    store, _ = loaded
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "bias", "--as-of", AS_OF.isoformat(), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["findings"] == json.loads(json.dumps(bias_report(store, as_of=AS_OF)))["findings"]
    out = tmp_path / "bias.csv"
    assert main(["--db", url, "bias", "--as-of", AS_OF.isoformat(), "--format", "csv", "--out", str(out)]) == 0
    frame = pd.read_csv(out, keep_default_na=False)
    assert len(frame) == len(report["findings"]) and list(frame.columns[:4]) == [
        "as_of",
        "disqualifier",
        "attribute",
        "group",
    ]
    assert main(["--db", url, "bias", "--as-of", "yesterday"]) == 2

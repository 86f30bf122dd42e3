"""Exports open as the target tools expect; counts, warnings and errors are right."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from icpcore.cli import main
from icpcore.errors import InvalidInput
from icpcore.exports import FORMATS, render_export
from icpcore.exports.accounts import COMPANY_LIST_COLUMNS
from icpcore.exports.ads import PLATFORM_MINIMUM
from icpcore.icp import parse_icp
from icpcore.rules import pandas_mask
from tests.conftest import sqlite_store_at
from tests.icpcore.exports.bundle import accounts_frame, default_doc, load_bundle, save_doc

LINKEDIN_HEADER = [name for name, _ in COMPANY_LIST_COLUMNS]


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_linkedin_company_list_has_the_template_headers_and_the_matching_accounts(bundle_store) -> None:
    artefact = render_export(bundle_store, "ads", segment="midmarket_saas", fmt="csv")
    assert artefact.mime == "text/csv" and artefact.file_name == "ads-midmarket_saas-linkedin-companies.csv"
    header = next(csv.reader(io.StringIO(artefact.text)))
    assert (
        header
        == LINKEDIN_HEADER
        == [
            "companyname",
            "companywebsite",
            "companyemaildomain",
            "linkedincompanypageurl",
            "stocksymbol",
            "industry",
            "city",
            "state",
            "companycountry",
            "zipcode",
        ]
    )
    rows = _rows(artefact.text)
    assert len(rows) == _expected_matching("midmarket_saas")
    assert {r["industry"] for r in rows} == {"Software", "SaaS"}
    assert all(r["companyname"].startswith("Company ") and r["companywebsite"].endswith(".example") for r in rows)


def _expected_matching(segment_id: str) -> int:
    """The same count by pandas over the raw frame: rules hold, no active disqualifier holds."""
    doc = parse_icp(default_doc())
    segment = doc.segment(segment_id)
    assert segment is not None
    frame = accounts_frame()
    keep = pandas_mask(segment.rules, frame)
    for dq in [*doc.disqualifiers, *segment.disqualifiers]:
        if dq.status == "active":
            keep &= ~pandas_mask(dq.rules, frame)
    return int(keep.sum())


@pytest.mark.parametrize("segment", ["midmarket_saas", "fintech_scaleups", "smb_agencies"])
def test_matching_count_agrees_with_pandas_and_warns_below_300(bundle_store, segment) -> None:
    artefact = render_export(bundle_store, "ads", segment=segment)
    spec = json.loads(artefact.text)["segments"][0]
    assert spec["matching_accounts"] == _expected_matching(segment) > 0
    assert spec["matching_accounts"] < PLATFORM_MINIMUM
    assert any(f"only {spec['matching_accounts']} matching account(s)" in w for w in artefact.warnings)


def test_no_small_audience_warning_at_300_or_more(tmp_path) -> None:
    store = sqlite_store_at(tmp_path / "big.db")
    save_doc(store, default_doc())
    frame = accounts_frame(n=360)
    frame["industry"], frame["employees"], frame["funding_stage"], frame["tech_stack"] = "SaaS", "120", "Seed", "Cloud"
    frame.loc[0, "tech_stack"] = "On-prem"  # one disqualified: 359 match
    load_bundle(store, accounts=frame, activity=False)
    artefact = render_export(store, "ads", segment="midmarket_saas")
    assert json.loads(artefact.text)["segments"][0]["matching_accounts"] == 359
    assert not any("matching account" in w for w in artefact.warnings)
    assert any("not expressible" in w for w in artefact.warnings)  # still names what platforms cannot filter
    store.engine.dispose()


def test_google_ads_editor_csv(bundle_store) -> None:
    artefact = render_export(bundle_store, "search")
    rows = _rows(artefact.text)
    assert list(rows[0]) == ["Campaign", "Ad group", "Keyword", "Criterion Type"]
    keywords = [r for r in rows if r["Criterion Type"] == "Phrase"]
    negatives = [r for r in rows if r["Criterion Type"] == "Campaign Negative Broad"]
    assert len(keywords) + len(negatives) == len(rows)
    assert {r["Campaign"] for r in rows} == {"ICP - Mid-market SaaS", "ICP - Fintech scale-ups"}
    assert all(r["Ad group"] == "" for r in negatives) and all(r["Ad group"] for r in keywords)
    assert ("ICP - Fintech scale-ups", "crypto") in {(r["Campaign"], r["Keyword"]) for r in negatives}


def test_crm_picklists_json_and_csv(bundle_store) -> None:
    document = json.loads(render_export(bundle_store, "crm").text)
    inputs = document["hubspot"]["body"]["inputs"]
    assert [p["name"] for p in inputs] == ["icp_segment", "icp_disqualifier_reason", "icp_buying_trigger"]
    for prop in inputs:
        assert prop["type"] == "enumeration" and prop["fieldType"] == "select"
        options = prop["options"]
        assert [o["displayOrder"] for o in options] == list(range(1, len(options) + 1))
        assert len({o["value"] for o in options}) == len({o["label"] for o in options}) == len(options)
    segments = {o["value"]: o["label"] for o in inputs[0]["options"]}
    assert segments["midmarket_saas"] == "Mid-market SaaS" and "non_icp" in segments and "disqualified" in segments
    reasons = [o["value"] for o in inputs[1]["options"]]
    assert reasons == ["tiny", "public_sector", "bootstrapped", "midmarket_saas__on_prem_only"]
    questions = document["qualification_questions"]
    assert len(questions) == 5 and all(q["trigger"] in q["question"] for q in questions)
    assert document["salesforce"]["picklists"][0]["fullName"] == "Account.ICP_Segment__c"
    rows = _rows(render_export(bundle_store, "crm", fmt="csv").text)
    assert list(rows[0]) == [
        "Property name",
        "Property label",
        "Internal value",
        "Label",
        "Display order",
        "Description",
        "Qualification question",
    ]
    assert sum(1 for r in rows if r["Qualification question"]) == 5


def test_every_artefact_and_format_for_every_demo_segment_parses(bundle_store) -> None:
    for segment in ("midmarket_saas", "fintech_scaleups", "smb_agencies"):
        for what, formats in FORMATS.items():
            for f in formats:
                if what in ("brief", "nudges"):
                    continue  # read the metrics: covered by their own tests and the golden files
                artefact = render_export(bundle_store, what, segment=segment, fmt=f.key)
                assert segment in artefact.file_name and artefact.file_name.endswith("." + f.extension)
                if f.extension == "json":
                    json.loads(artefact.text)
                elif f.extension == "csv":
                    assert len(list(csv.reader(io.StringIO(artefact.text)))) >= 1
                else:
                    assert artefact.text.startswith("# ")


def test_unknown_or_retired_segment_and_bad_format_are_invalid_input(bundle_store) -> None:
    with pytest.raises(InvalidInput, match="unknown segment 'nope'"):
        render_export(bundle_store, "ads", segment="nope")
    with pytest.raises(InvalidInput, match="'xml' is not a format of crm"):
        render_export(bundle_store, "crm", fmt="xml")
    with pytest.raises(InvalidInput, match="unknown artefact"):
        render_export(bundle_store, "poster")


def test_retired_segment_is_refused(tmp_path) -> None:
    store = sqlite_store_at(tmp_path / "retired.db")
    doc = default_doc()
    doc["segments"][2]["status"] = "retired"
    doc["assumptions"] = [a for a in doc["assumptions"] if a["segment"] != "smb_agencies"]
    save_doc(store, doc)
    with pytest.raises(InvalidInput, match="retired"):
        render_export(store, "script", segment="smb_agencies")
    store.engine.dispose()


def test_command_line(tmp_path, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", db, "export", "ads"]) == 2  # no ICP yet
    assert "no ICP yet" in capsys.readouterr().err
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "export", "script", "--segment", "nope"]) == 2
    assert "unknown segment 'nope'" in capsys.readouterr().err
    assert main(["--db", db, "export", "search", "--format", "xml"]) == 2
    out = tmp_path / "search.csv"
    assert main(["--db", db, "export", "search", "--segment", "fintech_scaleups", "--out", str(out)]) == 0
    assert _rows(out.read_text(encoding="utf-8"))[0]["Campaign"] == "ICP - Fintech scale-ups"
    capsys.readouterr()
    assert main(["--db", db, "export", "ads", "--segment", "midmarket_saas"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["segments"][0]["matching_accounts"] == 0
    assert "warning: Mid-market SaaS: only 0 matching account(s)" in captured.err


def test_no_evidence_still_exports(tmp_path) -> None:
    store = sqlite_store_at(tmp_path / "empty.db")
    save_doc(store, default_doc())
    for what in FORMATS:
        artefact = render_export(store, what)
        assert artefact.text.strip()
    nudges = render_export(store, "nudges").text
    assert "Not enough data yet" in nudges
    store.engine.dispose()


def test_sqlite_and_postgresql_export_the_same_audience(store) -> None:
    """The count and the company list are SQL: both engines must give the same files."""
    save_doc(store, default_doc())
    load_bundle(store, activity=False)
    for what, fmt in (("ads", "json"), ("ads", "csv"), ("ads", "criteria")):
        artefact = render_export(store, what, fmt=fmt)
        golden = Path(__file__).with_name("golden") / artefact.file_name
        assert artefact.text == golden.read_bytes().decode("utf-8"), artefact.file_name

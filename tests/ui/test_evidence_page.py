"""The Evidence page under AppTest: inventory, the import wizard (upload, mapping, preview with
every problem and the privacy report, import), data quality, the notes browser, the demo banner."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from icpcore.demo import DEMO_SOURCE
from icpcore.evidence.bundle import load_frames
from tests.conftest import ADMIN
from tests.icpcore.evidence.helpers import ACCOUNTS, VALID, count, load
from tests.ui.conftest import texts
from ui.components import evidence_keys as keys

PAGE = "pages/evidence.py"
MAVEN = Path(__file__).resolve().parents[1] / "data" / "maven_crm"


@pytest.fixture
def page(app) -> AppTest:
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _ok(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _upload(at: AppTest, name: str, content: bytes, kind: str = "accounts") -> AppTest:
    at.selectbox(key=keys.KIND).set_value(kind)
    _ok(at)
    at.file_uploader[0].set_value((name, content, "text/csv"))
    return _ok(at)


def _import_button(at: AppTest):  # type: ignore[no-untyped-def]
    return at.button(key=keys.IMPORT)


def test_an_empty_database_shows_every_kind_and_a_clean_checklist(page):
    inventory = page.dataframe[0].value
    assert list(inventory["Kind"]) == [
        "Accounts",
        "Leads",
        "Opportunities",
        "Product events",
        "Billing events",
        "Spend",
        "Notes",
    ]
    assert inventory["Rows"].sum() == 0 and set(inventory["Last import"]) == {"never"}
    assert "Review" not in texts(page.markdown)
    assert "No notes yet" in texts(page.info)


def test_the_wizard_previews_then_imports_an_accounts_file(page, ui_store):
    at = _upload(page, "firms.csv", ACCOUNTS.encode())
    assert "3 row(s) are valid" in texts(at.success)
    assert "python -m icpcore import accounts firms.csv" in at.code[0].value
    assert count(ui_store, "accounts") == 0  # the preview wrote nothing
    _import_button(at).click()
    at = _ok(at)
    assert "imported 3 accounts row(s) from firms.csv (source 'firms.csv')" in texts(at.success)
    assert count(ui_store, "accounts") == 3
    assert at.dataframe[0].value["Rows"].iloc[0] == 3
    assert len(at.file_uploader) == 1 and at.file_uploader[0].key == keys.upload(ui_store.evidence_version())


def test_the_preview_lists_every_problem_and_the_privacy_handling(page, ui_store, tmp_path):
    load(ui_store, tmp_path, "accounts", ACCOUNTS)
    leads = (
        "lead_id,account_id,created_at,channel,Email,disqualified_reason\n"
        "L1,A1,2026-01-01,ads,jane@acme.com,call 555-123-4567\nL2,A9,2026-01-02,ads,,\nL3,A1,soon,,,\n"
    )
    at = _upload(page, "leads.csv", leads.encode(), kind="leads")
    problems = at.dataframe[1].value
    assert problems.values.tolist() == [
        [2, "account_id", "'A9' is not in accounts"],
        [
            3,
            "created_at",
            "'soon' is not an ISO 8601 date or date-time (YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS, optional zone)",
        ],
        [3, "channel", "is empty but required"],
    ]
    assert "2 bad row(s), 3 problem(s): nothing will be imported" in texts(at.error)
    assert "Column **email** is dropped (contact details)" in texts(at.markdown)
    masked = at.dataframe[2].value
    assert masked.values.tolist() == [["disqualified_reason", 0, 1, 0]]
    assert _import_button(at).disabled
    assert count(ui_store, "leads") == 0


def test_columns_are_suggested_from_crm_names_and_can_be_changed(page, ui_store):
    firms = "Company ID,Sector,Headcount,Territory,Company\nF1,saas,10,EU,Acme\nF2,fintech,20,NA,Beta\n"
    at = _upload(page, "crm.csv", firms.encode())
    mapped = {s.label.strip("*"): s.value for s in at.selectbox if s.key and s.key.startswith("evidence-map-")}
    assert mapped["account_id"] == "company id" and mapped["industry"] == "sector"
    assert mapped["employees"] == "headcount" and mapped["region"] == "territory" and mapped["name"] == "company"
    assert "--map 'account_id=company id,industry=sector,employees=headcount,region=territory,name=company'" in (
        at.code[0].value
    )
    region = next(s for s in at.selectbox if s.key and s.key.startswith("evidence-map-accounts-region-"))
    region.set_value("(not in the file)")
    at = _ok(at)
    assert "missing required column(s) region" in texts(at.error)
    region = next(s for s in at.selectbox if s.key and s.key.startswith("evidence-map-accounts-region-"))
    region.set_value("territory")
    at = _ok(at)
    _import_button(at).click()
    _ok(at)
    assert count(ui_store, "accounts") == 2


def test_the_maven_export_imports_through_the_wizard_with_its_recipe(page, ui_store):
    at = page
    at.selectbox(key=keys.RECIPE).set_value("maven_crm")
    at = _upload(at, "accounts.csv", (MAVEN / "accounts.csv").read_bytes())
    assert "85 row(s) are valid" in texts(at.success)
    _import_button(at).click()
    at = _ok(at)
    at.selectbox(key=keys.KIND).set_value("opportunities")
    at.selectbox(key=keys.RECIPE).set_value("maven_crm")
    at = _ok(at)
    at.file_uploader[0].set_value(("sales_pipeline.csv", (MAVEN / "sales_pipeline.csv").read_bytes(), "text/csv"))
    at = _ok(at)
    assert "The recipe leaves out 47 row(s): open deal without an account" in texts(at.info)
    _import_button(at).click()
    _ok(at)
    assert count(ui_store, "opportunities") == 304 - 47 - 8


def test_viewers_see_no_wizard(page, monkeypatch):
    from icpcore.access import Actor

    monkeypatch.setattr("ui.auth.current_actor", lambda origin: Actor("Vic", "viewer", origin))
    at = _ok(page)
    assert not at.file_uploader
    assert "it takes the editor role to import evidence" in texts(at.info)


def test_quality_checks_and_the_notes_browser(page, ui_store, tmp_path):
    load(ui_store, tmp_path, "accounts", ACCOUNTS)
    lines = [
        f"N{i},A1,{'sales_call' if i % 2 else 'survey'},2026-01-{1 + i % 28:02d},"
        + ("Budget frozen" if i % 3 == 0 else "Great onboarding")
        + f" {i}"
        for i in range(30)
    ]
    notes = "note_id,account_id,source,created_at,text\n" + "\n".join(lines) + "\n"
    load(ui_store, tmp_path, "notes", notes)
    at = _ok(page)
    assert "**Review**: Accounts without country: 1 of 3" in texts(at.markdown)
    shown = at.dataframe[-1].value
    assert len(shown) == 20 and "Notes 1–20 of 30 · page 1 of 2" in texts(at.caption)
    at.text_input(key=keys.NOTES_SEARCH).set_value("budget")
    at.selectbox(key=keys.NOTES_SOURCE).set_value("survey")
    at = _ok(at)
    shown = at.dataframe[-1].value
    assert set(shown["Source"]) == {"survey"} and all("Budget" in t for t in shown["Note"])
    assert len(shown) == 5  # i in 0, 6, 12, 18, 24
    at.number_input(key=keys.NOTES_PAGE).set_value(3)
    at = _ok(at)
    assert "page 1 of 1" in texts(at.caption)


def test_the_demo_banner_clears_the_demo(page, ui_store):
    frames = {
        kind: pd.read_csv(io.StringIO(VALID[kind]), dtype=str, keep_default_na=False) for kind in ("accounts", "leads")
    }
    load_frames(ui_store, frames, source_tag=DEMO_SOURCE, actor=ADMIN, mode="replace_all")
    at = _ok(page)
    assert "These are demo data" in texts(at.info)
    at.button(key=keys.CLEAR_DEMO).click()
    at = _ok(at)
    assert "The demo evidence is cleared" in texts(at.success)
    assert count(ui_store, "accounts") == 0 and count(ui_store, "leads") == 0
    assert "These are demo data" not in texts(at.info)

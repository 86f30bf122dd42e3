"""The Exports page under AppTest: every artefact previews and offers a download per format, for
all active segments and for one; warnings are worded as things to review."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from icpcore.exports import FORMATS, WHATS
from tests.icpcore.exports.bundle import load_bundle
from tests.ui.conftest import texts
from ui.components import exports_keys as keys

PAGE = "pages/exports.py"


@pytest.fixture
def page(app) -> AppTest:
    """The app switched to the Exports page (the app's first run seeded the default ICP)."""
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def test_every_artefact_previews_with_a_download_per_format(page) -> None:
    at = page
    for what in WHATS:
        at.session_state[keys.ARTEFACT] = what
        at.run()
        assert not at.exception, (what, [e.value for e in at.exception])
        buttons = at.get("download_button")
        assert len(buttons) == len(FORMATS[what]), what
        labels = [b.proto.label for b in buttons]
        assert labels == [f"Download {f.label}" for f in FORMATS[what]]


def test_one_segment_with_evidence_shows_counts_and_review_warnings(page, ui_store) -> None:
    load_bundle(ui_store)
    at = page
    at.session_state[keys.SEGMENT] = "midmarket_saas"
    at.session_state[keys.ARTEFACT] = "ads"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    warnings = texts(at.warning)
    assert "Review before you use these files" in warnings
    assert "Mid-market SaaS: only 200 matching account(s)" in warnings
    code = json.loads(at.code[0].value)
    assert code["segments"][0]["matching_accounts"] == 200
    companies = at.dataframe[0].value
    assert list(companies.columns)[:2] == ["companyname", "companywebsite"] and len(companies) == 200


def test_markdown_artefacts_render_escaped_text(page, ui_store) -> None:
    load_bundle(ui_store)
    at = page
    at.session_state[keys.ARTEFACT] = "nudges"
    at.run()
    shown = texts(at.markdown)
    assert "Day-3 message brief" in shown and "n = 100" in shown
    at.session_state[keys.ARTEFACT] = "script"
    at.run()
    assert "Polite disqualifying questions" in texts(at.markdown)


def test_search_preview_is_the_google_ads_editor_table(page) -> None:
    at = page
    at.session_state[keys.ARTEFACT] = "search"
    at.run()
    table = at.dataframe[0].value
    assert list(table.columns) == ["Campaign", "Ad group", "Keyword", "Criterion Type"]

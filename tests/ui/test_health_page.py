"""The Segment health page under AppTest, on the demo bundle: it renders tiles, table, trends,
comparison, signals and glossary; changing a filter changes the numbers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from icpcore.demo import load_demo
from icpcore.metrics.registry import METRICS, metric
from icpcore.setup import open_store, seed_default_icp
from tests.conftest import ADMIN
from tests.ui.conftest import texts

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/health.py"


@pytest.fixture(scope="module")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('health') / 'fitboard.db'}"
    store = open_store(url)
    seed_default_icp(store, actor=ADMIN)
    load_demo(store, seed=7, accounts=5000, actor=ADMIN)
    store.engine.dispose()
    return url


@pytest.fixture
def page(demo_url, monkeypatch) -> Iterator[AppTest]:
    monkeypatch.setenv("ICP_DATABASE_URL", demo_url)
    monkeypatch.setenv("ICP_DEMO_ON_START", "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    yield at
    st.cache_data.clear()
    st.cache_resource.clear()


def _tiles(at: AppTest) -> dict[str, str]:
    """First tile row (the first picked segment): label -> shown value."""
    return {m.label.split(" · ")[0]: m.value for m in at.metric[:6]}


def test_renders_every_part(page):
    assert "Segment health" in texts(page.title)
    assert [h.value for h in page.header] == ["What a review should see", "Segments"]
    subheaders = texts(page.subheader)
    for name in ("Mid-market SaaS", "Fintech scale-ups", "Small agencies", "Outside the ICP"):
        assert name in subheaders
    assert len(page.metric) == 4 * 6
    assert all(" · n = " in m.label for m in page.metric)
    table = page.dataframe[-2].value  # the segment x indicator table (before the comparison)
    assert list(table.columns) == ["Segment", *(m.label for m in METRICS)]
    assert "Outside the ICP" in set(table["Segment"]) and "All accounts" in set(table["Segment"])
    assert table.apply(lambda col: col.astype(str).str.contains("⚠ low n")).any().any()
    assert len(page.get("vega_lite_chart")) == 1
    markdown = texts(page.markdown)
    assert "Does the profile convert better?" in markdown
    for m in METRICS:
        assert m.definition in markdown  # the glossary reads the registry


def test_signals_show_the_planted_stories(page):
    markdown = texts(page.markdown)
    assert "the profile is earning its keep" in markdown
    assert "refunds are spiking" in markdown and "October 2026" in markdown
    assert "Quick wins are not turning into lasting value" in markdown
    assert len(page.get("page_link")) == 1  # to the disqualifiers on the ICP page


def test_changes_show_words_not_only_colour(page):
    descriptions = [m.proto.delta_description for m in page.metric if m.delta]
    assert descriptions and all(d.startswith(("better", "worse")) for d in descriptions)


def test_channel_filter_changes_the_lead_numbers(page):
    before = _tiles(page)
    channel = page.selectbox(key="health-channel")
    channel.select(channel.options[1]).run()
    assert not page.exception
    after = _tiles(page)
    assert after["Leads"] != before["Leads"]
    assert after["Win rate"] == before["Win rate"]  # not a lead metric
    assert "channel: " in texts(page.caption)


def test_period_and_as_of_change_the_numbers(page):
    before = _tiles(page)
    page.selectbox(key="health-months").select(12).run()
    assert _tiles(page)["Leads"] != before["Leads"]
    page.date_input(key="health-as-of").set_value(date(2026, 6, 30)).run()
    assert not page.exception
    assert "As of 2026-06-30" in texts(page.caption)


def test_segment_picker_and_trend_indicator(page):
    page.multiselect(key="health-segments").set_value(["smb_agencies"]).run()
    assert texts(page.subheader).strip() == "Small agencies"
    page.selectbox(key="health-trend-metric").select("retention_90d").run()
    assert not page.exception
    assert metric("retention_90d").definition in texts(page.caption)
    assert "90-day retention" in page.get("vega_lite_chart")[0].proto.spec

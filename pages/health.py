"""Segment health: how each segment does on the leading indicators, and what a review should see."""

from __future__ import annotations

from datetime import date

import streamlit as st

from icpcore import history
from icpcore.metrics.figures import period_label
from icpcore.metrics.signals import find_signals
from icpcore.segments import segment_order
from ui import cache
from ui.components import (
    health_compare,
    health_controls,
    health_glossary,
    health_signals,
    health_style,
    health_table,
    health_tiles,
    health_trends,
)
from ui.components import health_keys as keys
from ui.components.health_names import segment_label

health_style.apply()
store = cache.get_store()
url = cache.database_url()
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()
doc = latest.document
evidence_version = store.evidence_version()

st.title("Segment health", anchor=False)
controls = health_controls.render(
    doc,
    default_as_of=date.fromisoformat(cache.evidence_as_of(url, evidence_version)),
    channels=cache.lead_channels(url, evidence_version),
)
periods = cache.indicator_periods(
    url, latest.number, evidence_version, controls.as_of.isoformat(), controls.months, controls.channel
)
now = period_label(periods.current.attrs.get("months") or [])
st.caption(
    f"As of {periods.as_of} · ICP version {latest.number} · {now}"
    + (f" · channel: {controls.channel}" if controls.channel else "")
)
labels = {s: segment_label(doc, s) for s in segment_order(doc)}

st.header("What a review should see", anchor=False)
health_signals.render(find_signals(periods, doc), labels)

st.header("Segments", anchor=False)
if not controls.segments:
    st.info("Pick at least one segment above.")
health_tiles.render(periods, doc, controls.segments)

table_tab, trend_tab, compare_tab, glossary_tab = st.tabs(
    ["Segment × indicator", "Trends", "ICP vs non-ICP", "Glossary"], key=keys.TABS
)
with table_tab:
    health_table.render(periods.current, doc)
with trend_tab:
    health_trends.render(periods.by_month, doc, controls.segments)
with compare_tab:
    health_compare.render(periods.current, doc, now)
with glossary_tab:
    health_glossary.render()

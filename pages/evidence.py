"""Evidence: what the database holds, importing CSV files safely, data quality, and the notes."""

from __future__ import annotations

import streamlit as st

from ui import auth, cache, state
from ui.components import evidence_demo, evidence_inventory, evidence_notes, evidence_quality, evidence_wizard
from ui.components.text import md

PAGE = "Evidence"

store = cache.get_store()
url = cache.database_url()
actor = auth.current_actor(PAGE)
evidence_version = store.evidence_version()

st.title("Evidence", anchor=False)
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))
if cache.evidence_summary(url, evidence_version).demo:
    evidence_demo.render(actor)

inventory_tab, import_tab, quality_tab, notes_tab = st.tabs(["Inventory", "Import", "Data quality", "Notes"])
with inventory_tab:
    evidence_inventory.render(cache.evidence_inventory(url, evidence_version))
with import_tab:
    evidence_wizard.render(actor, url, evidence_version)
with quality_tab:
    evidence_quality.render(cache.evidence_quality(url, evidence_version))
with notes_tab:
    evidence_notes.render(url, evidence_version)

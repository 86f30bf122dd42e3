"""ICP builder: segment candidates and note themes drafted from the evidence, one click from the ICP."""

from __future__ import annotations

import streamlit as st

from icpcore import history
from ui import auth, cache, state
from ui.components import builder_draft, builder_sections
from ui.components.text import md

PAGE = "ICP builder"

store = cache.get_store()
url = cache.database_url()
actor = auth.current_actor(PAGE)
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()

report = cache.builder_report(url, latest.number, store.evidence_version())
st.title("ICP builder", anchor=False)
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))
builder_sections.basis(report)
builder_sections.drafted_segments(latest.document)

st.header("Segment candidates", anchor=False)
builder_sections.candidates(report)
st.header("Themes in the notes", anchor=False)
builder_sections.themes(report)

st.header("Draft segment", anchor=False)
if not report["candidates"]:
    st.info("Nothing to draft yet: import accounts and their outcomes (leads, billing) first.", icon=":material/info:")
    st.stop()
default = report["draft"]["candidate"] if report["draft"] else None
choice = builder_draft.pick_candidate(report["candidates"], default)
draft = cache.builder_draft(url, latest.number, report["evidence_version"], choice)
edited = builder_draft.edit(draft, icp_version=latest.number)
builder_draft.preview(edited)
builder_draft.accept(edited, base=latest.number, actor=actor)

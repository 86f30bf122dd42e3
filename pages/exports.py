"""Exports: the ICP wired into work (ads, search, CRM, landing page, calls, lifecycle), per segment."""

from __future__ import annotations

import streamlit as st

from icpcore.errors import InvalidInput
from icpcore.exports.context import context_for, load_context
from ui import cache
from ui.components import exports_controls, exports_preview
from ui.components.text import md

store = cache.get_store()
st.title("Exports", anchor=False)
st.caption(
    "The current ICP as the files each team works from. Sensitive attributes never appear in them; "
    "CSV cells cannot run as spreadsheet formulas; text from the ICP is shown literally."
)
try:
    ctx = load_context(store, None)
except InvalidInput as exc:
    st.error(md(str(exc)))
    st.stop()

choice = exports_controls.render(ctx.doc)
st.caption(f"ICP version {ctx.icp_version} · evidence version {store.evidence_version()}")
if choice.segment is not None:
    ctx = context_for(store, ctx.doc, ctx.icp_version, choice.segment)
with st.spinner("Preparing the export…"):
    built = exports_preview.build(ctx, choice.what)
exports_preview.render(choice.what, built)

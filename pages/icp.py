"""Current ICP: the profile in plain words, edited inline, with its whole history."""

from __future__ import annotations

import streamlit as st

from icpcore import history
from ui import auth, cache, icp_actions, keys, state
from ui.components import icp_edit_tab, icp_history, icp_overview
from ui.components.text import md, when

PAGE = "Current ICP"

store = cache.get_store()
actor = auth.current_actor(PAGE)
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()

draft = icp_actions.current_draft(latest)
st.title(md(latest.document.name), anchor=False)
st.caption(
    f"Version {latest.number} · saved by {md(latest.author)} · {when(latest.created_at)} · “{md(latest.reason)}”"
)
status_slot = st.container()
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))

overview_tab, edit_tab, history_tab = st.tabs(["Overview", "Edit", "History"], key=keys.ICP_TABS)
with overview_tab:
    icp_overview.render(latest.document)

with edit_tab:
    dirty = icp_edit_tab.render(draft, latest, actor)

if dirty:
    status_slot.info(
        f"You have unsaved edits on top of version {draft.base} (see the Edit tab).", icon=":material/edit_note:"
    )

with history_tab:
    to_restore = icp_history.render(cache.database_url(), latest.number, dirty=dirty, read_only=not actor.can("editor"))
    if to_restore is not None:
        error = icp_actions.restore(store, to_restore, latest=latest, actor=actor)
        if error:
            st.error(md(error))
        else:
            st.rerun()

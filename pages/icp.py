"""Current ICP: the profile in plain words, edited inline, with its whole history."""

from __future__ import annotations

import streamlit as st

from icpcore import history
from ui import auth, cache, icp_actions, keys, state
from ui.components import icp_editor, icp_history, icp_overview, icp_save
from ui.components.text import md, when
from ui.problems import place_problems

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
    conflict_slot = st.container()
    editor = icp_editor.render(draft)
    state.keep_working(editor.document)
    checked = icp_actions.check(editor.document)
    icp_editor.show_problems(editor, place_problems(editor.document, checked.problems))
    dirty = icp_actions.is_dirty(editor.document, draft.base)
    icp_save.unsaved(icp_actions.unsaved_changes(checked.document, draft.base), bool(checked.problems), draft.base)
    form = icp_save.save_form(draft.generation, state.author(actor.name), dirty=dirty)
    conflict = state.conflict()
    if conflict is not None:
        with conflict_slot:
            choice = icp_save.conflict_box(conflict, editor.document)
        if choice.reapply:
            icp_actions.reapply(draft, editor.document, latest)
            st.rerun()
        if choice.discard:
            icp_actions.discard(latest)
            st.rerun()
    if editor.requests:
        icp_actions.restructure(draft, editor.document, editor.requests)
        st.rerun()
    if form.discard:
        icp_actions.discard(latest)
        st.rerun()
    if form.save:
        problems = icp_actions.save(draft, editor.document, actor=actor, author=form.author, reason=form.reason)
        if problems:
            icp_save.save_problems(form.message_slot, [p.text for p in place_problems(editor.document, problems)])
        else:
            st.rerun()  # saved (flash) or refused by a conflict (the box above the draft)

if dirty:
    status_slot.info(
        f"You have unsaved edits on top of version {draft.base} (see the Edit tab).", icon=":material/edit_note:"
    )

with history_tab:
    to_restore = icp_history.render(cache.database_url(), latest.number, dirty=dirty)
    if to_restore is not None:
        error = icp_actions.restore(store, to_restore, latest=latest, actor=actor)
        if error:
            st.error(md(error))
        else:
            st.rerun()

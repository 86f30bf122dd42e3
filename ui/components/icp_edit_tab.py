"""The Edit tab of the ICP page: the draft editor, its problems, the save form, the conflict box."""

from __future__ import annotations

from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from icpcore import history
from icpcore.access import Actor
from ui import auth, icp_actions, state
from ui.components import icp_editor, icp_save
from ui.problems import place_problems
from ui.state import Draft


def _resolve_conflict(slot: DeltaGenerator, draft: Draft, document: dict[str, Any], latest: history.Version) -> None:
    conflict = state.conflict()
    if conflict is None:
        return
    with slot:
        choice = icp_save.conflict_box(conflict, document)
    if choice.reapply:
        icp_actions.reapply(draft, document, latest)
        st.rerun()
    if choice.discard:
        icp_actions.discard(latest)
        st.rerun()


def render(draft: Draft, latest: history.Version, actor: Actor) -> bool:
    """Draw the tab and act on its buttons; returns whether the draft differs from its base."""
    if auth.lacks(actor, "editor", "edit the ICP"):
        return False
    conflict_slot = st.container()
    editor = icp_editor.render(draft, manage_sensitive=actor.can("admin"))
    state.keep_working(editor.document)
    checked = icp_actions.check(editor.document)
    icp_editor.show_problems(editor, place_problems(editor.document, checked.problems))
    dirty = icp_actions.is_dirty(editor.document, draft.base)
    icp_save.unsaved(icp_actions.unsaved_changes(checked.document, draft.base), bool(checked.problems), draft.base)
    form = icp_save.save_form(draft.generation, state.author(actor.name), dirty=dirty)
    _resolve_conflict(conflict_slot, draft, editor.document, latest)
    if editor.requests:
        icp_actions.restructure(draft, editor.document, editor.requests)
        st.rerun()
    if form.discard:
        icp_actions.discard(latest)
        st.rerun()
    if form.save:
        problems = icp_actions.save(draft, editor.document, actor=actor, author=form.author, reason=form.reason)
        if not problems:
            st.rerun()  # saved (a flash says so) or refused by a conflict (the box above the draft)
        icp_save.save_problems(form.message_slot, [p.text for p in place_problems(editor.document, problems)])
    return dirty

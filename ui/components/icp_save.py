"""Saving the draft: what changed, why, who; and the conflict box when someone saved first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from ui import keys
from ui.components.text import md, when
from ui.icp_actions import Conflict


@dataclass(frozen=True)
class SaveForm:
    save: bool
    discard: bool
    reason: str
    author: str
    message_slot: DeltaGenerator


def unsaved(changes: list[str], has_problems: bool, base: int | None) -> None:
    if changes:
        lines = "\n".join(f"- {md(c)}" for c in changes)
        st.info(f"**Unsaved edits on top of version {base}:**\n{lines}", icon=":material/edit_note:")
    elif has_problems:
        st.info(f"Unsaved edits on top of version {base} (fix the problems above to see them in words).")


def save_form(generation: int, author: str, *, dirty: bool) -> SaveForm:
    with st.container(border=True):
        st.subheader("Save as a new version", anchor=False)
        cols = st.columns([5, 2])
        reason = cols[0].text_input(
            "Why this change? (required)",
            key=keys.icp_draft(generation, keys.SAVE_REASON),
            placeholder="e.g. Win/loss review: fintech deals under 100 people stall",
        )
        author = cols[1].text_input("Author", value=author, key=keys.icp_draft(generation, keys.SAVE_AUTHOR))
        slot = st.container()
        row = st.container(horizontal=True)
        save = row.button(
            "Save new version", type="primary", icon=":material/save:", key=keys.icp_draft(generation, keys.SAVE)
        )
        discard = row.button(
            "Discard my edits", icon=":material/undo:", key=keys.icp_draft(generation, keys.DISCARD), disabled=not dirty
        )
    return SaveForm(save, discard, reason or "", author or "", slot)


def save_problems(slot: DeltaGenerator, problems: list[str]) -> None:
    lines = "\n".join(f"- {md(p)}" for p in problems)
    slot.error(f"**Nothing was saved.**\n{lines}", icon=":material/block:")


@dataclass(frozen=True)
class ConflictChoice:
    reapply: bool
    discard: bool


def conflict_box(conflict: Conflict, my_draft: dict[str, Any]) -> ConflictChoice:
    """The refused save: who saved what in between, and the ways forward. The draft stays below."""
    with st.container(border=True):
        st.error(
            f"**Not saved: {md(conflict.author)} saved version {conflict.latest} at {when(conflict.saved_at)}** "
            f"after version {conflict.base} that your edit started from. Their reason: “{md(conflict.reason)}”.",
            icon=":material/sync_problem:",
        )
        st.markdown("**What they changed:**")
        changes = conflict.their_changes or ("(no field changes)",)
        st.markdown("\n".join(f"- {md(c)}" for c in changes))
        st.markdown("Your edit is still in the editor below; nothing is lost.")
        row = st.container(horizontal=True)
        reapply = row.button(
            "Reload latest and re-apply my edit", type="primary", icon=":material/merge:", key=keys.ICP_CONFLICT_REAPPLY
        )
        discard = row.button("Discard my edit, load latest", icon=":material/undo:", key=keys.ICP_CONFLICT_DISCARD)
        row.download_button(
            "Download my draft (JSON)",
            data=json.dumps(my_draft, indent=2, ensure_ascii=False),
            file_name="icp-my-draft.json",
            mime="application/json",
            icon=":material/download:",
            on_click="ignore",
            key=keys.ICP_CONFLICT_DOWNLOAD,
        )
    return ConflictChoice(reapply, discard)

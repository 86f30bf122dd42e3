"""The demo banner's action: clear the demo evidence and bring your own."""

from __future__ import annotations

import streamlit as st

from icpcore.access import Actor
from icpcore.evidence.bundle import clear_evidence
from ui import cache, state
from ui.components import evidence_keys as keys


def render(actor: Actor) -> None:
    st.info(
        "**These are demo data** from a made-up company. Clear them to import your own files: the ICP and its "
        "history stay, the demo accounts, leads, deals, events, spend and notes go.",
        icon=":material/science:",
    )
    allowed = actor.can("editor")
    if st.button(
        "Clear the demo and bring your own",
        key=keys.CLEAR_DEMO,
        icon=":material/delete_sweep:",
        disabled=not allowed,
        help=None if allowed else "It takes the editor role.",
    ):
        clear_evidence(cache.get_store(), actor=actor)
        cache.clear_after_write()
        state.flash("The demo evidence is cleared. Import your accounts first, then the other kinds.", "success")
        st.rerun()

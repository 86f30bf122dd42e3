"""Audit log: every write, who made it, when, and from which page or command. Admins only."""

from __future__ import annotations

import streamlit as st

from icpcore import audit_log
from ui import auth, cache
from ui.components import audit_view

PAGE = "Audit log"

actor = auth.current_actor(PAGE)
st.title("Audit log", anchor=False)
if not actor.can("admin"):
    st.info(
        f"**Admins only.** The audit log names people and what they changed; your role is {actor.role}.",
        icon=":material/lock:",
    )
    st.stop()

store = cache.get_store()
st.caption("Every change to the ICP, the evidence and the reviews, newest first. Times are UTC.")
chosen = audit_view.filters(audit_log.facets(store, actor=actor))
rows = audit_log.entries(store, chosen, actor=actor)
st.markdown(f"**{len(rows):,} entr{'y' if len(rows) == 1 else 'ies'}**")
audit_view.table(rows)
audit_view.download(rows)

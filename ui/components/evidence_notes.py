"""The Evidence page's notes browser: one source or all, searched by words, a page at a time."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.evidence.inventory import PAGE_SIZE
from ui import cache
from ui.components import evidence_keys as keys

ALL = "All sources"
NOTES_ICON = ":material/notes:"


def render(url: str, evidence_version: int) -> None:
    sources = cache.evidence_note_sources(url, evidence_version)
    if not sources:
        st.info(
            "No notes yet: import a notes file (sales calls, tickets, win/loss interviews…).", icon=":material/notes:"
        )
        return
    counts = dict(sources)
    left, middle, right = st.columns([1, 2, 1], vertical_alignment="bottom")
    source = left.selectbox(
        "Source",
        [ALL, *counts],
        format_func=lambda s: s if s == ALL else f"{s.replace('_', ' ')} ({counts[s]:,})",
        key=keys.NOTES_SOURCE,
    )
    text = middle.text_input("Search the text (every word must appear)", key=keys.NOTES_SEARCH)
    page = right.number_input("Page", min_value=1, value=1, step=1, key=keys.NOTES_PAGE)
    found = cache.evidence_notes(url, evidence_version, None if source == ALL else source, text.strip(), int(page))
    if not found.total:
        st.caption("No note matches.")
        return
    first = (found.page - 1) * PAGE_SIZE + 1
    st.caption(
        f"Notes {first:,}–{first + len(found.rows) - 1:,} of {found.total:,} · page {found.page} of {found.pages}"
    )
    rows = [
        {"Date": r.created, "Source": r.source, "Account": r.account_id or "", "Note": r.text, "Id": r.note_id}
        for r in found.rows
    ]
    st.dataframe(
        pd.DataFrame(rows),
        hide_index=True,
        width="stretch",
        column_config={"Note": st.column_config.TextColumn(width="large")},
    )
    st.caption("Emails, phone numbers and personal URLs were masked at import.")

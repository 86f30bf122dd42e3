"""Showing people's text safely and dates readably."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import streamlit as st

# Characters Markdown (and Streamlit's $...$ maths and :colour[...] directives) would interpret.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~:])")

STATUS_BADGES = {
    # status: (label, icon, colour); the label carries the meaning, the colour only repeats it
    "active": ("Active", ":material/check_circle:", "green"),
    "hypothesis": ("Hypothesis", ":material/science:", "orange"),
    "retired": ("Retired", ":material/archive:", "gray"),
    "paused": ("Paused", ":material/pause_circle:", "gray"),
}


def md(text: object) -> str:
    """User text made literal inside Markdown."""
    return _SPECIAL.sub(r"\\\1", str(text))


def when(moment: datetime | None) -> str:
    """'2026-03-14 09:30 UTC' (stored times are UTC; SQLite hands them back without a zone)."""
    if moment is None:
        return "never"
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def status_badge(status: str) -> None:
    """The status as a word with an icon; the colour only repeats what the word says."""
    label, icon, colour = STATUS_BADGES.get(status, (status.capitalize(), ":material/label:", "gray"))
    st.badge(label, icon=icon, color=colour)  # type: ignore[arg-type]


def bullet_list(items: list[str], empty: str = "none yet") -> None:
    if items:
        st.markdown("\n".join(f"- {md(item)}" for item in items))
    else:
        st.caption(empty)

"""The frame around every page: projector-friendly touches the theme cannot set, and the sidebar."""

from __future__ import annotations

import streamlit as st

from ui.components.sidebar import render_sidebar

# The theme (.streamlit/config.toml) sets the base font and colours; tab and expander labels
# stay small there (badges carry an inline size), and they are what people look for from the
# back of the room.
PROJECTOR_CSS = """
<style>
[role="tab"] p { font-size: 1.3rem; font-weight: 600; }
[data-testid="stExpander"] summary p { font-size: 1.15rem; font-weight: 600; }
.stMarkdownBadge { font-size: 1.05rem !important; font-weight: 600; }
</style>
"""


def render_frame() -> None:
    st.html(PROJECTOR_CSS)
    render_sidebar()

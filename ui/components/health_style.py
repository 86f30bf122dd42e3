"""Type large enough to read on a shared screen (1920 x 1080) from across the room."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
[data-testid="stMetricValue"] { font-size: 2.4rem; }
[data-testid="stMetricLabel"] p { font-size: 1.15rem; }
[data-testid="stMetricDelta"] { font-size: 1.1rem; }
section.main p, section.main li { font-size: 1.1rem; }
</style>
"""


def apply() -> None:
    st.html(_CSS)

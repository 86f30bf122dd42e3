"""The glossary: every indicator's definition, straight from the metric registry."""

from __future__ import annotations

import streamlit as st

from icpcore.metrics.registry import METRICS


def render() -> None:
    for m in METRICS:
        direction = "higher is better" if m.higher_is_better else "lower is better"
        st.markdown(f"**{m.label}** ({m.unit}; window: {m.window}; {direction})  \n{m.definition}")

"""ICP versus non-ICP: every live segment pooled against the accounts outside the profile."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.metrics.compare import Comparison, icp_vs_non_icp
from icpcore.metrics.figures import Figure
from icpcore.metrics.registry import metric
from ui.components.health_names import interval_text, value_text

VERDICT_MARKS = {
    "better": "▲ ICP better",
    "worse": "▼ ICP worse",
    "no clear difference": "≈ no clear difference",
    "too few units": "… too few units",
}


def _shown(fig: Figure) -> str:
    interval = interval_text(fig.metric, fig.low, fig.high)
    value = value_text(fig.metric, fig.value)
    return f"{value} ({interval}) · n = {fig.n:,}" if interval else f"{value} · n = {fig.n:,}"


def compare_frame(comparisons: list[Comparison]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Indicator": metric(c.metric).label,
                "ICP segments": _shown(c.icp),
                "Outside the ICP": _shown(c.non_icp),
                "Verdict": VERDICT_MARKS[c.verdict],
            }
            for c in comparisons
        ]
    )


def render(table: pd.DataFrame, doc: IcpDocument, period: str) -> None:
    comparisons = icp_vs_non_icp(table, doc, period=period)
    better = sum(c.verdict == "better" for c in comparisons)
    worse = sum(c.verdict == "worse" for c in comparisons)
    st.markdown(
        f"**Does the profile convert better?** Over {period}, the ICP segments do better on {better} and worse on "
        f"{worse} of {len(comparisons)} indicators (two-proportion test, 5% level)."
    )
    st.dataframe(compare_frame(comparisons), hide_index=True)

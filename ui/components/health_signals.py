"""The signals a review should see, in plain words with the numbers behind them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.metrics.figures import Figure
from icpcore.metrics.registry import metric
from icpcore.metrics.signals import Signal
from ui.components.health_names import interval_text, value_text
from ui.components.text import md

TITLES = {
    # kind: (title, icon); the title carries the meaning, the icon repeats it
    "earning_its_keep": ("The profile is earning its keep", ":material/trending_up:"),
    "faster_first_value": ("Time to first value is shortening", ":material/bolt:"),
    "refund_spike": ("Refunds are spiking: review the disqualifiers", ":material/report:"),
    "fast_value_poor_retention": ("Fast first value, poor 90-day retention", ":material/sync_problem:"),
}
ICP_PAGE = "pages/icp.py"


def figures_frame(figures: tuple[Figure, ...], labels: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Segment": labels.get(f.segment, f.segment),
                "Indicator": metric(f.metric).label,
                "Period": f.period,
                "Value": value_text(f.metric, f.value),
                "95% interval": interval_text(f.metric, f.low, f.high),
                "n": f.n,
            }
            for f in figures
        ]
    )


def render(signals: list[Signal], labels: dict[str, str]) -> None:
    if not signals:
        st.info("No signals in this period: no segment moved clearly enough to review.", icon=":material/check:")
        return
    for signal in signals:
        title, icon = TITLES[signal.kind]
        with st.container(border=True):
            st.markdown(f"#### {title}")
            st.markdown(md(signal.sentence))
            st.dataframe(figures_frame(signal.figures, labels), hide_index=True)
            if signal.kind == "refund_spike":
                shown = ", ".join(signal.disqualifiers) or "none yet"
                st.page_link(ICP_PAGE, label=f"Open the ICP to tighten the disqualifiers ({shown})", icon=icon)

"""Monthly trend of one indicator per picked segment: a line with its 95% interval as a band,
tooltips carrying value, interval and n; months with few units drawn as hollow points."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.metrics.registry import METRICS, metric
from ui.components import health_keys as keys
from ui.components.health_names import LOW_N, d3_format, interval_text, segment_label, value_text

DEFAULT_METRIC = "qualified_rate"


def trend_frame(by_month: pd.DataFrame, doc: IcpDocument, key: str, segments: list[str]) -> pd.DataFrame:
    rows = by_month[(by_month["metric"] == key) & by_month["segment"].isin(segments)].copy()
    rows["Segment"] = [segment_label(doc, s) for s in rows["segment"]]
    rows["Month"] = pd.to_datetime(rows["month"] + "-01")
    rows["Value"] = [value_text(key, None if pd.isna(v) else v) for v in rows["value"]]
    rows["95% interval"] = [
        interval_text(key, None if pd.isna(lo) else lo, None if pd.isna(hi) else hi)
        for lo, hi in zip(rows["low"], rows["high"], strict=True)
    ]
    rows["Units"] = [f"n < {LOW_N}: low" if 0 < n < LOW_N else f"n ≥ {LOW_N}" for n in rows["n"]]
    return rows


def chart(frame: pd.DataFrame, key: str) -> alt.LayerChart:
    fmt = d3_format(key)
    label = metric(key).label
    base = alt.Chart(frame).encode(
        x=alt.X("Month:T", title=None, axis=alt.Axis(format="%b %Y", labelFontSize=14)),
        color=alt.Color("Segment:N", legend=alt.Legend(orient="bottom", labelFontSize=14, titleFontSize=14)),
    )
    band = base.mark_area(opacity=0.18).encode(y="low:Q", y2="high:Q")
    tooltip = ["Segment:N", alt.Tooltip("Month:T", format="%B %Y"), "Value:N", "95% interval:N", "n:Q"]
    line = base.mark_line(strokeWidth=3).encode(
        y=alt.Y("value:Q", title=label, axis=alt.Axis(format=fmt, labelFontSize=14, titleFontSize=16))
    )
    points = base.mark_point(size=90, strokeWidth=2).encode(
        y="value:Q",
        shape=alt.Shape("Units:N", legend=alt.Legend(title="Units", orient="bottom", labelFontSize=14)),
        fill=alt.condition(f"datum.n >= {LOW_N}", alt.Color("Segment:N"), alt.value("white")),
        tooltip=tooltip,
    )
    return alt.layer(band, line, points).properties(height=420)


def render(by_month: pd.DataFrame, doc: IcpDocument, segments: list[str]) -> None:
    keys_ = [m.key for m in METRICS]
    key = st.selectbox(
        "Indicator",
        keys_,
        index=keys_.index(DEFAULT_METRIC),
        format_func=lambda k: metric(k).label,
        key=keys.TREND_METRIC,
    )
    frame = trend_frame(by_month, doc, key, segments)
    if frame.empty:
        st.info("No units for this indicator in the picked segments yet.")
        return
    st.altair_chart(chart(frame, key), alt=f"{metric(key).label} by month for the picked segments")
    st.caption(
        f"{metric(key).definition} Bands: 95% interval. Hollow points: fewer than {LOW_N} units. "
        "Months appear once they have units: recent months wait for their window to pass."
    )

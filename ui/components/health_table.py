"""The segment x indicator table: value, 95% interval and n in every cell, low n marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.metrics.registry import METRICS
from icpcore.segments import segment_order
from ui.components.health_names import LOW_N, interval_text, low_n, segment_label, value_text


def _cell_text(key: str, row: pd.Series) -> str:
    n = int(row["n"])
    value = None if pd.isna(row["value"]) else float(row["value"])
    low = None if pd.isna(row["low"]) else float(row["low"])
    high = None if pd.isna(row["high"]) else float(row["high"])
    parts = [value_text(key, value)]
    interval = interval_text(key, low, high)
    if interval:
        parts.append(f"({interval})")
    parts.append(f"n = {n:,}")
    text = " ".join(parts)
    return text + " ⚠ low n" if low_n(n) else text


def table_frame(table: pd.DataFrame, doc: IcpDocument) -> pd.DataFrame:
    """One row per segment, one text column per indicator (labels from the registry)."""
    rows = []
    for segment in segment_order(doc):
        shown = {"Segment": segment_label(doc, segment)}
        for m in METRICS:
            found = table[(table["segment"] == segment) & (table["metric"] == m.key)]
            shown[m.label] = _cell_text(m.key, found.iloc[0]) if not found.empty else "–"
        rows.append(shown)
    return pd.DataFrame(rows)


def render(table: pd.DataFrame, doc: IcpDocument) -> None:
    st.dataframe(table_frame(table, doc), hide_index=True)
    st.caption(
        f"Rates show their Wilson 95% interval, medians their order-statistic interval. "
        f"⚠ low n: fewer than {LOW_N} units, read with care. – : no units in the period."
    )

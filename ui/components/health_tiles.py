"""A tile per segment: its headline indicators, their n, and the change against the period before
(the arrow and the word say better or worse; colour only repeats it)."""

from __future__ import annotations

import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.metrics.compute import Periods
from icpcore.metrics.figures import Change, cell, period_label
from icpcore.metrics.registry import metric
from ui.components.health_names import low_n, segment_label, value_text

HEADLINE = ("leads", "qualified_rate", "win_rate", "cac", "time_to_first_value_days", "retention_90d")
VERDICT_WORDS = {"better": "better", "worse": "worse", "no change": "no change", "no comparison": ""}


def _label(key: str, n: int) -> str:
    text = f"{metric(key).label} · n = {n:,}"
    return text + " · ⚠ low n" if low_n(n) else text


def _tile(change: Change, previous_label: str) -> None:
    key = change.current.metric
    registry = metric(key)
    delta = change.delta_text()
    verdict = change.verdict
    described = delta is not None and verdict != "no change"
    st.metric(
        _label(key, change.current.n),
        value_text(key, change.current.value),
        delta=delta,
        delta_color="normal" if registry.higher_is_better else "inverse",
        delta_arrow="off" if verdict == "no change" else "auto",
        delta_description=f"{VERDICT_WORDS[verdict]} than {previous_label}" if described else None,
        help=registry.definition,
    )


def render(periods: Periods, doc: IcpDocument, segments: list[str]) -> None:
    now = period_label(periods.current.attrs.get("months") or [])
    before = period_label(periods.previous.attrs.get("months") or [])
    st.caption(f"Each tile pools {now}; the change is against {before}.")
    for segment in segments:
        with st.container(border=True):
            st.subheader(segment_label(doc, segment), anchor=False)
            columns = st.columns(len(HEADLINE))
            for column, key in zip(columns, HEADLINE, strict=True):
                change = Change(
                    cell(periods.current, segment, key, period=now), cell(periods.previous, segment, key, period=before)
                )
                with column:
                    _tile(change, before)

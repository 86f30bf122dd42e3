"""One cell opened: the disqualifier, every group with its numbers, the reference group, the
business-reason evidence in plain words, and what to do."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from icpcore.bias.summary import Cell
from icpcore.bias.wording import SEVERITY_MEANING, business_reason, reference_sentence, shadow_strength, what_to_do
from icpcore.icp import Disqualifier, IcpDocument
from icpcore.rules import describe_all
from ui.components import bias_look
from ui.components.text import md


def find_disqualifier(doc: IcpDocument, segment: str | None, dq_id: str) -> Disqualifier | None:
    found = (
        doc.disqualifiers if segment is None else (doc.segment(segment).disqualifiers if doc.segment(segment) else [])
    )
    return next((d for d in found if d.id == dq_id), None)


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def _q(value: float | None) -> str:
    if value is None:
        return ""
    return "< 0.001" if value < 0.001 else f"{value:.3f}"


def group_frame(cell: Cell) -> pd.DataFrame:
    """Every group: n beside each rate, an interval beside each estimate, the result in words."""
    rows: list[dict[str, Any]] = []
    for f in cell.findings:
        reference = f["group"] == f["reference_group"]
        rows.append(
            {
                "Group": f["group"] + (" (reference)" if reference else ""),
                "Accounts (n)": f"{f['n']:,}",
                "Disqualified": f"{f['disqualified']:,}",
                "Selection rate": _percent(f["selection_rate"]),
                "95% interval": f"{_percent(f['selection_low'])}-{_percent(f['selection_high'])}",
                "Impact ratio": "" if f["impact_ratio"] is None else f"{f['impact_ratio']:.2f}",
                "Difference": "" if f["difference"] is None else f"{f['difference'] * 100:+.1f} pts",
                "q-value": _q(f["q_value"]),
                "Result": bias_look.label(f["severity"]),
            }
        )
    return pd.DataFrame(rows)


def header(cell: Cell, dq: Disqualifier | None) -> None:
    first = cell.first
    st.subheader(f"{first['disqualifier_name']} × {cell.attribute}", anchor=False)
    st.markdown(f"{bias_look.markdown(cell.severity)}: {md(SEVERITY_MEANING[cell.severity])}")
    if dq is None:
        return
    status = "paused: it disqualifies nobody until resumed" if dq.status == "paused" else "active"
    st.markdown(f"Rule: **{md(describe_all(dq.rules))}** · status: {status}")
    if dq.rationale:
        st.caption(f"Rationale given: {md(dq.rationale)}")
    if dq.verified_reason:
        st.caption(f"Verified business reason on record: {md(dq.verified_reason)}")


def render(cell: Cell, doc: IcpDocument) -> None:
    header(cell, find_disqualifier(doc, cell.segment, cell.disqualifier))
    frame = group_frame(cell)
    st.dataframe(frame.style.map(bias_look.background, subset=["Result"]), hide_index=True, width="stretch")
    first = cell.first
    st.markdown(md(reference_sentence(first)))
    st.markdown(f"**How strongly it shadows the attribute.** {md(shadow_strength(first))}")
    st.markdown(f"**Business reason.** {md(business_reason(first))}")
    st.info(md(what_to_do(cell)), icon=":material/lightbulb:")

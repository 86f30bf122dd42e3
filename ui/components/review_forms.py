"""The board's forms: the assumptions edited inline (saved as an ICP version with reason and
author) and the contradicting-deal form for sales."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from icpcore.icp import RESERVED_SEGMENTS, IcpDocument
from icpcore.metrics.registry import METRIC_KEYS, metric
from icpcore.review.wording import segment_name
from ui.components import review_keys as keys
from ui.components.text import md
from ui.icp_tables import assumptions_frame, assumptions_from_frame

OPS = {"gte": "at least", "lte": "at most", "between": "between"}


BASE_PARAM = "base"


def editor_base(latest: int) -> int:
    """The ICP version the assumptions editor started from, kept in the address (?base=3) so
    edits stay on it across reruns; a save on a stale base is then refused, not lost."""
    try:
        base = int(st.query_params.get(BASE_PARAM, latest))
    except ValueError:
        base = latest
    base = base if 1 <= base <= latest else latest
    pin_base(base)
    return base


def pin_base(version: int) -> None:
    if st.query_params.get(BASE_PARAM) != str(version):
        st.query_params[BASE_PARAM] = str(version)


@dataclass(frozen=True)
class AssumptionEdit:
    assumptions: list[dict[str, Any]]
    dirty: bool
    save: bool
    reason: str
    author: str


def _column_config(doc: IcpDocument) -> dict[str, Any]:
    segments = [s.id for s in doc.live_segments()] + list(RESERVED_SEGMENTS)
    return {
        "id": st.column_config.TextColumn("Id", required=True, help="Lower-case letters, digits and _"),
        "segment": st.column_config.SelectboxColumn("Segment", options=segments, required=True),
        "metric": st.column_config.SelectboxColumn("Metric", options=list(METRIC_KEYS), required=True),
        "op": st.column_config.SelectboxColumn("Op", options=list(OPS), required=True, help="gte = at least"),
        "value": st.column_config.TextColumn(
            "Target", required=True, help="A number (rates as fractions: 0.3 = 30%); between: lo, hi"
        ),
        "months": st.column_config.NumberColumn("Months", min_value=1, step=1, help="Window ending at the as-of month"),
        "sources": st.column_config.TextColumn(
            "Sources", help="Tags, comma-separated: crm, support_ticket, campaign:spring. Two kinds corroborate."
        ),
        "note": st.column_config.TextColumn("Note", width="large"),
    }


def assumptions_editor(doc: IcpDocument, version: int, author: str) -> AssumptionEdit:
    previous = [a.model_dump(mode="json") for a in doc.assumptions]
    st.caption(
        "Each row is one assumption. Evidence status is derived from the sources alone: tags of two different "
        "kinds (the text before ':') make it corroborated; it cannot be set by hand."
    )
    edited = st.data_editor(
        assumptions_frame(previous),
        key=keys.assumptions_editor(version),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config=_column_config(doc),
    )
    with st.container(border=True):
        cols = st.columns([5, 2])
        reason = cols[0].text_input(
            "Why this change? (required)", key=keys.SAVE_REASON, placeholder="e.g. Support tickets back the CAC ceiling"
        )
        author = cols[1].text_input("Author", value=author, key=keys.SAVE_AUTHOR)
        save = st.button("Save as a new ICP version", type="primary", icon=":material/save:", key=keys.SAVE)
    assumptions = assumptions_from_frame(pd.DataFrame(edited), previous)
    return AssumptionEdit(assumptions, assumptions != previous, save, reason or "", author or "")


@dataclass(frozen=True)
class DealForm:
    submitted: bool
    opportunity_id: str
    target: str
    field: str
    note: str


def _targets(doc: IcpDocument, statements: dict[str, str]) -> dict[str, str]:
    """Choice key -> words: every assumption, then every live segment as a whole."""
    choices = {f"assumption:{a.id}": f"Assumption: {statements.get(a.id, a.id)}" for a in doc.assumptions}
    choices |= {f"segment:{s.id}": f"Segment as a whole: {s.name}" for s in doc.live_segments()}
    choices |= {f"segment:{r}": f"Segment as a whole: {segment_name(doc, r)}" for r in RESERVED_SEGMENTS}
    return choices


def deal_form(doc: IcpDocument, statements: dict[str, str], fields: list[str]) -> DealForm:
    choices = _targets(doc, statements)
    sensitive = set(doc.sensitive_attributes)
    options = [f for f in fields if f not in sensitive] + [f"target: {metric(k).label}" for k in METRIC_KEYS]
    with st.form(keys.DEAL_FORM, clear_on_submit=True, border=True):
        st.markdown("**Submit a recent deal that contradicts the ICP**")
        cols = st.columns([2, 5])
        opportunity = cols[0].text_input("Opportunity id (from the evidence)", key=keys.DEAL_OPPORTUNITY)
        target = cols[1].selectbox(
            "What it contradicts", list(choices), format_func=lambda k: choices[k], key=keys.DEAL_TARGET
        )
        field = st.selectbox(
            "The field it contradicts",
            options,
            index=None,
            accept_new_options=True,
            placeholder="Pick an account field or a target, or type one",
            key=keys.DEAL_FIELD,
        )
        note = st.text_area("How it contradicts the ICP", key=keys.DEAL_NOTE, height=80)
        submitted = st.form_submit_button("Submit the deal", icon=":material/send:", key=keys.DEAL_SUBMIT)
    return DealForm(submitted, opportunity or "", target or "", field or "", note or "")


def deals_table(deals: list[dict[str, Any]], doc: IcpDocument) -> None:
    """Every contradicting deal, newest first, with the segment in words."""
    if not deals:
        st.caption("No contradicting deal submitted yet.")
        return
    rows = [
        {
            "Opportunity": d["opportunity_id"],
            "Segment": segment_name(doc, d["segment"]) if d.get("segment") else "",
            "Assumption": d.get("assumption_id") or "(whole segment)",
            "Field": d["field"],
            "Note": d["note"],
            "By": d["submitted_by"],
            "Submitted": d["submitted_at"][:10],
        }
        for d in deals
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def deal_counts(deals: list[dict[str, Any]], doc: IcpDocument, month: str) -> None:
    """Deals per segment this month and in all, so a segment nobody challenges stands out."""
    lines = []
    for segment in doc.live_segments():
        mine = [d for d in deals if d.get("segment") == segment.id]
        this_month = sum(d["submitted_at"][:7] == month for d in mine)
        lines.append(f"- **{md(segment.name)}**: {this_month} this month, {len(mine)} in all")
    st.markdown("\n".join(lines))


def stale_base_notice(base: int, latest: Any) -> None:
    """Someone saved while these edits were being typed: say so before the save is refused."""
    st.warning(
        f"{md(latest.author)} saved version {latest.number} (“{md(latest.reason)}”) after version {base}, which "
        "this editor started from. Saving your edits would overwrite theirs, so it will be refused: note your "
        f"edits, load version {latest.number}, and make them again on top of it.",
        icon=":material/sync_problem:",
    )
    st.button(
        f"Discard my edits and load version {latest.number}",
        icon=":material/refresh:",
        key=keys.LOAD_LATEST,
        on_click=pin_base,
        args=(latest.number,),
    )

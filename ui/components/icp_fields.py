"""Input widgets for the parts of the ICP document: column setups, segment fields, lists."""

from __future__ import annotations

from typing import Any, get_args

import streamlit as st

from icpcore.icp import RuleOp
from icpcore.metrics.registry import BY_KEY, METRIC_KEYS
from ui import keys
from ui.icp_tables import (
    assumptions_frame,
    assumptions_from_frame,
    objections_frame,
    objections_from_frame,
    texts_frame,
    texts_from_frame,
)
from ui.values import format_texts, parse_texts

OP_WORDS = {
    "eq": "is",
    "ne": "is not",
    "in": "is one of",
    "not_in": "is none of",
    "lt": "is below",
    "lte": "is at most",
    "gt": "is above",
    "gte": "is at least",
    "between": "is between (lo, hi)",
    "contains": "contains",
    "is_empty": "is not known",
    "not_empty": "is known",
}
VALUE_HELP = (
    "Several values: separate them with commas (Software, SaaS). Between: lo, hi. "
    'Text that looks like a number needs quotes ("5"), so does text with a comma.'
)
_FIELD = st.column_config.TextColumn("Account field", help="An account column, e.g. industry", width=190)
_OP = st.column_config.SelectboxColumn(
    "Condition", options=list(get_args(RuleOp)), format_func=OP_WORDS.get, default="eq", width=190
)
_VALUE = st.column_config.TextColumn("Value", help=VALUE_HELP, width="large")
RULE_COLUMNS = {"field": _FIELD, "op": _OP, "value": _VALUE}
DISQUALIFIER_COLUMNS = {
    "id": st.column_config.TextColumn("Id", help="lower-case letters, digits and _", width=150),
    "name": st.column_config.TextColumn("Name", width=230),
    "status": st.column_config.SelectboxColumn("Status", options=["active", "paused"], default="active", width=110),
    "rationale": st.column_config.TextColumn("Rationale", width="large"),
    **RULE_COLUMNS,
}
LIST_FIELDS = (
    ("pains", "Pains"),
    ("jobs", "Jobs to be done"),
    ("triggers", "Triggers"),
    ("keywords", "Keywords"),
    ("negative_keywords", "Negative keywords"),
)
STATUSES = ["active", "hypothesis", "retired"]
ASSUMPTION_OPS = {"gte": "at least", "lte": "at most", "between": "between"}
RESERVED_WORDS = {"non_icp": "Outside the ICP", "disqualified": "Disqualified", "all": "All accounts"}


def text_list_input(
    label: str, values: list[str], key: str, *, lower: bool = False, disabled: bool = False, help: str | None = None
) -> list[str]:
    text = st.text_input(label, value=format_texts(values), key=key, disabled=disabled, help=help)
    items = parse_texts(text)
    return [i.lower() for i in items] if lower else items


def editable_table(frame: Any, key: str, columns: dict[str, Any]) -> Any:
    """An ICP list as an editable table: rows can be added and deleted, no index column."""
    return st.data_editor(frame, key=key, num_rows="dynamic", hide_index=True, width="stretch", column_config=columns)


def text_list_editor(label: str, values: list[str], key: str) -> list[str]:
    column = {"text": st.column_config.TextColumn(label, width="large")}
    edited = editable_table(texts_frame(values), key, column)
    return texts_from_frame(edited)


def segment_details(segment: dict[str, Any], prefix: str) -> None:
    """Id, name, status, owner, promise and proof, written into `segment`."""
    cols = st.columns([2, 3, 2, 3])
    segment["id"] = cols[0].text_input("Id", value=segment.get("id", ""), key=prefix + keys.SEGMENT_ID)
    segment["name"] = cols[1].text_input("Name", value=segment.get("name", ""), key=prefix + keys.SEGMENT_NAME)
    status = segment.get("status", "active")
    segment["status"] = cols[2].selectbox(
        "Status",
        STATUSES,
        index=STATUSES.index(status) if status in STATUSES else 0,
        format_func=str.capitalize,
        key=prefix + keys.SEGMENT_STATUS,
    )
    segment["owner"] = cols[3].text_input("Owner", value=segment.get("owner", ""), key=prefix + keys.SEGMENT_OWNER)
    segment["promise"] = st.text_area(
        "Promise", value=segment.get("promise", ""), height=80, key=prefix + keys.SEGMENT_PROMISE
    )
    proof = dict(segment.get("proof") or {})
    cols = st.columns(2)
    proof["metric"] = cols[0].text_area(
        "Proof: a number", value=proof.get("metric", ""), height=80, key=prefix + keys.SEGMENT_PROOF_METRIC
    )
    proof["testimonial"] = cols[1].text_area(
        "Proof: a testimonial",
        value=proof.get("testimonial", ""),
        height=80,
        key=prefix + keys.SEGMENT_PROOF_TESTIMONIAL,
    )
    segment["proof"] = proof


def segment_lists(segment: dict[str, Any], prefix: str) -> None:
    """Pains, jobs and triggers (sentences: full width), keywords side by side; one small table each."""
    columns = [st.container(), st.container(), st.container(), *st.columns(2)]
    for column, (name, label) in zip(columns, LIST_FIELDS, strict=True):
        with column:
            segment[name] = text_list_editor(label, segment.get(name, []), prefix + name.replace("_", "-"))


def objections_editor(objections: list[dict[str, Any]], key: str) -> list[dict[str, str]]:
    config = {
        "objection": st.column_config.TextColumn("Objection", width="large"),
        "rebuttal": st.column_config.TextColumn("Rebuttal", width="large"),
    }
    edited = editable_table(objections_frame(objections), key, config)
    return objections_from_frame(edited)


def assumptions_editor(
    assumptions: list[dict[str, Any]], segment_names: dict[str, str], key: str
) -> list[dict[str, Any]]:
    """`segment_names`: segment id -> name for the segment picker (the reserved ids are added)."""
    names = segment_names | RESERVED_WORDS
    options = list(dict.fromkeys([*names, *(a.get("segment", "") for a in assumptions)]))
    config = {
        "id": st.column_config.TextColumn("Id", width=170),
        "segment": st.column_config.SelectboxColumn(
            "Segment", options=options, format_func=lambda s: names.get(s, s), width=190
        ),
        "metric": st.column_config.SelectboxColumn(
            "Metric", options=list(METRIC_KEYS), format_func=lambda k: BY_KEY[k].label, width=190
        ),
        "op": st.column_config.SelectboxColumn(
            "Target", options=list(ASSUMPTION_OPS), format_func=ASSUMPTION_OPS.get, default="gte", width=110
        ),
        "value": st.column_config.TextColumn("Value", help="A number; for between: lo, hi", width=110),
        "months": st.column_config.NumberColumn("Months", min_value=1, step=1, default=3, width=90),
        "sources": st.column_config.TextColumn("Sources", help="Comma separated tags, e.g. crm, win_loss", width=210),
        "note": st.column_config.TextColumn("Note", width="large"),
    }
    edited = editable_table(assumptions_frame(assumptions), key, config)
    return assumptions_from_frame(edited, assumptions)

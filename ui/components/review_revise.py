"""'Revise' in the meeting: the assumption opened for editing in place (and its segment's
status and rules where it has a segment), under the reminder to change only what blocks
execution. Targets are typed as people say them: '30%', '2,500', '3'."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.metrics.registry import metric
from ui.components import review_keys as keys
from ui.icp_tables import rules_frame, rules_from_frame

REMINDER = "Change only what blocks execution."
OPS = {"gte": "at least", "lte": "at most", "between": "between"}


def target_text(key: str, value: float) -> str:
    """0.3 -> '30%' for rates; 2500 -> '2500' otherwise."""
    return f"{value * 100:g}%" if metric(key).unit == "share" else f"{value:g}"


def parse_target(text: str) -> float:
    """'30%' -> 0.3, '2,500' -> 2500.0; raises ValueError naming the text."""
    clean = text.strip().replace(",", "").replace("_", "")
    try:
        return float(clean[:-1]) / 100 if clean.endswith("%") else float(clean)
    except ValueError:
        raise ValueError(f"'{text}' is not a number (write 30% or 0.3)") from None


@dataclass(frozen=True)
class Revision:
    assumption: dict[str, Any]
    segment: dict[str, Any] | None
    problem: str | None


def _target_inputs(a: dict[str, Any], op: str, key: Any) -> tuple[Any, str | None]:
    current = a["value"] if isinstance(a["value"], list) else [a["value"], a["value"]]
    try:
        if op == "between":
            cols = st.columns(2)
            lo = cols[0].text_input("From", target_text(a["metric"], current[0]), key=key("lo"))
            hi = cols[1].text_input("To", target_text(a["metric"], current[1]), key=key("hi"))
            return [parse_target(lo), parse_target(hi)], None
        text = st.text_input("Target", target_text(a["metric"], current[0]), key=key("target"))
        return parse_target(text), None
    except ValueError as exc:
        return None, str(exc)


def revise_editor(review_id: int, assumption_id: str, doc: IcpDocument, version: int) -> Revision | None:
    """The editor, or None (with a message) when the assumption is no longer in the ICP."""
    found = next((a for a in doc.assumptions if a.id == assumption_id), None)
    if found is None:
        st.info(f"This assumption is no longer in the ICP (version {version}); nothing to revise.")
        return None
    a = found.model_dump(mode="json")

    def key(thing: str) -> str:
        return keys.decision(review_id, assumption_id, f"v{version}-{thing}")

    st.warning(f"**{REMINDER}**", icon=":material/priority_high:")
    cols = st.columns([3, 2])
    op = cols[0].selectbox("Direction", list(OPS), index=list(OPS).index(a["op"]), format_func=OPS.get, key=key("op"))
    months = cols[1].number_input("Months", min_value=1, value=int(a.get("months", 3)), step=1, key=key("months"))
    value, problem = _target_inputs(a, op, key)
    sources = st.text_input("Sources (comma-separated)", ", ".join(a.get("sources", [])), key=key("sources"))
    note = st.text_input("Assumption note", a.get("note", ""), key=key("note"))
    changes = {"op": op, "months": int(months), "sources": [s.strip() for s in sources.split(",") if s.strip()]}
    changes |= {"note": note.strip()} | ({"value": value} if value is not None else {})
    segment = doc.segment(a["segment"])
    if segment is None:
        return Revision(changes, None, problem)
    st.markdown(f"**Segment “{segment.name}”** (edit only if the segment itself blocks execution)")
    status = st.selectbox(
        "Segment status",
        ["active", "hypothesis", "retired"],
        index=["active", "hypothesis", "retired"].index(segment.status),
        key=key("segment-status"),
    )
    rules = st.data_editor(
        rules_frame([r.model_dump(mode="json") for r in segment.rules]),
        key=key("segment-rules"),
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
    )
    return Revision(changes, {"status": status, "rules": rules_from_frame(rules)}, problem)

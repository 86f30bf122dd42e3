"""The ICP draft editor: every field of the document, edited inline.

Widgets start from the draft's baseline and are keyed on its generation; each run reads them
all back into one working document. Structural changes (add, move, retire, delete a segment)
are returned as requests and applied after the whole document has been read.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, get_args

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from icpcore.icp import Rule, RuleOp
from icpcore.rules import describe_all
from ui import keys
from ui.components import icp_fields
from ui.components.icp_overview import SUCCESS_WORDS
from ui.components.text import STATUS_BADGES, md
from ui.icp_tables import (
    disqualifiers_frame,
    disqualifiers_from_frame,
    rules_frame,
    rules_from_frame,
)
from ui.problems import Place, Problem
from ui.state import Draft

OPS: list[str] = list(get_args(RuleOp))
SUCCESS_EVENTS = list(SUCCESS_WORDS)


@dataclass
class EditorResult:
    document: dict[str, Any]
    slots: dict[Place, DeltaGenerator] = field(default_factory=dict)
    requests: list[tuple[str, int]] = field(default_factory=list)  # ('up', 1), ('add', -1), ...


def _days(column: DeltaGenerator, label: str, value: float, key: str) -> float:
    if float(value).is_integer():
        return column.number_input(label, min_value=1, value=int(value), step=1, key=key)
    return column.number_input(label, min_value=0.01, value=float(value), step=1.0, key=key)


def _general(doc: dict[str, Any], generation: int, manage_sensitive: bool) -> None:
    st.subheader("The ICP", anchor=False)
    cols = st.columns([4, 3, 2, 2])
    doc["name"] = cols[0].text_input("ICP name", value=doc["name"], key=keys.icp_draft(generation, keys.NAME))
    success = dict(doc["success"])
    success["event"] = cols[1].selectbox(
        "Success means",
        SUCCESS_EVENTS,
        index=SUCCESS_EVENTS.index(success["event"]),
        format_func=SUCCESS_WORDS.get,
        key=keys.icp_draft(generation, keys.SUCCESS_EVENT),
    )
    success["window_days"] = _days(
        cols[2], "…within days", success["window_days"], keys.icp_draft(generation, keys.SUCCESS_DAYS)
    )
    doc["success"] = success
    doc["qualification_window_days"] = _days(
        cols[3],
        "Qualification window (days)",
        doc["qualification_window_days"],
        keys.icp_draft(generation, keys.QUALIFICATION_DAYS),
    )
    doc["sensitive_attributes"] = icp_fields.text_list_input(
        "Sensitive attributes (comma separated; no rule may use them)",
        doc.get("sensitive_attributes", []),
        keys.icp_draft(generation, keys.SENSITIVE),
        lower=True,
        disabled=not manage_sensitive,
        help=None if manage_sensitive else "Only admins change the sensitive attributes.",
    )


def rules_preview(rules: list[dict[str, Any]]) -> None:
    """The rules in plain English, once they are all valid (problems show in their slot)."""
    try:
        parsed = [Rule.model_validate(r) for r in rules]
    except ValueError:
        return
    st.markdown(f"Reads as: **{md(describe_all(parsed))}**")


def rules_editor(rules: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    edited = icp_fields.editable_table(rules_frame(rules), key, icp_fields.RULE_COLUMNS)
    out = rules_from_frame(edited)
    rules_preview(out)
    return out


def disqualifiers_editor(disqualifiers: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    st.caption(
        "One row per condition. Rows that share an id are one disqualifier whose conditions must all hold. "
        "A paused disqualifier disqualifies nobody (the bias check still covers it)."
    )
    edited = icp_fields.editable_table(disqualifiers_frame(disqualifiers), key, icp_fields.DISQUALIFIER_COLUMNS)
    return disqualifiers_from_frame(edited, disqualifiers)


def _segment_label(segment: dict[str, Any]) -> str:
    status = STATUS_BADGES.get(segment.get("status", ""), (segment.get("status", ""),))[0]
    return f"{segment.get('name') or segment.get('id') or 'New segment'} · {status}"


def _segment_requests(segment: dict[str, Any], index: int, count: int, generation: int) -> list[tuple[str, int]]:
    """Move, retire and delete buttons of one segment; returns what was asked for."""

    def key(thing: str) -> str:
        return keys.icp_segment(generation, index, thing)

    asked: list[tuple[str, int]] = []
    row = st.container(horizontal=True)
    if row.button("Move up", icon=":material/arrow_upward:", key=key(keys.SEGMENT_MOVE_UP), disabled=index == 0):
        asked.append(("up", index))
    if row.button(
        "Move down", icon=":material/arrow_downward:", key=key(keys.SEGMENT_MOVE_DOWN), disabled=index == count - 1
    ):
        asked.append(("down", index))
    if segment.get("status") == "retired":
        if row.button("Reactivate as hypothesis", icon=":material/unarchive:", key=key(keys.SEGMENT_REACTIVATE)):
            asked.append(("reactivate", index))
    elif row.button("Retire", icon=":material/archive:", key=key(keys.SEGMENT_RETIRE)):
        asked.append(("retire", index))
    with row.popover("Delete…", icon=":material/delete:"):
        st.markdown("Deleting removes the segment from the draft. Retiring keeps it on record.")
        if st.button(f"Delete {md(segment.get('name', ''))}", type="primary", key=key(keys.SEGMENT_DELETE)):
            asked.append(("delete", index))
    return asked


def _segment(segment: dict[str, Any], index: int, draft: Draft, result: EditorResult) -> dict[str, Any]:
    out = copy.deepcopy(segment)
    generation, count = draft.generation, len(draft.baseline.get("segments", []))
    with st.expander(_segment_label(segment), icon=":material/groups:", expanded=index == draft.focus):
        result.requests += _segment_requests(segment, index, count, generation)
        icp_fields.segment_details(out, keys.icp_segment(generation, index, ""))
        result.slots[("segment", index)] = st.container()
        st.markdown("##### Who is in this segment (all rules must hold)")
        out["rules"] = rules_editor(segment.get("rules", []), keys.icp_segment(generation, index, keys.SEGMENT_RULES))
        result.slots[("segment", index, "rules")] = st.container()
        st.markdown("##### Not this segment when")
        out["disqualifiers"] = disqualifiers_editor(
            segment.get("disqualifiers", []), keys.icp_segment(generation, index, keys.SEGMENT_DISQUALIFIERS)
        )
        result.slots[("segment", index, "disqualifiers")] = st.container()
        icp_fields.segment_lists(out, keys.icp_segment(generation, index, ""))
        st.markdown("##### Objections and rebuttals")
        out["objections"] = icp_fields.objections_editor(
            segment.get("objections", []), keys.icp_segment(generation, index, keys.SEGMENT_OBJECTIONS)
        )
        result.slots[("segment", index, "objections")] = st.container()
    return out


def render(draft: Draft, *, manage_sensitive: bool = True) -> EditorResult:
    """Draw the editor for `draft` and return the working document read back from it;
    `manage_sensitive` False shows the sensitive attributes without letting them change."""
    generation, baseline = draft.generation, draft.baseline
    result = EditorResult(copy.deepcopy(baseline))
    doc = result.document
    result.slots[("summary",)] = st.container()
    _general(doc, generation, manage_sensitive)
    result.slots[("general",)] = st.container()
    st.subheader("Who we never target (global disqualifiers)", anchor=False)
    doc["disqualifiers"] = disqualifiers_editor(
        baseline.get("disqualifiers", []), keys.icp_draft(generation, keys.GLOBAL_DISQUALIFIERS)
    )
    result.slots[("disqualifiers",)] = st.container()
    st.subheader("Segments", anchor=False)
    st.caption("An account joins the first segment, top to bottom, whose rules all hold. Open a segment to edit it.")
    segments = baseline.get("segments", [])
    doc["segments"] = [_segment(s, i, draft, result) for i, s in enumerate(segments)]
    if st.button("Add a segment", icon=":material/add:", key=keys.icp_draft(generation, keys.ADD_SEGMENT)):
        result.requests.append(("add", -1))
    result.slots[("segments",)] = st.container()
    st.subheader("Assumptions we test", anchor=False)
    names = {s.get("id", ""): s.get("name") or s.get("id", "") for s in segments}
    doc["assumptions"] = icp_fields.assumptions_editor(
        baseline.get("assumptions", []), names, keys.icp_draft(generation, keys.ASSUMPTIONS)
    )
    result.slots[("assumptions",)] = st.container()
    return result


def show_problems(result: EditorResult, problems: list[Problem]) -> None:
    """Each problem next to its place, and all of them in the summary at the top of the editor."""
    if not problems:
        return
    with result.slots[("summary",)]:
        lines = "\n".join(f"- {md(p.text)}" for p in problems)
        st.error(f"**This draft cannot be saved yet ({len(problems)} to fix):**\n{lines}", icon=":material/error:")
    for problem in problems:
        slot = result.slots.get(problem.place) or result.slots.get(problem.place[:2]) or result.slots[("general",)]
        slot.warning(md(problem.text), icon=":material/warning:")

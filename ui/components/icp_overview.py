"""The ICP as people read it in a meeting: plain words, large type, nothing raw."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from icpcore.icp import Assumption, Disqualifier, IcpDocument, Objection, Segment
from icpcore.metrics.registry import BY_KEY
from icpcore.rules import describe_all
from ui.components.text import bullet_list, md, status_badge

SUCCESS_WORDS = {
    "qualified_lead": "a qualified lead",
    "trial_activation": "trial activation (first value)",
    "paid": "a first purchase",
}
SEGMENT_WORDS = {"non_icp": "Outside the ICP", "disqualified": "Disqualified accounts", "all": "All accounts"}


def _fact(column: DeltaGenerator, label: str, value: str) -> None:
    with column.container(border=True, height="stretch"):
        st.caption(label)
        st.markdown(f"#### {value}")


def summary(doc: IcpDocument) -> None:
    """Success definition, qualification window, sensitive attributes, segment count."""
    live = doc.live_segments()
    days = f"{doc.success.window_days:g}"
    cols = st.columns([3, 2, 3, 2])
    _fact(cols[0], "Success means", f"{SUCCESS_WORDS[doc.success.event]} within {days} days of first touch")
    _fact(cols[1], "Qualification window", f"{doc.qualification_window_days:g} days")
    sensitive = ", ".join(a.replace("_", " ") for a in doc.sensitive_attributes) or "none declared"
    _fact(cols[2], "Sensitive attributes (never used in rules)", md(sensitive))
    active = sum(s.status == "active" for s in live)
    _fact(cols[3], "Segments", f"{active} active, {len(live) - active} hypothesis")


def _disqualifier(dq: Disqualifier, *, compact: bool = False) -> None:
    with st.container(border=True, height="stretch"):
        top = st.columns([5, 2], vertical_alignment="center")
        top[0].markdown(f"{'**' if compact else '#### '}{md(dq.name)}{'**' if compact else ''}")
        with top[1]:
            status_badge(dq.status)
        st.markdown(f"**Disqualified when:** {md(describe_all(dq.rules))}")
        if dq.status == "paused":
            st.markdown("_Paused: disqualifies nobody for now; the bias check still covers it._")
        st.markdown(f"**Why:** {md(dq.rationale)}" if dq.rationale else "**Why:** _no rationale written yet_")


def global_disqualifiers(disqualifiers: list[Disqualifier]) -> None:
    st.header("Who we never target", anchor=False)
    if not disqualifiers:
        st.caption("No global disqualifiers.")
        return
    cols = st.columns(min(3, len(disqualifiers)))
    for i, dq in enumerate(disqualifiers):
        with cols[i % len(cols)]:
            _disqualifier(dq)


def _objections(objections: list[Objection]) -> None:
    st.markdown("##### Objections and rebuttals")
    if not objections:
        st.caption("none yet")
    for o in objections:
        st.markdown(f"**“{md(o.objection)}”**  \n→ {md(o.rebuttal) if o.rebuttal else '_no rebuttal yet_'}")


def _promise(segment: Segment) -> None:
    st.markdown("##### Promise")
    st.markdown(f"**{md(segment.promise)}**" if segment.promise else "_no promise written yet_")
    st.markdown("##### Proof")
    proof = [p for p in (segment.proof.metric, segment.proof.testimonial) if p]
    bullet_list(proof, "no proof yet")


def _keywords(segment: Segment) -> None:
    words = ", ".join(md(k) for k in segment.keywords) or "none"
    negative = ", ".join(md(k) for k in segment.negative_keywords) or "none"
    st.markdown(f"**Keywords:** {words}  \n**Negative keywords:** {negative}")


def segment_card(segment: Segment) -> None:
    with st.container(border=True):
        top = st.columns([6, 2, 3], vertical_alignment="center")
        top[0].subheader(md(segment.name), anchor=False)
        with top[1]:
            status_badge(segment.status)
        top[2].markdown(f"**Owner:** {md(segment.owner) if segment.owner else '_nobody yet_'}")
        st.markdown(f"#### Who: {md(describe_all(segment.rules))}")
        lists = st.columns(3)
        for column, title, items in zip(
            lists,
            ("Pains", "Jobs to be done", "Triggers"),
            (segment.pains, segment.jobs, segment.triggers),
            strict=True,
        ):
            with column:
                st.markdown(f"##### {title}")
                bullet_list(items)
        left, right = st.columns(2)
        with left:
            _objections(segment.objections)
        with right:
            _promise(segment)
        if segment.disqualifiers:
            st.markdown("##### Not this segment when")
            for dq in segment.disqualifiers:
                _disqualifier(dq, compact=True)
        _keywords(segment)


def _assumption_sentence(a: Assumption, doc: IcpDocument) -> str:
    metric = BY_KEY[a.metric]
    segment = doc.segment(a.segment)
    where = segment.name if segment else SEGMENT_WORDS.get(a.segment, a.segment)
    if a.op == "between":
        target = f"between {metric.format(a.value[0])} and {metric.format(a.value[1])}"
    else:
        target = f"{'at least' if a.op == 'gte' else 'at most'} {metric.format(a.value)}"
    months = "the last month" if a.months == 1 else f"the last {a.months} months"
    sources = ", ".join(a.sources) or "no source named"
    return f"**{md(where)}:** {md(metric.label)} {md(target)} over {months} (sources: {md(sources)})"


def assumptions(doc: IcpDocument) -> None:
    st.header("Assumptions we test", anchor=False)
    if not doc.assumptions:
        st.caption("No assumptions yet.")
    for a in doc.assumptions:
        st.markdown(f"- {_assumption_sentence(a, doc)}" + (f"  \n  _{md(a.note)}_" if a.note else ""))


def render(doc: IcpDocument) -> None:
    summary(doc)
    global_disqualifiers(doc.disqualifiers)
    st.header("Segments", anchor=False)
    for segment in doc.live_segments():
        segment_card(segment)
    retired = [s for s in doc.segments if s.status == "retired"]
    if retired:
        with st.expander(f"Retired segments ({len(retired)})"):
            for segment in retired:
                segment_card(segment)
    assumptions(doc)

"""The meeting view, made for a shared screen: very large type, one assumption at a time with
previous / next and progress, and the decision taken on it. Everything shown comes from the
review's frozen snapshot."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from icpcore.review.past import DECISIONS, ReviewView
from icpcore.review.wording import DECISION_WORDS, VERDICT_WORDS
from ui.components import review_keys as keys
from ui.components.review_card import (
    DECISION_ICONS,
    VERDICT_LOOK,
    actual_parts,
    deal_lines,
    deals_on,
    evidence_line,
    history_lines,
    window_text,
)
from ui.components.review_chart import trend_chart
from ui.components.text import md

ITEM_PARAM = "item"

# Large type for a room: only this page's main area grows (the style leaves with the page).
SHARED_SCREEN_CSS = """
<style>
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] p,
[data-testid="stMainBlockContainer"] [data-testid="stMarkdownContainer"] li { font-size: 1.55rem; line-height: 1.45; }
[data-testid="stMainBlockContainer"] h1 { font-size: 3.3rem; line-height: 1.15; }
[data-testid="stMainBlockContainer"] h2 { font-size: 2.4rem; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 3.6rem !important; font-weight: 700; }
[data-testid="stMetricLabel"] p { font-size: 1.35rem !important; }
[data-testid="stMainBlockContainer"] [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
[data-testid="stMainBlockContainer"] button p { font-size: 1.35rem; }
[data-testid="stMainBlockContainer"] label p { font-size: 1.25rem; }
[data-testid="stMainBlockContainer"] textarea, [data-testid="stMainBlockContainer"] input { font-size: 1.3rem; }
</style>
"""


def shared_screen_style() -> None:
    st.html(SHARED_SCREEN_CSS)


# -- position: kept in the address (?item=3), so a reload or a shared link keeps the place -----------
def position(count: int) -> int:
    """The 0-based index of the assumption on screen."""
    try:
        index = int(st.query_params.get(ITEM_PARAM, "1")) - 1
    except ValueError:
        index = 0
    return min(max(index, 0), max(count - 1, 0))


def go_to(index: int) -> None:
    st.query_params[ITEM_PARAM] = str(index + 1)


# -- starting ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StartForm:
    submitted: bool
    held_on: date
    attendees: str
    as_of: date | None


def start_form(today: date) -> StartForm:
    with st.form(keys.START_FORM, border=True):
        st.subheader("Start the monthly review", anchor=False)
        st.caption("Starting freezes every number shown, so the record says exactly what the meeting saw.")
        cols = st.columns([1, 1, 3])
        held_on = cols[0].date_input("Meeting date", value=today, key=keys.START_DATE)
        as_of = cols[1].date_input("Data as of (empty: latest)", value=None, key=keys.START_AS_OF)
        attendees = cols[2].text_area("Attendees (one per line or comma-separated)", key=keys.START_ATTENDEES)
        submitted = st.form_submit_button(
            "Start the review", type="primary", icon=":material/play_arrow:", key=keys.START
        )
    return StartForm(submitted, held_on, attendees or "", as_of)


# -- one assumption, large ----------------------------------------------------------------------------
def progress(review: ReviewView, index: int) -> None:
    count, decided = len(review.assumptions), len(review.decided())
    st.caption(
        f"Review of {review.held_on} · data as of {review.as_of} · ICP version {review.icp_version} at the start · "
        f"{md(', '.join(review.attendees))}"
    )
    st.progress((index + 1) / max(count, 1), text=f"Assumption {index + 1} of {count} · {decided} decided")


def _facts(row: dict[str, Any]) -> None:
    """Verdict, target against actual, interval and n, the trend: what the room looks at."""
    icon, colour = VERDICT_LOOK[row["verdict"]]
    st.markdown(f"## :{colour}[{icon} {VERDICT_WORDS[row['verdict']]}]")
    value, interval, n = actual_parts(row)
    target, actual = st.columns(2)
    target.metric("Target", row.get("target_symbols", row["target_text"]))
    actual.metric("Actual", value)
    spread = f"95% interval **{md(interval)}**" if interval else "No interval"
    st.markdown(f"{spread} · n = **{n}** · {window_text(row)}")
    chart = trend_chart(row, height=230, large=True)
    if chart is None:
        st.markdown("No monthly numbers in the last six months.")
    else:
        st.altair_chart(chart, width="stretch")


def _context(row: dict[str, Any], deals: list[dict[str, Any]]) -> None:
    st.markdown(evidence_line(row))
    if row.get("todo"):
        st.markdown(f":orange[:material/checklist: {md(row['todo'])}]")
    st.markdown("  \n".join(history_lines(row)))
    mine = deals_on(row, deals)
    st.markdown(f":material/report: **Contradicting deals: {len(mine)}**")
    if mine:
        st.markdown("\n".join(f"- {line}" for line in deal_lines(mine)))


def assumption_view(review: ReviewView, index: int) -> DeltaGenerator:
    """The assumption on the left; returns the right-hand column, where the decision goes."""
    row = review.assumptions[index]
    st.title(md(row["statement"]), anchor=False)
    left, right = st.columns([3, 2], gap="large")
    with left:
        _facts(row)
        _context(row, review.snapshot.get("deals", []))
    return right


# -- deciding ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class DecisionInput:
    choice: str | None
    note: str
    record: bool


def decided_banner(review: ReviewView, assumption_id: str) -> None:
    taken = review.decided().get(assumption_id)
    if taken is None:
        return
    version = f" → ICP version {taken.icp_version}" if taken.icp_version is not None else ""
    note = f": {md(taken.note)}" if taken.note else ""
    st.success(f"**Decided: {DECISION_WORDS[taken.decision]}**{note}{version}", icon=DECISION_ICONS[taken.decision])


def decision_choice(review: ReviewView, assumption_id: str) -> str | None:
    return st.segmented_control(
        "Decision",
        list(DECISIONS),
        format_func=lambda d: f"{DECISION_ICONS[d]} {DECISION_WORDS[d]}",
        key=keys.decision(review.id, assumption_id, "choice"),
        width="stretch",
    )


def decision_note(review: ReviewView, assumption_id: str, choice: str | None) -> DecisionInput:
    needed = choice in ("revise", "retire", "investigate")
    note = st.text_input(
        "Note for the minutes" + (" (required)" if needed else ""),
        key=keys.decision(review.id, assumption_id, "note"),
        placeholder="Why, and what happens next",
    )
    record = st.button(
        "Record the decision",
        type="primary",
        icon=":material/gavel:",
        disabled=choice is None,
        key=keys.decision(review.id, assumption_id, "record"),
    )
    return DecisionInput(choice, note or "", record)


def navigation(index: int, count: int, undecided: int, *, can_finish: bool = True) -> bool:
    """Previous / next (they move the address) and finish; True when finish was pressed."""
    cols = st.columns([2, 2, 5, 3], vertical_alignment="center")
    cols[0].button(
        "Previous",
        icon=":material/arrow_back:",
        disabled=index == 0,
        key=keys.PREVIOUS,
        on_click=go_to,
        args=(index - 1,),
        width="stretch",
    )
    cols[1].button(
        "Next",
        icon=":material/arrow_forward:",
        disabled=index >= count - 1,
        key=keys.NEXT,
        on_click=go_to,
        args=(index + 1,),
        width="stretch",
        type="primary",
    )
    if not can_finish:
        return False
    if undecided:
        cols[2].caption(f"{undecided} without a decision: finishing lists them as open to-dos.")
    return cols[3].button("Finish the review", icon=":material/flag:", key=keys.FINISH, width="stretch")

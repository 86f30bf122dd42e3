"""One assumption as a card: what it says, target against actual with interval and n, the
trend, the evidence status with its sources (and the corroboration to-do), what changed since
the last review, the last decision, and the contradicting deals on it.

Cards read a report row (live) or a snapshot row (a past review) alike, so a past review shows
exactly what its meeting saw. Meaning is carried by words and icons; colour only repeats it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import streamlit as st

from icpcore.metrics.registry import metric
from icpcore.review.deals import touches
from icpcore.review.wording import DECISION_WORDS, EVIDENCE_WORDS, VERDICT_WORDS
from ui.components.review_chart import trend_chart
from ui.components.text import md

VERDICT_LOOK = {
    "supported": (":material/check_circle:", "green"),
    "inconclusive": (":material/help:", "orange"),
    "contradicted": (":material/cancel:", "red"),
    "insufficient_data": (":material/hourglass_empty:", "gray"),
}
EVIDENCE_LOOK = {"corroborated": (":material/verified:", "blue"), "hypothesis": (":material/science:", "orange")}
DECISION_ICONS = {
    "keep": ":material/check:",
    "revise": ":material/edit:",
    "retire": ":material/archive:",
    "investigate": ":material/search:",
}


def verdict_label(verdict: str) -> str:
    icon, colour = VERDICT_LOOK[verdict]
    return f":{colour}[{icon} {VERDICT_WORDS[verdict]}]"


def verdict_badge(verdict: str) -> None:
    icon, colour = VERDICT_LOOK[verdict]
    st.badge(VERDICT_WORDS[verdict], icon=icon, color=colour)  # type: ignore[arg-type]


def window_text(row: dict[str, Any]) -> str:
    """'Sep to Nov 2026', 'Nov 2026', 'Dec 2025 to Feb 2026'."""
    first, last = row.get("window") or ["", ""]
    if not first:
        return ""
    start, end = (datetime.strptime(m, "%Y-%m") for m in (first, last))
    if first == last:
        return f"{end:%b %Y}"
    return f"{start:%b} to {end:%b %Y}" if start.year == end.year else f"{start:%b %Y} to {end:%b %Y}"


def actual_parts(row: dict[str, Any]) -> tuple[str, str, str]:
    """(value, interval or '', n) formatted by the registry."""
    m = metric(row["metric"])
    interval = ""
    if row["low"] is not None and row["high"] is not None:
        interval = f"{m.format(row['low'])} to {m.format(row['high'])}"
    return m.format(row["value"]), interval, f"{row['n']:,}"


def numbers(row: dict[str, Any], *, level: str = "###") -> None:
    """The actual value large, its interval and n beneath, then the target and the window."""
    value, interval, n = actual_parts(row)
    st.markdown(f"{level} {md(value)}")
    spread = f"95% interval {md(interval)}" if interval else "no interval"
    st.markdown(f"{spread} · n = {n}  \nTarget **{md(row['target_text'])}** · {window_text(row)}")


def evidence_line(row: dict[str, Any]) -> str:
    icon, colour = EVIDENCE_LOOK[row["evidence"]]
    sources = ", ".join(row.get("sources") or []) or "no source named"
    return f":{colour}[{icon} **{EVIDENCE_WORDS[row['evidence']]}**] · sources: {md(sources)}"


def history_lines(row: dict[str, Any]) -> list[str]:
    lines = []
    if row.get("changed"):
        lines.append(
            f":material/change_circle: Changed: was {VERDICT_WORDS[row['previous_verdict']].lower()} at the last review"
        )
    last = row.get("last_decision")
    if last:
        icon = DECISION_ICONS.get(last["decision"], "")
        note = f": {md(last['note'])}" if last.get("note") else ""
        lines.append(f"{icon} Last decision ({last['held_on']}): **{DECISION_WORDS[last['decision']]}**{note}")
    else:
        lines.append("No decision taken on it yet")
    return lines


def deal_lines(deals: list[dict[str, Any]]) -> list[str]:
    return [
        f"{md(d['opportunity_id'])} · {md(d['field'])}: {md(d['note'])} · {md(d['submitted_by'])}, "
        f"{d['submitted_at'][:10]}"
        for d in deals
    ]


def deals_on(row: dict[str, Any], deals: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in deals if touches(d, row["id"], row["segment"])]


def card(row: dict[str, Any], deals: list[dict[str, Any]]) -> None:
    """A board card (compact)."""
    with st.container(border=True):
        st.markdown(f"##### {md(row['statement'])}")
        numbers(row)
        chart = trend_chart(row)
        if chart is None:
            st.caption("No monthly numbers in the last six months")
        else:
            st.altair_chart(chart, width="stretch")
        st.markdown(evidence_line(row))
        if row.get("todo"):
            st.markdown(f":orange[:material/checklist: To do: {md(row['todo'].lower())}] (one source kind only)")
        st.markdown("  \n".join(history_lines(row)))
        mine = deals_on(row, deals)
        if mine:
            with st.expander(f"Contradicting deals: {len(mine)}", icon=":material/report:"):
                st.markdown("\n".join(f"- {line}" for line in deal_lines(mine)))

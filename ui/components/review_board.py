"""The review board: banners for what is due, the prompt for contradicting deals, and the
assumptions in four columns by verdict."""

from __future__ import annotations

from typing import Any

import streamlit as st

from icpcore.review.deals import DEALS_PROMPT
from icpcore.review.due import Due
from icpcore.review.evaluation import VERDICTS
from icpcore.review.wording import VERDICT_WORDS
from ui.components.review_card import VERDICT_LOOK, card
from ui.components.text import md

DUE_ICONS = {"monthly": ":material/event:", "quarterly": ":material/autorenew:"}
EMPTY_COLUMN = {
    "supported": "Nothing the data supports yet.",
    "inconclusive": "Nothing open.",
    "contradicted": "Nothing the data contradicts.",
    "insufficient_data": "Every assumption has enough units.",
}


def due_banners(notices: list[Due]) -> None:
    for notice in notices:
        st.warning(md(notice.text), icon=DUE_ICONS.get(notice.kind, ":material/event:"))


def deal_prompt(segment_names: list[str]) -> None:
    """'Add three recent deals that contradict the draft' for segments with none this month."""
    if segment_names:
        names = ", ".join(md(n) for n in segment_names)
        st.info(f"**{DEALS_PROMPT}** for {names}: none submitted this month.", icon=":material/report:")


def column_header(verdict: str, count: int) -> None:
    icon, colour = VERDICT_LOOK[verdict]
    st.markdown(f"#### :{colour}[{icon}] {VERDICT_WORDS[verdict]} ({count})")


def board(rows: list[dict[str, Any]], deals: list[dict[str, Any]]) -> None:
    """Four columns in a fixed order; an empty column says so in words."""
    if not rows:
        st.info("The ICP states no assumptions yet: add one below.", icon=":material/lightbulb:")
        return
    columns = st.columns(len(VERDICTS), gap="medium")
    for column, verdict in zip(columns, VERDICTS, strict=True):
        group = [r for r in rows if r["verdict"] == verdict]
        with column:
            column_header(verdict, len(group))
            if not group:
                st.caption(EMPTY_COLUMN[verdict])
            for row in group:
                card(row, deals)

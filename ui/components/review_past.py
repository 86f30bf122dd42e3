"""Past reviews: the list (with decisions, ICP changes and contradicting deals counted per
review) and one review read back exactly as its meeting saw it, with its minutes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.review.deals import DealView, period_deals
from icpcore.review.past import ReviewView
from ui.components import review_keys as keys
from ui.components.review_board import board
from ui.components.text import md, when


def _deal_count(review: ReviewView, deals: list[DealView]) -> int:
    return len(period_deals(deals, review.snapshot.get("period_start"), review.finished_at))


def past_table(reviews: list[ReviewView], deals: list[DealView]) -> None:
    rows = [
        {
            "Held on": r.held_on,
            "Data as of": r.as_of,
            "Attendees": ", ".join(r.attendees),
            "Decisions": len(r.decided()),
            "ICP versions made": ", ".join(str(d.icp_version) for d in r.decided().values() if d.icp_version) or "none",
            "Contradicting deals": _deal_count(r, deals),
            "Status": "finished" if r.finished else "in progress",
        }
        for r in reviews
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def pick(reviews: list[ReviewView]) -> ReviewView | None:
    """Choose a finished review to read; the newest is open by default."""
    finished = [r for r in reviews if r.finished]
    if not finished:
        return None
    chosen = st.selectbox(
        "Read a past review",
        [r.id for r in finished],
        format_func=lambda i: next(f"Review of {r.held_on} (data as of {r.as_of})" for r in finished if r.id == i),
        key=keys.PAST_PICK,
    )
    return next((r for r in finished if r.id == chosen), None)


def past_view(review: ReviewView) -> None:
    st.subheader(f"Review of {review.held_on}", anchor=False)
    st.caption(
        f"Data as of {review.as_of} · ICP version {review.icp_version} at the start · "
        f"finished {when(review.finished_at)} · attendees: {md(', '.join(review.attendees))}"
    )
    st.download_button(
        "Download the minutes (Markdown)",
        review.minutes or "",
        file_name=f"icp-review-{review.held_on}.md",
        mime="text/markdown",
        icon=":material/download:",
        key=keys.MINUTES_DOWNLOAD,
        on_click="ignore",
    )
    minutes_tab, board_tab = st.tabs(["Minutes", "The board as the meeting saw it"])
    with minutes_tab, st.container(border=True):
        st.markdown(review.minutes or "No minutes stored.")
    with board_tab:
        st.caption("Numbers frozen when the review started; later evidence does not change them.")
        board(review.assumptions, review.snapshot.get("deals", []))

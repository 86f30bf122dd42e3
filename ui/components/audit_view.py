"""The audit log page's parts: filters, the table of entries and its CSV download."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from icpcore.audit_log import MAX_ROWS, AuditFilter, AuditRow, Facets, entries_csv

# Widget keys, defined once.
WHO = "audit-who"
ACTIONS = "audit-actions"
ORIGINS = "audit-origins"
DAYS = "audit-days"
TEXT = "audit-text"
DOWNLOAD = "audit-download"

ACTION_WORDS = {
    "icp.save": "saved an ICP version",
    "backup.restore": "restored a backup",
    "review.start": "started a review",
    "review.decide": "decided on an assumption",
    "review.finish": "finished a review",
    "review.deal": "recorded a contradicting deal",
    "evidence.import": "imported evidence",
    "evidence.load": "loaded an evidence bundle",
    "evidence.clear": "cleared the evidence",
}


def filters(found: Facets) -> AuditFilter:
    """The filter row; returns what is chosen."""
    top = st.columns(3)
    who = top[0].multiselect("Who", found.who, key=WHO, placeholder="anyone")
    actions = top[1].multiselect(
        "What", found.actions, key=ACTIONS, placeholder="any action", format_func=lambda a: ACTION_WORDS.get(a, a)
    )
    origins = top[2].multiselect("From (page or command)", found.origins, key=ORIGINS, placeholder="anywhere")
    bottom = st.columns([1, 2])
    days = bottom[0].date_input("Between (UTC days)", value=_span(found), key=DAYS)
    text = bottom[1].text_input("Target or person contains", key=TEXT, placeholder="e.g. version 12, review 3")
    since, until = _range(days)
    return AuditFilter(tuple(who), tuple(actions), tuple(origins), since, until, text or "")


def _span(found: Facets) -> tuple[date, date] | tuple[()]:
    return (found.first, found.last) if found.first and found.last else ()


def _range(days: object) -> tuple[date | None, date | None]:
    """The date input gives a date, a pair, or a half-picked one-element tuple."""
    if isinstance(days, date):
        return days, days
    picked = [d for d in (days or ()) if isinstance(d, date)]  # type: ignore[union-attr]
    if not picked:
        return None, None
    return picked[0], picked[-1] if len(picked) > 1 else None


def table(rows: list[AuditRow]) -> None:
    frame = pd.DataFrame(
        [
            {
                "When (UTC)": r.at.strftime("%Y-%m-%d %H:%M:%S"),
                "Who": r.who,
                "What": ACTION_WORDS.get(r.action, r.action),
                "Target": r.target,
                "From": r.origin,
                "Details": r.detail_text(),
            }
            for r in rows
        ],
        columns=["When (UTC)", "Who", "What", "Target", "From", "Details"],
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={"Details": st.column_config.TextColumn(width="large")},
    )
    if len(rows) >= MAX_ROWS:
        st.caption(f"Showing the newest {MAX_ROWS:,} entries: narrow the filters to see older ones.")


def download(rows: list[AuditRow]) -> None:
    st.download_button(
        "Download these entries (CSV)",
        data=entries_csv(rows),
        file_name="fitboard-audit-log.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
        key=DOWNLOAD,
        disabled=not rows,
    )

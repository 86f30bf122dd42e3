"""The Evidence page's data-quality checklist: missing values, dates out of order, orphans, duplicates."""

from __future__ import annotations

import streamlit as st

from icpcore.evidence.quality import GROUPS, Check


def _line(check: Check) -> str:
    if check.total == 0:
        return f":material/radio_button_unchecked: **Nothing to check yet**: {check.label}"
    if check.ok:
        return f":material/check_circle: **OK**: {check.label}: none of {check.total:,}"
    return f":material/visibility: **Review**: {check.label}: {check.count:,} of {check.total:,}"


def render(checks: list[Check]) -> None:
    to_review = sum(not c.ok for c in checks)
    checked = sum(c.total > 0 for c in checks)
    st.caption(
        f"{checked - to_review} of {checked} checks with data found nothing; {to_review} to review. The importer "
        "already refuses what the contract forbids; these are the things it allows but a reviewer should see."
    )
    for group in GROUPS:
        st.markdown(f"**{group}**")
        for check in (c for c in checks if c.group == group):
            st.markdown(_line(check))
            if not check.ok:
                st.caption(check.advice)

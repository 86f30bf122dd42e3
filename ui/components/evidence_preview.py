"""The import wizard's preview: every problem (row, column, what is wrong), what privacy handling
drops, hashes and masks, and rows a recipe leaves out, all before anything is written."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.evidence.preview import Preview
from ui.components.text import md


def _problems(preview: Preview) -> None:
    more = preview.bad_rows - len({row for row, _, _ in preview.problems})
    st.error(
        f"**{preview.bad_rows:,} bad row(s), {preview.total_problems:,} problem(s): nothing will be imported** "
        "until the file is fixed (an import is all or nothing).",
        icon=":material/error:",
    )
    table = pd.DataFrame(list(preview.problems), columns=["Row", "Column", "Problem"])
    st.dataframe(table, hide_index=True, width="stretch")
    if more > 0:
        st.caption(f"… and {more:,} more bad row(s) not listed (the first 50 are).")
    st.caption("Row 1 is the first row under the header.")


def _privacy(preview: Preview) -> None:
    st.markdown("**Privacy**: applied before anything is stored")
    lines = [f"Column **{md(c)}** is dropped (contact details)." for c in preview.dropped]
    lines += [
        f"Column **{md(c)}** is replaced by a salted hash (contact details used as a key)." for c in preview.hashed
    ]
    if lines:
        st.markdown("\n".join(f"- {line}" for line in lines))
    if preview.masked:
        masked = pd.DataFrame(list(preview.masked), columns=["Column", "Emails", "Phone numbers", "Personal URLs"])
        st.caption("Free text masked as [email], [phone], [url]:")
        st.dataframe(masked, hide_index=True)
    if not lines and not preview.masked:
        st.caption("No contact columns and no emails, phone numbers or personal URLs found.")


def render(preview: Preview) -> None:
    if preview.file_error is not None:
        st.error(md(preview.file_error), icon=":material/error:")
        return
    if preview.ok:
        st.success(f"**{preview.rows:,} row(s) are valid** and ready to import.", icon=":material/check_circle:")
    else:
        _problems(preview)
    for reason, count in preview.skipped:
        st.info(f"The recipe leaves out {count:,} row(s): {md(reason)}.", icon=":material/filter_alt:")
    _privacy(preview)

"""One artefact on screen: what to review, a preview per format, and a download for each.

Previews show text as data: CSV in a table (a cell starting with '=' stays text), JSON as code,
Markdown rendered from the export's own escaped text (user text in it is already literal).
"""

from __future__ import annotations

import io
import re

import pandas as pd
import streamlit as st

from icpcore.exports import FORMATS, TITLES, Artefact, Format, render_context
from icpcore.exports.context import ExportContext
from ui.components import exports_keys as keys
from ui.components.text import md

HELP = {
    "ads": "Include and exclude criteria per segment. The LinkedIn company list uploads under Campaign "
    "Manager > Plan > Audiences > Create > Company list; the criteria table sets up a saved audience by hand.",
    "search": "Import in Google Ads Editor (Account > Import > From file): one campaign per segment, keywords as "
    "phrase match, negative keywords at campaign level.",
    "crm": "Picklists for HubSpot (the JSON is the body of a batch property create) or Salesforce, with the "
    "qualification question for each buying trigger.",
    "brief": "For whoever writes the landing page: the promise, one job, one number from the data, proof.",
    "script": "For reps on a first call: trigger questions, polite disqualifying checks, objections.",
    "nudges": "Lifecycle messages, only where a segment's numbers fall below all accounts.",
}


def build(ctx: ExportContext, what: str) -> list[tuple[Format, Artefact]]:
    return [(f, render_context(ctx, what, f.key)) for f in FORMATS[what]]


def _demoted(markdown: str) -> str:
    """Headings two levels down, so a preview sits under the page's own headings. Only the
    export's own headings start a line with '#': user text in it is escaped ('\\#')."""
    return re.sub(r"^(#{1,4}) ", lambda m: "#" * (len(m.group(1)) + 2) + " ", markdown, flags=re.MULTILINE)


def _preview(fmt: Format, artefact: Artefact) -> None:
    if fmt.extension == "csv":
        frame = pd.read_csv(io.StringIO(artefact.text), dtype=str, keep_default_na=False)
        st.caption(f"{len(frame):,} row(s) · {len(frame.columns)} column(s): {md(', '.join(frame.columns))}")
        st.dataframe(frame, hide_index=True, height=min(38 + 35 * len(frame), 420))
    elif fmt.extension == "json":
        st.code(artefact.text, language="json", height=420)
    else:
        with st.container(border=True, height=520):
            st.markdown(_demoted(artefact.text))
        with st.expander("Markdown source"):
            st.code(artefact.text, language="markdown")


def _download(what: str, fmt: Format, artefact: Artefact) -> None:
    st.download_button(
        f"Download {fmt.label}",
        data=artefact.text.encode("utf-8"),
        file_name=artefact.file_name,
        mime=artefact.mime,
        key=keys.download(what, fmt.key),
        icon=":material/download:",
        on_click="ignore",  # a download needs no rerun
    )


def render(what: str, built: list[tuple[Format, Artefact]]) -> None:
    st.subheader(TITLES[what], anchor=False)
    st.caption(HELP[what])
    warnings = list(dict.fromkeys(w for _, a in built for w in a.warnings))
    if warnings:
        items = "\n".join(f"- {md(w)}" for w in warnings)
        st.warning(f"**Review before you use these files:**\n\n{items}", icon=":material/rate_review:")
    tabs = st.tabs([f.label for f, _ in built], key=keys.FORMAT_TABS) if len(built) > 1 else [st.container()]
    for tab, (fmt, artefact) in zip(tabs, built, strict=True):
        with tab:
            _download(what, fmt, artefact)
            _preview(fmt, artefact)

"""The sidebar every page shares: banners, the current ICP version, the evidence status."""

from __future__ import annotations

import streamlit as st

from icpcore import history
from ui import auth, cache
from ui.components.text import md, when

EVIDENCE_SHOWN = ("accounts", "leads", "opportunities", "notes")


def _banners() -> None:
    """The banner slot: always at the top of the sidebar, where nobody misses it."""
    auth.render_account()  # who is signed in, or the local single-user banner
    summary = cache.evidence_summary(cache.database_url(), cache.get_store().evidence_version())
    if summary.demo:
        st.info(
            "**Demo evidence.** The numbers come from a made-up company; import your own CSV files to replace them.",
            icon=":material/science:",
        )
    for notice in cache.startup_notices():
        st.error(md(notice), icon=":material/error:")


def _icp_version() -> None:
    version = history.current(cache.get_store())
    st.markdown("**ICP version**")
    if version is None:
        st.markdown("No ICP saved yet")
        return
    st.markdown(f"### Version {version.number}")
    st.caption(f"by {md(version.author)} · {when(version.created_at)}")


def _evidence() -> None:
    store = cache.get_store()
    summary = cache.evidence_summary(cache.database_url(), store.evidence_version())
    st.markdown("**Evidence**")
    if not summary.counts.get("accounts"):
        st.markdown("No evidence imported yet")
        return
    st.markdown("  \n".join(f"{summary.counts.get(kind, 0):,} {kind}" for kind in EVIDENCE_SHOWN))
    st.caption(f"Last import: {md(summary.last_import)} · {when(summary.last_import_at)}")


def render_sidebar() -> None:
    with st.sidebar:
        _banners()
        _icp_version()
        st.divider()
        _evidence()

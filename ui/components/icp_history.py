"""The ICP's history: every version, what changed between two, restore and download."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from ui import cache, keys
from ui.cache import VersionInfo
from ui.components.text import md, when


def _label(version: VersionInfo) -> str:
    return f"Version {version.number} · {version.author} · {when(version.created_at)}"


def versions_table(versions: list[VersionInfo]) -> None:
    frame = pd.DataFrame(
        [
            {
                "Version": v.number,
                "Saved": when(v.created_at),
                "Author": v.author,
                "Reason": v.reason + (f" (restored from version {v.restored_from})" if v.restored_from else ""),
            }
            for v in versions
        ]
    )
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        column_config={
            "Version": st.column_config.NumberColumn(width="small"),
            "Saved": st.column_config.TextColumn(width="medium"),
            "Author": st.column_config.TextColumn(width="medium"),
            "Reason": st.column_config.TextColumn(width="large"),
        },
    )


def compare(url: str, versions: list[VersionInfo]) -> None:
    st.subheader("What changed between two versions", anchor=False)
    by_number = {v.number: v for v in versions}
    numbers = list(by_number)
    cols = st.columns(2)
    before = cols[0].selectbox(
        "From",
        numbers,
        index=min(1, len(numbers) - 1),
        format_func=lambda n: _label(by_number[n]),
        key=keys.icp_history(versions[0].number, keys.HISTORY_FROM),
    )
    after = cols[1].selectbox(
        "To",
        numbers,
        index=0,
        format_func=lambda n: _label(by_number[n]),
        key=keys.icp_history(versions[0].number, keys.HISTORY_TO),
    )
    if before is None or after is None or before == after:
        st.caption("Pick two different versions to see what changed.")
        return
    changes = cache.changes_between(url, before, after)
    if not changes:
        st.markdown(f"No field differs between version {before} and version {after}.")
        return
    st.markdown(f"**From version {before} to version {after}:**")
    st.markdown("\n".join(f"- {md(c)}" for c in changes))


def restore_and_download(url: str, versions: list[VersionInfo], *, dirty: bool, read_only: bool = False) -> int | None:
    """Returns the version to restore when the button was pressed."""
    st.subheader("Restore or download a version", anchor=False)
    by_number = {v.number: v for v in versions}
    latest = versions[0].number
    pick = st.selectbox(
        "Version",
        list(by_number),
        index=min(1, len(by_number) - 1),
        format_func=lambda n: _label(by_number[n]),
        key=keys.icp_history(latest, keys.HISTORY_PICK),
    )
    row = st.container(horizontal=True)
    restore = row.button(
        f"Restore version {pick} as a new version",
        icon=":material/history:",
        key=keys.ICP_RESTORE,
        disabled=pick is None or pick == latest or dirty or read_only,
    )
    document = cache.version_document(url, pick) if pick is not None else None
    row.download_button(
        f"Download version {pick} (JSON)",
        data=json.dumps(document, indent=2, ensure_ascii=False),
        file_name=f"icp-version-{pick}.json",
        mime="application/json",
        icon=":material/download:",
        on_click="ignore",
        key=keys.ICP_DOWNLOAD,
        disabled=document is None,
    )
    if read_only:
        st.caption("Restoring a version takes the editor role; anyone may download one.")
    elif dirty:
        st.caption("Save or discard your unsaved edits first: restoring starts a new draft from that version.")
    elif pick == latest:
        st.caption("This is the current version.")
    else:
        st.caption("Restoring never rewrites history: the old document is saved again as the newest version.")
    return pick if restore else None


def render(url: str, latest: int, *, dirty: bool, read_only: bool = False) -> int | None:
    versions = cache.version_list(url, latest)
    st.subheader(f"{len(versions)} version{'s' if len(versions) != 1 else ''}, newest first", anchor=False)
    versions_table(versions)
    compare(url, versions)
    return restore_and_download(url, versions, dirty=dirty, read_only=read_only)

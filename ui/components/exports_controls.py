"""The Exports page's pickers: which segment (or every active one) and which artefact."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from icpcore.exports import TITLES, WHATS
from icpcore.exports.context import ALL_ACTIVE
from icpcore.icp import IcpDocument
from ui.components import exports_keys as keys

ALL_ACTIVE_LABEL = "All active segments"
ICONS = {
    "ads": ":material/campaign:",
    "search": ":material/search:",
    "crm": ":material/list_alt:",
    "brief": ":material/web:",
    "script": ":material/call:",
    "nudges": ":material/notifications_active:",
}


@dataclass(frozen=True)
class Choice:
    segment: str | None  # None: every active segment
    what: str


def _segment_label(doc: IcpDocument, segment_id: str) -> str:
    if segment_id == ALL_ACTIVE:
        return ALL_ACTIVE_LABEL
    found = doc.segment(segment_id)
    return f"{found.name} ({found.status})" if found else segment_id


def render(doc: IcpDocument) -> Choice:
    options = [ALL_ACTIVE, *(s.id for s in doc.live_segments())]  # 'all-active' is never a segment id
    segment = st.selectbox(
        "Segment",
        options,
        format_func=lambda s: _segment_label(doc, s),
        key=keys.SEGMENT,
        help="“All active segments” leaves out hypothesis segments; pick one to export it alone.",
    )
    what = st.segmented_control(
        "Artefact",
        WHATS,
        default=WHATS[0],
        required=True,
        format_func=lambda w: f"{ICONS[w]} {TITLES[w]}",
        key=keys.ARTEFACT,
        width="stretch",
    )
    return Choice(None if segment in (None, ALL_ACTIVE) else segment, what or WHATS[0])

"""The Segment health page's controls: as-of date, period, channel and the segment picker."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import streamlit as st

from icpcore.icp import IcpDocument
from icpcore.segments import segment_order
from ui.components import health_keys as keys
from ui.components.health_names import segment_label

PERIODS = (1, 3, 6, 12)
ALL_CHANNELS = "All channels"


@dataclass(frozen=True)
class Controls:
    as_of: date
    months: int
    channel: str | None
    segments: list[str]


def render(doc: IcpDocument, *, default_as_of: date, channels: list[str]) -> Controls:
    as_of_col, months_col, channel_col = st.columns([1, 1, 1])
    as_of = as_of_col.date_input(
        "As of",
        value=default_as_of,
        key=keys.AS_OF,
        help="Only events before the end of this day count. Defaults to the latest evidence date.",
    )
    months = months_col.selectbox(
        "Period",
        PERIODS,
        index=PERIODS.index(3),
        format_func=lambda m: f"last {m} month{'s' if m > 1 else ''}",
        key=keys.MONTHS,
        help="Tiles, the table and the comparison pool this many months ending at the as-of month; "
        "the change is against the same number of months before.",
    )
    channel = channel_col.selectbox(
        "Channel",
        [ALL_CHANNELS, *channels],
        key=keys.CHANNEL,
        help="Narrows Leads and Qualified rate to leads from one channel; other indicators are unchanged.",
    )
    order = segment_order(doc)
    picked = st.multiselect(
        "Segments",
        order,
        default=[s.id for s in doc.live_segments()] + ["non_icp"],
        format_func=lambda s: segment_label(doc, s),
        key=keys.SEGMENTS,
    )
    return Controls(
        as_of=as_of if isinstance(as_of, date) else default_as_of,
        months=int(months),
        channel=None if channel == ALL_CHANNELS else channel,
        segments=[s for s in order if s in picked],
    )

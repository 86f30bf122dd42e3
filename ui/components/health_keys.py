"""Widget keys of the Segment health page, defined once, as 'health-<thing>'."""

from __future__ import annotations

AS_OF = "health-as-of"
MONTHS = "health-months"
CHANNEL = "health-channel"
SEGMENTS = "health-segments"
TREND_METRIC = "health-trend-metric"
TABS = "health-tabs"

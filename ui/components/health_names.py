"""How segments and figures read on the Segment health page."""

from __future__ import annotations

from icpcore.icp import IcpDocument
from icpcore.metrics.registry import metric

RESERVED_LABELS = {"non_icp": "Outside the ICP", "disqualified": "Disqualified", "all": "All accounts"}
LOW_N = 30  # fewer units than this: the figure is marked as low n


def segment_label(doc: IcpDocument, segment_id: str) -> str:
    if segment_id in RESERVED_LABELS:
        return RESERVED_LABELS[segment_id]
    found = doc.segment(segment_id)
    return found.name if found else segment_id


def value_text(key: str, value: float | None) -> str:
    return metric(key).format(value)


def interval_text(key: str, low: float | None, high: float | None) -> str:
    """'37.0–42.3%' style, or '' without an interval."""
    if low is None or high is None:
        return ""
    fmt = metric(key)
    return f"{fmt.format(low)} – {fmt.format(high)}"


def low_n(n: int) -> bool:
    return 0 < n < LOW_N


def d3_format(key: str) -> str:
    """The registry's Python format spec as a d3/Vega-Lite format ('{:.1%}' -> '.1%')."""
    spec = metric(key).fmt
    return spec[spec.index("{:") + 2 : spec.index("}")]

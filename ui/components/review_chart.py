"""The trend of one assumption's metric: the last six months as a line, each month's interval
as a band, and the target as dashed rules. Altair, from the numbers of a report or snapshot."""

from __future__ import annotations

import math
from typing import Any

import altair as alt
import pandas as pd

from icpcore.metrics.registry import metric

INK = "#3A4252"  # axis labels dark enough to read across a room


def axis_format(key: str) -> str:
    """A d3 format for the axis, following the registry's unit."""
    m = metric(key)
    if m.unit == "share":
        return ".0%"
    return ".1f" if m.kind == "median" else "~s"


def _frame(row: dict[str, Any]) -> pd.DataFrame:
    m = metric(row["metric"])
    records = [
        {
            "month": t["month"],
            "value": t["value"],
            "low": t["low"],
            "high": t["high"],
            "n": t["n"],
            "shown": m.format(t["value"]) if t["value"] is not None else "no units",
        }
        for t in row.get("trend", [])
    ]
    return pd.DataFrame(records, columns=["month", "value", "low", "high", "n", "shown"])


def _targets(row: dict[str, Any]) -> pd.DataFrame:
    target = row["target"]
    bounds = target if isinstance(target, list) else [target]
    finite = [b for b in bounds if isinstance(b, int | float) and math.isfinite(b)]
    return pd.DataFrame({"target": finite})


def trend_chart(row: dict[str, Any], *, height: int = 90, large: bool = False) -> alt.LayerChart | None:
    """None when no month of the window has a number. The scale hugs the data and the target
    (not zero), so a drift of a few points is visible."""
    data = _frame(row)
    if data["value"].isna().all():
        return None
    data["date"] = pd.to_datetime(data["month"] + "-01")
    fmt = axis_format(row["metric"])
    size = 20 if large else 13
    scale = alt.Scale(zero=False, nice=True)
    x = alt.X(
        "date:T",
        title=None,
        axis=alt.Axis(format="%b", labelFontSize=size, labelColor=INK, tickCount="month", grid=False),
    )
    y = alt.Y(
        "value:Q", title=None, scale=scale, axis=alt.Axis(format=fmt, labelFontSize=size, labelColor=INK, tickCount=3)
    )
    tooltip = [
        alt.Tooltip("month:O", title="Month"),
        alt.Tooltip("shown:N", title=row["metric_label"]),
        alt.Tooltip("n:Q", title="n", format=","),
    ]
    base = alt.Chart(data).encode(x=x)
    band = base.mark_area(opacity=0.2).encode(y=alt.Y("low:Q", scale=scale), y2="high:Q")
    line = base.mark_line(point=alt.OverlayMarkDef(size=110 if large else 40), strokeWidth=4 if large else 2.5)
    rules = alt.Chart(_targets(row)).mark_rule(strokeDash=[6, 4], strokeWidth=2.5, color="#525C70")
    layers = alt.layer(band, line.encode(y=y, tooltip=tooltip), rules.encode(y=alt.Y("target:Q", scale=scale)))
    return layers.properties(height=height)

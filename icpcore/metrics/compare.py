"""ICP versus non-ICP: does the profile actually convert better?

The ICP side pools the units of every live segment (numerators and denominators summed), read
exactly from a by-segment indicator table (value x n gives back the successes). Each rate is
compared with `non_icp` by a two-proportion z-test; the verdict reads the registry's direction.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.proportion import proportions_ztest

from icpcore.icp import IcpDocument
from icpcore.metrics.figures import Figure, cell
from icpcore.metrics.registry import metric
from icpcore.segments import NON_ICP
from icpcore.stats import wilson

ICP = "icp"
COMPARED = ("qualified_rate", "win_rate", "first_value_rate", "success_rate", "retention_90d", "refund_rate")
MIN_N = 30
P_VALUE = 0.05


@dataclass(frozen=True)
class Comparison:
    metric: str
    icp: Figure
    non_icp: Figure
    p_value: float | None
    verdict: str  # better | worse | no clear difference | too few units

    @property
    def sentence(self) -> str:
        label = metric(self.metric).label
        if self.verdict == "too few units":
            return f"{label}: too few units to compare (ICP n = {self.icp.n:,}, non-ICP n = {self.non_icp.n:,})."
        if self.verdict == "no clear difference":
            return f"{label}: no clear difference, ICP {self.icp.shown()} vs non-ICP {self.non_icp.shown()}."
        return f"{label}: the ICP does {self.verdict}, {self.icp.shown()} vs non-ICP {self.non_icp.shown()}."


def icp_figure(table: pd.DataFrame, doc: IcpDocument, key: str, period: str) -> Figure:
    """A rate pooled over every live segment."""
    n = successes = 0
    for seg in doc.live_segments():
        fig = cell(table, seg.id, key, period=period)
        if fig.value is not None:
            n += fig.n
            successes += round(fig.value * fig.n)
    low, high = wilson(successes, n)
    return Figure(ICP, key, period, successes / n if n else None, low, high, n)


def _verdict(key: str, icp: Figure, other: Figure) -> tuple[float | None, str]:
    if min(icp.n, other.n) < MIN_N or icp.value is None or other.value is None:
        return None, "too few units"
    counts = [round(icp.value * icp.n), round(other.value * other.n)]
    if counts[0] + counts[1] in (0, icp.n + other.n):
        return 1.0, "no clear difference"  # both all-or-nothing: the test is undefined
    _, p_value = proportions_ztest(counts, [icp.n, other.n])
    if not p_value < P_VALUE:
        return float(p_value), "no clear difference"
    ahead = (icp.value > other.value) == metric(key).higher_is_better
    return float(p_value), "better" if ahead else "worse"


def icp_vs_non_icp(table: pd.DataFrame, doc: IcpDocument, *, period: str = "") -> list[Comparison]:
    """For each conversion rate: the ICP's live segments pooled against `non_icp`."""
    out = []
    for key in COMPARED:
        icp = icp_figure(table, doc, key, period)
        other = cell(table, NON_ICP, key, period=period)
        p_value, verdict = _verdict(key, icp, other)
        out.append(Comparison(key, icp, other, p_value, verdict))
    return out

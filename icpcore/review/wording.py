"""Assumptions in plain words ("Mid-market SaaS: qualified rate at least 30%"), from the ICP's
segment names and the metric registry's labels and formats. Plain text, no Markdown."""

from __future__ import annotations

import re

from icpcore.icp import Assumption, IcpDocument
from icpcore.metrics.registry import metric

RESERVED_NAMES = {"non_icp": "Outside the ICP", "disqualified": "Disqualified accounts", "all": "All accounts"}
VERDICT_WORDS = {
    "supported": "Supported",
    "inconclusive": "Inconclusive",
    "contradicted": "Contradicted",
    "insufficient_data": "Insufficient data",
}
EVIDENCE_WORDS = {"corroborated": "Corroborated", "hypothesis": "Hypothesis"}
DECISION_WORDS = {"keep": "Keep", "revise": "Revise", "retire": "Retire", "investigate": "Investigate"}

_TRAILING_ZERO = re.compile(r"(\d)\.0(?!\d)")  # "30.0%" -> "30%" for targets people typed


def segment_name(doc: IcpDocument | None, segment_id: str) -> str:
    if segment_id in RESERVED_NAMES:
        return RESERVED_NAMES[segment_id]
    segment = doc.segment(segment_id) if doc is not None else None
    return segment.name if segment else segment_id


def metric_words(key: str) -> str:
    """'Qualified rate' -> 'qualified rate'; acronyms such as 'CAC' stay as they are."""
    label = metric(key).label
    return label if label[:2].isupper() else label[:1].lower() + label[1:]


def format_target(key: str, value: float) -> str:
    return _TRAILING_ZERO.sub(r"\1", metric(key).format(value))


def target_words(assumption: Assumption) -> str:
    """'at least 30%', 'at most 2,500', 'between 20% and 45%'."""
    key = assumption.metric
    if assumption.op == "between":
        lo, hi = assumption.value
        return f"between {format_target(key, lo)} and {format_target(key, hi)}"
    word = "at least" if assumption.op == "gte" else "at most"
    return f"{word} {format_target(key, assumption.value)}"


def target_symbols(assumption: Assumption) -> str:
    """'≥ 30%', '≤ 2,500', '20% – 45%': the target at a glance, for large type."""
    key = assumption.metric
    if assumption.op == "between":
        lo, hi = assumption.value
        return f"{format_target(key, lo)} – {format_target(key, hi)}"
    return f"{'≥' if assumption.op == 'gte' else '≤'} {format_target(key, assumption.value)}"


def window_words(months: int) -> str:
    return "the last month" if months == 1 else f"the last {months} months"


def statement(assumption: Assumption, doc: IcpDocument | None) -> str:
    """The assumption as one sentence for a card or the minutes."""
    where = segment_name(doc, assumption.segment)
    return f"{where}: {metric_words(assumption.metric)} {target_words(assumption)}"


def actual_words(key: str, value: float | None, low: float | None, high: float | None, n: int) -> str:
    """'31.2% (27.0% to 35.5%, n = 412)'; the interval only when there is one."""
    m = metric(key)
    interval = f"{m.format(low)} to {m.format(high)}, " if low is not None and high is not None else ""
    return f"{m.format(value)} ({interval}n = {n:,})"

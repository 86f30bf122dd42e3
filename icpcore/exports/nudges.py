"""Lifecycle nudges (Markdown), only where the data asks for one.

A segment *stalls before first value* when its first-value rate is low, and *churns early* when
its 90-day retention is poor. Low and poor are relative to all accounts: the segment has at
least MIN_N units and its whole 95% interval lies below the all-accounts rate. Such a segment
gets a day-3 message brief (first value) or an onboarding brief that offers a pared-down path
first (retention); each brief cites the numbers that triggered it. Otherwise the export says
plainly that no nudge is warranted, or that there is not enough data to tell.
"""

from __future__ import annotations

from typing import Literal

from icpcore.exports.context import ExportContext
from icpcore.exports.readings import MIN_N, Reading, Readings, read
from icpcore.icp import Segment
from icpcore.mdsafe import escape

FIRST_VALUE, RETENTION, ALL = "first_value_rate", "retention_90d", "all"
Verdict = Literal["below", "not_below", "insufficient", "no_baseline"]


def assess(segment: Reading, baseline: Reading) -> Verdict:
    """Whether the segment's rate is credibly below all accounts' rate."""
    if not baseline.usable:
        return "no_baseline"
    if not segment.usable or segment.n < MIN_N or segment.high is None:
        return "insufficient"
    return "below" if segment.high < baseline.value else "not_below"  # type: ignore[operator]


def _why(seg: Reading, base: Reading) -> str:
    return f"**Why:** {seg.label} {seg.text()}, against {base.text()} for all accounts."


def _first_job(ctx: ExportContext, s: Segment) -> str:
    return escape(ctx.text(s.jobs[0])) if s.jobs and ctx.text(s.jobs[0]) else "the one result they signed up for"


def _day3(ctx: ExportContext, s: Segment, seg: Reading, base: Reading) -> list[str]:
    pain = escape(ctx.text(s.pains[0])) if s.pains and ctx.text(s.pains[0]) else "getting started"
    promise = escape(ctx.text(s.promise)) if ctx.text(s.promise) else "what they signed up for"
    job = _first_job(ctx, s)
    return [
        "### Day-3 message brief: reach first value",
        "",
        _why(seg, base),
        "",
        "- **Send to:** accounts of this segment 3 days after signing up, with no first-value event yet.",
        f"- **Barrier to address:** they have not yet seen the product ease “{pain}”.",
        f"- **Lead with:** {promise}",
        "- **Step-through (three steps, no more):**",
        f"  1. Pick the one result to reach first: {job}.",
        "  2. Connect only what that result needs; everything else can wait.",
        "  3. Open the result and share it with one colleague; reply to this message if a step blocks you.",
        f"- **Measure:** this segment's {seg.label.lower()} at the next review.",
        "",
    ]


def _onboarding(ctx: ExportContext, s: Segment, seg: Reading, base: Reading) -> list[str]:
    job = _first_job(ctx, s)
    return [
        "### Onboarding brief: a pared-down path first",
        "",
        _why(seg, base),
        "",
        "- **Send to:** new customers of this segment in their first week after purchase.",
        f"- **Offer first:** a pared-down path with one job only: {job}. Hide or postpone the rest.",
        "- **Path:**",
        "  1. A 20-minute setup call that finishes that one job together.",
        "  2. A weekly check on that job's result for the first month.",
        "  3. Only then introduce the next feature, if they ask for more.",
        f"- **Measure:** this segment's {seg.label.lower()} at the next review.",
        "",
    ]


def _plain(seg: Reading, base: Reading, verdict: Verdict) -> str:
    if verdict == "no_baseline":
        return f"{seg.label}: no all-accounts figure to compare with yet."
    if verdict == "insufficient":
        return f"{seg.label}: not enough data to judge ({seg.text()}; at least {MIN_N} needed)."
    return f"{seg.label} {seg.text()} is not below all accounts' {base.text()}: no nudge warranted."


def _conclusion(verdicts: list[Verdict]) -> str:
    if "below" in verdicts:
        return ""
    if all(v == "not_below" for v in verdicts):
        return "**No nudge is warranted for this segment.**"
    if "not_below" in verdicts:
        return "**No nudge is warranted by the numbers there are**; the rest lacks data."
    return "**Not enough data yet to tell whether a nudge is warranted.**"


def _segment(ctx: ExportContext, s: Segment, readings: Readings) -> tuple[list[str], list[Verdict]]:
    lines, verdicts = [f"## {escape(ctx.text(s.name))}", ""], []
    for key, brief in ((FIRST_VALUE, _day3), (RETENTION, _onboarding)):
        seg, base = readings.get(s.id, key), readings.get(ALL, key)
        verdicts.append(assess(seg, base))
        if verdicts[-1] == "below":
            lines += brief(ctx, s, seg, base)
        else:
            lines += [f"- {_plain(seg, base, verdicts[-1])}", ""]
    conclusion = _conclusion(verdicts)
    return ([*lines, conclusion, ""] if conclusion else lines), verdicts


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    readings = read(ctx.store)
    lines = [f"# Lifecycle nudges: {escape(ctx.text(ctx.doc.name))}", ""]
    if readings is None:
        return "\n".join([*lines, "_No metrics available: no nudge can be judged._"]) + "\n", ["No metrics available."]
    lines += [
        f"_Numbers over {readings.window()}. A nudge is warranted when a segment has at least {MIN_N} units "
        "and its whole 95% interval lies below the rate of all accounts._",
        "",
    ]
    warnings = [] if ctx.segments else ["No active segment to export."]
    for s in ctx.segments:
        part, verdicts = _segment(ctx, s, readings)
        lines += part
        if all(v in ("insufficient", "no_baseline") for v in verdicts):
            warnings.append(f"{ctx.text(s.name)}: not enough data to judge the nudges.")
    return "\n".join(lines).rstrip() + "\n", warnings

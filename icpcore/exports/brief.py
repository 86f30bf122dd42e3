"""Landing-page brief (Markdown): hero promise, one job to be done, one metric from the data,
one testimonial and the proof stack, per segment. All ICP text is escaped."""

from __future__ import annotations

from icpcore.exports.context import ExportContext
from icpcore.exports.readings import MIN_N, Reading, Readings, read
from icpcore.icp import Segment
from icpcore.mdsafe import escape

# Metrics that can support a landing page, in order of preference.
SUPPORTING = ("time_to_first_value_days", "qualified_rate", "first_value_rate", "win_rate", "retention_90d")


def supporting_metric(readings: Readings | None, segment_id: str) -> Reading | None:
    """The first preferred metric with at least MIN_N units, else the usable one with most units."""
    if readings is None:
        return None
    usable = [readings.get(segment_id, key) for key in SUPPORTING]
    usable = [r for r in usable if r.usable]
    enough = [r for r in usable if r.n >= MIN_N]
    if enough:
        return enough[0]
    return max(usable, key=lambda r: r.n) if usable else None


def _or(text: str, missing: str) -> str:
    return escape(text) if text else f"_{missing}_"


def _hero(ctx: ExportContext, s: Segment) -> list[str]:
    pain = ctx.text(s.pains[0]) if s.pains else ""
    return [
        "### Hero",
        "",
        f"- **Headline (the promise):** {_or(ctx.text(s.promise), 'No promise in the ICP yet: write one first.')}",
        f"- **Sub-headline (the top pain it ends):** {_or(pain, 'No pain in the ICP yet.')}",
        "",
        "### Job to be done",
        "",
        _or(ctx.text(s.jobs[0]) if s.jobs else "", "No job in the ICP yet."),
        "",
    ]


def _metric(s: Segment, reading: Reading | None, readings: Readings | None) -> list[str]:
    lines = ["### Supporting metric from the data", ""]
    if reading is None:
        lines.append("_No metric from the data yet for this segment: do not publish a number._")
    else:
        caveat = "" if reading.n >= MIN_N else f" Small sample (n below {MIN_N}): say “early results”."
        window = readings.window() if readings else ""
        lines.append(f"{reading.label}: **{reading.text()}**, over {window}.{caveat}")
    return [*lines, ""]


def _proof(ctx: ExportContext, s: Segment, reading: Reading | None) -> list[str]:
    testimonial = ctx.text(s.proof.testimonial)
    lines = ["### Testimonial", ""]
    lines.append(f"> {escape(testimonial)}" if testimonial else "_None yet: ask a customer of this segment for one._")
    lines += ["", "### Proof stack", ""]
    stack = []
    if reading is not None:
        stack.append(f"Data: {reading.label} {reading.text()}")
    if ctx.text(s.proof.metric):
        stack.append(
            f"Claim in the ICP (check it against the data before publishing): {escape(ctx.text(s.proof.metric))}"
        )
    if testimonial:
        stack.append("Testimonial above")
    stack += [
        f"Answer on the page: {escape(ctx.text(o.objection))}: {escape(ctx.text(o.rebuttal))}"
        for o in s.objections
        if ctx.text(o.objection) and ctx.text(o.rebuttal)
    ]
    lines += [f"{i}. {item}" for i, item in enumerate(stack, start=1)] or ["_Nothing yet._"]
    return [*lines, ""]


def _warnings(ctx: ExportContext, s: Segment, reading: Reading | None) -> list[str]:
    name, found = ctx.text(s.name), []
    if not ctx.text(s.promise):
        found.append(f"{name}: the ICP has no promise, so the brief has no headline.")
    if reading is None:
        found.append(f"{name}: no metric from the data for this segment yet.")
    if not ctx.text(s.proof.testimonial):
        found.append(f"{name}: no testimonial in the ICP.")
    return found


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    readings = read(ctx.store)
    lines = [f"# Landing-page brief: {escape(ctx.text(ctx.doc.name))}", ""]
    warnings = [] if ctx.segments else ["No active segment to export."]
    for s in ctx.segments:
        reading = supporting_metric(readings, s.id)
        owner = f" · owner {escape(ctx.text(s.owner))}" if ctx.text(s.owner) else ""
        lines += [f"## {escape(ctx.text(s.name))}", "", f"_Segment `{s.id}` ({s.status}){owner}_", ""]
        lines += _hero(ctx, s) + _metric(s, reading, readings) + _proof(ctx, s, reading)
        warnings += _warnings(ctx, s, reading)
    return "\n".join(lines).rstrip() + "\n", warnings

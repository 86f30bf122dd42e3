"""Discovery call script (Markdown): opening questions mapped to buying triggers, pains to probe,
polite disqualifying questions that end the call early and kindly, and objections with their
rebuttals, per segment. All ICP text is escaped."""

from __future__ import annotations

from icpcore.exports.context import ExportContext
from icpcore.exports.questions import EXIT_LINE, disqualifier_questions, pain_question, trigger_question
from icpcore.icp import Segment
from icpcore.mdsafe import cell, escape
from icpcore.rules import describe_all

OPENING = (
    "Thanks for making the time. I would like to spend a few minutes understanding what is going on "
    "at your company, and only then see whether we can help. Is that all right?"
)


def _triggers(ctx: ExportContext, s: Segment) -> list[str]:
    triggers = [t for t in (ctx.text(t) for t in s.triggers) if t]
    lines = ["### Opening questions, mapped to buying triggers", "", f"Open with: “{escape(OPENING)}”", ""]
    if not triggers:
        return [*lines, "_No buying triggers in the ICP yet: ask what made them take this call now._", ""]
    lines += ["| Buying trigger | Ask |", "|---|---|"]
    lines += [f"| {cell(t)} | {cell(trigger_question(t))} |" for t in triggers]
    return [*lines, ""]


def _pains(ctx: ExportContext, s: Segment) -> list[str]:
    pains = [p for p in (ctx.text(p) for p in s.pains) if p]
    if not pains:
        return []
    return ["### Pains to probe", "", *[f"- {escape(pain_question(p))}" for p in pains], ""]


def _disqualifying(ctx: ExportContext, s: Segment) -> list[str]:
    checks = ctx.active_disqualifiers(s)
    lines = ["### Polite disqualifying questions", ""]
    if not checks:
        return [*lines, "_No active disqualifiers: nothing to check._", ""]
    lines += ["Ask these early, in passing. If one holds, thank them and end the call kindly.", ""]
    for _, dq in checks:
        lines.append(f"- **{escape(ctx.text(dq.name))}**")
        lines += [f"  - Ask: “{escape(q)}”" for q in disqualifier_questions(dq)]
        lines.append(f"  - End the call kindly if: {escape(ctx.text(describe_all(dq.rules)))}")
        if ctx.text(dq.rationale):
            lines.append(f"  - Why (for you, not for the prospect): {escape(ctx.text(dq.rationale))}")
    lines += ["", f"To end early, say: “{escape(EXIT_LINE)}”", ""]
    return lines


def _objections(ctx: ExportContext, s: Segment) -> list[str]:
    lines = ["### Objections and rebuttals", ""]
    rows = [(ctx.text(o.objection), ctx.text(o.rebuttal)) for o in s.objections if ctx.text(o.objection)]
    if not rows:
        return [*lines, "_No objections in the ICP yet._", ""]
    lines += ["| Objection | Rebuttal |", "|---|---|"]
    lines += [f"| {cell(o)} | {cell(r) if r else '_No rebuttal written yet._'} |" for o, r in rows]
    return [*lines, ""]


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    lines = [f"# Discovery call script: {escape(ctx.text(ctx.doc.name))}", ""]
    warnings = [] if ctx.segments else ["No active segment to export."]
    for s in ctx.segments:
        name = escape(ctx.text(s.name))
        lines += [f"## {name}", "", f"_Segment `{s.id}`: {escape(ctx.text(describe_all(s.rules)))}_", ""]
        lines += _triggers(ctx, s) + _pains(ctx, s) + _disqualifying(ctx, s) + _objections(ctx, s)
        lines += ["### Close", "", "Agree one next step with a date, and who else should join it.", ""]
        if not s.triggers:
            warnings.append(f"{ctx.text(s.name)}: no buying triggers in the ICP.")
        missing = [o.objection for o in s.objections if not ctx.text(o.rebuttal)]
        if missing:
            warnings.append(f"{ctx.text(s.name)}: {len(missing)} objection(s) without a rebuttal.")
    return "\n".join(lines).rstrip() + "\n", warnings

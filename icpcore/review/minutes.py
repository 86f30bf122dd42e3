"""The minutes of a review meeting, in Markdown: attendees, each assumption with its numbers
and the decision taken, the ICP versions the meeting made, the contradicting deals of the
period, and the open to-dos. Built from the frozen snapshot, so they say what the room saw."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from icpcore.history import Version
from icpcore.mdsafe import cell, escape
from icpcore.review.deals import DEALS_PROMPT, DealView
from icpcore.review.evaluation import CORROBORATION_TODO
from icpcore.review.past import ReviewView
from icpcore.review.wording import DECISION_WORDS, EVIDENCE_WORDS, VERDICT_WORDS, actual_words


@dataclass(frozen=True)
class MeetingRecord:
    review: ReviewView
    deals: list[DealView]
    versions: list[Version]  # saved during the meeting, oldest first
    changes: dict[int, list[str]] = field(default_factory=dict)  # version number -> what changed


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC")


def _assumption(index: int, row: dict[str, Any], decision: Any) -> list[str]:
    first, last = row.get("window") or ["", ""]
    window = first if first == last else f"{first} to {last}"
    actual = actual_words(row["metric"], row["value"], row["low"], row["high"], row["n"])
    lines = [
        f"### {index}. {escape(row['statement'])}",
        "",
        f"- Verdict: **{VERDICT_WORDS[row['verdict']]}**, actual {actual}, {window}",
        f"- Evidence: {EVIDENCE_WORDS[row['evidence']]} (sources: {escape(', '.join(row['sources']) or 'none named')})",
    ]
    if decision is None:
        return [*lines, "- Decision: **none taken**", ""]
    lines.append(f"- Decision: **{DECISION_WORDS[decision.decision]}** ({escape(decision.author)})")
    if decision.note:
        lines.append(f"- Note: {escape(decision.note)}")
    if decision.icp_version is not None:
        lines.append(f"- ICP change: version {decision.icp_version}")
    return [*lines, ""]


def _changes(record: MeetingRecord) -> list[str]:
    lines = ["## Changes made", ""]
    if not record.versions:
        return [*lines, "No ICP change.", ""]
    for version in record.versions:
        lines.append(f"- **ICP version {version.number}** by {escape(version.author)}: {escape(version.reason)}")
        lines += [f"  - {escape(change)}" for change in record.changes.get(version.number, [])]
    return [*lines, ""]


def _deals(record: MeetingRecord, names: dict[str, str]) -> list[str]:
    lines = [f"## Contradicting deals ({len(record.deals)})", ""]
    if not record.deals:
        return [*lines, "None submitted this period.", ""]
    lines += ["| Opportunity | Segment | Assumption | Field | Note | Submitted |", "|---|---|---|---|---|---|"]
    for d in record.deals:
        where = names.get(d.segment or "", d.segment or "")
        submitted = f"{d.submitted_by}, {d.submitted_at:%Y-%m-%d}"
        cells = [d.opportunity_id, where, d.assumption_id or "", d.field, d.note, submitted]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return [*lines, ""]


def _todos(record: MeetingRecord) -> list[str]:
    decided = record.review.decided()
    todos = []
    for row in record.review.assumptions:
        decision = decided.get(row["id"])
        said = escape(row["statement"])
        if decision is None:
            todos.append(f"Decide on “{said}” (no decision taken)")
        elif decision.decision == "investigate":
            todos.append(f"Investigate “{said}”: {escape(decision.note)}")
        if row["evidence"] == "hypothesis" and (decision is None or decision.decision != "retire"):
            todos.append(f"{CORROBORATION_TODO} for “{said}” (one source kind only)")
    touched = {d.segment for d in record.deals}
    for segment in record.review.snapshot.get("segments", []):
        if segment["id"] not in touched:
            todos.append(f"{DEALS_PROMPT} for {escape(segment['name'])}")
    return ["## Open to-dos", "", *([f"- [ ] {t}" for t in todos] or ["Nothing open."]), ""]


def render_minutes(record: MeetingRecord, *, finished_at: datetime) -> str:
    review = record.review
    names = {s["id"]: s["name"] for s in review.snapshot.get("segments", [])}
    names |= {row["segment"]: row["segment_name"] for row in review.assumptions}
    lines = [
        f"# Minutes: ICP review of {review.held_on}",
        "",
        f"Data as of {review.as_of}; ICP version {review.icp_version} at the start. "
        f"Started by {escape(review.started_by)} at {_stamp(review.started_at)}, finished at {_stamp(finished_at)}.",
        "",
        "## Attendees",
        "",
        *[f"- {escape(name)}" for name in review.attendees],
        "",
        "## Decisions",
        "",
    ]
    decided = review.decided()
    for index, row in enumerate(review.assumptions, start=1):
        lines += _assumption(index, row, decided.get(row["id"]))
    return "\n".join(lines + _changes(record) + _deals(record, names) + _todos(record))

"""What the review pages do: every write goes through `icpcore` (roles, validation, audit);
this module turns the outcomes into flash messages or a problem to show."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from icpcore import history
from icpcore.access import Actor, PermissionDenied
from icpcore.errors import InvalidInput
from icpcore.icp import IcpValidationError
from icpcore.review import deals, edits, meeting
from ui import cache, state


@dataclass(frozen=True)
class Outcome:
    ok: bool
    message: str
    problems: tuple[str, ...] = ()
    version: int | None = None  # the ICP version a write saved


def conflict_text(exc: history.SaveConflict) -> str:
    changes = "; ".join(exc.their_changes) or "no field changes"
    return (
        f"Not saved: {exc.latest.author} saved version {exc.latest.number} after version {exc.base}, which this "
        f"screen started from (their reason: “{exc.latest.reason}”; their changes: {changes}). Nothing of yours "
        f"was saved: load version {exc.latest.number} and make your change again on top of it."
    )


def _done(message: str, version: int | None = None) -> Outcome:
    cache.clear_after_write()
    state.flash(message)
    return Outcome(True, message, version=version)


def save_assumptions(
    base: history.Version, assumptions: list[dict[str, Any]], *, actor: Actor, author: str, reason: str
) -> Outcome:
    """Save the ICP with its assumptions replaced, as a new version on top of `base` (the
    version the editor started from: a stale base is refused as a conflict)."""
    author, reason = author.strip(), reason.strip()
    if not reason:
        return Outcome(False, "Write a reason: it is kept with the version so others know why the ICP changed.")
    if not author:
        return Outcome(False, "Write an author name.")
    document = base.document.to_dict() | {"assumptions": assumptions}
    if document == base.document.to_dict():
        return Outcome(False, "Nothing changed in the assumptions.")
    try:
        version = history.save(
            cache.get_store(), document, base=base.number, actor=replace(actor, name=author), reason=reason
        )
    except IcpValidationError as exc:
        return Outcome(False, "Nothing was saved:", tuple(exc.problems))
    except history.SaveConflict as exc:
        return Outcome(False, conflict_text(exc))
    except (PermissionDenied, ValueError) as exc:
        return Outcome(False, str(exc))
    state.remember_author(author)
    return _done(f"Saved version {version.number}: {reason}", version.number)


def submit_deal(*, opportunity_id: str, target: str, field: str, note: str, actor: Actor) -> Outcome:
    """`target` is 'assumption:<id>' or 'segment:<id>'."""
    kind, _, ident = target.partition(":")
    try:
        deal = deals.submit_deal(
            cache.get_store(),
            opportunity_id=opportunity_id,
            field=field or "",
            note=note,
            actor=actor,
            segment=ident if kind == "segment" else None,
            assumption_id=ident if kind == "assumption" else None,
        )
    except (InvalidInput, PermissionDenied) as exc:
        kept = f" Your note was: “{note.strip()}”." if note.strip() else ""
        return Outcome(False, f"Not recorded: {exc}.{kept}")
    return _done(f"Recorded contradicting deal {deal.opportunity_id} ({deal.field}).")


def start_review(*, held_on: date, attendees: str, as_of: date | None, actor: Actor) -> Outcome:
    names = [n for line in attendees.splitlines() for n in line.split(",")]
    try:
        review = meeting.start_review(cache.get_store(), held_on=held_on, attendees=names, actor=actor, as_of=as_of)
    except (InvalidInput, PermissionDenied) as exc:
        return Outcome(False, f"Not started: {exc}")
    return _done(f"Review of {review.held_on} started: the numbers of {review.as_of} are frozen for this meeting.")


def record_decision(
    review_id: int,
    assumption_id: str,
    decision: str,
    *,
    note: str,
    actor: Actor,
    document: dict[str, Any] | None = None,
    base: int | None = None,
) -> Outcome:
    try:
        made = meeting.record_decision(
            cache.get_store(), review_id, assumption_id, decision, actor=actor, note=note, document=document, base=base
        )
    except IcpValidationError as exc:
        return Outcome(False, "The revision was not saved:", tuple(exc.problems))
    except history.SaveConflict as exc:
        return Outcome(False, conflict_text(exc))
    except (InvalidInput, PermissionDenied) as exc:
        return Outcome(False, f"Not recorded: {exc}")
    saved = f", saved as ICP version {made.icp_version}" if made.icp_version is not None else ""
    return _done(f"Recorded: {decision} for “{assumption_id}”{saved}.")


def finish_review(review_id: int, *, actor: Actor) -> Outcome:
    try:
        review = meeting.finish_review(cache.get_store(), review_id, actor=actor)
    except (InvalidInput, PermissionDenied) as exc:
        return Outcome(False, f"Not finished: {exc}")
    return _done(f"Review of {review.held_on} finished: the minutes are stored with it.")


def decide(
    review_id: int,
    assumption_id: str,
    choice: str,
    *,
    note: str,
    actor: Actor,
    latest: history.Version,
    revision: Any = None,
) -> Outcome:
    """Record the meeting's decision; `revise` saves the edited assumption (a `Revision`) on top
    of `latest`, `retire` saves the ICP without it."""
    if choice != "revise":
        base = latest.number if choice == "retire" else None
        return record_decision(review_id, assumption_id, choice, note=note, actor=actor, base=base)
    if revision is None:
        return Outcome(False, "This assumption is no longer in the ICP: choose keep, retire or investigate.")
    if revision.problem:
        return Outcome(False, f"Not recorded: {revision.problem}")
    try:
        document = edits.revised_document(
            latest.document.to_dict(), assumption_id, revision.assumption, revision.segment
        )
    except InvalidInput as exc:
        return Outcome(False, f"Not recorded: {exc}")
    return record_decision(
        review_id, assumption_id, choice, note=note, actor=actor, document=document, base=latest.number
    )

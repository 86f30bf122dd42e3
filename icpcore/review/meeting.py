"""The monthly review meeting: start (freeze every number in a snapshot), decide on each
assumption (keep, revise, retire, investigate), finish (write and store the minutes).

Every write checks the actor's role and leaves an audit entry. A revision or a retirement is an
ordinary ICP save (`history.save`, optimistic), linked to the decision that made it.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from icpcore import history
from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.icp import IcpDocument, parse_icp
from icpcore.icp_diff import describe_changes
from icpcore.review import deals as deal_store
from icpcore.review import edits, past
from icpcore.review.minutes import MeetingRecord, render_minutes
from icpcore.review.past import DECISIONS, DecisionView, ReviewView
from icpcore.store.models import Review, ReviewDecision
from icpcore.store.uow import Store
from icpcore.timeutil import parse_date

NOTE_REQUIRED = ("revise", "retire", "investigate")


def _attendees(names: list[str]) -> list[str]:
    seen: list[str] = []
    for name in (n.strip() for n in names):
        if name and name.lower() not in {s.lower() for s in seen}:
            seen.append(name)
    if not seen:
        raise InvalidInput("attendees: name at least one person in the meeting")
    return seen


def _held_on(value: date | str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    try:
        return parse_date(value).isoformat()
    except ValueError as exc:
        raise InvalidInput(f"date: {exc}") from None


def build_snapshot(store: Store, *, as_of: str | date | None) -> dict[str, Any]:
    """Everything the meeting shows, computed once: the evaluation with its trends, and the
    contradicting deals of the period since the last finished review."""
    from icpcore.review.report import review_report  # the metrics engine, loaded when needed

    previous = past.last_finished(store)
    start = previous.finished_at if previous else None
    period = deal_store.deals_between(deal_store.list_deals(store), start, None)
    version = history.current(store)
    live = version.document.live_segments() if version else []
    return {
        "report": review_report(store, as_of=as_of),
        "segments": [{"id": s.id, "name": s.name} for s in live],
        "period_start": start.isoformat() if start else None,
        "deals": [d.to_dict() for d in period],
    }


def start_review(
    store: Store,
    *,
    held_on: date | str,
    attendees: list[str],
    actor: Actor,
    as_of: str | date | None = None,
) -> ReviewView:
    """Open a review and freeze its snapshot; refused while another review is still open."""
    actor.require("editor", "start a review")
    day, people = _held_on(held_on), _attendees(attendees)
    version = history.current(store)
    if version is None:
        raise InvalidInput("there is no ICP yet: save one before reviewing it")
    running = past.open_review(store)
    if running is not None:
        raise InvalidInput(f"the review of {running.held_on} (#{running.id}) is still open: finish it first")
    snapshot = build_snapshot(store, as_of=as_of)
    with store.unit_of_work() as uow:
        row = uow.reviews.add(
            Review(
                held_on=day,
                as_of=snapshot["report"]["as_of"],
                attendees=people,
                icp_version=version.number,
                snapshot=snapshot,
                started_by=actor.name,
                started_at=datetime.now(UTC),
            )
        )
        uow.audit(actor, "review.start", f"review {row.id}", held_on=day, as_of=row.as_of, attendees=people)
        review_id = row.id
    return past.get_review(store, review_id)  # type: ignore[return-value]


def _open(store: Store, review_id: int) -> ReviewView:
    review = past.get_review(store, review_id)
    if review is None:
        raise InvalidInput(f"there is no review #{review_id}")
    if review.finished:
        raise InvalidInput(f"the review of {review.held_on} is finished: its record cannot change")
    return review


def _icp_change(
    store: Store,
    review: ReviewView,
    assumption_id: str,
    decision: str,
    note: str,
    *,
    actor: Actor,
    document: IcpDocument | dict[str, Any] | None,
    base: int | None,
) -> int | None:
    """Save the ICP version a revise or retire decision makes; its number, or None."""
    if decision not in ("revise", "retire"):
        return None
    latest = history.current(store)
    base = base if base is not None else (latest.number if latest else None)
    start = history.get_version(store, base) if base is not None else None
    if start is None:
        raise InvalidInput("there is no ICP version to change")
    if decision == "retire":
        document = edits.retired_document(start.document.to_dict(), assumption_id)
    elif document is None:
        raise InvalidInput("revise: give the revised ICP (change only what blocks execution)")
    raw = document.to_dict() if isinstance(document, IcpDocument) else document
    if parse_icp(raw).to_dict() == start.document.to_dict():
        raise InvalidInput("revise: nothing changed; choose keep or investigate, or change what blocks execution")
    reason = f"Review of {review.held_on}: {decision} assumption '{assumption_id}'. {note}".strip()
    return history.save(store, raw, base=base, actor=actor, reason=reason).number


def record_decision(
    store: Store,
    review_id: int,
    assumption_id: str,
    decision: str,
    *,
    actor: Actor,
    note: str = "",
    document: IcpDocument | dict[str, Any] | None = None,
    base: int | None = None,
) -> DecisionView:
    """Decide on one assumption of an open review. `revise` saves `document` (the whole ICP
    with the assumption edited) on top of `base`; `retire` saves the ICP without it. Both may
    raise `history.SaveConflict`; then nothing is recorded."""
    actor.require("editor", "record a review decision")
    review = _open(store, review_id)
    if decision not in DECISIONS:
        raise InvalidInput(f"decision: '{decision}' is not one of {', '.join(DECISIONS)}")
    if assumption_id not in {a["id"] for a in review.assumptions}:
        raise InvalidInput(f"assumption: '{assumption_id}' was not on the agenda of this review")
    note = note.strip()
    if decision in NOTE_REQUIRED and not note:
        raise InvalidInput(f"note: say why ({decision} needs a note for the minutes)")
    version = _icp_change(store, review, assumption_id, decision, note, actor=actor, document=document, base=base)
    with store.unit_of_work() as uow:
        row = uow.reviews.add_decision(
            ReviewDecision(
                review_id=review_id,
                assumption_id=assumption_id,
                decision=decision,
                note=note,
                icp_version=version,
                author=actor.name,
                decided_at=datetime.now(UTC),
            )
        )
        uow.audit(
            actor,
            "review.decide",
            f"review {review_id}",
            assumption=assumption_id,
            decision=decision,
            icp_version=version,
        )
        return DecisionView.of(row)


def meeting_record(store: Store, review: ReviewView, *, until: datetime) -> MeetingRecord:
    """What the minutes need beyond the review itself: deals and ICP versions of the period."""
    deals = deal_store.period_deals(deal_store.list_deals(store), review.snapshot.get("period_start"), until)
    versions = [v for v in history.list_versions(store) if review.started_at <= past.utc(v.created_at) <= until]
    changes = {}
    for version in versions:
        before = history.get_version(store, version.based_on) if version.based_on is not None else None
        changes[version.number] = describe_changes(before.document if before else None, version.document)
    return MeetingRecord(review, deals, versions[::-1], changes)


def finish_review(store: Store, review_id: int, *, actor: Actor) -> ReviewView:
    """Close the review: write the minutes and store them with it."""
    actor.require("editor", "finish a review")
    review = _open(store, review_id)
    now = datetime.now(UTC)
    minutes = render_minutes(meeting_record(store, review, until=now), finished_at=now)
    with store.unit_of_work() as uow:
        row = uow.reviews.get(review_id)
        if row is None or row.finished_at is not None:
            raise InvalidInput(f"the review #{review_id} was finished meanwhile")
        row.finished_at, row.minutes = now, minutes
        uow.audit(actor, "review.finish", f"review {review_id}", decisions=len(review.decided()))
    return past.get_review(store, review_id)  # type: ignore[return-value]

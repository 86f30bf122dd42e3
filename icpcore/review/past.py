"""Reading reviews back: detached views of reviews and their decisions, exactly as stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from icpcore.store.models import Review, ReviewDecision
from icpcore.store.uow import Store, UnitOfWork

DECISIONS = ("keep", "revise", "retire", "investigate")


def utc(moment: datetime | None) -> datetime | None:
    """Stored times are UTC; SQLite hands them back without a zone."""
    if moment is None:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


@dataclass(frozen=True)
class DecisionView:
    review_id: int
    assumption_id: str
    decision: str
    note: str
    icp_version: int | None
    author: str
    decided_at: datetime

    @classmethod
    def of(cls, row: ReviewDecision) -> DecisionView:
        return cls(
            row.review_id,
            row.assumption_id,
            row.decision,
            row.note or "",
            row.icp_version,
            row.author,
            utc(row.decided_at),  # type: ignore[arg-type]
        )


@dataclass(frozen=True)
class ReviewView:
    id: int
    held_on: str
    as_of: str
    attendees: list[str]
    icp_version: int
    snapshot: dict[str, Any]
    started_by: str
    started_at: datetime
    finished_at: datetime | None
    minutes: str | None
    decisions: list[DecisionView] = field(default_factory=list)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None

    @property
    def assumptions(self) -> list[dict[str, Any]]:
        """The evaluated assumptions as the meeting saw them."""
        return list(self.snapshot.get("report", {}).get("assumptions", []))

    def decided(self) -> dict[str, DecisionView]:
        """The decision that stands per assumption: a later one replaces an earlier one."""
        return {d.assumption_id: d for d in self.decisions}


def _view(uow: UnitOfWork, row: Review, *, with_decisions: bool = True) -> ReviewView:
    decisions = [DecisionView.of(d) for d in uow.reviews.decisions(row.id)] if with_decisions else []
    return ReviewView(
        id=row.id,
        held_on=row.held_on,
        as_of=row.as_of,
        attendees=[str(a) for a in row.attendees or []],
        icp_version=row.icp_version,
        snapshot=dict(row.snapshot or {}),
        started_by=row.started_by,
        started_at=utc(row.started_at),  # type: ignore[arg-type]
        finished_at=utc(row.finished_at),
        minutes=row.minutes,
        decisions=decisions,
    )


def get_review(store: Store, review_id: int) -> ReviewView | None:
    with store.read() as uow:
        row = uow.reviews.get(review_id)
        return _view(uow, row) if row else None


def list_reviews(store: Store) -> list[ReviewView]:
    """Every review, newest first, with its decisions."""
    with store.read() as uow:
        return [_view(uow, row) for row in uow.reviews.list()]


def open_review(store: Store) -> ReviewView | None:
    """The review in progress (started, not finished), if any."""
    return next((r for r in list_reviews(store) if not r.finished), None)


def last_finished(store: Store) -> ReviewView | None:
    finished = [r for r in list_reviews(store) if r.finished]
    return max(finished, key=lambda r: (r.finished_at, r.id)) if finished else None


def last_decisions(store: Store) -> dict[str, dict[str, Any]]:
    """Per assumption id, the last decision taken in any review (oldest review first, so the
    newest wins), as plain data for a report."""
    out: dict[str, dict[str, Any]] = {}
    for review in sorted(list_reviews(store), key=lambda r: r.id):
        for decision in review.decided().values():
            out[decision.assumption_id] = {
                "decision": decision.decision,
                "note": decision.note,
                "review_id": review.id,
                "held_on": review.held_on,
                "icp_version": decision.icp_version,
            }
    return out


def marker(store: Store) -> str:
    """A key that changes with every review started or finished and every decision recorded."""
    with store.read() as uow:
        return uow.reviews.marker()

"""When the next meeting is due: the monthly review (no finished review this calendar month)
and the quarterly refresh (90 days since the segments last changed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from icpcore import history
from icpcore.review import past
from icpcore.store.uow import Store

REFRESH_DAYS = 90


@dataclass(frozen=True)
class Due:
    kind: str  # "monthly" | "quarterly"
    text: str


def segments_changed_on(store: Store) -> date | None:
    """The day of the latest ICP version whose segments differ from the version before it."""
    versions = sorted(history.list_versions(store), key=lambda v: v.number)
    changed: datetime | None = None
    previous = None
    for version in versions:
        segments = [s.model_dump(mode="json") for s in version.document.segments]
        if segments != previous:
            changed = version.created_at
        previous = segments
    return past.utc(changed).date() if changed else None  # type: ignore[union-attr]


def monthly_due(store: Store, today: date) -> Due | None:
    finished = [r for r in past.list_reviews(store) if r.finished]
    if any(r.held_on[:7] == today.strftime("%Y-%m") for r in finished):
        return None
    if not finished:
        return Due("monthly", "The monthly review is due: no review has been held yet.")
    last = max(r.held_on for r in finished)
    return Due("monthly", f"The monthly review is due: none held this month (the last was on {last}).")


def quarterly_due(store: Store, today: date) -> Due | None:
    changed = segments_changed_on(store)
    if changed is None:
        return None
    days = (today - changed).days
    if days < REFRESH_DAYS:
        return None
    return Due(
        "quarterly",
        f"The quarterly refresh is due: the segments last changed on {changed.isoformat()}, {days} days ago. "
        "Re-read segments, pains and disqualifiers against the latest evidence.",
    )


def due_notices(store: Store, today: date | None = None) -> list[Due]:
    today = today or datetime.now(UTC).date()
    return [d for d in (monthly_due(store, today), quarterly_due(store, today)) if d is not None]

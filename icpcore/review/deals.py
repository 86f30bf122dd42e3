"""Contradicting deals: recent opportunities sales says the ICP gets wrong, each tied to a
segment (and, when it names one, an assumption) and the field it contradicts."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from icpcore import history
from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.icp import RESERVED_SEGMENTS, IcpDocument
from icpcore.review.past import utc
from icpcore.store.models import ContradictingDeal, Opportunity
from icpcore.store.uow import Store

DEALS_WANTED = 3
DEALS_PROMPT = "Add three recent deals that contradict the draft"


@dataclass(frozen=True)
class DealView:
    id: int
    opportunity_id: str
    segment: str | None
    assumption_id: str | None
    field: str
    note: str
    submitted_by: str
    submitted_at: datetime

    @classmethod
    def of(cls, row: ContradictingDeal) -> DealView:
        return cls(
            row.id,
            row.opportunity_id,
            row.segment,
            row.assumption_id,
            row.field,
            row.note,
            row.submitted_by,
            utc(row.submitted_at),  # type: ignore[arg-type]
        )

    def to_dict(self) -> dict[str, Any]:
        return asdict(self) | {"submitted_at": self.submitted_at.isoformat()}

    def touches(self, assumption_id: str, segment: str) -> bool:
        return touches(self.to_dict(), assumption_id, segment)


def touches(deal: dict[str, Any], assumption_id: str, segment: str) -> bool:
    """On an assumption's card: deals naming it, and deals naming only its segment."""
    if deal.get("assumption_id"):
        return deal["assumption_id"] == assumption_id
    return deal.get("segment") == segment


def _target(doc: IcpDocument, segment: str | None, assumption_id: str | None) -> tuple[str, str | None]:
    """The segment and assumption a deal is filed under, checked against the current ICP."""
    if assumption_id:
        found = next((a for a in doc.assumptions if a.id == assumption_id), None)
        if found is None:
            raise InvalidInput(f"assumption: '{assumption_id}' is not an assumption of the current ICP")
        if segment and segment != found.segment:
            raise InvalidInput(f"segment: assumption '{assumption_id}' is about '{found.segment}', not '{segment}'")
        return found.segment, found.id
    live = {s.id for s in doc.live_segments()} | set(RESERVED_SEGMENTS)
    if not segment:
        raise InvalidInput("segment: name the segment or the assumption the deal contradicts")
    if segment not in live:
        raise InvalidInput(f"segment: '{segment}' is not a live segment of the current ICP")
    return segment, None


def submit_deal(
    store: Store,
    *,
    opportunity_id: str,
    field: str,
    note: str,
    actor: Actor,
    segment: str | None = None,
    assumption_id: str | None = None,
) -> DealView:
    """Record a contradicting deal; the opportunity must be in the evidence."""
    actor.require("editor", "submit a contradicting deal")
    opportunity_id, field, note = opportunity_id.strip(), field.strip(), note.strip()
    if not field:
        raise InvalidInput("field: name the ICP field the deal contradicts")
    if not note:
        raise InvalidInput("note: say in a sentence how the deal contradicts the ICP")
    version = history.current(store)
    if version is None:
        raise InvalidInput("there is no ICP yet to contradict")
    segment, assumption_id = _target(version.document, segment, assumption_id or None)
    with store.unit_of_work() as uow:
        if not opportunity_id or uow.session.get(Opportunity, opportunity_id) is None:
            raise InvalidInput(f"opportunity id: '{opportunity_id}' is not an opportunity in the evidence")
        row = ContradictingDeal(
            opportunity_id=opportunity_id,
            segment=segment,
            assumption_id=assumption_id,
            field=field,
            note=note,
            submitted_by=actor.name,
            submitted_at=datetime.now(UTC),
        )
        uow.reviews.add_deal(row)
        uow.audit(actor, "review.deal", f"opportunity {opportunity_id}", segment=segment, assumption=assumption_id)
        return DealView.of(row)


def list_deals(store: Store) -> list[DealView]:
    """Every contradicting deal, newest first."""
    with store.read() as uow:
        return [DealView.of(row) for row in uow.reviews.deals()]


def deals_between(deals: list[DealView], start: datetime | None, end: datetime | None) -> list[DealView]:
    """Deals submitted after `start` (exclusive) up to `end` (inclusive); None leaves a side open."""
    return [d for d in deals if (start is None or d.submitted_at > start) and (end is None or d.submitted_at <= end)]


def period_deals(deals: list[DealView], period_start: str | None, until: datetime | None) -> list[DealView]:
    """A review's deals: submitted after the previous review finished, up to `until`."""
    start = datetime.fromisoformat(period_start) if period_start else None
    return sorted(deals_between(deals, start, until), key=lambda d: d.id)


def segments_wanting_deals(doc: IcpDocument, deals: list[DealView], today: date) -> list[str]:
    """Live segments with no contradicting deal submitted in today's calendar month."""
    month = today.strftime("%Y-%m")
    touched = {d.segment for d in deals if d.submitted_at.strftime("%Y-%m") == month}
    return [s.id for s in doc.live_segments() if s.id not in touched]

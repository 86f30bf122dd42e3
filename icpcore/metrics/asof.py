"""The as-of date and instant (CONTRACT section 4).

The as-of date is the one given, else the date of the latest timestamp among leads (created,
qualified), opportunities (created, closed), product events and billing; with no evidence at all,
today's UTC date. The as-of instant is the end of that day: only events strictly before it count.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from icpcore.errors import InvalidInput
from icpcore.store.models import BillingEvent, Lead, Opportunity, ProductEvent
from icpcore.store.uow import Store
from icpcore.timeutil import date_of, day_end, parse_date

# Every timestamp column the contract names for the default as-of date. The latest lead is
# looked for in the latest month only: the month index finds it without reading every lead.
_LATEST_LEAD = select(func.max(Lead.created_ts)).where(
    Lead.created_month == select(func.max(Lead.created_month)).scalar_subquery()
)
_LATEST = (
    _LATEST_LEAD,
    select(func.max(Lead.qualified_ts)),
    select(func.max(Opportunity.created_ts)),
    select(func.max(Opportunity.closed_ts)),
    select(func.max(ProductEvent.ts)),
    select(func.max(BillingEvent.ts)),
)


def latest_evidence_ts(store: Store) -> float | None:
    """The latest evidence timestamp (epoch seconds), or None when there is no evidence."""
    with store.read() as uow:
        found = [uow.session.scalar(query) for query in _LATEST]
    present = [float(ts) for ts in found if ts is not None]
    return max(present) if present else None


def parse_as_of(text: str) -> date:
    """`--as-of` as a date; a malformed value is the user's to fix."""
    try:
        return parse_date(text)
    except ValueError as exc:
        raise InvalidInput(f"--as-of: {exc}") from None


def resolve_as_of(store: Store, as_of: str | date | None) -> date:
    """The as-of date: the given one, else the latest evidence date, else today (UTC)."""
    if isinstance(as_of, datetime):
        return as_of.date()
    if isinstance(as_of, date):
        return as_of
    if isinstance(as_of, str):
        return parse_as_of(as_of)
    latest = latest_evidence_ts(store)
    return date_of(latest) if latest is not None else datetime.now(UTC).date()


def as_of_instant(day: date) -> float:
    """The as-of instant: the next day, 00:00 UTC, as epoch seconds."""
    return day_end(day)

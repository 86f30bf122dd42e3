"""Reading the audit log: who did what, when, from which page or command. Admins only.

Every write in icpcore records an entry through `uow.audit`; this module only reads them,
filtered in the database (parameterised, like every query) and newest first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, func, or_, select

from icpcore.access import Actor
from icpcore.csvsafe import to_csv
from icpcore.store.models import AuditEntry
from icpcore.store.uow import Store

MAX_ROWS = 5000  # a screen's worth; narrow the filters to see older entries
CSV_HEADER = ("when_utc", "who", "action", "target", "origin", "detail")


@dataclass(frozen=True)
class AuditFilter:
    """Empty tuples and None mean 'any'; `text` is searched in the target, case-insensitively."""

    who: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    since: date | None = None  # inclusive, UTC calendar days
    until: date | None = None
    text: str = ""


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: datetime
    who: str
    action: str
    target: str
    origin: str
    detail: dict[str, Any] = field(default_factory=dict)

    def detail_text(self) -> str:
        return json.dumps(self.detail, ensure_ascii=False, sort_keys=True, default=str) if self.detail else ""


@dataclass(frozen=True)
class Facets:
    """The distinct values to filter by, and the first and last day with entries."""

    who: list[str]
    actions: list[str]
    origins: list[str]
    first: date | None
    last: date | None


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


def _query(chosen: AuditFilter) -> Select[Any]:
    query = select(AuditEntry)
    if chosen.who:
        query = query.where(AuditEntry.actor.in_(chosen.who))
    if chosen.actions:
        query = query.where(AuditEntry.action.in_(chosen.actions))
    if chosen.origins:
        query = query.where(AuditEntry.origin.in_(chosen.origins))
    if chosen.since:
        query = query.where(AuditEntry.at >= _day_start(chosen.since))
    if chosen.until:
        query = query.where(AuditEntry.at < _day_start(chosen.until + timedelta(days=1)))
    text = chosen.text.strip().lower()
    if text:
        query = query.where(
            or_(
                func.lower(AuditEntry.target).contains(text, autoescape=True),
                func.lower(AuditEntry.actor).contains(text, autoescape=True),
            )
        )
    return query


def entries(store: Store, chosen: AuditFilter, *, actor: Actor, limit: int = MAX_ROWS) -> list[AuditRow]:
    """The entries matching `chosen`, newest first, at most `limit`."""
    actor.require("admin", "read the audit log")
    query = _query(chosen).order_by(AuditEntry.id.desc()).limit(limit)
    with store.read() as uow:
        return [
            AuditRow(e.id, _utc(e.at), e.actor, e.action, e.target, e.origin, dict(e.detail or {}))
            for e in uow.session.scalars(query)
        ]


def facets(store: Store, *, actor: Actor) -> Facets:
    actor.require("admin", "read the audit log")
    with store.read() as uow:

        def distinct(column: Any) -> list[str]:
            return [str(v) for v in uow.session.scalars(select(column).distinct().order_by(column))]

        first, last = uow.session.execute(select(func.min(AuditEntry.at), func.max(AuditEntry.at))).one()
        return Facets(
            distinct(AuditEntry.actor),
            distinct(AuditEntry.action),
            distinct(AuditEntry.origin),
            _utc(first).date() if first else None,
            _utc(last).date() if last else None,
        )


def entries_csv(rows: list[AuditRow]) -> str:
    """The rows as CSV; text that a spreadsheet could run as a formula is neutralised."""
    return to_csv(
        CSV_HEADER,
        ([r.at.isoformat(), r.who, r.action, r.target, r.origin, r.detail_text()] for r in rows),
    )

"""What evidence the database holds, for the Evidence page: per kind its rows, date range, source
tags and last import; and the notes, filtered by source and searched (SQL LIKE, a page at a
time: the page never loads all notes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, and_, func, select

from icpcore.evidence.schema import KINDS
from icpcore.store.models import EVIDENCE_MODELS, ImportRecord, Note
from icpcore.store.uow import Store
from icpcore.timeutil import to_datetime

# The column that dates each kind's rows (accounts carry no date; spend is per month).
DATE_COLUMNS = {
    "leads": "created_ts",
    "opportunities": "created_ts",
    "product_events": "ts",
    "billing": "ts",
    "spend": "month",
    "notes": "created_ts",
}
SOURCES_SHOWN = 5


@dataclass(frozen=True)
class KindInventory:
    kind: str
    rows: int
    first: str | None  # 'YYYY-MM-DD' (spend: 'YYYY-MM')
    last: str | None
    sources: tuple[tuple[str, int], ...]  # the largest source tags with their rows
    other_sources: int  # how many more tags there are
    last_file: str | None
    last_mode: str | None
    last_by: str | None
    last_at: datetime | None


def _day(value: float | str | None) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return to_datetime(float(value)).date().isoformat()


def _kind(store: Store, kind: str) -> KindInventory:
    model = EVIDENCE_MODELS[kind]
    with store.read() as uow:
        s = uow.session
        rows = int(s.scalar(select(func.count()).select_from(model)) or 0)
        first = last = None
        if kind in DATE_COLUMNS:
            column = getattr(model, DATE_COLUMNS[kind])
            first, last = s.execute(select(func.min(column), func.max(column))).one()
        tags = s.execute(
            select(model.source_tag, func.count()).group_by(model.source_tag).order_by(func.count().desc())
        ).all()
        record = s.scalar(select(ImportRecord).where(ImportRecord.kind == kind).order_by(ImportRecord.id.desc()))
        return KindInventory(
            kind,
            rows,
            _day(first),
            _day(last),
            tuple((str(t), int(n)) for t, n in tags[:SOURCES_SHOWN]),
            max(0, len(tags) - SOURCES_SHOWN),
            record.file_name if record else None,
            record.mode if record else None,
            record.imported_by if record else None,
            record.imported_at if record else None,
        )


def inventory(store: Store) -> list[KindInventory]:
    """Every kind, in the contract's order."""
    return [_kind(store, kind) for kind in KINDS]


# -- notes ----------------------------------------------------------------------------------------
PAGE_SIZE = 20


@dataclass(frozen=True)
class NoteRow:
    note_id: str
    created: str  # 'YYYY-MM-DD'
    source: str
    account_id: str | None
    text: str


@dataclass(frozen=True)
class NotesPage:
    rows: tuple[NoteRow, ...]
    total: int
    page: int  # 1-based, clamped to the pages there are
    pages: int


def note_sources(store: Store) -> list[tuple[str, int]]:
    """The note sources present, with their counts, largest first."""
    with store.read() as uow:
        found = uow.session.execute(
            select(Note.source, func.count()).group_by(Note.source).order_by(func.count().desc(), Note.source)
        ).all()
    return [(str(source), int(n)) for source, n in found]


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(query: Select, source: str | None, text: str | None) -> Select:  # type: ignore[type-arg]
    conditions = [Note.source == source.strip().lower()] if source else []
    # Every word must appear (in any case): 'budget q3' finds 'Q3 budget frozen'.
    conditions += [Note.text.ilike(_like(word), escape="\\") for word in (text or "").split()]
    return query.where(and_(*conditions)) if conditions else query


def search_notes(
    store: Store, *, source: str | None = None, text: str | None = None, page: int = 1, page_size: int = PAGE_SIZE
) -> NotesPage:
    """One page of notes, newest first, of one source (or all) containing every word of `text`."""
    with store.read() as uow:
        s = uow.session
        total = int(s.scalar(_filtered(select(func.count()).select_from(Note), source, text)) or 0)
        pages = max(1, -(-total // page_size))
        page = min(max(1, page), pages)
        query = _filtered(select(Note), source, text).order_by(Note.created_ts.desc(), Note.note_id)
        notes = s.scalars(query.offset((page - 1) * page_size).limit(page_size)).all()
        rows = tuple(NoteRow(n.note_id, _day(n.created_ts) or "", n.source, n.account_id, n.text) for n in notes)
    return NotesPage(rows, total, page, pages)

"""Segment assignment (CONTRACT section 3), compiled to SQL and materialised per
(ICP version, evidence version) so a page view never recomputes it.

Each account gets exactly one segment: the first non-retired segment whose rules all hold, unless
an active global disqualifier or an active disqualifier of that segment holds (then
`disqualified`, with the first that holds recorded: global ones first, then the segment's own).
No match: `disqualified` when an active global disqualifier holds, else `non_icp`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, case, delete, func, insert, literal, null, or_, select, text
from sqlalchemy.exc import IntegrityError

from icpcore import history
from icpcore.icp import IcpDocument
from icpcore.rules import sql_condition
from icpcore.store.models import Account, SegmentAssignment
from icpcore.store.uow import Store

NON_ICP, DISQUALIFIED, ALL = "non_icp", "disqualified", "all"


def segment_order(doc: IcpDocument) -> list[str]:
    """Every segment a table shows: live segments in document order, then the reserved ones."""
    return [s.id for s in doc.live_segments()] + [NON_ICP, DISQUALIFIED, ALL]


def _first_holding(disqualifiers: list) -> ColumnElement[str | None]:
    """The id of the first disqualifier whose rules hold, else NULL (paused ones never count)."""
    active = [d for d in disqualifiers if d.status == "active"]
    if not active:
        return null()
    return case(*((sql_condition(d.rules), literal(d.id)) for d in active), else_=null())


def matched_segment_expr(doc: IcpDocument) -> ColumnElement[str | None]:
    live = doc.live_segments()
    if not live:
        return null()
    return case(*((sql_condition(s.rules), literal(s.id)) for s in live), else_=null())


def disqualifier_expr(doc: IcpDocument) -> ColumnElement[str | None]:
    """Per matched segment: global disqualifiers, then its own; unmatched: global ones only."""
    live = doc.live_segments()
    unmatched = _first_holding(doc.disqualifiers)
    if not live:
        return unmatched
    whens = [(sql_condition(s.rules), _first_holding([*doc.disqualifiers, *s.disqualifiers])) for s in live]
    return case(*whens, else_=unmatched)


def assignment_select(doc: IcpDocument) -> Select:
    """account_id, segment, matched_segment, disqualifier for every account (works for drafts too)."""
    inner = select(
        Account.account_id.label("account_id"),
        matched_segment_expr(doc).label("matched_segment"),
        disqualifier_expr(doc).label("disqualifier"),
    ).subquery("assign_inner")
    segment = case(
        (inner.c.disqualifier.is_not(None), literal(DISQUALIFIED)),
        (inner.c.matched_segment.is_not(None), inner.c.matched_segment),
        else_=literal(NON_ICP),
    )
    return select(inner.c.account_id, segment.label("segment"), inner.c.matched_segment, inner.c.disqualifier)


def _current_document(store: Store, version: int | None) -> tuple[int, IcpDocument]:
    found = history.require_version(store, version)
    return found.number, found.document


def ensure_assignment(store: Store, version: int | None = None) -> tuple[int, int]:
    """Materialise the assignment for (ICP version, evidence version) when that pair is new and
    drop stale pairs; returns the pair. `version` defaults to the current ICP."""
    number, doc = _current_document(store, version)
    evidence = store.evidence_version()
    pair = (SegmentAssignment.icp_version == number) & (SegmentAssignment.evidence_version == evidence)
    with store.read() as uow:
        if uow.session.scalar(select(literal(1)).where(pair).select_from(SegmentAssignment).limit(1)):
            return number, evidence
    rows = assignment_select(doc).subquery("assign")
    try:
        with store.unit_of_work() as uow:
            uow.session.execute(
                delete(SegmentAssignment).where(
                    or_(SegmentAssignment.icp_version != number, SegmentAssignment.evidence_version != evidence)
                )
            )
            uow.session.execute(
                insert(SegmentAssignment).from_select(
                    ["icp_version", "evidence_version", "account_id", "segment", "matched_segment", "disqualifier"],
                    select(
                        literal(number),
                        literal(evidence),
                        rows.c.account_id,
                        rows.c.segment,
                        rows.c.matched_segment,
                        rows.c.disqualifier,
                    ),
                )
            )
        _refresh_statistics(store)
    except IntegrityError:
        pass  # another process materialised the same pair first: its rows are the same
    return number, evidence


# Tables the metric queries read. PostgreSQL plans them well only with statistics, and freshly
# loaded tables have none until autovacuum gets to them; a new pair means new evidence or a new
# ICP, so this is the moment. (SQLite plans these queries best without statistics.)
_ANALYZED = ("segment_assignments", "leads", "opportunities", "product_events", "billing", "spend")


def _refresh_statistics(store: Store) -> None:
    if store.dialect == "postgresql":
        with store.engine.begin() as conn:
            conn.execute(text(f"ANALYZE {', '.join(_ANALYZED)}"))


def assignment_table(icp_version: int, evidence_version: int) -> Select:
    """The materialised (account_id, segment) pairs of one (ICP version, evidence version)."""
    return select(SegmentAssignment.account_id, SegmentAssignment.segment).where(
        SegmentAssignment.icp_version == icp_version, SegmentAssignment.evidence_version == evidence_version
    )


def segment_sizes(store: Store, version: int | None = None) -> dict[str, int]:
    """Accounts per segment (every live segment, non_icp, disqualified, all; zeros included)."""
    number, evidence = ensure_assignment(store, version)
    _, doc = _current_document(store, number)
    sizes = dict.fromkeys(segment_order(doc), 0)
    query = (
        select(SegmentAssignment.segment, func.count())
        .where(SegmentAssignment.icp_version == number, SegmentAssignment.evidence_version == evidence)
        .group_by(SegmentAssignment.segment)
    )
    with store.read() as uow:
        for segment, count in uow.session.execute(query):
            sizes[segment] = sizes.get(segment, 0) + int(count)
    sizes[ALL] = sum(v for k, v in sizes.items() if k != ALL)
    return sizes

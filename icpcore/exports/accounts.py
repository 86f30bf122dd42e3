"""The evidence an audience export reads: how many accounts match, and their company columns.

"Matching" means the segment's rules hold and no active disqualifier (global or the segment's
own) holds: one SQL count, run by the database. The company list reads only the columns of
LinkedIn's company-list template, never a sensitive attribute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, func, null, or_, select

from icpcore.exports.context import ExportContext
from icpcore.icp import Segment
from icpcore.rules import sql_condition, sql_flag
from icpcore.store.models import Account

# LinkedIn Campaign Manager > Matched audiences > Company list: the template's headers, in order,
# each with the account columns (lower-case) that may feed it, first present wins.
COMPANY_LIST_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("companyname", ("name",)),
    ("companywebsite", ("website", "company_website", "domain", "company_domain")),
    ("companyemaildomain", ("email_domain", "company_email_domain")),
    ("linkedincompanypageurl", ("linkedin_company_page_url", "linkedin_url", "linkedin_page")),
    ("stocksymbol", ("stock_symbol", "ticker")),
    ("industry", ("industry",)),
    ("city", ("city",)),
    ("state", ("state", "province")),
    ("companycountry", ("country",)),
    ("zipcode", ("zipcode", "zip", "postal_code", "postcode")),
)
LIST_LIMIT = 300_000  # LinkedIn's maximum list size


@dataclass(frozen=True)
class CompanyRows:
    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    skipped_unnamed: int
    truncated: bool


def _matching(ctx: ExportContext, segment: Segment) -> ColumnElement[bool]:
    keep = [sql_flag(d.rules) == 0 for _, d in ctx.active_disqualifiers(segment)]
    return and_(sql_condition(segment.rules), *keep)


def matching_count(ctx: ExportContext, segment: Segment) -> int:
    """Accounts in the evidence where the segment's rules hold and no active disqualifier does."""
    if ctx.store is None:
        return 0
    query = select(func.count()).select_from(Account).where(_matching(ctx, segment))
    with ctx.store.read() as uow:
        return int(uow.session.scalar(query) or 0)


def _source(ctx: ExportContext, aliases: Sequence[str]) -> ColumnElement[str | None] | None:
    """The first present of the allowed columns; sensitive attributes are never read."""
    allowed = [a for a in aliases if a not in set(ctx.doc.sensitive_attributes)]
    if not allowed:
        return None
    columns = [Account.traits[a].as_string() for a in allowed]
    return columns[0] if len(columns) == 1 else func.coalesce(*columns)


def company_rows(ctx: ExportContext, segments: Sequence[Segment]) -> CompanyRows:
    """Matching accounts of the segments (each once), as rows of the company-list template."""
    header = tuple(name for name, _ in COMPANY_LIST_COLUMNS)
    sources = [_source(ctx, aliases) for _, aliases in COMPANY_LIST_COLUMNS]
    if ctx.store is None or not segments:
        return CompanyRows(header, [], 0, False)
    picked = [s if s is not None else null() for s in sources]
    where = _matching(ctx, segments[0]) if len(segments) == 1 else _any(ctx, segments)
    query = select(Account.account_id, *picked).where(where)
    rows: list[tuple[str, ...]] = []
    skipped = 0
    with ctx.store.read() as uow:
        for found in uow.session.execute(query):
            cells = tuple("" if v is None else str(v).strip() for v in found[1:])
            if not cells[0] and not cells[1]:  # LinkedIn matches on the name or the website
                skipped += 1
                continue
            rows.append(cells)
    rows.sort(key=lambda r: (r[0].lower(), r))  # in Python: the same order on every database
    return CompanyRows(header, rows[:LIST_LIMIT], skipped, len(rows) > LIST_LIMIT)


def _any(ctx: ExportContext, segments: Sequence[Segment]) -> ColumnElement[bool]:
    return or_(*(_matching(ctx, s) for s in segments))

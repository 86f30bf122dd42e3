"""Column mapping for the import wizard: read a file's header, suggest which of its columns feed
each contract column (exact names first, then common CRM synonyms), and spell the choice as the
command line's `--map to=from,...`."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

from icpcore.errors import InvalidInput
from icpcore.evidence.recipes import get_recipe
from icpcore.evidence.schema import spec

# Names CRM exports commonly use for a contract column, most specific first.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "account_id": ("company_id", "accountid", "account_number", "customer_id", "org_id", "organization_id", "account"),
    "name": ("company_name", "account_name", "organization", "organisation", "company"),
    "industry": ("sector", "vertical", "industry_name"),
    "employees": ("employee_count", "number_of_employees", "num_employees", "headcount", "company_size", "staff"),
    "annual_revenue": ("revenue", "annual_revenue_usd", "yearly_revenue", "arr"),
    "region": ("sales_region", "territory", "geo", "market", "area"),
    "country": ("country_code", "hq_country", "office_location", "location"),
    "lead_id": ("leadid", "lead", "id"),
    "created_at": (
        "created",
        "created_date",
        "create_date",
        "createdate",
        "created_on",
        "date_created",
        "creation_date",
    ),
    "channel": ("lead_source", "utm_source", "medium", "origin"),
    "campaign": ("campaign_name", "utm_campaign"),
    "qualified_at": ("qualified_date", "qualified_on", "date_qualified", "mql_date", "sql_date", "converted_at"),
    "disqualified_reason": ("disqualification_reason", "unqualified_reason", "lost_reason", "reason"),
    "opportunity_id": ("deal_id", "opportunityid", "opp_id", "opportunity", "deal", "id"),
    "closed_at": ("close_date", "closed_date", "closedate", "closed_on", "date_closed"),
    "stage": ("deal_stage", "dealstage", "stage_name", "pipeline_stage", "status"),
    "won": ("is_won", "iswon", "closed_won", "win"),
    "amount": ("deal_value", "close_value", "value", "amount_usd", "price", "total"),
    "event": ("event_name", "event_type", "action", "type"),
    "occurred_at": ("timestamp", "occurred", "event_time", "event_date", "time", "ts", "date", "created_at"),
    "month": ("period", "month_start"),
    "segment": ("icp_segment",),
    "note_id": ("noteid", "id"),
    "source": ("note_source", "note_type", "origin"),
    "text": ("body", "content", "note", "notes", "description", "comment", "message"),
}


def _key(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "_", name.strip().lower()).strip("_")


def file_header(data: bytes, kind: str, recipe: str | None = None) -> list[str]:
    """The header of a CSV file as the importer will see it (after a recipe, names trimmed and
    lower-cased); InvalidInput when there is none."""
    head = data[: 1 << 16].decode("utf-8-sig", errors="replace")
    try:
        header = next(csv.reader(io.StringIO(head)), None)
    except csv.Error as exc:
        raise InvalidInput(f"cannot read the header: {exc}") from None
    if not header or not any(h.strip() for h in header):
        raise InvalidInput("the file has no header row")
    if recipe:
        header, _ = get_recipe(recipe, kind)(header, iter(()), Counter())
    return [h.strip().lower() for h in header]


def suggest_mapping(header: list[str], kind: str) -> dict[str, str]:
    """{contract column: file column} for contract columns the file lacks by name, matched on
    normalised names ('Created Date' -> created_date) and synonyms; each file column once."""
    names = [h.strip().lower() for h in header]
    by_key = {_key(n): n for n in reversed(names)}
    taken = {n for n in names if n in spec(kind).known}
    mapping: dict[str, str] = {}
    for target in spec(kind).known:
        if target in names:
            continue
        for candidate in (target, *SYNONYMS.get(target, ())):
            source = by_key.get(_key(candidate))
            if source is not None and source not in taken:
                mapping[target] = source
                taken.add(source)
                break
    return mapping


def mapping_text(mapping: dict[str, str]) -> str:
    """The mapping as the command line's `--map` value."""
    return ",".join(f"{to}={source}" for to, source in mapping.items() if to != source)

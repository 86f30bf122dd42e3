"""Each kind's validated chunk as the columns of its table (`TABLE_COLUMNS`, in that order).

`convert_chunk` runs the checks of `convert` that the kind's spec asks for, then the kind's
builder assembles table columns; rows come back only when the whole chunk is clean.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from icpcore.evidence import convert as check
from icpcore.evidence.convert import Cells, Chunk, ChunkContext, Problem
from icpcore.rules import parse_number

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("account_id", "name", "traits", "traits_ci", "traits_num", "extra"),
    "leads": (
        "lead_id",
        "account_id",
        "created_ts",
        "created_month",
        "channel",
        "channel_ci",
        "campaign",
        "campaign_ci",
        "qualified_ts",
        "disqualified_reason",
        "extra",
    ),
    "opportunities": (
        "opportunity_id",
        "account_id",
        "created_ts",
        "created_month",
        "closed_ts",
        "closed_month",
        "stage",
        "won",
        "amount",
        "extra",
    ),
    "product_events": ("account_id", "event", "ts", "month", "extra"),
    "billing": ("account_id", "event", "ts", "month", "amount", "extra"),
    "spend": ("month", "channel", "channel_ci", "campaign", "campaign_ci", "segment", "amount", "extra"),
    "notes": ("note_id", "account_id", "source", "created_ts", "created_month", "text", "extra"),
}
JSON_COLUMNS = frozenset({"traits", "traits_ci", "traits_num", "extra"})

Table = dict[str, list[Any]]
MONTH = "#month"  # parsed[column + MONTH]: the UTC month of each timestamp
Parsed = dict[str, list[Any]]


def convert_chunk(chunk: Chunk, context: ChunkContext) -> tuple[Table, list[Problem]]:
    """Validate and convert one chunk; the table columns come back only when it is clean."""
    spec, cells = context.spec, Cells(chunk)
    col = dict(chunk.columns)
    for name in spec.required:
        if name not in spec.timestamps and name not in spec.numbers and name != "won":
            check.required_text(col[name], name, cells)
    for name, limit in context.limits.items():
        if name in col:
            check.lengths(col[name], name, limit, cells)
    if spec.id_column:
        check.ids(col[spec.id_column], context, cells)
    if "account_id" in col and spec.references_accounts:
        check.references(col["account_id"], context, cells)
    for name, allowed in spec.choices.items():
        col[name] = check.choices(col[name], name, allowed, cells)
    parsed: Parsed = {}
    for name in spec.timestamps:
        if name in col:
            parsed[name], parsed[name + MONTH] = check.timestamps(col[name], name, name in spec.required, cells)
    for name in spec.numbers:
        if name in col:
            parsed[name] = check.numbers(col[name], name, name in spec.required, name in spec.non_negative, cells)
    if spec.kind != "accounts":
        for name in col:
            if name in spec.free_text or name not in spec.known:
                col[name] = check.scrub(col[name], name, context)
    table = BUILDERS[spec.kind](col, parsed, cells, chunk.size)
    problems = chunk.problems + cells.problems
    if problems:
        return {}, problems
    return table, []


def _text(col: dict[str, list[str]], name: str, n: int) -> list[str]:
    return col.get(name) or [""] * n


def _or_none(values: list[str]) -> list[str | None]:
    return [v or None for v in values]


def _months(parsed: Parsed, column: str, n: int) -> list[str | None]:
    return parsed.get(column + MONTH) or [None] * n


def _extras(col: dict[str, list[str]], known: tuple[str, ...], n: int) -> list[dict[str, str] | None]:
    """Extra columns are kept (CONTRACT section 1); empty values are left out."""
    names = [c for c in col if c not in known]
    if not names:
        return [None] * n
    rows = zip(*(col[c] for c in names), strict=True)
    return [{c: v for c, v in zip(names, values, strict=True) if v} or None for values in rows]


def _accounts(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    names = list(col)
    traits, traits_ci, traits_num = [], [], []
    for values in zip(*(col[c] for c in names), strict=True):
        row = {c: v for c, v in zip(names, values, strict=True) if v}
        traits.append(row)
        traits_ci.append({c: v.lower() for c, v in row.items()})
        numbers = ((c, parse_number(v)) for c, v in row.items())
        traits_num.append({c: x for c, x in numbers if x is not None and abs(x) != float("inf")})
    return {
        "account_id": col["account_id"],
        "name": _or_none(_text(col, "name", n)),
        "traits": traits,
        "traits_ci": traits_ci,
        "traits_num": traits_num,
        "extra": [None] * n,
    }


def _leads(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    created, qualified = parsed["created_at"], parsed.get("qualified_at") or [None] * n
    for i, (c, q) in enumerate(zip(created, qualified, strict=True)):
        if q is not None and c is not None and q < c:
            cells.bad(i, "qualified_at", "is before created_at")
    campaign = _text(col, "campaign", n)
    known = ("lead_id", "account_id", "created_at", "channel", "campaign", "qualified_at", "disqualified_reason")
    return {
        "lead_id": col["lead_id"],
        "account_id": col["account_id"],
        "created_ts": created,
        "created_month": _months(parsed, "created_at", n),
        "channel": col["channel"],
        "channel_ci": list(map(str.lower, col["channel"])),
        "campaign": _or_none(campaign),
        "campaign_ci": [v.lower() or None for v in campaign],
        "qualified_ts": qualified,
        "disqualified_reason": _or_none(_text(col, "disqualified_reason", n)),
        "extra": _extras(col, known, n),
    }


def _opportunities(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    created, closed = parsed["created_at"], parsed.get("closed_at") or [None] * n
    known = ("opportunity_id", "account_id", "created_at", "closed_at", "stage", "won", "amount")
    return {
        "opportunity_id": col["opportunity_id"],
        "account_id": col["account_id"],
        "created_ts": created,
        "created_month": _months(parsed, "created_at", n),
        "closed_ts": closed,
        "closed_month": _months(parsed, "closed_at", n),
        "stage": col["stage"],
        # `won` may be empty only on open opportunities (no closed_at), where it means nothing.
        "won": check.booleans(col["won"], "won", [c is None for c in closed], cells),
        "amount": parsed.get("amount") or [None] * n,
        "extra": _extras(col, known, n),
    }


def _events(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    ts = parsed["occurred_at"]
    return {
        "account_id": col["account_id"],
        "event": [v.lower() for v in col["event"]],  # event names match case-insensitively
        "ts": ts,
        "month": _months(parsed, "occurred_at", n),
        "extra": _extras(col, ("account_id", "event", "occurred_at"), n),
    }


def _billing(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    ts = parsed["occurred_at"]
    return {
        "account_id": col["account_id"],
        "event": col["event"],  # lower-cased by the choices check
        "ts": ts,
        "month": _months(parsed, "occurred_at", n),
        "amount": parsed.get("amount") or [None] * n,
        "extra": _extras(col, ("account_id", "event", "occurred_at", "amount"), n),
    }


def _spend(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    months = []
    for i, value in enumerate(col["month"]):
        month = check.parse_month_text(value)
        if month is None and value:
            cells.bad(i, "month", f"'{check.short(value)}' is not a month (YYYY-MM)")
        months.append(month)
    campaign = _text(col, "campaign", n)
    return {
        "month": months,
        "channel": col["channel"],
        "channel_ci": list(map(str.lower, col["channel"])),
        "campaign": _or_none(campaign),
        "campaign_ci": [v.lower() or None for v in campaign],
        "segment": _or_none(_text(col, "segment", n)),
        "amount": parsed["amount"],
        "extra": _extras(col, ("month", "channel", "campaign", "segment", "amount"), n),
    }


def _notes(col: dict[str, list[str]], parsed: Parsed, cells: Cells, n: int) -> Table:
    created = parsed["created_at"]
    return {
        "note_id": col["note_id"],
        "account_id": _or_none(_text(col, "account_id", n)),
        "source": col["source"],  # lower-cased by the choices check
        "created_ts": created,
        "created_month": _months(parsed, "created_at", n),
        "text": col["text"],
        "extra": _extras(col, ("note_id", "account_id", "source", "created_at", "text"), n),
    }


BUILDERS: dict[str, Callable[[dict[str, list[str]], Parsed, Cells, int], Table]] = {
    "accounts": _accounts,
    "leads": _leads,
    "opportunities": _opportunities,
    "product_events": _events,
    "billing": _billing,
    "spend": _spend,
    "notes": _notes,
}

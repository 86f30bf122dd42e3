"""From a chunk of CSV text values to validated table rows (CONTRACT sections 1 and 6).

Works column by column over a chunk so a million-row file stays fast; every problem is kept
with its row number (1 = first data row), column and what is wrong.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from icpcore.evidence.privacy import MaskCounts, scrub_text
from icpcore.evidence.schema import FALSE_WORDS, TRUE_WORDS, KindSpec
from icpcore.rules import parse_number
from icpcore.timeutil import month_of, parse_instant, parse_month


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


@dataclass
class ChunkContext:
    """What validation must know beyond the chunk: ids seen so far and accounts that exist."""

    spec: KindSpec
    account_ids: set[str] | None  # None: do not check references
    existing_ids: set[str] = field(default_factory=set)
    seen_ids: set[str] = field(default_factory=set)
    masks: dict[str, MaskCounts] = field(default_factory=dict)


class _Cells:
    """Problems collected while converting one chunk."""

    def __init__(self, first_row: int):
        self.first_row = first_row
        self.problems: list[Problem] = []
        self.bad_rows: set[int] = set()

    def bad(self, index: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.first_row + index, column, message))
        self.bad_rows.add(index)


def _required_text(values: list[str], column: str, cells: _Cells) -> None:
    for i, value in enumerate(values):
        if value == "":
            cells.bad(i, column, "is empty but required")


def _timestamps(values: list[str], column: str, required: bool, cells: _Cells) -> list[float | None]:
    cache: dict[str, float | None] = {}
    out: list[float | None] = []
    for i, value in enumerate(values):
        if value == "":
            if required:
                cells.bad(i, column, "is empty but required")
            out.append(None)
            continue
        if value not in cache:
            try:
                cache[value] = parse_instant(value)
            except ValueError:
                cache[value] = math.nan
        ts = cache[value]
        if ts is not None and math.isnan(ts):
            cells.bad(i, column, f"'{_short(value)}' is not an ISO 8601 date or date-time")
            out.append(None)
        else:
            out.append(ts)
    return out


def _numbers(values: list[str], column: str, required: bool, non_negative: bool, cells: _Cells) -> list[float | None]:
    out: list[float | None] = []
    for i, value in enumerate(values):
        if value == "":
            if required:
                cells.bad(i, column, "is empty but required")
            out.append(None)
            continue
        number = parse_number(value)
        if number is None:
            cells.bad(i, column, f"'{_short(value)}' is not a number")
        elif non_negative and number < 0:
            cells.bad(i, column, f"{value} is negative; it must be >= 0")
            number = None
        out.append(number)
    return out


def _booleans(values: list[str], column: str, cells: _Cells, optional_rows: list[bool]) -> list[bool]:
    out = []
    for i, value in enumerate(values):
        word = value.lower()
        if word in TRUE_WORDS:
            out.append(True)
        elif word in FALSE_WORDS or (word == "" and optional_rows[i]):
            out.append(False)
        else:
            shown = "is empty but required" if word == "" else f"'{_short(value)}' is not a boolean"
            cells.bad(i, column, shown + " (true/false/1/0/yes/no/y/n)")
            out.append(False)
    return out


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def _ids(values: list[str], context: ChunkContext, cells: _Cells) -> None:
    column = context.spec.id_column or ""
    for i, value in enumerate(values):
        if value == "":
            continue  # reported as required
        if value in context.seen_ids:
            cells.bad(i, column, f"'{_short(value)}' appears twice in the file")
        elif value in context.existing_ids:
            cells.bad(i, column, f"'{_short(value)}' already exists (use --replace to swap this kind's rows)")
        context.seen_ids.add(value)


def _references(values: list[str], context: ChunkContext, cells: _Cells) -> None:
    if context.account_ids is None:
        return
    for i, value in enumerate(values):
        if value != "" and value not in context.account_ids:
            cells.bad(i, "account_id", f"'{_short(value)}' is not in accounts")


def _choices(values: list[str], column: str, allowed: tuple[str, ...], cells: _Cells) -> list[str]:
    out = []
    for i, value in enumerate(values):
        word = value.lower()
        if value != "" and word not in allowed:
            cells.bad(i, column, f"'{_short(value)}' is not one of {', '.join(allowed)}")
        out.append(word)
    return out


def _scrub(values: list[str], column: str, context: ChunkContext) -> list[str]:
    counts = context.masks.setdefault(column, MaskCounts())
    out = []
    for value in values:
        clean, found = scrub_text(value)
        counts.add(found)
        out.append(clean)
    return out


Columns = dict[str, list[str]]


def convert_chunk(
    columns: Columns, first_row: int, context: ChunkContext
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Validate and convert one chunk of trimmed text values (column -> values); rows come back
    only when the whole chunk is clean."""
    spec, cells = context.spec, _Cells(first_row)
    col = dict(columns)
    size = len(next(iter(col.values()))) if col else 0
    for name in spec.required:
        if name not in spec.timestamps and name not in spec.numbers and name != "won":
            _required_text(col[name], name, cells)
    if spec.id_column:
        _ids(col[spec.id_column], context, cells)
    if "account_id" in col and spec.references_accounts:
        _references(col["account_id"], context, cells)
    for name, allowed in spec.choices.items():
        col[name] = _choices(col[name], name, allowed, cells)
    parsed: dict[str, list[Any]] = {}
    for name in spec.timestamps:
        if name in col:
            parsed[name] = _timestamps(col[name], name, name in spec.required, cells)
    for name in spec.numbers:
        if name in col:
            parsed[name] = _numbers(col[name], name, name in spec.required, name in spec.non_negative, cells)
    for name in spec.free_text:
        if name in col:
            col[name] = _scrub(col[name], name, context)
    builder = _BUILDERS[spec.kind]
    rows = builder(col, parsed, cells, size)
    if cells.problems:
        return [], sorted(cells.problems, key=lambda p: p.row)
    return rows, []


def _extras(col: dict[str, list[str]], known: tuple[str, ...], n: int) -> list[dict[str, str] | None]:
    extra_names = [c for c in col if c not in known]
    if not extra_names:
        return [None] * n
    return [{c: col[c][i] for c in extra_names if col[c][i] != ""} or None for i in range(n)]


def _or_none(value: str) -> str | None:
    return value if value != "" else None


def _accounts(col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int) -> list[dict[str, Any]]:
    names = list(col)
    rows = []
    for i in range(n):
        traits = {c: col[c][i] for c in names if col[c][i] != ""}
        numbers = {c: v for c, v in ((c, parse_number(t)) for c, t in traits.items()) if v is not None}
        rows.append(
            {
                "account_id": col["account_id"][i],
                "name": _or_none(col["name"][i]) if "name" in col else None,
                "traits": traits,
                "traits_ci": {c: t.lower() for c, t in traits.items()},
                "traits_num": numbers,
                "extra": None,
            }
        )
    return rows


def _leads(col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int) -> list[dict[str, Any]]:
    created, qualified = parsed["created_at"], parsed.get("qualified_at", [None] * n)
    campaign = col.get("campaign", [""] * n)
    reason = col.get("disqualified_reason", [""] * n)
    extras = _extras(
        col, ("lead_id", "account_id", "created_at", "channel", "campaign", "qualified_at", "disqualified_reason"), n
    )
    rows = []
    for i in range(n):
        if created[i] is not None and qualified[i] is not None and qualified[i] < created[i]:
            cells.bad(i, "qualified_at", "is before created_at")
        rows.append(
            {
                "lead_id": col["lead_id"][i],
                "account_id": col["account_id"][i],
                "created_ts": created[i],
                "created_month": month_of(created[i]) if created[i] is not None else "",
                "channel": col["channel"][i],
                "channel_ci": col["channel"][i].lower(),
                "campaign": _or_none(campaign[i]),
                "campaign_ci": _or_none(campaign[i].lower()),
                "qualified_ts": qualified[i],
                "disqualified_reason": _or_none(reason[i]),
                "extra": extras[i],
            }
        )
    return rows


def _opportunities(
    col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int
) -> list[dict[str, Any]]:
    created, closed = parsed["created_at"], parsed.get("closed_at", [None] * n)
    open_rows = [c is None for c in closed]
    won = _booleans(col["won"], "won", cells, open_rows)
    amount = parsed.get("amount", [None] * n)
    extras = _extras(col, ("opportunity_id", "account_id", "created_at", "closed_at", "stage", "won", "amount"), n)
    return [
        {
            "opportunity_id": col["opportunity_id"][i],
            "account_id": col["account_id"][i],
            "created_ts": created[i],
            "created_month": month_of(created[i]) if created[i] is not None else "",
            "closed_ts": closed[i],
            "closed_month": month_of(closed[i]) if closed[i] is not None else None,
            "stage": col["stage"][i],
            "won": won[i],
            "amount": amount[i],
            "extra": extras[i],
        }
        for i in range(n)
    ]


def _events(col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int) -> list[dict[str, Any]]:
    ts = parsed["occurred_at"]
    amount = parsed.get("amount")
    extras = _extras(col, ("account_id", "event", "occurred_at", "amount"), n)
    rows = []
    for i in range(n):
        row = {
            "account_id": col["account_id"][i],
            "event": col["event"][i].lower(),
            "ts": ts[i],
            "month": month_of(ts[i]) if ts[i] is not None else "",
            "extra": extras[i],
        }
        if amount is not None:
            row["amount"] = amount[i]
        rows.append(row)
    return rows


def _spend(col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int) -> list[dict[str, Any]]:
    campaign = col.get("campaign", [""] * n)
    segment = col.get("segment", [""] * n)
    extras = _extras(col, ("month", "channel", "campaign", "segment", "amount"), n)
    rows = []
    for i in range(n):
        month = ""
        if col["month"][i] != "":
            try:
                month = parse_month(col["month"][i])
            except ValueError as exc:
                cells.bad(i, "month", str(exc))
        rows.append(
            {
                "month": month,
                "channel": col["channel"][i],
                "channel_ci": col["channel"][i].lower(),
                "campaign": _or_none(campaign[i]),
                "campaign_ci": _or_none(campaign[i].lower()),
                "segment": _or_none(segment[i]),
                "amount": parsed["amount"][i],
                "extra": extras[i],
            }
        )
    return rows


def _notes(col: dict[str, list[str]], parsed: dict[str, list[Any]], cells: _Cells, n: int) -> list[dict[str, Any]]:
    created = parsed["created_at"]
    account = col.get("account_id", [""] * n)
    extras = _extras(col, ("note_id", "account_id", "source", "created_at", "text"), n)
    return [
        {
            "note_id": col["note_id"][i],
            "account_id": _or_none(account[i]),
            "source": col["source"][i],
            "created_ts": created[i],
            "created_month": month_of(created[i]) if created[i] is not None else "",
            "text": col["text"][i],
            "extra": extras[i],
        }
        for i in range(n)
    ]


_BUILDERS = {
    "accounts": _accounts,
    "leads": _leads,
    "opportunities": _opportunities,
    "product_events": _events,
    "billing": _events,
    "spend": _spend,
    "notes": _notes,
}

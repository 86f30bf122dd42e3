"""From a chunk of CSV text values to validated table columns (CONTRACT sections 1 and 6).

Works column by column so a million-row file stays fast: each check first asks a cheap
whole-column question (any empty value? every account known?) and only walks the values one by
one when the answer says some are wrong. Every problem keeps its row number (1 = first data row),
column and what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from icpcore.evidence.isotime import parse_column, parse_iso
from icpcore.evidence.privacy import MaskCounts, scrub_text
from icpcore.evidence.schema import FALSE_WORDS, TRUE_WORDS, KindSpec

BOOLEAN_WORDS = "true/false/1/0/yes/no/y/n"
EMPTY = "is empty but required"
_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_MONTH = re.compile(r"\d{4}-(?:0[1-9]|1[0-2])", re.ASCII)
_BAD = object()  # marks a value that did not parse


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


Columns = dict[str, list[str]]


@dataclass
class Chunk:
    """Trimmed text values of consecutive data rows, by column, and the problems found reading them."""

    first_row: int
    columns: Columns
    size: int  # rows kept
    problems: list[Problem] = field(default_factory=list)
    numbers: list[int] | None = None  # row numbers when not first_row, first_row + 1, ...
    consumed: int = -1  # data rows read, kept or left out by a recipe (-1: same as size)

    def row(self, index: int) -> int:
        return self.numbers[index] if self.numbers is not None else self.first_row + index

    @property
    def rows_read(self) -> int:
        return self.size if self.consumed < 0 else self.consumed


@dataclass
class ChunkContext:
    """What validation must know beyond the chunk: ids seen so far, ids already stored, accounts."""

    spec: KindSpec
    account_ids: set[str] | None  # None: do not check references
    stored_ids: Callable[[set[str]], set[str]] | None = None  # which of these ids the database holds
    seen_ids: set[str] = field(default_factory=set)
    masks: dict[str, MaskCounts] = field(default_factory=dict)
    limits: dict[str, int] = field(default_factory=dict)  # column -> longest text the table takes


class Cells:
    """Problems collected while converting one chunk."""

    def __init__(self, chunk: Chunk):
        self.chunk = chunk
        self.problems: list[Problem] = []

    def bad(self, index: int, column: str, message: str) -> None:
        self.problems.append(Problem(self.chunk.row(index), column, message))


def short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[:limit] + "…"


def required_text(values: list[str], column: str, cells: Cells) -> None:
    if "" in values:
        for i, value in enumerate(values):
            if value == "":
                cells.bad(i, column, EMPTY)


def lengths(values: list[str], column: str, limit: int, cells: Cells) -> None:
    if values and max(map(len, values)) > limit:
        for i, value in enumerate(values):
            if len(value) > limit:
                cells.bad(i, column, f"is {len(value)} characters long; at most {limit} are allowed")


def ids(values: list[str], context: ChunkContext, cells: Cells) -> None:
    """Unique in the file and, unless replacing, new to the database."""
    distinct = set(values)
    distinct.discard("")
    clean = len(distinct) == len(values) and context.seen_ids.isdisjoint(distinct)
    stored = context.stored_ids(distinct) if context.stored_ids else set()
    if clean and not stored:
        context.seen_ids.update(distinct)
        return
    column = context.spec.id_column or ""
    for i, value in enumerate(values):
        if value == "":
            continue  # reported as required
        if value in context.seen_ids:
            cells.bad(i, column, f"'{short(value)}' appears twice in the file")
        elif value in stored:
            cells.bad(i, column, f"'{short(value)}' already exists (use --replace to swap this kind's rows)")
        context.seen_ids.add(value)


def references(values: list[str], context: ChunkContext, cells: Cells) -> None:
    known = context.account_ids
    if known is None or known.issuperset(values):
        return
    for i, value in enumerate(values):
        if value != "" and value not in known:
            cells.bad(i, "account_id", f"'{short(value)}' is not in accounts")


def choices(values: list[str], column: str, allowed: tuple[str, ...], cells: Cells) -> list[str]:
    """Lower-cased values; names outside the allowed list are problems."""
    lowered = [v.lower() for v in values]
    if not set(lowered) <= {*allowed, ""}:
        for i, word in enumerate(lowered):
            if word != "" and word not in allowed:
                cells.bad(i, column, f"'{short(values[i])}' is not one of {', '.join(allowed)}")
    return lowered


def timestamps(
    values: list[str], column: str, required: bool, cells: Cells
) -> tuple[list[float | None], list[str | None]]:
    """Epoch seconds (UTC) and the UTC month of each value; None where empty or invalid."""
    out, months = parse_column(values, _BAD)
    if _BAD in out or (required and None in out):
        for i, ts in enumerate(out):
            if ts is _BAD:
                try:
                    parse_iso(values[i])
                except ValueError as exc:
                    cells.bad(i, column, f"'{short(values[i])}' {exc}")
                out[i] = None
            elif ts is None and required:
                cells.bad(i, column, EMPTY)
    return out, months


def parse_month_text(value: str) -> str | None:
    """'YYYY-MM' as given, or None when it is not a month."""
    return value if _MONTH.fullmatch(value) and value[:4] != "0000" else None


def _number(value: str) -> Any:
    if not value:
        return None
    if _NUMBER.fullmatch(value) is None:
        return _BAD
    number = float(value)
    return _BAD if number in (float("inf"), float("-inf")) else number


def numbers(values: list[str], column: str, required: bool, non_negative: bool, cells: Cells) -> list[float | None]:
    """Plain decimal numbers ('1200', '-3.5', '1e6'); no thousands separators, no NaN or infinity."""
    out = [_number(v) for v in values]
    negative = non_negative and any(n is not None and n is not _BAD and n < 0 for n in out)
    if _BAD in out or negative or (required and None in out):
        for i, number in enumerate(out):
            if number is _BAD:
                cells.bad(i, column, f"'{short(values[i])}' is not a number")
                out[i] = None
            elif number is None and required:
                cells.bad(i, column, EMPTY)
            elif non_negative and number is not None and number < 0:
                cells.bad(i, column, f"{values[i]} is negative; it must be >= 0")
                out[i] = None
    return out


def booleans(values: list[str], column: str, may_be_empty: list[bool], cells: Cells) -> list[bool]:
    """true/false/1/0/yes/no/y/n in any case; empty only where `may_be_empty` (read as false)."""
    out: list[bool] = []
    for i, value in enumerate(values):
        word = value.lower()
        if word in TRUE_WORDS:
            out.append(True)
        elif word in FALSE_WORDS or (word == "" and may_be_empty[i]):
            out.append(False)
        else:
            shown = f"{EMPTY} when closed_at is set" if word == "" else f"'{short(value)}' is not a boolean"
            cells.bad(i, column, f"{shown} ({BOOLEAN_WORDS})")
            out.append(False)
    return out


def scrub(values: list[str], column: str, context: ChunkContext) -> list[str]:
    """Emails, phone numbers and personal URLs masked (CONTRACT section 6); counts kept for the preview."""
    counts = context.masks.setdefault(column, MaskCounts())
    cache: dict[str, tuple[str, MaskCounts]] = {}  # repeated texts (reasons, stages) are scrubbed once
    out = []
    for value in values:
        done = cache.get(value)
        if done is None:
            done = cache[value] = scrub_text(value)
        if done[1].total:
            counts.add(done[1])
        out.append(done[0])
    return out

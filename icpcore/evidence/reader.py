"""Reading evidence CSV: headers matched case-insensitively, columns renamed, contact columns
dropped or hashed, values trimmed, streamed in chunks of column lists."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO

from icpcore.errors import InvalidInput
from icpcore.evidence.convert import Columns
from icpcore.evidence.privacy import PrivacyReport, is_contact_column, salted_hash
from icpcore.evidence.schema import KindSpec

csv.field_size_limit(10_000_000)  # notes can be long; a field past 10 MB is refused as malformed


class FileProblem(InvalidInput):
    """The file as a whole cannot be read (encoding, header, shape)."""


def parse_mapping(text: str) -> dict[str, str]:
    """'to=from,to=from' -> {to: from}, names lower-cased."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        to, sep, source = part.partition("=")
        if not sep or not to.strip() or not source.strip():
            raise InvalidInput(f"--map: '{part}' is not to=from")
        mapping[to.strip().lower()] = source.strip().lower()
    return mapping


@dataclass
class ColumnPlan:
    """Where each raw column goes: kept under a name, hashed, or dropped."""

    positions: dict[str, int]  # final name -> index in the raw row
    hashed: set[str] = field(default_factory=set)
    privacy: PrivacyReport = field(default_factory=PrivacyReport)

    @property
    def names(self) -> list[str]:
        return list(self.positions)


def plan_columns(header: list[str], spec: KindSpec, mapping: dict[str, str] | None, file_name: str) -> ColumnPlan:
    names = [h.strip().lower() for h in header]
    if not any(names):
        raise FileProblem(f"{file_name}: the header row is empty")
    for i, name in enumerate(names):
        if name == "":
            raise FileProblem(f"{file_name}: header column {i + 1} has no name")
        if names.count(name) > 1:
            raise FileProblem(f"{file_name}: the header names '{name}' twice")
    renamed = {source: to for to, source in (mapping or {}).items()}
    for to, source in (mapping or {}).items():
        if source not in names:
            raise FileProblem(f"{file_name}: --map {to}={source}: the file has no column '{source}'")
    plan = ColumnPlan(positions={})
    for i, raw in enumerate(names):
        name = renamed.get(raw, raw)
        if name in plan.positions:
            raise FileProblem(f"{file_name}: two columns would be named '{name}' after --map")
        if is_contact_column(raw) and name in spec.known:
            plan.hashed.add(name)
            plan.privacy.hashed_columns.append(raw)
        elif is_contact_column(name) and name not in spec.known:
            plan.privacy.dropped_columns.append(raw)
            continue
        plan.positions[name] = i
    missing = [c for c in spec.required if c not in plan.positions]
    if missing:
        raise FileProblem(
            f"{file_name}: missing required column(s) {', '.join(missing)} for {spec.kind} (found: {_listing(names)})"
        )
    return plan


def _listing(names: list[str], limit: int = 20) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def open_text(raw: IO[bytes]) -> IO[str]:
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="strict")


def read_chunks(
    text: IO[str], file_name: str, spec: KindSpec, mapping: dict[str, str] | None, chunk_rows: int
) -> tuple[ColumnPlan, Iterator[tuple[int, Columns]]]:
    """The column plan, and an iterator of (first row number, columns) chunks."""
    reader = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileProblem(f"{file_name}: cannot read the header: {_reason(exc)}") from None
    if header is None:
        raise FileProblem(f"{file_name}: the file is empty (a header row is required)")
    plan = plan_columns(header, spec, mapping, file_name)
    return plan, _chunks(reader, header, plan, file_name, chunk_rows)


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeDecodeError):
        return f"not UTF-8 text ({exc.reason} at byte {exc.start} of a block)"
    return str(exc)


def _chunks(
    reader, header: list[str], plan: ColumnPlan, file_name: str, chunk_rows: int
) -> Iterator[tuple[int, Columns]]:  # type: ignore[no-untyped-def]
    width = len(header)
    row_number, first = 0, 1
    columns: Columns = {name: [] for name in plan.positions}
    items = list(plan.positions.items())
    try:
        for record in reader:
            if not record or (len(record) == 1 and record[0].strip() == ""):
                continue  # blank line
            row_number += 1
            if len(record) != width:
                raise FileProblem(f"{file_name}: row {row_number} has {len(record)} values but the header has {width}")
            for name, index in items:
                value = record[index].strip()
                if "\x00" in value:
                    raise FileProblem(f"{file_name}: row {row_number}, column {name}: contains a NUL byte")
                columns[name].append(salted_hash(value) if name in plan.hashed and value else value)
            if row_number - first + 1 >= chunk_rows:
                yield first, columns
                first, columns = row_number + 1, {name: [] for name in plan.positions}
    except (csv.Error, UnicodeDecodeError) as exc:
        raise FileProblem(f"{file_name}: cannot read row {row_number + 1}: {_reason(exc)}") from None
    if row_number >= first:
        yield first, columns

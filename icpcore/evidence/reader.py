"""Reading evidence CSV (CONTRACT section 1): headers matched case-insensitively after trimming,
columns renamed by `--map`, contact columns dropped or hashed (section 6), values trimmed, rows
streamed in chunks of column lists.

Whole-file problems (not UTF-8 in the header, no header, a header named twice, a required column
missing) raise `FileProblem`. Row problems (too many values, a NUL byte, bytes that are not UTF-8)
are reported with the row and column like every other invalid value, so one pass lists them all.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import IO, Any

from icpcore.errors import InvalidInput
from icpcore.evidence.convert import Chunk, Problem, short
from icpcore.evidence.privacy import PrivacyReport, is_contact_column, salted_hash
from icpcore.evidence.recipes import Prepare
from icpcore.evidence.schema import KindSpec

csv.field_size_limit(10_000_000)  # notes can be long; a field past 10 MB is refused as malformed

# Lone surrogates stand for bytes that are not UTF-8 (decoded with `surrogateescape`).
_SUSPECT = re.compile("[\x00\udc80-\udcff]")
NOT_UTF8 = "contains bytes that are not UTF-8 text"
HAS_NUL = "contains a NUL byte"


class FileProblem(InvalidInput):
    """The file as a whole cannot be read (encoding, header, shape)."""


def parse_mapping(text: str) -> dict[str, str]:
    """'to=from,to=from' -> {to: from}, names trimmed and lower-cased (one source may feed several)."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        to, sep, source = part.partition("=")
        if not sep or not to.strip() or not source.strip():
            raise InvalidInput(f"--map: '{part}' is not to=from")
        if to.strip().lower() in mapping:
            raise InvalidInput(f"--map: '{to.strip()}' is given twice")
        mapping[to.strip().lower()] = source.strip().lower()
    return mapping


@dataclass
class ColumnPlan:
    """Where each raw column goes: kept under a name (several names may share a raw column),
    hashed, or dropped."""

    positions: dict[str, int]  # final name -> index in the raw row
    width: int = 0
    hashed: set[str] = field(default_factory=set)
    privacy: PrivacyReport = field(default_factory=PrivacyReport)

    @property
    def names(self) -> list[str]:
        return list(self.positions)


def _header_names(header: list[str], file_name: str) -> list[str]:
    names = [h.strip().lower() for h in header]
    if not any(names):
        raise FileProblem(f"{file_name}: the header row is empty")
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name == "":
            raise FileProblem(f"{file_name}: header column {i + 1} has no name")
        if _SUSPECT.search(name):
            raise FileProblem(f"{file_name}: header column {i + 1} {HAS_NUL if chr(0) in name else NOT_UTF8}")
        if name in seen:
            raise FileProblem(f"{file_name}: the header names '{short(name)}' twice")
        seen.add(name)
    return names


def _listing(names: list[str], shown: int = 30) -> str:
    """Names for a message, cut short: a file may have thousands of columns."""
    cut = [n if len(n) <= 60 else n[:60] + "…" for n in names[:shown]]
    return ", ".join(cut) + (f", … and {len(names) - shown} more" if len(names) > shown else "")


def plan_columns(header: list[str], spec: KindSpec, mapping: dict[str, str] | None, file_name: str) -> ColumnPlan:
    names = _header_names(header, file_name)
    mapping = mapping or {}
    for to, source in mapping.items():
        if source not in names:
            raise FileProblem(f"{file_name}: --map {to}={source}: the file has no column '{source}'")
    targets: dict[str, list[str]] = {}
    for to, source in mapping.items():
        targets.setdefault(source, []).append(to)
    plan = ColumnPlan(positions={}, width=len(names))
    for i, raw in enumerate(names):
        for name in targets.get(raw, [raw]):
            _place(plan, spec, raw, name, i, file_name)
    missing = [c for c in spec.required if c not in plan.positions]
    if missing:
        raise FileProblem(
            f"{file_name}: missing required column(s) {', '.join(missing)} for {spec.kind} (found: {_listing(names)})"
        )
    return plan


def _place(plan: ColumnPlan, spec: KindSpec, raw: str, name: str, index: int, file_name: str) -> None:
    if name in plan.positions:
        raise FileProblem(f"{file_name}: two columns would be named '{short(name)}' after --map")
    if is_contact_column(raw) and name in spec.known:
        plan.hashed.add(name)  # contact details needed as a key: a salted hash, never the value
        plan.privacy.hashed_columns.append(raw)
    elif is_contact_column(raw) or is_contact_column(name):
        plan.privacy.dropped_columns.append(raw)
        return
    plan.positions[name] = index


def open_text(raw: IO[bytes]) -> IO[str]:
    """UTF-8 with or without BOM; undecodable bytes survive as lone surrogates, reported per cell."""
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="", errors="surrogateescape")


def read_chunks(
    text: Iterable[str],
    file_name: str,
    spec: KindSpec,
    mapping: dict[str, str] | None,
    chunk_rows: int,
    prepare: Prepare | None = None,
    skipped: Counter[str] | None = None,
) -> tuple[ColumnPlan, Iterator[Chunk]]:
    """The column plan, and an iterator of chunks of trimmed column values. A recipe's `prepare`
    sees the raw header and rows first (counting the rows it leaves out in `skipped`)."""
    reader: Iterator[Any] = csv.reader(text, strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise FileProblem(f"{file_name}: cannot read the header: {exc}") from None
    if header is None:
        raise FileProblem(f"{file_name}: the file is empty (a header row is required)")
    if prepare is not None:
        header, reader = prepare(header, reader, skipped if skipped is not None else Counter())
    plan = plan_columns(header, spec, mapping, file_name)
    return plan, _chunks(reader, plan, file_name, chunk_rows)


def _chunks(reader: Iterator[list[str] | None], plan: ColumnPlan, file_name: str, chunk_rows: int) -> Iterator[Chunk]:
    first = 1
    while True:
        try:
            records = list(islice(reader, chunk_rows))
        except csv.Error as exc:
            raise FileProblem(f"{file_name}: cannot read the CSV after row {first - 1}: {exc}") from None
        if not records:
            return
        chunk = records_to_chunk(records, plan, first)
        if chunk.size:
            yield chunk
        first += chunk.rows_read


def records_to_chunk(records: list[list[str] | None], plan: ColumnPlan, first: int) -> Chunk:
    """Records of one chunk -> trimmed column lists; irregular rows take the slow path.
    A record of None is a data row a recipe left out: it keeps its row number but is not read."""
    problems: list[Problem] = []
    numbers: list[int] | None = None
    consumed = len(records)
    if None in records or set(map(len, records)) != {plan.width}:  # type: ignore[arg-type]
        records, numbers, consumed = _regular(records, plan.width, first, problems)
    raw_columns = list(zip(*records, strict=True)) if records else [()] * plan.width
    columns: dict[str, list[str]] = {}
    chunk = Chunk(first, columns, len(records), problems, numbers, consumed)
    for name, index in plan.positions.items():
        values = [v.strip() for v in raw_columns[index]]
        joined = "\x1f".join(values)
        # isascii() is a flag lookup: only columns with non-ASCII text need the surrogate scan.
        if "\x00" in joined or (not joined.isascii() and _SUSPECT.search(joined)):
            _flag_bytes(values, name, chunk)
        if name in plan.hashed:
            values = [salted_hash(v) if v else v for v in values]
        columns[name] = values
    return chunk


def _regular(
    records: list[list[str] | None], width: int, first: int, problems: list[Problem]
) -> tuple[list[list[str]], list[int], int]:
    """Drop blank lines (they are not data rows) and rows a recipe left out, pad short rows with
    empty values (as a dictionary reader would) and report rows with more values than the header."""
    out: list[list[str]] = []
    numbers: list[int] = []
    number = first - 1
    for record in records:
        if record is not None and (not record or (len(record) == 1 and record[0].strip() == "" and width > 1)):
            continue
        number += 1
        if record is None:
            continue
        if len(record) > width and any(v.strip() for v in record[width:]):
            problems.append(Problem(number, "(row)", f"has {len(record)} values but the header has {width} columns"))
        out.append((record + [""] * (width - len(record)))[:width])
        numbers.append(number)
    return out, numbers, number - first + 1


def _flag_bytes(values: list[str], column: str, chunk: Chunk) -> None:
    for i, value in enumerate(values):
        if _SUSPECT.search(value):
            chunk.problems.append(Problem(chunk.row(i), column, HAS_NUL if "\x00" in value else NOT_UTF8))
            values[i] = ""  # keeps the writer away from bytes the database would refuse

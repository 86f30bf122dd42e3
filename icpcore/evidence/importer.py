"""Importing one evidence file: all or nothing, streamed, tagged, logged (CONTRACT section 1)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import delete, func, insert, select

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.evidence.convert import ChunkContext, Columns, Problem, convert_chunk
from icpcore.evidence.privacy import PrivacyReport
from icpcore.evidence.reader import ColumnPlan, open_text, parse_mapping, read_chunks
from icpcore.evidence.schema import KINDS, spec
from icpcore.store.models import EVIDENCE_MODELS, Account, ImportRecord
from icpcore.store.uow import Store, UnitOfWork

__all__ = ["ImportRejected", "ImportResult", "import_file", "import_stream", "parse_mapping"]

MAX_LISTED = 50
CHUNK_ROWS = 50_000
INSERT_BATCH = 10_000


class ImportRejected(InvalidInput):
    """Rows were invalid: nothing was written. Lists up to 50 problems with row and column."""

    def __init__(self, file_name: str, problems: list[Problem], total: int):
        self.file_name = file_name
        self.problems = problems[:MAX_LISTED]
        self.total = total
        more = f"\n  … and {total - len(self.problems)} more" if total > len(self.problems) else ""
        lines = "\n".join(f"  {file_name}: {p}" for p in self.problems)
        super().__init__(f"{file_name}: {total} problem(s); nothing was imported:\n{lines}{more}")


@dataclass
class ImportResult:
    kind: str
    file_name: str
    rows: int
    import_id: int | None
    source_tag: str
    replaced: bool
    privacy: PrivacyReport = field(default_factory=PrivacyReport)
    columns: list[str] = field(default_factory=list)

    def summary(self) -> str:
        verb = "replaced" if self.replaced else "imported"
        lines = [f"{verb} {self.rows} {self.kind} row(s) from {self.file_name} (source '{self.source_tag}')"]
        return "\n".join(lines + [f"  privacy: {line}" for line in self.privacy.lines()])


def existing_ids(uow: UnitOfWork, kind: str) -> set[str]:
    id_column = spec(kind).id_column
    if id_column is None:
        return set()
    column = getattr(EVIDENCE_MODELS[kind], id_column)
    return set(uow.session.scalars(select(column)))


def account_ids_in(uow: UnitOfWork) -> set[str]:
    return set(uow.session.scalars(select(Account.account_id)))


def _insert(uow: UnitOfWork, kind: str, rows: list[dict[str, Any]], tag: str, import_id: int) -> None:
    model = EVIDENCE_MODELS[kind]
    for start in range(0, len(rows), INSERT_BATCH):
        batch = rows[start : start + INSERT_BATCH]
        for row in batch:
            row["source_tag"] = tag
            row["import_id"] = import_id
        uow.session.execute(insert(model), batch)


def _orphans(uow: UnitOfWork) -> list[str]:
    """Rows of other kinds whose account is missing (after replacing accounts)."""
    found = []
    for kind in KINDS[1:]:
        model = EVIDENCE_MODELS[kind]
        if not hasattr(model, "account_id"):
            continue
        query = (
            select(func.count())
            .select_from(model)
            .where(model.account_id.is_not(None), model.account_id.not_in(select(Account.account_id)))
        )
        count = int(uow.session.scalar(query) or 0)
        if count:
            found.append(f"{count} {kind} row(s)")
    return found


def write_chunks(
    uow: UnitOfWork,
    kind: str,
    chunks: Iterator[tuple[int, Columns]],
    *,
    file_name: str,
    context: ChunkContext,
    record: ImportRecord,
) -> int:
    """Validate every chunk, insert while all is clean; raise ImportRejected at the end if not."""
    problems: list[Problem] = []
    total_problems, rows_written = 0, 0
    for first_row, columns in chunks:
        rows, found = convert_chunk(columns, first_row, context)
        if found:
            total_problems += len(found)
            problems += found[: MAX_LISTED - len(problems)]
            continue
        if not total_problems:
            _insert(uow, kind, rows, record.source_tag, record.id)
        rows_written += len(rows)
    if total_problems:
        raise ImportRejected(file_name, problems, total_problems)
    return rows_written


def import_stream(
    store: Store,
    kind: str,
    raw: BinaryIO,
    *,
    file_name: str,
    checksum: str,
    actor: Actor,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    replace: bool = False,
    dry_run: bool = False,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportResult:
    """Import (or with dry_run, only validate) one CSV stream in a single transaction."""
    actor.require("editor", "import evidence")
    kind_spec = spec(kind)
    tag = (source or file_name).strip() or file_name
    with store.unit_of_work() as uow:
        plan, chunks = read_chunks(open_text(raw), file_name, kind_spec, mapping, chunk_rows)
        record = _record(uow, kind, file_name, checksum, tag, plan, actor, replace)
        if replace:
            uow.session.execute(delete(EVIDENCE_MODELS[kind]))
        context = ChunkContext(
            spec=kind_spec,
            account_ids=(account_ids_in(uow) if kind_spec.references_accounts else None),
            existing_ids=set() if replace else existing_ids(uow, kind),
        )
        rows = write_chunks(uow, kind, chunks, file_name=file_name, context=context, record=record)
        if replace and kind == "accounts" and (orphans := _orphans(uow)):
            raise InvalidInput(
                f"{file_name}: replacing accounts would orphan {', '.join(orphans)}; "
                "import the accounts they name, or replace those kinds first"
            )
        record.rows = rows
        plan.privacy.masked = {c: n for c, n in context.masks.items() if n.total}
        record.detail = {"privacy": plan.privacy.lines()}
        if dry_run:
            uow.session.rollback()
        else:
            uow.audit(actor, "evidence.import", f"{kind} from {file_name}", rows=rows, replace=replace, source=tag)
        return ImportResult(
            kind, file_name, rows, None if dry_run else record.id, tag, replace, plan.privacy, plan.names
        )


def _record(
    uow: UnitOfWork,
    kind: str,
    file_name: str,
    checksum: str,
    tag: str,
    plan: ColumnPlan,
    actor: Actor,
    replace: bool,
) -> ImportRecord:
    record = ImportRecord(
        kind=kind,
        file_name=file_name,
        checksum=checksum,
        rows=0,
        source_tag=tag,
        mode="replace" if replace else "append",
        columns=plan.names,
        imported_by=actor.name,
        imported_at=datetime.now(UTC),
        detail={},
    )
    uow.session.add(record)
    uow.session.flush()
    return record


def file_checksum(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def import_file(
    store: Store,
    kind: str,
    path: Path,
    *,
    actor: Actor,
    source: str | None = None,
    mapping: dict[str, str] | None = None,
    replace: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    checksum = file_checksum(path)
    with path.open("rb") as raw:
        return import_stream(
            store,
            kind,
            raw,
            file_name=path.name,
            checksum=checksum,
            actor=actor,
            source=source,
            mapping=mapping,
            replace=replace,
            dry_run=dry_run,
        )

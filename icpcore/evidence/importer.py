"""Importing one evidence file: all or nothing, streamed, tagged, logged (CONTRACT section 1).

One unit of work: the import record, the optional swap (`--replace`), every chunk's rows and the
audit entry commit together, or nothing does. Any invalid row writes nothing; the error lists the
file, row, column and problem for every bad row up to the first 50.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import delete

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.evidence.convert import ChunkContext
from icpcore.evidence.lookups import (
    account_ids_in,
    column_limits,
    is_empty,
    orphans_after_replacing_accounts,
    stored_ids_lookup,
)
from icpcore.evidence.privacy import PrivacyReport
from icpcore.evidence.problems import ImportRejected
from icpcore.evidence.reader import ColumnPlan, open_text, parse_mapping, read_chunks
from icpcore.evidence.recipes import get_recipe
from icpcore.evidence.schema import spec
from icpcore.evidence.streaming import write_chunks
from icpcore.evidence.writer import TableWriter
from icpcore.store.models import EVIDENCE_MODELS, ImportRecord
from icpcore.store.uow import Store, UnitOfWork

__all__ = ["ImportRejected", "ImportResult", "import_file", "import_stream", "parse_mapping"]

CHUNK_ROWS = 20_000


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
    skipped: dict[str, int] = field(default_factory=dict)  # rows a recipe left out, by reason
    dry_run: bool = False

    def summary(self) -> str:
        verb = "replaced" if self.replaced else "imported"
        verb = f"would be {verb}" if self.dry_run else verb
        lines = [f"{verb} {self.rows} {self.kind} row(s) from {self.file_name} (source '{self.source_tag}')"]
        lines += [f"  left out by the recipe: {n} row(s): {why}" for why, n in self.skipped.items()]
        return "\n".join(lines + [f"  privacy: {line}" for line in self.privacy.lines()])


def _source_tag(source: str | None, file_name: str) -> str:
    tag = (source or "").strip() or file_name
    if len(tag) > 200:
        raise InvalidInput(f"--source: the tag is {len(tag)} characters long; at most 200 are allowed")
    return tag


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
    recipe: str | None = None,
) -> ImportResult:
    """Import (or with dry_run, only validate: nothing is written) one CSV stream in one transaction."""
    actor.require("editor", "import evidence")
    kind_spec = spec(kind)
    tag = _source_tag(source, file_name)
    prepare = get_recipe(recipe, kind) if recipe else None
    skipped: Counter[str] = Counter()
    with store.unit_of_work() as uow:
        plan, chunks = read_chunks(open_text(raw), file_name, kind_spec, mapping, chunk_rows, prepare, skipped)
        record = _record(uow, kind, file_name, checksum, tag, plan, actor, replace)
        empty = is_empty(uow, kind)
        if replace and not dry_run:
            uow.session.execute(delete(EVIDENCE_MODELS[kind]))
        context = ChunkContext(
            spec=kind_spec,
            account_ids=account_ids_in(uow) if kind_spec.references_accounts else None,
            stored_ids=None if replace else stored_ids_lookup(uow, kind),
            limits=column_limits(kind_spec),
        )
        # PostgreSQL readers would wait on dropped indexes, so only a table nobody reads yet defers them.
        defer = empty or (replace and store.dialect == "sqlite")
        writer = None if dry_run else TableWriter(uow.session, kind, tag, record.id, empty_table=defer)
        order = {"(row)": -1} | {name: i for i, name in enumerate(plan.names)}
        try:
            rows = write_chunks(chunks, context, writer, file_name=file_name, order=order)
        except ImportRejected as exc:  # the preview shows the privacy report beside the problems
            plan.privacy.masked = {c: n for c, n in context.masks.items() if n.total}
            exc.privacy, exc.skipped = plan.privacy, dict(skipped)
            raise
        if replace and kind == "accounts" and (orphans := orphans_after_replacing_accounts(uow, context.seen_ids)):
            raise InvalidInput(
                f"{file_name}: replacing accounts would orphan {', '.join(orphans)}; "
                "import the accounts they name, or replace those kinds first"
            )
        plan.privacy.masked = {c: n for c, n in context.masks.items() if n.total}
        record.rows = rows
        record.detail = {"privacy": plan.privacy.lines(), "skipped": dict(skipped), "recipe": recipe}
        if dry_run:
            uow.session.rollback()
        else:
            uow.audit(actor, "evidence.import", f"{kind} from {file_name}", rows=rows, replace=replace, source=tag)
        return ImportResult(
            kind,
            file_name,
            rows,
            None if dry_run else record.id,
            tag,
            replace,
            plan.privacy,
            plan.names,
            dict(skipped),
            dry_run,
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
        file_name=file_name[:500],
        checksum=checksum,
        rows=0,
        source_tag=tag,
        mode="replace" if replace else "append",
        columns=plan.names,
        imported_by=actor.name[:200],
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
    recipe: str | None = None,
) -> ImportResult:
    """Import one CSV file (CONTRACT section 1); the source tag defaults to the file name."""
    path = Path(path)
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
            recipe=recipe,
        )

"""Importing one evidence file: all or nothing, streamed, tagged, logged (CONTRACT section 1).

One unit of work: the import record, the optional swap (`--replace`), every chunk's rows and the
audit entry commit together, or nothing does. Any invalid row writes nothing; the error lists the
file, row, column and problem for every bad row up to the first 50.
"""

from __future__ import annotations

import gc
import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import String, delete, func, select

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.evidence.convert import Chunk, ChunkContext, Problem
from icpcore.evidence.privacy import PrivacyReport
from icpcore.evidence.reader import ColumnPlan, open_text, parse_mapping, read_chunks
from icpcore.evidence.recipes import get_recipe
from icpcore.evidence.schema import KINDS, KindSpec, spec
from icpcore.evidence.tables import convert_chunk
from icpcore.evidence.writer import TableWriter
from icpcore.store.models import EVIDENCE_MODELS, Account, ImportRecord
from icpcore.store.uow import Store, UnitOfWork

__all__ = ["ImportRejected", "ImportResult", "import_file", "import_stream", "parse_mapping"]

MAX_LISTED = 50  # bad rows listed in full
CHUNK_ROWS = 20_000
ID_LOOKUP_BATCH = 5_000


class ImportRejected(InvalidInput):
    """Rows were invalid: nothing was written. Lists every problem of the first 50 bad rows."""

    def __init__(self, file_name: str, problems: list[Problem], total: int, bad_rows: int | None = None):
        self.file_name = file_name
        self.problems = problems
        self.total = total
        self.bad_rows = bad_rows if bad_rows is not None else len({p.row for p in problems})
        self.privacy: PrivacyReport | None = None  # what the import would have dropped and masked
        self.skipped: dict[str, int] = {}
        listed_rows = len({p.row for p in problems})
        more = self.bad_rows - listed_rows
        tail = f"\n  … and {more} more bad row(s) not listed" if more > 0 else ""
        lines = "\n".join(f"  {file_name}: {p}" for p in problems)
        super().__init__(
            f"{file_name}: {self.bad_rows} bad row(s), {total} problem(s); nothing was imported:\n{lines}{tail}"
        )


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


class ProblemLog:
    """Problems across chunks: every problem of the first 50 bad rows, and counts of the rest."""

    def __init__(self, order: dict[str, int]):
        self.order = order
        self.listed: list[Problem] = []
        self.listed_rows: set[int] = set()
        self.total = 0
        self.bad_rows = 0

    def add(self, problems: list[Problem]) -> None:
        seen: set[tuple[int, str]] = set()
        for problem in sorted(problems, key=lambda p: (p.row, self.order.get(p.column, -1))):
            if (problem.row, problem.column) in seen:
                continue  # one problem per cell: the first found
            seen.add((problem.row, problem.column))
            self.total += 1
            if problem.row not in self.listed_rows and len(self.listed_rows) < MAX_LISTED:
                self.listed_rows.add(problem.row)
            if problem.row in self.listed_rows:
                self.listed.append(problem)
        self.bad_rows += len({row for row, _ in seen})

    def raise_if_any(self, file_name: str) -> None:
        if self.total:
            raise ImportRejected(file_name, self.listed, self.total, self.bad_rows)


def account_ids_in(uow: UnitOfWork) -> set[str]:
    return set(uow.session.scalars(select(Account.account_id)))


def is_empty(uow: UnitOfWork, kind: str) -> bool:
    table = EVIDENCE_MODELS[kind].__table__
    return uow.session.execute(select(1).select_from(table).limit(1)).first() is None


def stored_ids_lookup(uow: UnitOfWork, kind: str) -> Callable[[set[str]], set[str]] | None:
    """Which of some ids the kind's table already holds; None when it is empty (nothing to ask)."""
    id_column = spec(kind).id_column
    if id_column is None:
        return None
    column = getattr(EVIDENCE_MODELS[kind], id_column)
    if uow.session.scalar(select(column).limit(1)) is None:
        return None

    def lookup(ids: set[str]) -> set[str]:
        items, found = list(ids), set()
        for start in range(0, len(items), ID_LOOKUP_BATCH):
            found.update(uow.session.scalars(select(column).where(column.in_(items[start : start + ID_LOOKUP_BATCH]))))
        return found

    return lookup


def column_limits(kind_spec: KindSpec) -> dict[str, int]:
    """The longest text each stored column takes (checked so PostgreSQL never refuses a row)."""
    table = EVIDENCE_MODELS[kind_spec.kind].__table__
    skip = {*kind_spec.choices, "month"}
    return {
        name: table.c[name].type.length
        for name in kind_spec.known
        if name in table.c and name not in skip and isinstance(table.c[name].type, String) and table.c[name].type.length
    }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A chunk is millions of short-lived lists and strings without reference cycles: the cyclic
    garbage collector would only rescan them, so it rests while chunks stream (about 25% faster)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def write_chunks(
    chunks: Iterator[Chunk], context: ChunkContext, writer: TableWriter | None, *, file_name: str, order: dict[str, int]
) -> int:
    """Validate every chunk, write while all is clean; raise ImportRejected at the end if not."""
    log = ProblemLog(order)
    rows = 0
    with _collector_paused():
        for chunk in chunks:
            table, problems = convert_chunk(chunk, context)
            if problems:
                log.add(problems)
            elif writer is not None and not log.total:
                writer.write(table)
            rows += chunk.size
    log.raise_if_any(file_name)
    if writer is not None:
        writer.finish()
    return rows


def orphans_after_replacing_accounts(uow: UnitOfWork, new_accounts: set[str]) -> list[str]:
    """Rows of other kinds that name an account the new accounts file lacks."""
    found = []
    for kind in KINDS[1:]:
        model = EVIDENCE_MODELS[kind]
        if not hasattr(model, "account_id"):
            continue
        query = select(model.account_id, func.count()).where(model.account_id.is_not(None)).group_by(model.account_id)
        count = sum(n for account, n in uow.session.execute(query) if account not in new_accounts)
        if count:
            found.append(f"{count} {kind} row(s)")
    return found


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

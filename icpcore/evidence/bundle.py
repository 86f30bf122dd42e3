"""Loading a whole evidence bundle (all seven kinds) from data frames in one transaction:
the demo, test fixtures, and clearing the evidence to bring your own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Literal

import pandas as pd
from sqlalchemy import delete

from icpcore.access import Actor
from icpcore.evidence.convert import Chunk, ChunkContext
from icpcore.evidence.importer import CHUNK_ROWS
from icpcore.evidence.lookups import account_ids_in, column_limits, is_empty, stored_ids_lookup
from icpcore.evidence.reader import ColumnPlan, plan_columns, records_to_chunk
from icpcore.evidence.schema import KINDS, spec
from icpcore.evidence.streaming import write_chunks
from icpcore.evidence.writer import TableWriter
from icpcore.store.models import EVIDENCE_MODELS, ImportRecord, SegmentAssignment
from icpcore.store.uow import Store, UnitOfWork

Mode = Literal["append", "replace_all"]


def _text(value: object) -> str:
    return "" if value is None or value is pd.NA or (isinstance(value, float) and value != value) else str(value)


def _frame_chunks(frame: pd.DataFrame, plan: ColumnPlan) -> Iterator[Chunk]:
    """The frame as CSV-like text records (missing values empty), through the reader's own path."""
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS]
        columns = [[_text(v) for v in part.iloc[:, i].tolist()] for i in range(part.shape[1])]
        records = [list(row) for row in zip(*columns, strict=True)] if columns else []
        yield records_to_chunk(records, plan, start + 1)


def _delete_all(uow: UnitOfWork) -> None:
    uow.session.execute(delete(SegmentAssignment))
    for kind in reversed(KINDS):
        uow.session.execute(delete(EVIDENCE_MODELS[kind]))


def load_frames(
    store: Store,
    frames: dict[str, pd.DataFrame],
    *,
    source_tag: str,
    actor: Actor,
    mode: Mode = "append",
) -> dict[str, int]:
    """Validate and write every given kind (accounts first); any problem writes nothing."""
    actor.require("editor", "import evidence")
    unknown = set(frames) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown evidence kind(s): {', '.join(sorted(unknown))}")
    written: dict[str, int] = {}
    with store.unit_of_work() as uow:
        if mode == "replace_all":
            _delete_all(uow)
        account_ids = account_ids_in(uow)
        for kind in (k for k in KINDS if k in frames):
            written[kind] = _load_kind(uow, kind, frames[kind], source_tag, actor, mode, account_ids)
        uow.audit(actor, "evidence.load", f"bundle '{source_tag}'", mode=mode, rows=written)
    return written


def _load_kind(
    uow: UnitOfWork,
    kind: str,
    frame: pd.DataFrame,
    source_tag: str,
    actor: Actor,
    mode: Mode,
    account_ids: set[str],
) -> int:
    kind_spec = spec(kind)
    file_name = f"{source_tag}:{kind}"
    plan = plan_columns([str(c) for c in frame.columns], kind_spec, None, file_name)
    record = ImportRecord(
        kind=kind,
        file_name=file_name,
        checksum="",
        rows=0,
        source_tag=source_tag,
        mode="demo" if mode == "replace_all" and source_tag == "demo" else mode,
        columns=plan.names,
        imported_by=actor.name,
        imported_at=datetime.now(UTC),
        detail={},
    )
    uow.session.add(record)
    uow.session.flush()
    context = ChunkContext(
        spec=kind_spec,
        account_ids=account_ids if kind_spec.references_accounts else None,
        stored_ids=stored_ids_lookup(uow, kind) if mode == "append" else None,
        limits=column_limits(kind_spec),
    )
    writer = TableWriter(uow.session, kind, source_tag, record.id, empty_table=is_empty(uow, kind))
    order = {"(row)": -1} | {name: i for i, name in enumerate(plan.names)}
    rows = write_chunks(_frame_chunks(frame, plan), context, writer, file_name=file_name, order=order)
    plan.privacy.masked = {c: n for c, n in context.masks.items() if n.total}
    if kind == "accounts":
        account_ids.update(context.seen_ids)
    record.rows = rows
    record.detail = {"privacy": plan.privacy.lines()}
    return rows


def clear_evidence(store: Store, *, actor: Actor) -> None:
    """Remove all evidence (e.g. the demo) so a team can bring its own; the ICP stays."""
    actor.require("editor", "clear the evidence")
    with store.unit_of_work() as uow:
        _delete_all(uow)
        uow.session.add(
            ImportRecord(
                kind="all",
                file_name="",
                checksum="",
                rows=0,
                source_tag="cleared",
                mode="clear",
                columns=[],
                imported_by=actor.name,
                imported_at=datetime.now(UTC),
                detail={},
            )
        )
        uow.audit(actor, "evidence.clear", "all evidence")

"""Loading a whole evidence bundle (all seven kinds) from data frames in one transaction:
the demo, test fixtures, and clearing the evidence to bring your own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Literal

import pandas as pd
from sqlalchemy import delete

from icpcore.access import Actor
from icpcore.evidence.convert import ChunkContext, Columns
from icpcore.evidence.importer import CHUNK_ROWS, account_ids_in, existing_ids, write_chunks
from icpcore.evidence.reader import plan_columns
from icpcore.evidence.schema import KINDS, spec
from icpcore.store.models import EVIDENCE_MODELS, ImportRecord, SegmentAssignment
from icpcore.store.uow import Store, UnitOfWork

Mode = Literal["append", "replace_all"]


def _frame_chunks(frame: pd.DataFrame, names: list[str], positions: dict[str, int]) -> Iterator[tuple[int, Columns]]:
    for start in range(0, len(frame), CHUNK_ROWS):
        part = frame.iloc[start : start + CHUNK_ROWS]
        columns = {
            name: ["" if pd.isna(v) else str(v).strip() for v in part.iloc[:, index].tolist()]
            for name, index in positions.items()
        }
        yield start + 1, columns


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
        existing_ids=existing_ids(uow, kind) if mode == "append" else set(),
    )
    chunks = _frame_chunks(frame, plan.names, plan.positions)
    rows = write_chunks(uow, kind, chunks, file_name=file_name, context=context, record=record)
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

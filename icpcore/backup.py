"""Backup and restore of what a team cannot re-import: the ICP with its whole history, the
reviews with their snapshots, decisions and contradicting deals, and the audit log.

Evidence is not included (it is re-importable from its source files and can be large)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import DateTime, Table, delete, insert, select, text

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.store.models import Base
from icpcore.store.uow import Store

FORMAT = "fitboard-backup"
FORMAT_VERSION = 1
# Parents before children, so inserts respect foreign keys.
BACKUP_TABLES = ("icp_versions", "reviews", "review_decisions", "contradicting_deals", "audit_log")
# Everything else is evidence or derived from it.
NOT_BACKED_UP = (
    "accounts",
    "leads",
    "opportunities",
    "product_events",
    "billing",
    "spend",
    "notes",
    "imports",
    "segment_assignments",
)


def _tables() -> list[Table]:
    return [Base.metadata.tables[name] for name in BACKUP_TABLES]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat()
    return value


def _decode(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for name, value in row.items():
        column = table.columns.get(name)
        if column is None:
            raise InvalidInput(f"backup: table {table.name} has no column '{name}' in this version of Fitboard")
        if isinstance(column.type, DateTime) and isinstance(value, str):
            value = datetime.fromisoformat(value)
        out[name] = value
    return out


def snapshot(store: Store) -> dict[str, Any]:
    """Every backed-up table as lists of rows, ordered by primary key."""
    tables: dict[str, list[dict[str, Any]]] = {}
    with store.read() as uow:
        for table in _tables():
            query = select(table).order_by(*table.primary_key.columns)
            tables[table.name] = [
                {k: _encode(v) for k, v in row._mapping.items()} for row in uow.session.execute(query)
            ]
    return {"format": FORMAT, "version": FORMAT_VERSION, "tables": tables}


def backup(store: Store, path: Path) -> dict[str, int]:
    data = snapshot(store)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    return {name: len(rows) for name, rows in data["tables"].items()}


def _load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise InvalidInput(f"{path}: no such file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InvalidInput(f"{path}: not a Fitboard backup ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("tables"), dict):
        raise InvalidInput(f"{path}: not a Fitboard backup (no '{FORMAT}' header)")
    if data.get("version") != FORMAT_VERSION:
        raise InvalidInput(f"{path}: backup format version {data.get('version')} is not supported")
    return data


def restore(store: Store, path: Path, *, actor: Actor) -> dict[str, int]:
    """Replace the ICP history, reviews and audit log with the backup's, in one transaction."""
    actor.require("admin", "restore a backup")
    data = _load(path)
    counts: dict[str, int] = {}
    with store.unit_of_work() as uow:
        for table in reversed(_tables()):
            uow.session.execute(delete(table))
        for table in _tables():
            rows = [_decode(table, row) for row in data["tables"].get(table.name, [])]
            if rows:
                uow.session.execute(insert(table), rows)
            counts[table.name] = len(rows)
            _reset_sequence(uow.session, table, store.dialect)
        uow.audit(actor, "backup.restore", path.name, rows=counts)
    return counts


def _reset_sequence(session: Any, table: Table, dialect: str) -> None:
    """PostgreSQL serials do not follow explicit ids: move them past the restored rows."""
    if dialect != "postgresql":
        return
    for column in table.primary_key.columns:
        if column.autoincrement is True or (column.autoincrement == "auto" and column.type.python_type is int):
            sequence = session.scalar(
                text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": table.name, "c": column.name}
            )
            if sequence:
                highest = f"COALESCE((SELECT MAX({column.name}) FROM {table.name}), 0) + 1"
                session.execute(text(f"SELECT setval('{sequence}', {highest}, false)"))

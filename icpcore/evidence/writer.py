"""Writing validated table columns fast, inside the unit of work's transaction.

PostgreSQL gets psycopg 3 `COPY ... FROM STDIN`; SQLite gets one prepared `executemany`. Both go
through the session's own connection, so a later failure rolls everything back (all or nothing).
JSON columns are serialised here the way SQLAlchemy's JSON type would (`json.dumps`), and an empty
JSON value is SQL NULL.
"""

from __future__ import annotations

import json
from itertools import repeat
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from icpcore.evidence.tables import JSON_COLUMNS, TABLE_COLUMNS, Table
from icpcore.store.models import EVIDENCE_MODELS

_dumps = json.dumps
BULK_ROWS = 20_000
PG_INDEX_MEMORY = "256MB"  # a first chunk this large into an empty table loads without secondary indexes

_SQLITE_INDEXES = text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :t AND sql IS NOT NULL")
_POSTGRES_INDEXES = text(
    "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = :t "
    "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = CAST(:t AS regclass))"
)


class DeferredIndexes:
    """A table's secondary indexes dropped before a bulk load and rebuilt after it: building an
    index from sorted data is several times faster than growing it row by row (a 1M-row leads
    file: about 4x on SQLite). The drop and the rebuild are in the import's transaction, so a
    failed import rolls both back. Definitions are read from the database, so indexes added by
    later migrations come back exactly as they were."""

    def __init__(self, session: Session, table: str):
        self.session = session
        self.table = table
        self.definitions: list[tuple[str, str]] = []

    def drop(self) -> None:
        connection = self.session.connection()
        query = _POSTGRES_INDEXES if connection.dialect.name == "postgresql" else _SQLITE_INDEXES
        self.definitions = [(str(name), str(sql)) for name, sql in connection.execute(query, {"t": self.table})]
        for name, _ in self.definitions:
            connection.exec_driver_sql(f'DROP INDEX "{name}"')

    def restore(self) -> None:
        connection = self.session.connection()
        if self.definitions and connection.dialect.name == "postgresql":
            # Sorting in memory instead of on disk: for this transaction only (server memory).
            connection.exec_driver_sql(f"SET LOCAL maintenance_work_mem = '{PG_INDEX_MEMORY}'")
        for _, sql in self.definitions:
            connection.exec_driver_sql(sql)
        self.definitions = []


def _json(values: list[Any]) -> list[str | None]:
    return [None if v is None else _dumps(v) for v in values]


class TableWriter:
    """Appends a kind's rows, each tagged with the import's source tag and id."""

    def __init__(self, session: Session, kind: str, source_tag: str, import_id: int, *, empty_table: bool = False):
        self.session = session
        self.kind = kind
        self.source_tag = source_tag
        self.import_id = import_id
        self.columns = (*TABLE_COLUMNS[kind], "source_tag", "import_id")
        self.table = EVIDENCE_MODELS[kind].__table__.name
        self.rows = 0
        self.deferred = DeferredIndexes(session, self.table) if empty_table else None

    def _rows(self, table: Table) -> Any:
        values = [_json(table[c]) if c in JSON_COLUMNS else table[c] for c in TABLE_COLUMNS[self.kind]]
        size = len(values[0])
        return zip(*values, repeat(self.source_tag, size), repeat(self.import_id, size), strict=True), size

    def write(self, table: Table) -> None:
        rows, size = self._rows(table)
        if not size:
            return
        if self.deferred is not None and self.rows == 0 and size >= BULK_ROWS:
            self.deferred.drop()
        connection = self.session.connection()
        driver = connection.connection.driver_connection
        names = ", ".join(self.columns)
        if connection.dialect.name == "postgresql":
            with driver.cursor() as cursor, cursor.copy(f"COPY {self.table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" * len(self.columns))
            cursor = driver.cursor()
            try:
                cursor.executemany(f"INSERT INTO {self.table} ({names}) VALUES ({marks})", rows)
            finally:
                cursor.close()
        self.rows += size

    def finish(self) -> None:
        """Rebuild any index dropped for the bulk load (call before the transaction commits)."""
        if self.deferred is not None:
            self.deferred.restore()

"""What an import would do, before anything is written: the wizard's validation and privacy
preview (a dry run of the real importer, so the preview and the import can never disagree)."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.evidence.importer import ImportRejected, ImportResult, import_stream
from icpcore.evidence.privacy import PrivacyReport
from icpcore.store.uow import Store


@dataclass(frozen=True)
class Preview:
    """Plain data (cacheable): rows that would be written, or every listed problem; what privacy
    handling would drop, hash and mask; rows a recipe leaves out."""

    rows: int
    file_error: str | None = None  # the file as a whole cannot be read
    problems: tuple[tuple[int, str, str], ...] = ()  # (row, column, problem) of the first 50 bad rows
    bad_rows: int = 0
    total_problems: int = 0
    dropped: tuple[str, ...] = ()
    hashed: tuple[str, ...] = ()
    masked: tuple[tuple[str, int, int, int], ...] = ()  # (column, emails, phones, URLs)
    skipped: tuple[tuple[str, int], ...] = ()
    columns: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.file_error is None and not self.total_problems


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _privacy(report: PrivacyReport | None) -> dict[str, tuple]:  # type: ignore[type-arg]
    if report is None:
        return {}
    masked = tuple((c, n.email, n.phone, n.url) for c, n in report.masked.items() if n.total)
    return {"dropped": tuple(report.dropped_columns), "hashed": tuple(report.hashed_columns), "masked": masked}


def _from_result(result: ImportResult) -> Preview:
    return Preview(
        rows=result.rows,
        skipped=tuple(result.skipped.items()),
        columns=tuple(result.columns),
        **_privacy(result.privacy),
    )


def preview_import(
    store: Store,
    kind: str,
    data: bytes,
    *,
    file_name: str,
    actor: Actor,
    mapping: dict[str, str] | None = None,
    recipe: str | None = None,
    replace: bool = False,
    source: str | None = None,
) -> Preview:
    """Validate the file exactly as `import` would, without writing."""
    try:
        result = import_stream(
            store,
            kind,
            io.BytesIO(data),
            file_name=file_name,
            checksum=digest(data),
            actor=actor,
            source=source,
            mapping=mapping,
            replace=replace,
            dry_run=True,
            recipe=recipe,
        )
    except ImportRejected as exc:
        return Preview(
            rows=0,
            problems=tuple((p.row, p.column, p.message) for p in exc.problems),
            bad_rows=exc.bad_rows,
            total_problems=exc.total,
            skipped=tuple(exc.skipped.items()),
            **_privacy(exc.privacy),
        )
    except InvalidInput as exc:
        return Preview(rows=0, file_error=str(exc))
    return _from_result(result)


def run_import(
    store: Store,
    kind: str,
    data: bytes,
    *,
    file_name: str,
    actor: Actor,
    mapping: dict[str, str] | None = None,
    recipe: str | None = None,
    replace: bool = False,
    source: str | None = None,
) -> ImportResult:
    """The real import of an uploaded file (raises InvalidInput like the command line)."""
    return import_stream(
        store,
        kind,
        io.BytesIO(data),
        file_name=file_name,
        checksum=digest(data),
        actor=actor,
        source=source,
        mapping=mapping,
        replace=replace,
        recipe=recipe,
    )

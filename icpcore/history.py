"""Saving the ICP: every change a new immutable version, optimistic and restorable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.icp import IcpDocument, parse_icp
from icpcore.icp_diff import describe_changes
from icpcore.store.models import IcpVersion
from icpcore.store.uow import Store, UnitOfWork


@dataclass(frozen=True)
class Version:
    """A saved version, detached from any session."""

    number: int
    document: IcpDocument
    author: str
    reason: str
    created_at: datetime
    based_on: int | None
    restored_from: int | None

    @classmethod
    def of(cls, row: IcpVersion) -> Version:
        return cls(
            number=row.number,
            document=IcpDocument.model_validate(row.document),
            author=row.author,
            reason=row.reason,
            created_at=row.created_at,
            based_on=row.based_on,
            restored_from=row.restored_from,
        )


class SaveConflict(RuntimeError):
    """Someone else saved after the version this edit started from."""

    def __init__(self, base: int | None, latest: Version, their_changes: list[str]):
        self.base = base
        self.latest = latest
        self.their_changes = their_changes
        lines = "\n".join(f"  - {c}" for c in their_changes) or "  - (no field changes)"
        super().__init__(
            f"Version {latest.number} was saved by {latest.author} after the version {base} you started "
            f"from (reason: {latest.reason}). Their changes:\n{lines}\n"
            "Your edit was not saved; review their changes, then save again on top of them."
        )


def current(store: Store) -> Version | None:
    with store.read() as uow:
        row = uow.icp.latest()
        return Version.of(row) if row else None


def get_version(store: Store, number: int) -> Version | None:
    with store.read() as uow:
        row = uow.icp.get(number)
        return Version.of(row) if row else None


def require_version(store: Store, number: int | None = None) -> Version:
    """ICP version `number` (default: the current one), or InvalidInput saying there is none."""
    found = current(store) if number is None else get_version(store, number)
    if found is None:
        raise InvalidInput(
            "there is no ICP yet: run `python -m icpcore init`"
            if number is None
            else f"there is no ICP version {number}"
        )
    return found


def list_versions(store: Store) -> list[Version]:
    with store.read() as uow:
        return [Version.of(row) for row in uow.icp.list()]


def save(
    store: Store,
    document: IcpDocument | dict[str, Any],
    *,
    base: int | None,
    actor: Actor,
    reason: str,
    restored_from: int | None = None,
    check_fields: bool = True,
) -> Version:
    """Validate and store a new version on top of `base`; raise SaveConflict if `base` is stale."""
    actor.require("editor", "change the ICP")
    reason = reason.strip()
    if not reason:
        raise ValueError("a reason is required to save the ICP")
    raw = document.to_dict() if isinstance(document, IcpDocument) else document
    try:
        with store.unit_of_work() as uow:
            known = uow.evidence.known_account_fields() if check_fields else None
            doc = parse_icp(raw, known_fields=known)
            latest = uow.icp.latest()
            _check_sensitive_change(actor, latest, doc)
            if (latest.number if latest else None) != base:
                raise _conflict(uow, base)
            row = uow.icp.add(
                number=(base or 0) + 1,
                document=doc.to_dict(),
                author=actor.name,
                reason=reason,
                based_on=base,
                restored_from=restored_from,
            )
            uow.audit(actor, "icp.save", f"icp version {row.number}", reason=reason, based_on=base)
            return Version.of(row)
    except IntegrityError:
        # Another writer took the same version number between our check and our insert.
        with store.read() as uow:
            raise _conflict(uow, base) from None


def _conflict(uow: UnitOfWork, base: int | None) -> SaveConflict:
    latest = Version.of(uow.icp.latest())  # type: ignore[arg-type]
    base_row = uow.icp.get(base) if base is not None else None
    before = IcpDocument.model_validate(base_row.document) if base_row else None
    return SaveConflict(base, latest, describe_changes(before, latest.document))


def restore(store: Store, number: int, *, base: int | None, actor: Actor) -> Version:
    """Restoring never rewrites history: the old document becomes a new version."""
    old = get_version(store, number)
    if old is None:
        raise ValueError(f"there is no ICP version {number}")
    return save(
        store,
        old.document,
        base=base,
        actor=actor,
        reason=f"Restored version {number}",
        restored_from=number,
        check_fields=False,
    )


def _check_sensitive_change(actor: Actor, latest: IcpVersion | None, doc: IcpDocument) -> None:
    before = set(latest.document.get("sensitive_attributes", [])) if latest else set()
    if latest is not None and before != set(doc.sensitive_attributes):
        actor.require("admin", "change the sensitive attributes")

"""Backup and restore round-trip the ICP history, reviews and audit log exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect

from icpcore import history
from icpcore.access import PermissionDenied
from icpcore.backup import BACKUP_TABLES, NOT_BACKED_UP, backup, restore, snapshot
from icpcore.errors import InvalidInput
from icpcore.setup import default_document, seed_default_icp
from icpcore.store.models import ContradictingDeal, Review, ReviewDecision
from tests.conftest import ADMIN, EDITOR


def _history(store) -> None:
    seed_default_icp(store, actor=ADMIN)
    doc = default_document()
    doc["segments"][0]["pains"].append("Forecasts miss by 20% — «quoted» text ✓")
    history.save(store, doc, base=1, actor=EDITOR, reason="new pain")
    history.restore(store, 1, base=2, actor=EDITOR)
    now = datetime(2026, 11, 30, 9, 30, tzinfo=UTC)
    with store.unit_of_work() as uow:
        review = uow.reviews.add(
            Review(
                held_on="2026-11-30",
                as_of="2026-11-30",
                attendees=["Maya", "Jonas"],
                icp_version=3,
                snapshot={"assumptions": [{"id": "mm_qualifies", "value": 0.31, "n": 412}]},
                started_by="Maya",
                started_at=now,
                finished_at=now,
                minutes="# Minutes",
            )
        )
        uow.reviews.add_decision(
            ReviewDecision(
                review_id=review.id,
                assumption_id="mm_qualifies",
                decision="keep",
                note="fine",
                icp_version=None,
                author="Maya",
                decided_at=now,
            )
        )
        uow.reviews.add_deal(
            ContradictingDeal(
                opportunity_id="O1",
                segment="midmarket_saas",
                assumption_id=None,
                field="employees",
                note="12-person team bought",
                submitted_by="Jonas",
                submitted_at=now,
            )
        )
        uow.audit(ADMIN, "review.finish", "review 1")


def test_round_trip_is_exact(store, tmp_path, request) -> None:
    _history(store)
    before = snapshot(store)
    path = tmp_path / "backup.json"
    counts = backup(store, path)
    assert counts["icp_versions"] == 3 and counts["reviews"] == 1 and counts["audit_log"] >= 4

    target = request.getfixturevalue("sqlite_store") if store.dialect == "sqlite" else store
    if target is store:  # same database: wipe what the backup holds by restoring an empty one first
        empty = tmp_path / "empty.json"
        empty.write_text(json.dumps({"format": "fitboard-backup", "version": 1, "tables": {}}), encoding="utf-8")
        restore(store, empty, actor=ADMIN)
        assert history.list_versions(store) == []
    restore(target, path, actor=ADMIN)
    after = snapshot(target)
    restored_audit = after["tables"]["audit_log"]
    assert restored_audit[-1]["action"] == "backup.restore"
    after["tables"]["audit_log"] = restored_audit[:-1]
    assert after == before
    # Ids keep counting after a restore: the next save and audit entry do not collide.
    latest = history.current(target)
    assert latest is not None and latest.number == 3
    history.save(target, latest.document, base=3, actor=EDITOR, reason="after restore")
    with target.unit_of_work() as uow:
        uow.audit(ADMIN, "check", "ids")


def test_every_table_is_either_backed_up_or_evidence(sqlite_store) -> None:
    tables = set(inspect(sqlite_store.engine).get_table_names()) - {"alembic_version"}
    assert tables == set(BACKUP_TABLES) | set(NOT_BACKED_UP)


def test_restore_needs_admin_and_a_real_backup(sqlite_store, tmp_path) -> None:
    path = tmp_path / "b.json"
    backup(sqlite_store, path)
    with pytest.raises(PermissionDenied):
        restore(sqlite_store, path, actor=EDITOR)
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(InvalidInput, match="not a Fitboard backup"):
        restore(sqlite_store, bogus, actor=ADMIN)
    with pytest.raises(InvalidInput, match="no such file"):
        restore(sqlite_store, tmp_path / "missing.json", actor=ADMIN)

"""Reading the audit log: admins only, filters in the database, CSV that cannot run formulas."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest

from icpcore import audit_log, history
from icpcore.access import Actor, PermissionDenied
from icpcore.audit_log import AuditFilter
from icpcore.setup import seed_default_icp
from tests.conftest import ADMIN, EDITOR, VIEWER

ANA = Actor("Ana", "editor", origin="Current ICP", account="ana@example.com")
BO = Actor('=HYPERLINK("http://x","Bo")', "editor", origin="command line: icp")


@pytest.fixture
def logged(store):
    seed_default_icp(store, actor=ADMIN)
    for who, pain in ((ANA, "slow onboarding"), (BO, "100%_done"), (ANA, "pricing")):
        latest = history.current(store)
        doc = latest.document.to_dict()
        doc["segments"][0]["pains"].append(pain)
        history.save(store, doc, base=latest.number, actor=who, reason=pain)
    return store


def test_only_admins_read_it(logged) -> None:
    for actor in (VIEWER, EDITOR):
        with pytest.raises(PermissionDenied, match="read the audit log"):
            audit_log.entries(logged, AuditFilter(), actor=actor)
        with pytest.raises(PermissionDenied):
            audit_log.facets(logged, actor=actor)


def test_newest_first_with_who_what_and_where(logged) -> None:
    rows = audit_log.entries(logged, AuditFilter(), actor=ADMIN)
    assert [r.target for r in rows] == [f"icp version {n}" for n in (4, 3, 2, 1)]
    assert rows[0].who == "Ana <ana@example.com>" and rows[0].origin == "Current ICP"
    assert rows[0].action == "icp.save" and rows[0].detail["reason"] == "pricing"
    assert rows[0].at.tzinfo is not None and abs(rows[0].at - datetime.now(UTC)) < timedelta(minutes=5)


def test_facets(logged) -> None:
    found = audit_log.facets(logged, actor=ADMIN)
    assert found.who == sorted(["test admin", "Ana <ana@example.com>", BO.name])
    assert found.actions == ["icp.save"]
    assert found.origins == sorted(["tests", "Current ICP", "command line: icp"])
    assert found.first == found.last == datetime.now(UTC).date()


def test_filters(logged) -> None:
    def targets(**chosen) -> list[str]:
        return [r.target for r in audit_log.entries(logged, AuditFilter(**chosen), actor=ADMIN)]

    assert targets(who=("Ana <ana@example.com>",)) == ["icp version 4", "icp version 2"]
    assert targets(origins=("command line: icp",)) == ["icp version 3"]
    assert targets(actions=("review.start",)) == []
    assert targets(text="VERSION 1") == ["icp version 1"]
    assert targets(text="ana@") == ["icp version 4", "icp version 2"]
    assert targets(text="%") == []  # LIKE wildcards are searched literally
    assert targets(text="_") == []
    today = datetime.now(UTC).date()
    assert len(targets(since=today, until=today)) == 4
    assert targets(until=today - timedelta(days=1)) == []
    assert targets(since=today + timedelta(days=1)) == []
    assert len(targets(since=date(2000, 1, 1))) == 4


def test_csv_neutralises_formulas(logged) -> None:
    text = audit_log.entries_csv(audit_log.entries(logged, AuditFilter(), actor=ADMIN))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == list(audit_log.CSV_HEADER)
    assert rows[2][1] == "'" + BO.name
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)

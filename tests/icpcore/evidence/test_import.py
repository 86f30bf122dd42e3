"""All or nothing, the first 50 bad rows, --replace and orphans, dry runs, the import log."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from icpcore.access import PermissionDenied
from icpcore.errors import InvalidInput
from icpcore.evidence import writer as writer_module
from icpcore.evidence.importer import ImportRejected, import_stream
from icpcore.store.models import AuditEntry, ImportRecord, Lead
from tests.conftest import ADMIN, VIEWER
from tests.icpcore.evidence.helpers import ACCOUNTS, VALID, count, load, snapshot, with_accounts

HEADER = "lead_id,account_id,created_at,channel\n"


def _leads(n: int, bad_every: int = 0) -> str:
    rows = [
        f"L{i},A1,{'never' if bad_every and i % bad_every == 0 else '2026-01-01T10:00:00Z'},ads"
        for i in range(1, n + 1)
    ]
    return HEADER + "\n".join(rows) + "\n"


def test_three_bad_rows_are_all_listed_and_nothing_is_written(store, tmp_path):
    with_accounts(store, tmp_path)
    text = (
        HEADER + "L1,A1,2026-01-01,ads\nL2,A1,bad,ads\nL3,A1,2026-01-01,ads\nL4,A7,2026-01-01,ads\nL5,A1,2026-01-01,\n"
    )
    before = snapshot(store)
    with pytest.raises(ImportRejected) as caught:
        load(store, tmp_path, "leads", text)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "created_at"), (4, "account_id"), (5, "channel")]
    assert caught.value.bad_rows == 3 and "more bad row" not in str(caught.value)
    assert snapshot(store) == before


def test_more_than_fifty_bad_rows_lists_fifty_and_counts_the_rest(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    with pytest.raises(ImportRejected) as caught:
        load(sqlite_store, tmp_path, "leads", _leads(240, bad_every=3))  # 80 bad rows, over several chunks
    error = caught.value
    assert len({p.row for p in error.problems}) == 50 and error.bad_rows == 80
    assert [p.row for p in error.problems][:3] == [3, 6, 9] and error.problems[-1].row == 150
    assert "… and 30 more bad row(s) not listed" in str(error)
    assert count(sqlite_store, "leads") == 0


def test_every_problem_of_a_listed_row_is_shown(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    with pytest.raises(ImportRejected) as caught:
        load(sqlite_store, tmp_path, "leads", HEADER + ",A9,later,\n")
    assert [p.column for p in caught.value.problems] == ["lead_id", "account_id", "created_at", "channel"]


def test_problems_in_a_later_chunk_roll_back_rows_already_written(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    text = _leads(35).replace("L33,A1,2026-01-01T10:00:00Z", "L33,A1,2026-13-01")
    with pytest.raises(ImportRejected, match="row 33, column created_at"):
        _load_small_chunks(sqlite_store, tmp_path, text)
    assert count(sqlite_store, "leads") == 0


def _load_small_chunks(store, folder, text):  # type: ignore[no-untyped-def]
    path = folder / "leads.csv"
    path.write_text(text, encoding="utf-8")
    with path.open("rb") as raw:
        return import_stream(store, "leads", raw, file_name="leads.csv", checksum="", actor=ADMIN, chunk_rows=10)


def test_appending_in_chunks_checks_every_chunk_against_stored_ids(store, tmp_path):
    with_accounts(store, tmp_path)
    load(store, tmp_path, "leads", HEADER + "L23,A2,2026-01-01,ads\n")
    with pytest.raises(ImportRejected) as caught:
        _load_small_chunks(store, tmp_path, _leads(25))
    assert [(p.row, p.column) for p in caught.value.problems] == [(23, "lead_id")]
    assert count(store, "leads") == 1
    _load_small_chunks(store, tmp_path, _leads(22))
    assert count(store, "leads") == 23


def test_a_failure_injected_after_the_first_chunk_writes_nothing(store, tmp_path, monkeypatch):
    with_accounts(store, tmp_path)
    before = snapshot(store)
    original = writer_module.TableWriter.write
    calls = []

    def failing(self, table):  # type: ignore[no-untyped-def]
        calls.append(len(table["lead_id"]))
        if len(calls) == 2:
            raise RuntimeError("disk full")
        original(self, table)

    monkeypatch.setattr(writer_module.TableWriter, "write", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        _load_small_chunks(store, tmp_path, _leads(25))
    assert calls == [10, 10]
    assert snapshot(store) == before


def test_big_loads_rebuild_the_indexes_they_set_aside(store, tmp_path, monkeypatch):
    with_accounts(store, tmp_path)
    monkeypatch.setattr(writer_module, "BULK_ROWS", 10)
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("leads")}
    _load_small_chunks(store, tmp_path, _leads(25))
    assert {ix["name"] for ix in inspect(store.engine).get_indexes("leads")} == names
    assert count(store, "leads") == 25


def test_indexes_come_back_when_a_big_load_fails(sqlite_store, tmp_path, monkeypatch):
    with_accounts(sqlite_store, tmp_path)
    monkeypatch.setattr(writer_module, "BULK_ROWS", 10)
    names = {ix["name"] for ix in inspect(sqlite_store.engine).get_indexes("leads")}
    with pytest.raises(ImportRejected):
        _load_small_chunks(sqlite_store, tmp_path, _leads(25, bad_every=24))
    assert {ix["name"] for ix in inspect(sqlite_store.engine).get_indexes("leads")} == names


def test_replace_swaps_a_kinds_rows_in_one_go(store, tmp_path):
    with_accounts(store, tmp_path)
    load(store, tmp_path, "leads", VALID["leads"])
    result = load(store, tmp_path, "leads", HEADER + "L1,A1,2026-05-01,ads\nL9,A2,2026-05-02,seo\n", replace=True)
    assert result.replaced and count(store, "leads") == 2
    with store.read() as uow:
        assert {lead.lead_id: lead.import_id for lead in uow.session.scalars(select(Lead))} == {
            "L1": result.import_id,
            "L9": result.import_id,
        }
        record = uow.session.get(ImportRecord, result.import_id)
        assert (record.mode, record.rows, record.kind) == ("replace", 2, "leads")


def test_replacing_accounts_refuses_to_orphan_other_kinds(store, tmp_path):
    with_accounts(store, tmp_path)
    load(store, tmp_path, "leads", VALID["leads"])
    load(store, tmp_path, "notes", VALID["notes"])
    before = snapshot(store)
    fewer = "\n".join(ACCOUNTS.splitlines()[:3]) + "\n"  # drops A3, which a lead names
    with pytest.raises(InvalidInput, match=r"replacing accounts would orphan 1 leads row\(s\)"):
        load(store, tmp_path, "accounts", fewer, replace=True)
    assert snapshot(store) == before
    with pytest.raises(InvalidInput, match="would orphan"):
        load(store, tmp_path, "accounts", fewer, replace=True, dry_run=True)
    more = ACCOUNTS + "A4,Delta,Retail,5,,EMEA,FR,\n"
    assert load(store, tmp_path, "accounts", more, replace=True).rows == 4


def test_a_dry_run_validates_and_previews_without_writing(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    before = snapshot(sqlite_store)
    result = load(
        sqlite_store, tmp_path, "notes", VALID["notes"] + "N3,A1,other,2026-02-01,mail bob@x.org\n", dry_run=True
    )
    assert (result.rows, result.import_id, result.dry_run) == (3, None, True)
    assert result.privacy.masked["text"].email == 2 and result.privacy.masked["text"].phone == 1
    assert "would be imported 3 notes row(s)" in result.summary()
    assert snapshot(sqlite_store) == before


def test_the_import_log_and_audit_name_who_what_and_which_file(sqlite_store, tmp_path):
    result = load(sqlite_store, tmp_path, "accounts", ACCOUNTS, source="  crm:salesforce ")
    with sqlite_store.read() as uow:
        record = uow.session.get(ImportRecord, result.import_id)
        assert (record.file_name, record.source_tag, record.rows, record.imported_by) == (
            "accounts.csv",
            "crm:salesforce",
            3,
            "test admin",
        )
        assert len(record.checksum) == 64 and record.columns[0] == "account_id"
        audit = uow.session.scalars(select(AuditEntry).where(AuditEntry.action == "evidence.import")).one()
        assert audit.detail == {"rows": 3, "replace": False, "source": "crm:salesforce"}


def test_viewers_cannot_import_and_tags_have_a_length_limit(sqlite_store, tmp_path):
    with pytest.raises(PermissionDenied):
        load(sqlite_store, tmp_path, "accounts", ACCOUNTS, actor=VIEWER)
    with pytest.raises(InvalidInput, match="at most 200"):
        load(sqlite_store, tmp_path, "accounts", ACCOUNTS, source="x" * 201)
    assert count(sqlite_store, "accounts") == 0

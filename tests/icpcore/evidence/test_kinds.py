"""Every evidence kind of CONTRACT section 1, valid and invalid, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from icpcore.errors import InvalidInput
from icpcore.evidence.importer import ImportRejected
from icpcore.evidence.schema import KINDS, SPECS
from icpcore.store import Store
from icpcore.store.models import Account, BillingEvent, Lead, Note, Opportunity, ProductEvent, Spend
from tests.conftest import sqlite_store_at
from tests.icpcore.evidence.helpers import ROWS, VALID, count, load, snapshot, with_accounts


def _edit(kind: str, column: str, value: str, row: int = 2) -> str:
    """The valid sample with one cell changed (row 1 = first data row)."""
    records = list(csv.reader(io.StringIO(VALID[kind])))
    records[row][records[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(records)
    return out.getvalue()


def _without(kind: str, column: str) -> str:
    records = list(csv.reader(io.StringIO(VALID[kind])))
    index = records[0].index(column)
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([r[:index] + r[index + 1 :] for r in records])
    return out.getvalue()


def _prepared(store, folder, kind: str) -> None:  # type: ignore[no-untyped-def]
    if kind != "accounts" and SPECS[kind].references_accounts:
        with_accounts(store, folder)


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> Iterator[tuple[Store, Path]]:
    """One SQLite store with the sample accounts, for checks that must write nothing."""
    folder = tmp_path_factory.mktemp("kinds")
    store = sqlite_store_at(folder / "shared.db")
    with_accounts(store, folder)
    yield store, folder
    store.engine.dispose()


def _rejected(shared, kind: str, text: str) -> ImportRejected | InvalidInput:  # type: ignore[no-untyped-def]
    """Import into the shared store (accounts as a swap so ids do not clash); it must fail and write nothing."""
    store, folder = shared
    before = snapshot(store)
    with pytest.raises(InvalidInput) as caught:
        load(store, folder, kind, text, replace=kind == "accounts")
    assert snapshot(store) == before
    return caught.value


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_imports_a_valid_file(store, tmp_path, kind):
    _prepared(store, tmp_path, kind)
    result = load(store, tmp_path, kind, VALID[kind])
    assert result.rows == ROWS[kind] == count(store, kind)
    assert result.source_tag == f"{kind}.csv"  # the file name by default


def test_stored_values_follow_the_contract(store, tmp_path):
    for kind in KINDS:
        load(store, tmp_path, kind, VALID[kind], source="crm:hubspot")
    with store.read() as uow:
        s = uow.session
        a1 = s.get(Account, "A1")
        assert a1.traits["tier"] == "gold" and a1.traits_ci["industry"] == "saas"
        assert a1.traits_num["employees"] == 120 and "annual_revenue" not in s.get(Account, "A2").traits
        assert a1.source_tag == "crm:hubspot" and a1.import_id > 0
        l1, l2, l3 = (s.get(Lead, f"L{i}") for i in (1, 2, 3))
        assert l1.created_ts == 1767571200.0 and l1.created_month == "2026-01"
        assert l1.qualified_ts == 1767952800.0 and l1.channel == "Paid Search" and l1.channel_ci == "paid search"
        assert l1.extra == {"extra_note": "hello"} and l2.extra is None
        assert l2.created_ts == 1767681000.0  # 08:30 at +02:00 is 06:30 UTC
        assert l2.campaign is None and l2.disqualified_reason == "no budget"
        assert l3.qualified_ts == l3.created_ts  # equal is allowed
        o1, o2, o3 = (s.get(Opportunity, f"O{i}") for i in (1, 2, 3))
        assert (o1.won, o1.amount, o1.closed_month) == (True, 12000.5, "2026-02")
        assert (o2.won, o2.closed_ts, o2.amount) == (False, None, None)
        assert (o3.won, o3.amount) == (False, 0.0)
        events = s.scalars(select(ProductEvent.event).order_by(ProductEvent.ts)).all()
        assert events == ["signup", "first_value", "invite_sent"]  # stored lower-cased
        assert s.scalars(select(BillingEvent.event).order_by(BillingEvent.ts)).all() == ["purchase", "refund", "churn"]
        assert s.scalars(select(Spend.amount).order_by(Spend.month)).all() == [1500.0, 300.25]
        n1 = s.get(Note, "N1")
        assert n1.text == "Pain: spreadsheets. Call Jane at [phone] or [email]"
        assert s.get(Note, "N2").source == "survey" and s.get(Note, "N2").account_id is None


@pytest.mark.parametrize(("kind", "column"), [(k, c) for k in KINDS for c in SPECS[k].required])
def test_each_required_column_missing_is_an_error(shared, kind, column):
    error = _rejected(shared, kind, _without(kind, column))
    assert f"missing required column(s) {column} for {kind}" in str(error)


BAD_VALUES = [
    ("accounts", "account_id", "", "is empty but required"),
    ("accounts", "industry", "  ", "is empty but required"),
    ("accounts", "employees", "ten", "'ten' is not a number"),
    ("accounts", "employees", "NA", "'NA' is not a number"),
    ("accounts", "employees", "1,200", "is not a number"),
    ("accounts", "employees", "-1", "-1 is negative"),
    ("accounts", "employees", "", "is empty but required"),
    ("accounts", "annual_revenue", "-0.5", "is negative"),
    ("accounts", "annual_revenue", "nan", "is not a number"),
    ("accounts", "annual_revenue", "inf", "is not a number"),
    ("accounts", "region", "", "is empty but required"),
    ("leads", "account_id", "A9", "'A9' is not in accounts"),
    ("leads", "created_at", "14/03/2026", "is not an ISO 8601 date"),
    ("leads", "created_at", "2026-02-30", "is not an ISO 8601 date"),
    ("leads", "created_at", "2026-W11-6", "is not an ISO 8601 date"),
    ("leads", "created_at", "", "is empty but required"),
    ("leads", "qualified_at", "2026-01-01", "is before created_at"),
    ("leads", "qualified_at", "soon", "is not an ISO 8601 date"),
    ("leads", "channel", "", "is empty but required"),
    ("leads", "lead_id", "L1", "'L1' appears twice in the file"),
    ("leads", "channel", "x" * 201, "at most 200 are allowed"),
    ("opportunities", "won", "maybe", "'maybe' is not a boolean"),
    ("opportunities", "amount", "12k", "is not a number"),
    ("opportunities", "closed_at", "yesterday", "is not an ISO 8601 date"),
    ("opportunities", "stage", "", "is empty but required"),
    ("product_events", "occurred_at", "", "is empty but required"),
    ("product_events", "event", "", "is empty but required"),
    ("product_events", "account_id", "nobody", "is not in accounts"),
    ("billing", "event", "gift", "'gift' is not one of purchase, refund, downgrade, upgrade, churn"),
    ("billing", "amount", "1.2.3", "is not a number"),
    ("spend", "month", "2026-13", "is not a month (YYYY-MM)"),
    ("spend", "month", "2026-1", "is not a month (YYYY-MM)"),
    ("spend", "month", "2026-01-01", "is not a month (YYYY-MM)"),
    ("spend", "amount", "", "is empty but required"),
    ("notes", "source", "email", "'email' is not one of sales_call"),
    ("notes", "text", "", "is empty but required"),
    ("notes", "account_id", "A404", "is not in accounts"),
]


@pytest.mark.parametrize(("kind", "column", "value", "message"), BAD_VALUES)
def test_a_bad_value_names_row_and_column_and_writes_nothing(shared, kind, column, value, message):
    error = _rejected(shared, kind, _edit(kind, column, value))
    assert isinstance(error, ImportRejected)
    (problem,) = error.problems
    assert (problem.row, problem.column) == (2, column)
    assert message in problem.message
    assert f"{kind}.csv: row 2, column {column}: " in str(error)


@pytest.mark.parametrize("word", ["true", "FALSE", "1", "0", "Yes", "no", "Y", "n", " yes "])
def test_booleans_accept_the_contract_words_in_any_case(shared, word):
    store, folder = shared
    result = load(store, folder, "opportunities", _edit("opportunities", "won", word, row=1), replace=True)
    with store.read() as uow:
        assert uow.session.get(Opportunity, "O1").won is (word.strip().lower() in {"true", "1", "yes", "y"})
        assert uow.session.get(Opportunity, "O1").import_id == result.import_id


def test_won_may_be_empty_only_on_open_opportunities(shared):
    error = _rejected(shared, "opportunities", _edit("opportunities", "won", "", row=1))
    assert "row 1, column won: is empty but required when closed_at is set" in str(error)


def test_duplicate_ids_against_the_database_and_unknown_accounts(store, tmp_path):
    with_accounts(store, tmp_path)
    load(store, tmp_path, "leads", VALID["leads"])
    again = "lead_id,account_id,created_at,channel\nL4,A1,2026-03-01,ads\nL2,A2,2026-03-01,ads\nL5,ZZ,2026-03-01,ads\n"
    with pytest.raises(ImportRejected) as caught:
        load(store, tmp_path, "leads", again)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "lead_id"), (3, "account_id")]
    assert "'L2' already exists (use --replace" in caught.value.problems[0].message
    assert count(store, "leads") == 3


def test_a_header_named_twice_is_an_error(shared):
    error = _rejected(shared, "accounts", "account_id,industry,employees,region, Industry \nA1,saas,1,EU,x\n")
    assert "the header names 'industry' twice" in str(error)


def test_headers_match_case_insensitively_after_trimming_and_nothing_else_is_special(sqlite_store, tmp_path):
    text = "\ufeff ACCOUNT_ID ,Industry,EMPLOYEES,Region,Notes\nA1, none ,7,null,NA\n"
    load(sqlite_store, tmp_path, "accounts", text)
    with sqlite_store.read() as uow:
        traits = uow.session.get(Account, "A1").traits
    assert traits == {"account_id": "A1", "industry": "none", "employees": "7", "region": "null", "notes": "NA"}

"""Reading CSV per CONTRACT section 1: BOM, headers, --map, odd rows, bytes that are not text."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from icpcore.errors import InvalidInput
from icpcore.evidence.importer import ImportRejected, import_file
from icpcore.evidence.reader import parse_mapping
from icpcore.store.models import Account, Lead
from tests.conftest import ADMIN
from tests.icpcore.evidence.helpers import count, load, snapshot, with_accounts

LEADS_HEADER = "lead_id,account_id,created_at,channel\n"


def test_parse_mapping_reads_to_equals_from_pairs():
    assert parse_mapping(" Account_ID = Company , industry=sector,,") == {"account_id": "company", "industry": "sector"}
    for bad in ("account_id", "=x", "x=", "a=b,a=c"):
        with pytest.raises(InvalidInput, match="--map"):
            parse_mapping(bad)


def test_map_renames_columns_and_one_column_may_feed_two(sqlite_store, tmp_path):
    text = "Company,Sector,Staff,HQ\nacme,saas,10,Germany\n"
    result = load(
        sqlite_store,
        tmp_path,
        "accounts",
        text,
        mapping=parse_mapping("account_id=company,industry=sector,employees=staff,region=hq,country=hq"),
    )
    assert result.columns == ["account_id", "industry", "employees", "region", "country"]
    with sqlite_store.read() as uow:
        assert uow.session.get(Account, "acme").traits["country"] == "Germany"


def test_map_from_a_missing_column_or_onto_a_taken_name_is_an_error(sqlite_store, tmp_path):
    text = "account_id,company,industry,employees,region\nA1,acme,saas,1,EU\n"
    with pytest.raises(InvalidInput, match="the file has no column 'firm'"):
        load(sqlite_store, tmp_path, "accounts", text, mapping={"name": "firm"})
    with pytest.raises(InvalidInput, match="two columns would be named 'account_id' after --map"):
        load(sqlite_store, tmp_path, "accounts", text, mapping={"account_id": "company"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the file is empty"),
        ("\ufeff", "the file is empty"),
        (",,,\n", "the header row is empty"),
        ("lead_id,,account_id,created_at,channel\n", "header column 2 has no name"),
        ("lead_id,account_id,created_at\nL1,A1,2026-01-01\n", r"missing required column\(s\) channel"),
    ],
)
def test_file_problems(sqlite_store, tmp_path, text, message):
    with pytest.raises(InvalidInput, match=message):
        load(sqlite_store, tmp_path, "leads", text)


def test_bom_crlf_quotes_and_blank_lines(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    text = (
        "\ufeffLead_ID,account_id,created_at,channel\r\n"
        'L1,A1,2026-01-01,"paid, search"\r\n\r\nL2,A2,2026-01-02,"multi\nline"\r\n'
    )
    load(sqlite_store, tmp_path, "leads", text)
    with sqlite_store.read() as uow:
        assert uow.session.scalars(select(Lead.channel).order_by(Lead.lead_id)).all() == ["paid, search", "multi\nline"]


def test_blank_lines_are_not_counted_as_rows(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    text = LEADS_HEADER + "L1,A1,2026-01-01,ads\n\n   \nL2,A1,bad,ads\n"
    with pytest.raises(ImportRejected, match="row 2, column created_at"):
        load(sqlite_store, tmp_path, "leads", text)


def test_short_rows_read_as_empty_values_and_long_rows_are_reported(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    text = "lead_id,account_id,created_at,channel,campaign\nL1,A1,2026-01-01,ads\nL2,A1\nL3,A1,2026-01-01,ads,c,extra\n"
    with pytest.raises(ImportRejected) as caught:
        load(sqlite_store, tmp_path, "leads", text)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "created_at"), (2, "channel"), (3, "(row)")]
    assert "has 6 values but the header has 5 columns" in caught.value.problems[2].message
    # a trailing empty value (a trailing comma) is not a problem
    load(sqlite_store, tmp_path, "leads", "lead_id,account_id,created_at,channel\nL9,A1,2026-01-01,ads,\n")
    assert count(sqlite_store, "leads") == 1


def test_bytes_that_are_not_utf8_and_nul_bytes_are_reported_by_row_and_column(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    raw = (LEADS_HEADER + "L1,A1,2026-01-01,ads\nL2,A1,2026-01-01,caf").encode() + b"\xe9\nL3,A1,2026-01-01,a\x00b\n"
    before = snapshot(sqlite_store)
    with pytest.raises(ImportRejected) as caught:
        load(sqlite_store, tmp_path, "leads", raw)
    assert [(p.row, p.column, p.message) for p in caught.value.problems] == [
        (2, "channel", "contains bytes that are not UTF-8 text"),
        (3, "channel", "contains a NUL byte"),
    ]
    assert snapshot(sqlite_store) == before


def test_a_latin1_header_is_a_file_problem(sqlite_store, tmp_path):
    with pytest.raises(InvalidInput, match="header column 1 contains bytes that are not UTF-8"):
        load(sqlite_store, tmp_path, "accounts", "sociét\xe9,industry\n".encode("latin-1"))


def test_a_broken_quote_is_a_clear_error(sqlite_store, tmp_path):
    with_accounts(sqlite_store, tmp_path)
    with pytest.raises(InvalidInput, match="cannot read the CSV"):
        load(sqlite_store, tmp_path, "leads", LEADS_HEADER + 'L1,A1,2026-01-01,"ads"x\n')


def test_missing_file_and_a_folder(sqlite_store, tmp_path):
    for path in (tmp_path / "nope.csv", tmp_path):
        with pytest.raises(InvalidInput, match="no such file"):
            import_file(sqlite_store, "leads", path, actor=ADMIN)

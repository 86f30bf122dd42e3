"""The as-of date (CONTRACT section 4): the latest evidence timestamp's date, or the given one."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from icpcore.errors import InvalidInput
from icpcore.metrics.asof import as_of_instant, resolve_as_of
from tests.icpcore.metrics.fixtures import ACCOUNTS, load


def test_given_date_wins(sqlite_store):
    assert resolve_as_of(sqlite_store, "2026-06-30") == date(2026, 6, 30)
    assert resolve_as_of(sqlite_store, date(2026, 1, 2)) == date(2026, 1, 2)


@pytest.mark.parametrize("bad", ["2026-13-01", "yesterday", "", "30/06/2026"])
def test_malformed_date_is_invalid_input(sqlite_store, bad):
    with pytest.raises(InvalidInput, match="--as-of"):
        resolve_as_of(sqlite_store, bad)


def test_no_evidence_means_today(sqlite_store):
    assert resolve_as_of(sqlite_store, None) == datetime.now(UTC).date()


def test_latest_timestamp_of_any_dated_kind(store):
    load(
        store,
        accounts=ACCOUNTS,
        leads="""
            lead_id,account_id,created_at,channel,qualified_at
            l1,a1,2026-01-01,ads,2026-03-05T10:00:00
        """,
        opportunities="""
            opportunity_id,account_id,created_at,closed_at,stage,won
            o1,a1,2026-01-02,2026-03-06T23:59:59,won,true
        """,
        product_events="""
            account_id,event,occurred_at
            a1,signup,2026-02-01
        """,
        billing="""
            account_id,event,occurred_at
            a1,purchase,2026-03-01
        """,
        spend="""
            month,channel,amount
            2026-09,ads,100
        """,
        notes="""
            note_id,account_id,source,created_at,text
            n1,a1,other,2026-08-01,later note does not count
        """,
    )
    assert resolve_as_of(store, None) == date(2026, 3, 6)


def test_zone_converts_to_utc(sqlite_store):
    load(
        sqlite_store,
        accounts=ACCOUNTS,
        billing="""
            account_id,event,occurred_at
            a1,purchase,2026-03-01T01:00:00+02:00
        """,
    )
    assert resolve_as_of(sqlite_store, None) == date(2026, 2, 28)


def test_instant_is_next_midnight_utc():
    assert as_of_instant(date(2026, 6, 30)) == datetime(2026, 7, 1, tzinfo=UTC).timestamp()

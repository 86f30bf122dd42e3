"""The demo bundle: the same numbers on SQLite and PostgreSQL, and the planted stories found as
signals without being told where they are."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from icpcore import history
from icpcore.demo import generate_bundle, load_demo
from icpcore.metrics.compute import indicator_periods, indicator_table
from icpcore.metrics.signals import find_signals
from icpcore.setup import seed_default_icp
from icpcore.store import Store
from tests.conftest import ADMIN, requires_postgres


def _demo(store: Store, accounts: int) -> Store:
    seed_default_icp(store, actor=ADMIN)
    load_demo(store, seed=7, accounts=accounts, actor=ADMIN)
    return store


def _same(a: pd.DataFrame, b: pd.DataFrame) -> None:
    key = ["segment", "month", "metric"]
    left = a.fillna({"month": ""}).set_index(key).sort_index()
    right = b.fillna({"month": ""}).set_index(key).sort_index()
    assert list(left.index) == list(right.index)
    assert (left["n"] == right["n"]).all()
    for column in ("value", "low", "high"):
        for x, y in zip(left[column], right[column], strict=True):
            assert (pd.isna(x) and pd.isna(y)) or math.isclose(x, y, rel_tol=1e-9, abs_tol=1e-9), (column, x, y)


@pytest.mark.postgres
@requires_postgres
def test_sqlite_and_postgres_agree_on_the_demo(sqlite_store, pg_store):
    _demo(sqlite_store, 1000)
    _demo(pg_store, 1000)
    for by, months in (("segment,month", None), ("segment", 3), ("segment", 12)):
        lite = indicator_table(sqlite_store, by=by, months=months)
        pg = indicator_table(pg_store, by=by, months=months)
        assert lite.attrs["as_of"] == pg.attrs["as_of"] == "2026-11-30"
        assert len(lite) >= 66
        _same(lite, pg)


@pytest.mark.slow
def test_signals_find_the_planted_stories(sqlite_store):
    truth = generate_bundle(7, 5000).truth
    store = _demo(sqlite_store, 5000)
    signals = find_signals(indicator_periods(store, months=3), history.current(store).document)
    found = {(s.kind, s.segment) for s in signals}
    assert found == {
        ("earning_its_keep", truth["core_segment"]["segment"]),
        ("refund_spike", truth["refund_spike"]["segment"]),
        ("fast_value_poor_retention", truth["fast_value_poor_retention"]["segment"]),
    }
    spike = next(s for s in signals if s.kind == "refund_spike")
    assert spike.figures[-1].period == "Oct 2026"  # the planted month, found as the latest mature one
    assert all(f.n > 0 for s in signals for f in s.figures)

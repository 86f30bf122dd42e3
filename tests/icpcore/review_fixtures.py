"""Shared fixtures for the review tests: a store with the default ICP, a tiny evidence bundle
with opportunities (for contradicting deals), and a stand-in metrics engine whose numbers a
test sets cell by cell."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from icpcore.evidence.bundle import load_frames
from icpcore.setup import seed_default_icp
from icpcore.store.uow import Store
from tests.conftest import ADMIN

COLUMNS = ["segment", "month", "metric", "value", "low", "high", "n"]
Cell = tuple[float | None, float | None, float | None, int]


def tiny_bundle() -> dict[str, pd.DataFrame]:
    accounts = pd.DataFrame(
        {
            "account_id": ["A1", "A2"],
            "industry": ["Software", "Fintech"],
            "employees": ["120", "300"],
            "region": ["EU", "NA"],
            "funding_stage": ["series_a", "series_b"],
            "tech_stack": ["cloud", "cloud"],
        }
    )
    opportunities = pd.DataFrame(
        {
            "opportunity_id": ["O1", "O2"],
            "account_id": ["A1", "A2"],
            "created_at": ["2026-05-02", "2026-05-03"],
            "closed_at": ["2026-06-01", ""],
            "stage": ["closed_won", "proposal"],
            "won": ["true", "false"],
        }
    )
    return {"accounts": accounts, "opportunities": opportunities}


def seeded(store: Store) -> Store:
    seed_default_icp(store, actor=ADMIN)
    load_frames(store, tiny_bundle(), source_tag="t", actor=ADMIN, mode="replace_all")
    return store


class FakeEngine:
    """`indicator_table` with numbers set per (segment, metric); every month gets the same."""

    def __init__(self) -> None:
        self.cells: dict[tuple[str, str], Cell] = {}
        self.calls: list[dict[str, Any]] = []

    def set(self, segment: str, metric: str, value: float | None, low: float | None, high: float | None, n: int):
        self.cells[(segment, metric)] = (value, low, high, n)

    def __call__(self, store: Store, **kwargs: Any) -> pd.DataFrame:
        self.calls.append(kwargs)
        months = ["2026-04", "2026-05", "2026-06"] if kwargs.get("by") == "segment,month" else [None]
        rows = [
            {"segment": seg, "month": month, "metric": met, "value": v, "low": lo, "high": hi, "n": n}
            for (seg, met), (v, lo, hi, n) in self.cells.items()
            for month in months
        ]
        return pd.DataFrame(rows, columns=COLUMNS)


def install(monkeypatch: Any) -> FakeEngine:
    engine = FakeEngine()
    monkeypatch.setattr("icpcore.review.report.indicator_table", engine)
    return engine


Factory = Callable[[], FakeEngine]

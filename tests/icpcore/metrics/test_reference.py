"""indicator_table against the plain-pandas reference on seeded random bundles, to 1e-9.

Times sit on a coarse grid (whole hours, windows in whole days) so maturity boundaries, window
edges and the as-of instant are hit exactly and often.
"""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from icpcore.evidence.bundle import load_frames
from icpcore.metrics.compute import indicator_table
from tests.conftest import ADMIN
from tests.icpcore.metrics import pandas_reference as ref
from tests.icpcore.metrics.fixtures import save_doc

START = pd.Timestamp("2026-01-01", tz="UTC")


def _doc(rng: np.random.Generator) -> dict:
    return {
        "name": "random",
        "success": {
            "event": str(rng.choice(["qualified_lead", "trial_activation", "paid"])),
            "window_days": int(rng.choice([30, 45, 90])),
        },
        "qualification_window_days": int(rng.choice([7, 14, 30])),
        "disqualifiers": [
            {"id": "tiny", "name": "Tiny", "rules": [{"field": "employees", "op": "lt", "value": 5}]},
            {
                "id": "gov",
                "name": "Government",
                "status": str(rng.choice(["active", "paused"])),
                "rules": [{"field": "industry", "op": "eq", "value": "government"}],
            },
        ],
        "segments": [
            {
                "id": "old",
                "name": "Old",
                "status": "retired",
                "rules": [{"field": "region", "op": "eq", "value": "EU"}],
            },
            {"id": "saas", "name": "SaaS", "rules": [{"field": "industry", "op": "in", "value": ["Software", "SaaS"]}]},
            {
                "id": "fin",
                "name": "Fin",
                "rules": [
                    {"field": "industry", "op": "eq", "value": "fintech"},
                    {"field": "employees", "op": "between", "value": [50, 1000]},
                ],
            },
            {
                "id": "big",
                "name": "Big",
                "status": "hypothesis",
                "rules": [{"field": "employees", "op": "gte", "value": 100}],
                "disqualifiers": [
                    {"id": "on_prem", "name": "On-prem", "rules": [{"field": "tech", "op": "eq", "value": "On-prem"}]}
                ],
            },
        ],
    }


def _when(rng: np.random.Generator, size: int, span_days: int = 240) -> pd.Series:
    hours = rng.integers(0, span_days * 2, size) * 12  # whole half-days
    return START + pd.to_timedelta(hours, unit="h")


def _iso(stamps: pd.Series, rng: np.random.Generator) -> list[str]:
    """ISO text; some as bare dates, some with a +02:00 zone (the same instant)."""
    out = []
    for ts in stamps:
        style = rng.integers(0, 4)
        if style == 0 and ts.hour == 0:
            out.append(ts.strftime("%Y-%m-%d"))
        elif style == 1:
            out.append(ts.tz_convert("Etc/GMT-2").strftime("%Y-%m-%dT%H:%M:%S+02:00"))
        else:
            out.append(ts.strftime("%Y-%m-%dT%H:%M:%S"))
    return out


def _later(rng: np.random.Generator, start: pd.Series, days: list[int], empty: float) -> list[str]:
    step = pd.to_timedelta(rng.choice(days, len(start)), unit="D")
    later = _iso(start + step, rng)
    return ["" if rng.random() < empty else text for text in later]


def bundle(rng: np.random.Generator, n: int = 60) -> dict[str, pd.DataFrame]:
    ids = [f"a{i}" for i in range(n)]
    accounts = pd.DataFrame(
        {
            "account_id": ids,
            "industry": rng.choice(["Software", "saas ", "Fintech", "Retail", "Government"], n),
            "employees": rng.choice(["1", "4", "5", "60", "100", "250", "1200"], n),
            "region": rng.choice(["EU", "US", "APAC"], n),
            "tech": rng.choice(["", "On-prem", "Cloud"], n),
        }
    )
    k = 4 * n
    created = _when(rng, k)
    leads = pd.DataFrame(
        {
            "lead_id": [f"l{i}" for i in range(k)],
            "account_id": rng.choice(ids, k),
            "created_at": _iso(created, rng),
            "channel": rng.choice(["Ads", " ads", "Email", "search"], k),
            "campaign": rng.choice(["", "Spring", "spring ", "Fall"], k),
            "qualified_at": _later(rng, created, [0, 1, 7, 14, 29, 30, 31], 0.5),
        }
    )
    m = n
    opened = _when(rng, m)
    opportunities = pd.DataFrame(
        {
            "opportunity_id": [f"o{i}" for i in range(m)],
            "account_id": rng.choice(ids, m),
            "created_at": _iso(opened, rng),
            "closed_at": _later(rng, opened, [5, 30, 60], 0.3),
            "stage": "x",
            "won": rng.choice(["true", "false", "yes", "0"], m),
        }
    )
    return {
        "accounts": accounts,
        "leads": leads,
        "opportunities": opportunities,
        "product_events": _events(rng, ids, ["signup", "SIGNUP", "first_value", "first_value", "login"], 3 * n),
        "billing": _events(rng, ids, ["purchase", "purchase", "refund", "downgrade", "churn", "upgrade"], 3 * n),
        "spend": _spend(rng),
    }


def _events(rng: np.random.Generator, ids: list[str], names: list[str], k: int) -> pd.DataFrame:
    # Events cluster on a few accounts so second signups and follow-ups within windows happen.
    accounts = rng.choice(ids[: len(ids) // 2], k)
    return pd.DataFrame(
        {"account_id": accounts, "event": rng.choice(names, k), "occurred_at": _iso(_when(rng, k), rng)}
    )


def _spend(rng: np.random.Generator) -> pd.DataFrame:
    k = 30
    return pd.DataFrame(
        {
            "month": rng.choice([f"2026-{m:02d}" for m in range(1, 10)], k),
            "channel": rng.choice(["ads", "EMAIL", "Search", "tv"], k),
            "campaign": rng.choice(["", "", "spring", "Fall", "winter"], k),
            "segment": rng.choice(["", "saas", " fin ", "old", "all", "non_icp", "nope", "Saas"], k),
            "amount": rng.choice(["100", "250.5", "0", "1000"], k),
        }
    )


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None or (isinstance(a, float) and math.isnan(a)):
        return (a is None or math.isnan(a)) and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _compare(table: pd.DataFrame, expected: list[dict]) -> None:
    mine = {(r["segment"], r["month"], r["metric"]): r for r in table.to_dict("records")}
    theirs = {(r["segment"], r["month"], r["metric"]): r for r in expected}
    assert set(mine) == set(theirs), sorted(set(mine) ^ set(theirs), key=str)[:10]
    for key, row in theirs.items():
        got = mine[key]
        assert int(got["n"]) == row["n"], (key, got, row)
        for field in ("value", "low", "high"):
            value = got[field]
            value = None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
            assert _close(value, row[field]), (key, field, got, row)


@pytest.mark.parametrize("seed", range(8))
def test_matches_the_pandas_reference(sqlite_store, seed):
    rng = np.random.default_rng(seed)
    doc, frames = _doc(rng), bundle(rng)
    save_doc(sqlite_store, doc)
    load_frames(sqlite_store, frames, source_tag="t", actor=ADMIN, mode="replace_all")
    as_of = date(2026, int(rng.integers(3, 9)), int(rng.integers(1, 29)))
    for by, months in (("segment,month", None), ("segment,month", 2), ("segment", 3), ("segment", 1 + seed % 5)):
        table = indicator_table(sqlite_store, as_of=as_of, by=by, months=months)
        _compare(table, ref.rows(doc, frames, by=by, months=months, as_of=as_of))

"""Synthetic evidence bundles for the bias tests: accounts with sensitive attributes, and leads plus
purchases that make some of them mature `success_rate` units (success = a purchase within 90 days
of the first lead)."""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icpcore import history
from icpcore.evidence.bundle import load_frames
from icpcore.store import Store
from tests.conftest import ADMIN

AS_OF = date(2025, 12, 31)
FIRST_TOUCH = pd.Timestamp("2025-01-01")


def base_doc(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "name": "bias test ICP",
        "success": {"event": "paid", "window_days": 90},
        "qualification_window_days": 30,
        "sensitive_attributes": ["owner_gender", "founder_age_band"],
        "disqualifiers": [],
        "segments": [],
    }
    return doc | overrides


def save_doc(store: Store, doc: dict[str, Any]) -> int:
    latest = history.current(store)
    version = history.save(
        store, doc, base=latest.number if latest else None, actor=ADMIN, reason="test", check_fields=False
    )
    return version.number


def frames_for(accounts: pd.DataFrame, unit: np.ndarray, success: np.ndarray) -> dict[str, pd.DataFrame]:
    """Accounts as given (text); a lead for each unit account, a purchase 10 days later on success."""
    ids = accounts["account_id"].to_numpy()
    days = pd.to_timedelta(np.arange(len(ids)) % 200, unit="D")
    created = FIRST_TOUCH + days
    leads = pd.DataFrame(
        {
            "lead_id": [f"l{i}" for i in ids[unit]],
            "account_id": ids[unit],
            "created_at": created[unit].strftime("%Y-%m-%d"),
            "channel": "ads",
        }
    )
    paid = unit & success
    billing = pd.DataFrame(
        {
            "account_id": ids[paid],
            "event": "purchase",
            "occurred_at": (created[paid] + pd.Timedelta(days=10)).strftime("%Y-%m-%d"),
        }
    )
    return {"accounts": accounts.astype(str), "leads": leads, "billing": billing}


def load(store: Store, frames: dict[str, pd.DataFrame]) -> None:
    load_frames(store, frames, source_tag="bias-test", actor=ADMIN, mode="replace_all")


def random_accounts(rng: np.random.Generator, n: int) -> pd.DataFrame:
    """Accounts with independent random traits; sensitive ones with a few empty values."""
    frame = pd.DataFrame(
        {
            "account_id": [f"a{i:05d}" for i in range(n)],
            "industry": rng.choice(["Software", "SaaS", "Fintech", "Government", "Retail"], n),
            "employees": rng.integers(1, 800, n).astype(str),
            "region": rng.choice(["EMEA", "NA", "APAC"], n),
            "funding_stage": rng.choice(["Bootstrapped", "Seed", "Series A", "Series B"], n),
            "owner_gender": rng.choice(["female", "male", "nonbinary", ""], n, p=[0.45, 0.45, 0.06, 0.04]),
            "founder_age_band": rng.choice(["under_30", "30_44", "45_59", "60_plus"], n),
            "founder_age": rng.integers(22, 70, n).astype(str),
        }
    )
    frame.loc[rng.random(n) < 0.03, "founder_age"] = ""
    return frame

"""A fixed, small evidence bundle for the export tests (no randomness: every number is stable).

600 accounts in six kinds (two of mid-market SaaS, one each of fintech, agencies, outside the
ICP and disqualified), signing up between 1 June and 9 August 2026; a last lead on 30 November
2026 sets the as-of date, so every 14-day and 90-day window in the six months June-November
has closed. Fintech accounts stall before first value (one in three reaches it); agencies churn
early (half of those who buy churn within 90 days), so the nudges have something to say.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from icpcore import history
from icpcore.evidence.bundle import load_frames
from icpcore.store import Store
from tests.conftest import ADMIN

ROOT = Path(__file__).resolve().parents[3]
START = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LAST = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
N_ACCOUNTS = 600
COUNTRIES = {"NA": ("United States", "Canada"), "EMEA": ("United Kingdom", "Germany"), "APAC": ("Australia",)}
DISQUALIFIED = (
    ("Government", 200, "Series A", "Cloud"),  # public_sector
    ("Software", 3, "Seed", "Cloud"),  # tiny
    ("Software", 200, "Bootstrapped", "Cloud"),  # bootstrapped
    ("SaaS", 150, "Series B", "On-prem"),  # on_prem_only (mid-market SaaS's own)
)


def default_doc() -> dict[str, Any]:
    return json.loads((ROOT / "icpcore" / "default_icp.json").read_text(encoding="utf-8"))


def _firmographics(i: int) -> tuple[str, int, str, str, str]:
    """(kind, employees, industry, funding stage, tech stack) of account i."""
    kind = ("midmarket", "midmarket", "fintech", "agency", "other", "disqualified")[i % 6]
    j = i // 6
    if kind == "midmarket":
        return kind, (60, 150, 320, 480)[j % 4], ("Software", "SaaS")[j % 2], "Series A", "Cloud"
    if kind == "fintech":
        return kind, (150, 320, 800, 1500)[j % 4], ("Fintech", "Financial Services")[j % 2], "Series B", "Cloud"
    if kind == "agency":
        return kind, (8, 20, 40)[j % 3], ("Marketing Agency", "Consulting")[j % 2], "Seed", "Cloud"
    if kind == "other":
        return kind, (30, 700, 6000, 12000)[j % 4], ("Retail", "Manufacturing")[j % 2], "Series C", "Cloud"
    industry, employees, funding, stack = DISQUALIFIED[j % 4]
    return kind, employees, industry, funding, stack


def accounts_frame(extra: dict[str, tuple[str, ...]] | None = None, n: int = N_ACCOUNTS) -> pd.DataFrame:
    rows = []
    for i in range(n):
        _, employees, industry, funding, stack = _firmographics(i)
        region = ("NA", "EMEA", "APAC")[i % 3]
        countries = COUNTRIES[region]
        row = {
            "account_id": f"acc{i:04d}",
            "name": f"Company {i:04d}",
            "industry": industry,
            "employees": str(employees),
            "region": region,
            "country": countries[(i // 3) % len(countries)],
            "website": f"company{i:04d}.example",
            "city": ("Springfield", "Riverton", "Lakeside")[i % 3],
            "funding_stage": funding,
            "tech_stack": stack,
            "owner_gender": ("female", "male")[i % 2],
            "founder_age_band": ("under_30", "30_45", "over_45")[i % 3],
        }
        for column, values in (extra or {}).items():
            row[column] = values[i % len(values)]
        rows.append(row)
    return pd.DataFrame(rows, dtype=str)


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _reaches_first_value(kind: str, j: int) -> bool:
    return {"fintech": j % 3 == 0, "agency": j % 4 != 0, "other": j % 2 == 0}.get(kind, j % 5 != 0)


def activity_frames(n: int = N_ACCOUNTS) -> dict[str, pd.DataFrame]:
    leads, events, billing = [], [], []
    for i in range(n):
        kind, j = _firmographics(i)[0], i // 6
        signup = START + timedelta(days=(i * 7) % 70, hours=i % 5)
        lead = {"lead_id": f"lead{i:04d}", "account_id": f"acc{i:04d}", "created_at": _iso(signup - timedelta(days=3))}
        lead |= {"channel": ("linkedin", "search", "events")[i % 3], "campaign": "", "qualified_at": ""}
        if i % 3 != 1:
            lead["qualified_at"] = _iso(signup + timedelta(days=2))
        leads.append(lead)
        events.append({"account_id": f"acc{i:04d}", "event": "signup", "occurred_at": _iso(signup)})
        if _reaches_first_value(kind, j):
            first = signup + timedelta(days=1 + i % 6, hours=i % 7)
            events.append({"account_id": f"acc{i:04d}", "event": "first_value", "occurred_at": _iso(first)})
        if j % 2 == 0:
            purchase = signup + timedelta(days=16)
            billing.append({"account_id": f"acc{i:04d}", "event": "purchase", "occurred_at": _iso(purchase)})
            churns = j % 4 == 0 if kind == "agency" else j % 10 == 0
            if churns:
                churn = purchase + timedelta(days=40)
                billing.append({"account_id": f"acc{i:04d}", "event": "churn", "occurred_at": _iso(churn)})
    last = {"lead_id": "lead-last", "account_id": "acc0000", "created_at": _iso(LAST), "channel": "linkedin"}
    leads.append(last | {"campaign": "", "qualified_at": ""})
    return {
        "leads": pd.DataFrame(leads, dtype=str),
        "product_events": pd.DataFrame(events, dtype=str),
        "billing": pd.DataFrame(billing, dtype=str),
    }


def save_doc(store: Store, doc: dict[str, Any]) -> int:
    latest = history.current(store)
    saved = history.save(
        store, doc, base=latest.number if latest else None, actor=ADMIN, reason="test", check_fields=False
    )
    return saved.number


def load_bundle(store: Store, *, accounts: pd.DataFrame | None = None, activity: bool = True) -> None:
    frames = {"accounts": accounts if accounts is not None else accounts_frame()}
    if activity:
        frames |= activity_frames(len(frames["accounts"]))
    load_frames(store, frames, source_tag="exports-test", actor=ADMIN, mode="replace_all")

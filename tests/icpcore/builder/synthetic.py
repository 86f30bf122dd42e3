"""Small synthetic evidence bundles for the builder's tests: a planted high-success pocket
(E-commerce on Shopify), a sensitive attribute that can be made the strongest predictor, and
notes drawn from four planted themes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd

START = datetime(2025, 1, 1, tzinfo=UTC)
THEMES: dict[str, tuple[str, ...]] = {
    "reporting_pain": (
        "Manual reporting eats hours every week in spreadsheets.",
        "The weekly report is rebuilt by hand from exports.",
        "Copy paste between spreadsheets causes errors in the report.",
        "Reporting is slow and tedious manual spreadsheet work.",
    ),
    "leadership_trigger": (
        "They just hired a new VP of marketing.",
        "A new head of revenue joined last month.",
        "The new CMO wants a fresh look at the funnel.",
        "Leadership changed and the new VP is rebuilding the team.",
    ),
    "pricing_objection": (
        "Pricing is too expensive for their budget.",
        "They asked for a discount because the price per seat is high.",
        "Budget is tight and the annual price is a concern.",
        "Cost per seat is the main objection from finance.",
    ),
    "security_objection": (
        "Security review needs SOC 2 and an audit trail.",
        "Compliance asked about encryption and access controls.",
        "Their security team worried about data residency and risk.",
        "Legal wants a data processing agreement before the security review.",
    ),
}
SOURCES = ("sales_call", "support_ticket", "win_loss", "survey")


@dataclass(frozen=True)
class Synthetic:
    frames: dict[str, pd.DataFrame]
    planted: set[str]
    note_themes: list[str]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def _accounts(rng: np.random.Generator, n: int, *, sensitive_drives: bool) -> tuple[pd.DataFrame, np.ndarray]:
    ids = [f"A{i:05d}" for i in range(n)]
    industry = rng.choice(["Software", "E-commerce", "Fintech", "Healthcare", "Media"], n, p=[0.3, 0.2, 0.2, 0.2, 0.1])
    shopify_p = np.where(industry == "E-commerce", 0.6, 0.05)
    stack = np.where(rng.random(n) < shopify_p, "Shopify", rng.choice(["HubSpot", "Salesforce", "On-prem"], n))
    gender = rng.choice(["female", "male"], n)
    planted = (industry == "E-commerce") & (stack == "Shopify")
    # With `sensitive_drives`, the sensitive attribute is the strongest predictor of success.
    p = np.where(gender == "female", 0.7, 0.05) if sensitive_drives else np.where(planted, 0.65, 0.12)
    frame = pd.DataFrame(
        {
            "account_id": ids,
            "name": [f"Company {i}" for i in range(n)],
            "industry": industry,
            "employees": rng.integers(5, 800, n).astype(str),
            "region": rng.choice(["EMEA", "North America"], n),
            "tech_stack": stack,
            "funding_stage": rng.choice(["Seed", "Series A", "Series B"], n),
            "owner_gender": gender,
        }
    )
    return frame, rng.random(n) < p


def _notes(rng: np.random.Generator, ids: list[str], count: int) -> tuple[pd.DataFrame, list[str]]:
    names = list(THEMES)
    rows, labels = [], []
    for i in range(count):
        theme = names[int(rng.integers(0, len(names)))]
        picked = rng.choice(len(THEMES[theme]), 2, replace=False)
        text = " ".join(THEMES[theme][j] for j in picked)
        moment = START + timedelta(days=int(rng.integers(0, 150)))
        rows.append((f"N{i:05d}", ids[int(rng.integers(0, len(ids)))], SOURCES[i % len(SOURCES)], _iso(moment), text))
        labels.append(theme)
    return pd.DataFrame(rows, columns=["note_id", "account_id", "source", "created_at", "text"]), labels


def synthetic_bundle(n: int = 1200, *, seed: int = 3, notes: int = 240, sensitive_drives: bool = False) -> Synthetic:
    rng = np.random.default_rng(seed)
    accounts, paid = _accounts(rng, n, sensitive_drives=sensitive_drives)
    ids = accounts["account_id"].tolist()
    touch = [START + timedelta(days=int(d), hours=9) for d in rng.integers(0, 150, n)]
    leads = pd.DataFrame(
        {"lead_id": [f"L{i:05d}" for i in range(n)], "account_id": ids, "created_at": [_iso(t) for t in touch],
         "channel": "google_search"}
    )  # fmt: skip
    # One late lead sets the as-of date far enough out that every first touch is mature.
    late = pd.DataFrame([{"lead_id": "L_late", "account_id": ids[0], "created_at": "2025-12-31T12:00:00",
                          "channel": "google_search"}])  # fmt: skip
    bought = [(a, t) for a, t, p in zip(ids, touch, paid, strict=True) if p]
    billing = pd.DataFrame(
        [(a, "purchase", _iso(t + timedelta(days=int(rng.integers(1, 80)))), 1000) for a, t in bought],
        columns=["account_id", "event", "occurred_at", "amount"],
    )
    note_frame, labels = _notes(rng, ids, notes)
    frames = {"accounts": accounts, "leads": pd.concat([leads, late]), "billing": billing, "notes": note_frame}
    planted = set(
        accounts["account_id"][(accounts["industry"] == "E-commerce") & (accounts["tech_stack"] == "Shopify")]
    )
    return Synthetic(frames, planted, labels)

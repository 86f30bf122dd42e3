"""Random evidence bundles on a coarse time grid, so window boundaries, ties and the as-of
instant are hit often. Values are strings, as a CSV gives them."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pandas as pd

START = datetime(2026, 1, 1, tzinfo=UTC)
INDUSTRIES = ["Software", "saas", "Fintech", "Retail", "Government"]
CHANNELS = ["linkedin", "Google", "events"]
CAMPAIGNS = ["", "spring", "Fall"]


def _stamp(rng: random.Random, base: datetime, max_days: int) -> datetime:
    return base + timedelta(hours=12 * rng.randrange(0, max_days * 2 + 1))


def _iso(moment: datetime, rng: random.Random) -> str:
    style = rng.randrange(4)
    if style == 0 and moment.hour == 0:
        return moment.date().isoformat()
    if style == 1:
        return moment.strftime("%Y-%m-%dT%H:%M:%S")
    if style == 2:
        return moment.astimezone(timezone(timedelta(hours=2))).isoformat()
    return moment.isoformat().replace("+00:00", "Z")


def document(rng: random.Random) -> dict[str, Any]:
    return {
        "name": "Random ICP",
        "success": {
            "event": rng.choice(["qualified_lead", "trial_activation", "paid"]),
            "window_days": rng.choice([7, 30, 45]),
        },
        "qualification_window_days": rng.choice([3, 10, 30]),
        "sensitive_attributes": ["owner_gender", "founder_age"],
        "disqualifiers": [
            {"id": "tiny", "name": "Tiny", "rules": [{"field": "employees", "op": "lt", "value": 5}]},
            {
                "id": "gov",
                "name": "Gov",
                "status": rng.choice(["active", "paused"]),
                "rules": [{"field": "industry", "op": "eq", "value": "government"}],
            },
        ],
        "segments": [
            {
                "id": "soft",
                "name": "Software",
                "rules": [{"field": "industry", "op": "in", "value": ["software", "SaaS"]}],
                "disqualifiers": [
                    {"id": "huge", "name": "Huge", "rules": [{"field": "employees", "op": "gt", "value": 900}]}
                ],
            },
            {
                "id": "old",
                "name": "Retired",
                "status": "retired",
                "rules": [{"field": "industry", "op": "eq", "value": "Fintech"}],
            },
            {
                "id": "mid",
                "name": "Mid",
                "status": "hypothesis",
                "rules": [{"field": "employees", "op": "between", "value": [50, 500]}],
            },
        ],
        "assumptions": [],
    }


def bundle(rng: random.Random, accounts: int = 80) -> dict[str, pd.DataFrame]:
    acc, leads, opps, events, billing, spend = [], [], [], [], [], []
    for a in range(accounts):
        aid = f"A{a}"
        gender = rng.choice(["f", "m", "m", ""])
        sizes = [1, 4, 4, 5, 60, 499, 500, 950] if gender == "f" else [1, 5, 60, 60, 499, 500, 950]
        acc.append(
            {
                "account_id": aid,
                "industry": rng.choice(INDUSTRIES),
                "employees": str(rng.choice(sizes)),
                "region": "EMEA",
                "owner_gender": gender,
                "founder_age": rng.choice(["", "23", "31", "38", "45", "52", "67"]),
            }
        )
        first = _stamp(rng, START, 150)
        for i in range(rng.randrange(0, 4)):
            created = _stamp(rng, first, 40)
            qualified = "" if rng.random() < 0.4 else _iso(_stamp(rng, created, 35), rng)
            leads.append(
                {
                    "lead_id": f"L{a}_{i}",
                    "account_id": aid,
                    "created_at": _iso(created, rng),
                    "channel": rng.choice(CHANNELS) + rng.choice(["", " "]),
                    "campaign": rng.choice(CAMPAIGNS),
                    "qualified_at": qualified,
                }
            )
        for i in range(rng.randrange(0, 3)):
            created = _stamp(rng, first, 60)
            closed = "" if rng.random() < 0.3 else _iso(_stamp(rng, created, 60), rng)
            opps.append(
                {
                    "opportunity_id": f"O{a}_{i}",
                    "account_id": aid,
                    "created_at": _iso(created, rng),
                    "closed_at": closed,
                    "stage": "x",
                    "won": rng.choice(["true", "false", "Yes", "0"]),
                }
            )
        if rng.random() < 0.7:
            for _ in range(rng.randrange(1, 3)):
                signup = _stamp(rng, first, 50)
                events.append(
                    {"account_id": aid, "event": rng.choice(["signup", "Signup"]), "occurred_at": _iso(signup, rng)}
                )
                for _ in range(rng.randrange(0, 3)):
                    events.append(
                        {
                            "account_id": aid,
                            "event": "first_value",
                            "occurred_at": _iso(_stamp(rng, signup - timedelta(days=3), 20), rng),
                        }
                    )
        if rng.random() < 0.5:
            purchase = _stamp(rng, first, 90)
            billing.append(
                {"account_id": aid, "event": "purchase", "occurred_at": _iso(purchase, rng), "amount": "100"}
            )
            if rng.random() < 0.3:
                billing.append(
                    {
                        "account_id": aid,
                        "event": "purchase",
                        "occurred_at": _iso(_stamp(rng, purchase, 40), rng),
                        "amount": "50",
                    }
                )
            for event in ("refund", "downgrade", "churn", "upgrade"):
                if rng.random() < 0.35:
                    billing.append(
                        {
                            "account_id": aid,
                            "event": event,
                            "occurred_at": _iso(_stamp(rng, purchase - timedelta(days=5), 100), rng),
                            "amount": "",
                        }
                    )
    for m in range(1, 10):
        for channel in CHANNELS:
            for campaign in CAMPAIGNS:
                if rng.random() < 0.5:
                    spend.append(
                        {
                            "month": f"2026-{m:02d}",
                            "channel": channel.upper() if rng.random() < 0.3 else channel,
                            "campaign": campaign,
                            "segment": rng.choice(["", "", "soft", "mid", "old", "nope", "all", "non_icp"]),
                            "amount": str(rng.choice([100, 250.5, 0, 1000])),
                        }
                    )
    frames = {
        "accounts": acc,
        "leads": leads,
        "opportunities": opps,
        "product_events": events,
        "billing": billing,
        "spend": spend,
    }
    columns = {
        "accounts": ["account_id", "industry", "employees", "region", "owner_gender", "founder_age"],
        "leads": ["lead_id", "account_id", "created_at", "channel", "campaign", "qualified_at"],
        "opportunities": ["opportunity_id", "account_id", "created_at", "closed_at", "stage", "won"],
        "product_events": ["account_id", "event", "occurred_at"],
        "billing": ["account_id", "event", "occurred_at", "amount"],
        "spend": ["month", "channel", "campaign", "segment", "amount"],
    }
    out = {k: pd.DataFrame(v, columns=columns[k]).astype(str) for k, v in frames.items()}
    out["notes"] = pd.DataFrame(columns=["note_id", "source", "created_at", "text"])
    return out

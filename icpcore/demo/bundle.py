"""The whole demo bundle: seven CSV-shaped frames of text, plus the planted facts for tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icpcore.demo import note_texts
from icpcore.demo.accounts import GROUPS, Accounts, make_accounts
from icpcore.demo.clock import Clock
from icpcore.demo.deals import make_deals
from icpcore.demo.funnel import Leads, make_leads
from icpcore.demo.notes import make_notes
from icpcore.demo.plan import REFUND_30, REFUND_SPIKE, make_plan
from icpcore.demo.product import as_frame, make_billing, make_product_events, purchases, signups
from icpcore.demo.spend import CORE_CAC, UNKNOWN_SEGMENT, make_spend

DEFAULT_END = date(2026, 11, 30)
KIND_ORDER = ("accounts", "leads", "opportunities", "product_events", "billing", "spend", "notes")
PLANTED_RULES = [
    {"field": "industry", "op": "eq", "value": "E-commerce"},
    {"field": "tech_stack", "op": "eq", "value": "Shopify"},
    {"field": "employees", "op": "gte", "value": 5},
]


@dataclass(frozen=True)
class DemoBundle:
    frames: dict[str, pd.DataFrame]
    truth: dict[str, Any] = field(default_factory=dict)


def _guarantee_as_of(leads: Leads, clock: Clock) -> None:
    """The as-of date must be `end`: if no lead falls on that day, move the latest unqualified one there."""
    day_start = clock.end_ts - 86400
    if len(leads.created) and leads.created.max() < day_start:
        candidates = np.flatnonzero(np.isnan(leads.qualified))
        if len(candidates):
            k = candidates[np.argmax(leads.created[candidates])]
            leads.frame.loc[k, "created_at"] = f"{clock.end.isoformat()}T10:00:00"


def _truth(acc: Accounts, clock: Clock, note_themes: list[str], pii: np.ndarray, notes: pd.DataFrame) -> dict:
    ids = acc.frame["account_id"].to_numpy()
    return {
        "as_of": clock.end.isoformat(),
        "months": list(clock.months),
        "planted_segment_accounts": ids[acc.group == GROUPS.index("shopify")].tolist(),
        "planted_segment_rule": "industry = E-commerce AND tech_stack = Shopify (AND employees >= 5)",
        "planted_segment_rules": PLANTED_RULES,
        "note_themes": note_themes,
        "note_theme_roles": {name: bank["role"] for name, bank in note_texts.THEMES.items()},
        "pii_note_ids": notes["note_id"].to_numpy()[pii].tolist(),
        "proxy_disqualifier": "bootstrapped",
        "proxy_attribute": "owner_gender",
        "predictive_disqualifier": "tiny",
        "predictive_attribute": "founder_age_band",
        "independent_disqualifier": "public_sector",
        "core_segment": {"segment": "midmarket_saas", "qualified_rate_from": 0.25, "qualified_rate_to": 0.40,
                         "ramp_months": list(clock.months[-6:]), "cac": CORE_CAC},
        "refund_spike": {"segment": "fintech_scaleups", "month": clock.months[-2], "planted_rate": REFUND_SPIKE,
                         "base_rate": REFUND_30, "promo_campaign": "fintech_forum", "promo_month": clock.months[-3]},
        "fast_value_poor_retention": {"segment": "smb_agencies", "median_days_to_value": 0.9,
                                      "others_median_days": 6.0, "retention_90d": 0.5, "others_retention_90d": 0.85},
        "unknown_spend_segment": UNKNOWN_SEGMENT,
        "account_segment": acc.segment.tolist(),
        "account_group": [GROUPS[g] for g in acc.group.tolist()],
    }  # fmt: skip


def generate_bundle(seed: int = 7, accounts: int = 5000, *, end: date = DEFAULT_END) -> DemoBundle:
    """The demo evidence: same seed, same frames. Every value is text, as a CSV export gives it."""
    if accounts < 1:
        raise ValueError("the demo needs at least one account")
    rng = np.random.default_rng(seed)
    clock = Clock.ending(end)
    acc = make_accounts(rng, accounts)
    plan = make_plan(rng, acc, clock)
    leads = make_leads(rng, acc, plan, clock)
    deals = make_deals(rng, acc, plan, leads, clock)
    first_purchase, amount = purchases(rng, acc, plan, deals, clock)
    signup = signups(rng, plan, first_purchase, clock)
    events = make_product_events(rng, acc, signup, ~np.isnan(first_purchase), clock)
    billing = make_billing(rng, acc, first_purchase, amount, clock)
    spend = make_spend(rng, acc, leads, first_purchase, clock)
    notes, themes, pii = make_notes(rng, acc, plan, clock)
    _guarantee_as_of(leads, clock)
    frames = {
        "accounts": acc.frame,
        "leads": leads.frame,
        "opportunities": deals.frame,
        "product_events": as_frame(acc, events, with_amount=False),
        "billing": as_frame(acc, billing, with_amount=True),
        "spend": spend,
        "notes": notes,
    }
    frames = {kind: frames[kind].reset_index(drop=True).astype(str) for kind in KIND_ORDER}
    return DemoBundle(frames, _truth(acc, clock, themes, pii, notes))

"""Demo leads and opportunities, consistent with each account's plan: a paying sales-led
account has a qualified lead, then an opportunity, then a won close."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpcore.demo import catalog as c
from icpcore.demo.accounts import GROUPS, Accounts, G
from icpcore.demo.clock import DAY_S, Clock, ids, iso, text
from icpcore.demo.plan import QUALIFY, Plan

LEAD_GAMMA = (1.2, 10.2)  # extra leads per account ~ Poisson(Gamma(shape, scale))
LEAD_SPREAD_DAYS = 60.0
QUALIFY_LATE = 0.05  # qualified, but only after the 30-day window
SUMMITS = {"saas_summit": (-12, -3), "fintech_forum": (-11, -2)}  # months before as-of with the event


@dataclass(frozen=True)
class Leads:
    owner: np.ndarray  # account index per lead
    created: np.ndarray  # int seconds
    qualified: np.ndarray  # float seconds, NaN when never (or not yet) qualified
    campaign: np.ndarray  # index into catalog.CAMPAIGNS
    frame: pd.DataFrame


def _campaign_mix() -> np.ndarray:
    """P(campaign | group): channel shares times campaign shares within the channel."""
    channel = {
        "midmarket": (0.30, 0.22, 0.18, 0.08, 0.07, 0.15),
        "onprem": (0.25, 0.22, 0.18, 0.10, 0.05, 0.20),
        "fintech": (0.20, 0.18, 0.12, 0.25, 0.05, 0.20),
        "agency": (0.12, 0.25, 0.28, 0.05, 0.22, 0.08),
        "shopify": (0.08, 0.25, 0.20, 0.05, 0.35, 0.07),
    }
    mix = np.zeros((len(GROUPS), len(c.CAMPAIGNS)))
    for g, name in enumerate(GROUPS):
        share = channel.get(name, (0.18, 0.28, 0.25, 0.08, 0.06, 0.15))
        abm = 0.55 if name == "midmarket" else 0.4 if name == "onprem" else 0.0
        inner = [abm, (1 - abm) * 0.65, (1 - abm) * 0.35, 0.35, 0.25, 0.40, 0.6, 0.4]
        inner += [0.35 if name in ("midmarket", "onprem", "other") else 0.1, 0.6 if name == "fintech" else 0.03]
        inner += [0.6 if name == "agency" else 0.05, 0.3]
        inner += [0.8 if name == "shopify" else 0.1, 0.75 if name == "agency" else 0.1, 0.3, 0.6, 0.4]
        for k, (_, ch) in enumerate(c.CAMPAIGNS):
            total = sum(inner[j] for j, (_, other) in enumerate(c.CAMPAIGNS) if other == ch)
            mix[g, k] = share[ch] * inner[k] / total
    return mix


def _campaigns(rng: np.random.Generator, group: np.ndarray, month: np.ndarray, clock: Clock) -> np.ndarray:
    cum = np.cumsum(_campaign_mix(), axis=1)
    u = rng.random(len(group))
    pick = np.empty(len(group), dtype=np.int64)
    for g in range(len(GROUPS)):
        rows = group == g
        pick[rows] = np.minimum(np.searchsorted(cum[g], u[rows] * cum[g, -1], side="right"), cum.shape[1] - 1)
    names = [name for name, _ in c.CAMPAIGNS]
    for summit, offsets in SUMMITS.items():  # an event gathers leads only in its month
        off = (pick == names.index(summit)) & ~np.isin(month, [clock.last + k for k in offsets])
        pick[off] = names.index("webinars")
    return pick


def _qualify(rng: np.random.Generator, group: np.ndarray, month: np.ndarray, forced: np.ndarray, clock: Clock):
    q = QUALIFY[group] + np.where(group == G["midmarket"], 0.15 * clock.ramp(month), 0.0)
    n = len(group)
    u = rng.random(n)
    hours = np.minimum(rng.exponential(6 * 3600, n), 2 * DAY_S)
    days = np.minimum(np.exp(rng.normal(np.log(4), 0.9, n)), 29.5) * DAY_S
    delay = np.where(rng.random(n) < 0.4, hours, days)
    delay = np.where(u >= q, rng.uniform(31, 90, n) * DAY_S, delay)
    fast = np.minimum(np.exp(rng.normal(np.log(2), 0.8, n)), 10) * DAY_S
    delay = np.where(forced, fast, delay)
    qualifies = forced | (u < q) | (u > 1 - QUALIFY_LATE)
    return np.where(qualifies, np.floor(delay), np.nan)


def _reasons(rng: np.random.Generator, acc: Accounts, owner: np.ndarray, open_: np.ndarray) -> np.ndarray:
    generic = np.array([r for r in c.DISQUALIFY_REASONS if not r.startswith(("Solo", "Procurement", "Boot"))])
    reason = generic[rng.integers(0, len(generic), len(owner))].astype(object)
    specific = rng.random(len(owner)) < 0.5
    reason[specific & (acc.group[owner] == G["tiny"])] = c.DISQUALIFY_REASONS[3]
    reason[specific & (acc.group[owner] == G["public"])] = c.DISQUALIFY_REASONS[8]
    reason[specific & acc.bootstrapped[owner]] = c.DISQUALIFY_REASONS[9]
    pii = rng.random(len(owner)) < 0.003
    reason[pii] = np.array(c.PII_REASONS, dtype=object)[rng.integers(0, len(c.PII_REASONS), pii.sum())]
    return np.where(open_ | (rng.random(len(owner)) < 0.35), "", reason)


def _contacts(rng: np.random.Generator, acc: Accounts, owner: np.ndarray) -> dict[str, object]:
    """Contact columns the importer must drop; each becomes a compact text array at once."""
    n = len(owner)
    first_i = rng.integers(0, len(c.FIRST_NAMES), n)
    last_i = rng.integers(0, len(c.LAST_NAMES), n)
    handles = np.array([f"{f.lower()}.{la.lower()}@" for f in c.FIRST_NAMES for la in c.LAST_NAMES], dtype=object)
    email = text(handles[first_i * len(c.LAST_NAMES) + last_i] + acc.domain[owner])
    country = acc.frame["country"].to_numpy(dtype=object)
    codes = np.array(["+" + c.CALLING_CODES[name] + " " for name in country], dtype=object)[owner]
    area = rng.integers(200, 999, n)
    line = rng.integers(0, 10000, n)
    phone = codes + np.array([f"{a} 555 {b:04d}" for a, b in zip(area.tolist(), line.tolist(), strict=True)])
    phone[rng.random(n) < 0.4] = ""
    return {
        "email": email,
        "first_name": text(np.array(c.FIRST_NAMES, dtype=object)[first_i]),
        "last_name": text(np.array(c.LAST_NAMES, dtype=object)[last_i]),
        "phone": text(phone),
    }


def make_leads(rng: np.random.Generator, acc: Accounts, plan: Plan, clock: Clock) -> Leads:
    idx = np.flatnonzero(plan.active)
    count = 1 + rng.poisson(rng.gamma(LEAD_GAMMA[0], LEAD_GAMMA[1], len(idx)))
    owner = np.repeat(idx, count)
    first = np.zeros(len(owner), dtype=bool)
    first[np.cumsum(count) - count] = True
    lag = np.where(plan.signup_first[owner], rng.uniform(0.1, 5, len(owner)) * DAY_S, 0)
    spread = rng.exponential(LEAD_SPREAD_DAYS * DAY_S, len(owner))
    created = plan.t0[owner] + np.floor(np.where(first, lag, spread)).astype(np.int64)
    keep = created < clock.end_ts
    owner, created, first = owner[keep], created[keep], first[keep]
    order = np.argsort(created, kind="stable")
    owner, created, first = owner[order], created[order], first[order]
    group, month = acc.group[owner], clock.month_index(created)
    forced = first & plan.sales[owner]
    qualified = created + _qualify(rng, group, month, forced, clock)
    qualified[qualified >= clock.end_ts] = np.nan
    campaign = _campaigns(rng, group, month, clock)
    campaign[first & plan.wave[owner]] = [name for name, _ in c.CAMPAIGNS].index("fintech_forum")
    still_open = created > clock.end_ts - 14 * DAY_S
    reason = _reasons(rng, acc, owner, still_open | ~np.isnan(qualified))
    columns = {
        "lead_id": text(ids("L", len(owner), 7)),
        "account_id": text(acc.frame["account_id"].to_numpy()[owner]),
        "created_at": text(iso(created)),
        "channel": text(np.asarray(c.CHANNELS)[[ch for _, ch in c.CAMPAIGNS]][campaign]),
        "campaign": text(np.asarray([name for name, _ in c.CAMPAIGNS])[campaign]),
        "qualified_at": text(iso(qualified)),
        "disqualified_reason": text(reason),
    }
    del reason
    frame = pd.DataFrame({**columns, **_contacts(rng, acc, owner)}, copy=False)
    return Leads(owner, created, qualified, campaign, frame)

"""Demo opportunities: a won deal for every sales-led payer (after its qualified lead), and lost
or still open deals for other accounts with a qualified lead, sized to each group's win rate."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from icpcore.demo.accounts import GROUPS, Accounts
from icpcore.demo.clock import DAY_S, Clock, ids, iso
from icpcore.demo.funnel import Leads
from icpcore.demo.plan import WIN_RATE, Plan

OPEN_STAGES = np.array(["Discovery", "Proposal", "Negotiation"], dtype=object)
LOST_CLOSED = 0.9  # share of lost deals closed before the as-of instant, roughly


@dataclass(frozen=True)
class Deals:
    sales_purchase: np.ndarray  # per account: purchase instant after a won deal, NaN when none
    size: np.ndarray  # per account: the deal's amount (what a sales-led purchase bills)
    frame: pd.DataFrame


def first_qualified(leads: Leads, n: int) -> np.ndarray:
    out = np.full(n, np.inf)
    ok = ~np.isnan(leads.qualified)
    np.minimum.at(out, leads.owner[ok], leads.qualified[ok])
    return np.where(np.isinf(out), np.nan, out)


def deal_size(rng: np.random.Generator, employees: np.ndarray) -> np.ndarray:
    base = np.clip(3000 * (employees / 20) ** 0.55, 1500, 150000)
    return np.round(base * np.exp(rng.normal(0, 0.25, len(employees))), -2)


def _won(rng: np.random.Generator, plan: Plan, minq: np.ndarray, clock: Clock):
    n = len(minq)
    who = plan.sales & ~np.isnan(minq)
    created = minq + np.floor(rng.uniform(0.5, 6, n) * DAY_S)
    close = plan.t0 + np.floor(plan.delay * DAY_S)
    who &= created < clock.end_ts
    closed = who & (close < clock.end_ts)
    purchase = np.where(closed, close + np.floor(rng.uniform(0, 1.5, n) * DAY_S), np.nan)
    purchase[purchase >= clock.end_ts] = np.nan
    return who, created, close, closed, purchase


def _lost_share(acc: Accounts, won_closed: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Per account, the chance of a lost deal that brings its group to the planned win rate."""
    share = np.zeros(len(GROUPS))
    for g in range(len(GROUPS)):
        wins = np.sum(won_closed & (acc.group == g))
        pool = np.sum(eligible & (acc.group == g))
        if pool:
            share[g] = wins * (1 - WIN_RATE[g]) / WIN_RATE[g] / (pool * LOST_CLOSED)
    return np.clip(share, 0.02, 0.98)[acc.group]


def make_deals(rng: np.random.Generator, acc: Accounts, plan: Plan, leads: Leads, clock: Clock) -> Deals:
    n = len(acc.group)
    minq = first_qualified(leads, n)
    won, w_created, w_close, w_closed, purchase = _won(rng, plan, minq, clock)
    eligible = ~np.isnan(minq) & ~won
    lost = eligible & (rng.random(n) < _lost_share(acc, w_closed, eligible))
    l_created = minq + np.floor(rng.uniform(0.5, 7, n) * DAY_S)
    l_close = l_created + np.floor(np.clip(np.exp(rng.normal(np.log(35), 0.5, n)), 7, 150) * DAY_S)
    lost &= l_created < clock.end_ts
    owner = np.concatenate([np.flatnonzero(won), np.flatnonzero(lost)])
    created = np.concatenate([w_created[won], l_created[lost]])
    close = np.concatenate([w_close[won], l_close[lost]]).astype(float)
    is_won = np.concatenate([np.ones(won.sum(), bool), np.zeros(lost.sum(), bool)])
    is_open = close >= clock.end_ts
    close[is_open] = np.nan
    stage = np.where(is_won, "Closed Won", "Closed Lost").astype(object)
    open_pick = np.where(is_won, rng.integers(1, 3, len(owner)), rng.integers(0, 3, len(owner)))
    stage[is_open] = OPEN_STAGES[open_pick[is_open]]
    size = deal_size(rng, acc.employees)
    amount = np.char.mod("%.2f", size[owner]).astype(object)
    amount[rng.random(len(owner)) < 0.03] = ""
    order = np.argsort(created, kind="stable")
    frame = pd.DataFrame(
        {
            "opportunity_id": ids("O", len(owner), 6),
            "account_id": acc.frame["account_id"].to_numpy()[owner[order]],
            "created_at": iso(created[order]),
            "closed_at": iso(close[order]),
            "stage": stage[order],
            "won": np.where(is_won & ~is_open, "true", "false")[order],
            "amount": amount[order],
        }
    )
    return Deals(purchase, size, frame)

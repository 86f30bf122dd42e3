"""Demo product events (signups, first value, usage) and billing (purchases, refunds,
downgrades, upgrades, churn), each after the event it follows and before the as-of instant."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpcore.demo.accounts import Accounts, G
from icpcore.demo.clock import DAY_S, Clock, iso
from icpcore.demo.deals import Deals
from icpcore.demo.plan import CHURN_90, DOWNGRADE_90, FIRST_VALUE, FV_MEDIAN_DAYS, REFUND_30, REFUND_SPIKE, Plan

USAGE_EVENTS = np.array(["invite_sent", "report_created", "dashboard_shared", "integration_connected"], dtype=object)
SELF_SERVE_PLANS = np.array([588.0, 1188.0, 2388.0, 4788.0])


def _days(rng: np.random.Generator, lo: float, hi: float, n: int) -> np.ndarray:
    return np.floor(rng.uniform(lo, hi, n) * DAY_S)


def purchases(rng: np.random.Generator, acc: Accounts, plan: Plan, deals: Deals, clock: Clock):
    """First purchase instant and amount per account (NaN when none before the as-of instant)."""
    own = np.where((plan.pays > 0) & ~plan.sales, plan.t0 + np.floor(plan.delay * DAY_S), np.nan)
    when = np.where(plan.sales, deals.sales_purchase, own)
    when[when >= clock.end_ts] = np.nan
    band = np.digitize(acc.employees, [10, 40, 150])
    amount = np.where(plan.sales, deals.size, SELF_SERVE_PLANS[band])
    return when, amount


def signups(rng: np.random.Generator, plan: Plan, purchase: np.ndarray, clock: Clock) -> np.ndarray:
    n = len(plan.t0)
    self_serve = (plan.pays > 0) & ~plan.sales
    room = np.clip(plan.delay - 1, 0, 10)
    s_own = plan.t0 + np.floor(rng.uniform(0, 1, n) * room * DAY_S)
    s_trial = plan.t0 + _days(rng, 0, 30, n)
    first = np.where(self_serve, s_own, s_trial)
    first = np.where(plan.signup_first, plan.t0, first)
    after_deal = plan.sales & ~plan.trial & ~np.isnan(purchase) & (rng.random(n) < 0.9)
    first = np.where(plan.trial, first, np.where(after_deal, purchase + _days(rng, 0.1, 5, n), np.nan))
    return np.where(first < clock.end_ts, first, np.nan)


def _events(owner: np.ndarray, name: str | np.ndarray, ts: np.ndarray, clock: Clock) -> pd.DataFrame:
    ok = ~np.isnan(ts) & (ts < clock.end_ts)
    names = np.broadcast_to(np.asarray(name, dtype=object), ts.shape)
    return pd.DataFrame({"owner": owner[ok], "event": names[ok], "ts": ts[ok]})


def make_product_events(
    rng: np.random.Generator, acc: Accounts, signup: np.ndarray, paid: np.ndarray, clock: Clock
) -> pd.DataFrame:
    n = len(signup)
    idx = np.arange(n)
    group = acc.group
    second = signup + np.where(rng.random(n) < 0.06, _days(rng, 20, 200, n), np.nan)
    p_fv = np.where(paid, 0.92, FIRST_VALUE[group])
    sigma = np.where(group == G["agency"], 0.9, 0.8)
    delay = np.exp(rng.normal(np.log(FV_MEDIAN_DAYS[group]), sigma)) * DAY_S
    fv = np.where(rng.random(n) < p_fv, signup + np.floor(delay), np.nan)
    fv_again = fv + np.where(rng.random(n) < 0.03, _days(rng, 5, 60, n), np.nan)
    has = np.flatnonzero(~np.isnan(signup))
    k = rng.poisson(3.0, len(has))
    u_owner = np.repeat(has, k)
    u_ts = signup[u_owner] + np.floor(rng.exponential(25 * DAY_S, len(u_owner)))
    usage = USAGE_EVENTS[rng.integers(0, len(USAGE_EVENTS), len(u_owner))]
    parts = [
        _events(idx, "signup", signup, clock),
        _events(idx, "signup", second, clock),
        _events(idx, "first_value", fv, clock),
        _events(idx, "first_value", fv_again, clock),
        _events(u_owner, usage, u_ts, clock),
    ]
    return pd.concat(parts, ignore_index=True)


def make_billing(
    rng: np.random.Generator, acc: Accounts, purchase: np.ndarray, amount: np.ndarray, clock: Clock
) -> pd.DataFrame:
    n = len(purchase)
    idx, group = np.arange(n), acc.group
    spike = (group == G["fintech"]) & (clock.month_index(np.nan_to_num(purchase)) == clock.last - 1)
    refund_p = np.where(spike, REFUND_SPIKE, REFUND_30)
    u = rng.random(n)
    refund = np.where(u < refund_p, purchase + _days(rng, 1, 29, n), np.nan)
    refund = np.where(u > 0.99, purchase + _days(rng, 35, 80, n), refund)  # outside the window
    churn = np.where(rng.random(n) < CHURN_90[group], purchase + _days(rng, 7, 88, n), np.nan)
    churn = np.where(np.isnan(churn) & (rng.random(n) < 0.15), purchase + _days(rng, 100, 420, n), churn)
    alive = np.where(np.isnan(churn), np.inf, churn)
    down = np.where(rng.random(n) < DOWNGRADE_90[group], purchase + _days(rng, 5, 88, n), np.nan)
    down = np.where(np.isnan(down) & (rng.random(n) < 0.03), purchase + _days(rng, 100, 300, n), down)
    up = np.where(rng.random(n) < 0.15, purchase + _days(rng, 30, 300, n), np.nan)
    renewal = purchase + 365 * DAY_S
    rows = [
        (purchase, "purchase", amount),
        (refund, "refund", amount),
        (np.where(down < alive, down, np.nan), "downgrade", np.round(amount * 0.3, 2)),
        (np.where(up < alive, up, np.nan), "upgrade", np.round(amount * 0.4, 2)),
        (np.where(renewal < alive, renewal, np.nan), "purchase", amount),
        (churn, "churn", np.full(n, np.nan)),
    ]
    frames = []
    for ts, name, money in rows:
        part = _events(idx, name, ts, clock)
        part["amount"] = money[part["owner"].to_numpy()]
        frames.append(part)
    return pd.concat(frames, ignore_index=True)


def as_frame(acc: Accounts, rows: pd.DataFrame, with_amount: bool) -> pd.DataFrame:
    rows = rows.sort_values(["ts", "owner"], kind="stable")
    out = {
        "account_id": acc.frame["account_id"].to_numpy()[rows["owner"].to_numpy()],
        "event": rows["event"].to_numpy(dtype=object),
        "occurred_at": iso(rows["ts"].to_numpy(dtype=float)),
    }
    if with_amount:
        money = rows["amount"].to_numpy(dtype=float)
        text = np.char.mod("%.2f", np.nan_to_num(money)).astype(object)
        out["amount"] = np.where(np.isnan(money), "", text)
    return pd.DataFrame(out)

"""Each account's fate, decided before any row is written: when it first touches us, whether
it pays (within 90 days or later), through sales or self-serve, and whether it trials.

Every rate below is per latent group (accounts.GROUPS); the planted stories live here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from icpcore.demo.accounts import GROUPS, Accounts, G
from icpcore.demo.clock import DAY_S, Clock

# One row per parameter, one column per latent group (accounts.GROUPS order).
#                     midmarket onprem fintech agency shopify public tiny  other
_RATES = {
    "pay_90":          (0.30,   0.10,  0.28,   0.32,  0.64,   0.04,  0.02, 0.06),
    "pay_late":        (0.03,   0.03,  0.03,   0.02,  0.03,   0.02,  0.01, 0.02),
    "sales_led":       (0.75,   0.80,  0.85,   0.20,  0.30,   0.90,  0.10, 0.50),
    "trial":           (0.30,   0.20,  0.20,   0.55,  0.45,   0.10,  0.35, 0.25),
    "qualify":         (0.25,   0.18,  0.30,   0.22,  0.28,   0.10,  0.06, 0.12),
    "win_rate":        (0.40,   0.22,  0.30,   0.28,  0.45,   0.10,  0.06, 0.13),
    "first_value":     (0.55,   0.45,  0.50,   0.80,  0.60,   0.40,  0.40, 0.45),
    "fv_median_days":  (6.0,    7.0,   6.5,    0.9,   5.0,    8.0,   6.0,  6.5),
    "churn_90":        (0.10,   0.15,  0.12,   0.50,  0.12,   0.10,  0.30, 0.16),
    "downgrade_90":    (0.06,   0.08,  0.07,   0.20,  0.06,   0.05,  0.10, 0.08),
    "note_weight":     (3.0,    1.0,   3.0,    3.0,   3.0,    0.5,   0.5,  1.0),
}  # fmt: skip
assert all(len(row) == len(GROUPS) for row in _RATES.values())

# Share paying within 90 days of first touch (midmarket climbs with the ramp, see `pay_share`).
PAY_90 = np.array(_RATES["pay_90"])
PAY_LATE = np.array(_RATES["pay_late"])
SALES_LED = np.array(_RATES["sales_led"])
TRIAL = np.array(_RATES["trial"])
# Qualified within 30 days, per lead (midmarket climbs with the ramp of the lead's month).
QUALIFY = np.array(_RATES["qualify"])
WIN_RATE = np.array(_RATES["win_rate"])
FIRST_VALUE = np.array(_RATES["first_value"])
FV_MEDIAN_DAYS = np.array(_RATES["fv_median_days"])
CHURN_90 = np.array(_RATES["churn_90"])
DOWNGRADE_90 = np.array(_RATES["downgrade_90"])
NOTE_WEIGHT = np.array(_RATES["note_weight"])
REFUND_30 = 0.04
REFUND_SPIKE = 0.30  # fintech first purchases in the month before the as-of month
WAVE_SHARE = 0.15  # fintech accounts first touched by the promo event two months before as-of
WAVE_PAY = 0.45
CORE_PAY_RAMP = 0.15  # midmarket's 90-day pay share climbs by this much with the ramp
# Bootstrapped accounts pay as often as the others, a shade more in fact, so that no seed's noise
# hands the `bootstrapped` disqualifier a business reason it does not have.
BOOTSTRAPPED_PAY_LIFT = 1.1
ACTIVE = 0.92  # accounts that ever touch us; the rest sit in the CRM untouched
GROWTH = 0.6  # first touches per month grow by this much over the 18 months


@dataclass(frozen=True)
class Plan:
    active: np.ndarray
    t0: np.ndarray  # first touch (int seconds; 0 where inactive)
    wave: np.ndarray  # first touched by the fintech promo event
    pays: np.ndarray  # 0 never, 1 within 90 days, 2 later
    sales: np.ndarray  # pays through a won opportunity (else self-serve)
    delay: np.ndarray  # days from first touch to the purchase (or the won close, for sales)
    trial: np.ndarray  # signs up for the product
    signup_first: np.ndarray  # the signup, not a lead, is the first touch


def _first_touch(rng: np.random.Generator, clock: Clock, n: int) -> np.ndarray:
    u = rng.random(n)
    x = (np.sqrt(1 + 2 * GROWTH * (1 + GROWTH / 2) * u) - 1) / GROWTH  # inverse CDF of density 1 + g x
    return clock.start_ts + np.floor(x * (clock.span - 1)).astype(np.int64)


def pay_share(group: np.ndarray, month: np.ndarray, clock: Clock) -> np.ndarray:
    return PAY_90[group] + np.where(group == G["midmarket"], CORE_PAY_RAMP * clock.ramp(month), 0.0)


def make_plan(rng: np.random.Generator, acc: Accounts, clock: Clock) -> Plan:
    n, group = len(acc.group), acc.group
    active = rng.random(n) < ACTIVE
    t0 = _first_touch(rng, clock, n)
    wave_month = clock.month_start(clock.last - 2)
    wave = active & (group == G["fintech"]) & (rng.random(n) < WAVE_SHARE)
    t0 = np.where(wave, wave_month + rng.integers(0, 25 * DAY_S, n), t0)
    p90 = np.where(wave, WAVE_PAY, pay_share(group, clock.month_index(t0), clock))
    p90 = p90 * np.where(acc.bootstrapped, BOOTSTRAPPED_PAY_LIFT, 1.0)
    u = rng.random(n)
    pays = np.where(u < p90, 1, np.where(u < p90 + PAY_LATE[group], 2, 0))
    pays = np.where(active, pays, 0)
    sales = rng.random(n) < np.where(wave, 0.9, SALES_LED[group])
    self_serve = np.clip(np.exp(rng.normal(np.log(12), 0.8, n)), 2, 85)
    delay = np.where(sales, rng.uniform(21, 86, n), self_serve)
    delay = np.where(wave, rng.uniform(22, 40, n), delay)
    delay = np.where(pays == 2, rng.uniform(95, 240, n), delay)
    trial = active & ((pays > 0) & ~sales | (rng.random(n) < TRIAL[group]))
    signup_first = trial & ~((pays > 0) & sales) & (rng.random(n) < 0.3)
    return Plan(active, np.where(active, t0, 0), wave, pays, sales & (pays > 0), delay, trial, signup_first)

"""Demo spend: monthly per channel and campaign, priced per lead, plus the rows the CAC
attribution of CONTRACT section 4 must handle (segment tags, unknown tags, channel-only rows,
spend with no leads). The midmarket ABM programme is sized so the core segment's CAC stays flat
while its customers grow: its spend grows in step with them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from icpcore.demo import catalog as c
from icpcore.demo.accounts import Accounts
from icpcore.demo.clock import Clock
from icpcore.demo.funnel import SUMMITS, Leads

CORE = "midmarket_saas"
CORE_CAC = 2150.0
UNKNOWN_SEGMENT = "enterprise_pilot"
LIVE_SEGMENTS = ("midmarket_saas", "fintech_scaleups", "smb_agencies")
NAMES = [name for name, _ in c.CAMPAIGNS]
CHANNEL_OF = np.array([ch for _, ch in c.CAMPAIGNS])


def _counts(month: np.ndarray, campaign: np.ndarray, months: int, mask: np.ndarray | None = None) -> np.ndarray:
    flat = month * len(NAMES) + campaign
    weights = None if mask is None else mask.astype(float)
    return np.bincount(flat, weights=weights, minlength=months * len(NAMES)).reshape(months, len(NAMES))


def _row(m: int, channel: int, campaign: str, amount: float, segment: str = "") -> dict:
    return {"m": m, "channel": c.CHANNELS[channel], "campaign": campaign, "segment": segment, "amount": amount}


def _priced_rows(rng: np.random.Generator, leads_all: np.ndarray) -> list[dict]:
    rows = []
    months, kinds = np.nonzero(leads_all)
    noise = np.exp(rng.normal(0, 0.08, len(months)))
    for m, k, z in zip(months.tolist(), kinds.tolist(), noise.tolist(), strict=True):
        if k != c.ABM_CAMPAIGN:
            amount = c.COST_PER_LEAD[k] * leads_all[m, k] * (1 + 0.01 * m) * z
            rows.append(_row(m, int(CHANNEL_OF[k]), NAMES[k], amount))
    return rows


def _special_rows(rng: np.random.Generator, leads_all: np.ndarray, clock: Clock, scale: float) -> list[dict]:
    last, events, partner, outbound = clock.last, 3, 4, 5
    rows = [_row(m, events, "", scale * rng.uniform(1200, 2600)) for m in range(0, last + 1, 2)]  # booth kit
    for summit, offsets in SUMMITS.items():  # deposits paid the month before each event: no leads yet
        rows += [_row(last + k - 1, events, summit, scale * rng.uniform(8000, 14000)) for k in offsets]
    rows += [_row(m, 2, "podcast_sponsorship", scale * rng.uniform(2000, 3000)) for m in range(last - 3, last + 1)]
    intent = NAMES.index("intent_signals")
    for m in range(last - 8, last - 5):  # a pilot tagged with a segment id the ICP does not know
        amount = 0.5 * c.COST_PER_LEAD[intent] * leads_all[m, intent]
        rows.append(_row(m, outbound, "intent_signals", amount, UNKNOWN_SEGMENT))
    for m in range(last - 5, last + 1):  # co-marketing fund tagged for the agencies segment
        rows.append(_row(m, partner, "agency_partners", scale * rng.uniform(1200, 1800), "smb_agencies"))
    return rows


def _core_share(row: dict, leads_all: np.ndarray, leads_core: np.ndarray) -> float:
    """The share of an untagged row that CAC attribution gives the core segment."""
    if row["segment"] in LIVE_SEGMENTS:
        return 1.0 if row["segment"] == CORE else 0.0
    m = row["m"]
    if row["campaign"]:
        k = NAMES.index(row["campaign"]) if row["campaign"] in NAMES else -1
        total, core = (leads_all[m, k], leads_core[m, k]) if k >= 0 else (0.0, 0.0)
    else:
        cols = np.equal(CHANNEL_OF, c.CHANNELS.index(row["channel"]))
        total, core = leads_all[m, cols].sum(), leads_core[m, cols].sum()
    return float(core / total) if total else 0.0


def make_spend(
    rng: np.random.Generator, acc: Accounts, leads: Leads, first_purchase: np.ndarray, clock: Clock
) -> pd.DataFrame:
    months = len(clock.months)
    scale = len(acc.group) / 5000
    lead_month = clock.month_index(leads.created)
    core_lead = acc.segment[leads.owner] == CORE
    leads_all = _counts(lead_month, leads.campaign, months)
    leads_core = _counts(lead_month, leads.campaign, months, core_lead)
    rows = _priced_rows(rng, leads_all) + _special_rows(rng, leads_all, clock, scale)
    attributed = np.zeros(months)
    for row in rows:
        attributed[row["m"]] += row["amount"] * _core_share(row, leads_all, leads_core)
    bought = ~np.isnan(first_purchase) & (acc.segment == CORE)
    customers = np.bincount(clock.month_index(first_purchase[bought].astype(np.int64)), minlength=months)
    target = CORE_CAC * customers * np.exp(rng.normal(0, 0.04, months))
    floor = 12.0 * leads_all[:, c.ABM_CAMPAIGN] + 400 * scale
    abm = np.maximum(floor, target - attributed)
    rows += [_row(m, 0, NAMES[c.ABM_CAMPAIGN], float(abm[m]), CORE) for m in range(months)]
    frame = pd.DataFrame(rows)
    frame["month"] = np.asarray(clock.months)[frame["m"].to_numpy()]
    frame["amount"] = np.char.mod("%.2f", np.round(frame["amount"].to_numpy(dtype=float), 2))
    frame = frame.sort_values(["month", "channel", "campaign", "segment"], kind="stable")
    return frame[["month", "channel", "campaign", "segment", "amount"]].reset_index(drop=True)

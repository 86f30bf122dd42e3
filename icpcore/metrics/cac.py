"""Spend attribution for `cac` (CONTRACT section 4).

A spend row whose `segment` is the id of a non-retired segment (compared exactly; values are
stored trimmed) goes to that segment. Every other row (empty, unknown, retired or reserved ids)
is shared among segments, `non_icp` and `disqualified` included, in proportion to the leads
created that month (before the as-of instant) through the same channel, and the same campaign
when the row names one; with no such leads it is unattributed. `all` gets the month's whole
spend. Months after the as-of month are ignored.

The database returns spend summed per (month, channel, campaign, tag) and leads counted per
(segment, month, channel, campaign); the sharing runs on those small tables.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select, func, select

from icpcore.segments import ALL
from icpcore.store.models import Spend

ATTRIBUTED_COLUMNS = ["segment", "month", "spend"]


def spend_table(as_of_month: str) -> Select:
    """Spend per (month, channel, campaign, segment tag) up to the as-of month."""
    return (
        select(Spend.month, Spend.channel_ci, Spend.campaign_ci, Spend.segment, func.sum(Spend.amount).label("amount"))
        .where(Spend.month <= as_of_month)
        .group_by(Spend.month, Spend.channel_ci, Spend.campaign_ci, Spend.segment)
    )


def _shared(spend: pd.DataFrame, leads: pd.DataFrame) -> pd.DataFrame:
    """Untagged spend split by lead counts; `leads` has segment, month, channel_ci, campaign_ci, leads."""
    parts = []
    for campaign_named in (False, True):
        rows = spend[spend["campaign_ci"].notna() == campaign_named]
        if rows.empty:
            continue
        keys = ["month", "channel_ci", "campaign_ci"] if campaign_named else ["month", "channel_ci"]
        weights = leads.dropna(subset=keys).groupby([*keys, "segment"], as_index=False)["leads"].sum()
        totals = weights.groupby(keys, as_index=False)["leads"].sum().rename(columns={"leads": "total"})
        joined = rows[[*keys, "amount"]].merge(weights, on=keys).merge(totals, on=keys)
        joined["spend"] = joined["amount"] * joined["leads"] / joined["total"]
        parts.append(joined[["segment", "month", "spend"]])
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=ATTRIBUTED_COLUMNS)


def attribute(spend: pd.DataFrame, leads: pd.DataFrame, live_ids: set[str]) -> pd.DataFrame:
    """Attributed spend per (segment, month), with `all` holding each month's whole spend.

    `spend`: month, channel_ci, campaign_ci, segment, amount. `leads`: segment, month,
    channel_ci, campaign_ci, leads (segment NULL for leads of unassigned accounts: never weighed).
    A (segment, month) appears whenever a spend row reaches it, even with amount 0."""
    if spend.empty:
        return pd.DataFrame(columns=ATTRIBUTED_COLUMNS)
    tagged = spend["segment"].isin(live_ids)
    direct = spend.loc[tagged, ["segment", "month", "amount"]].rename(columns={"amount": "spend"})
    shared = _shared(spend[~tagged], leads[leads["segment"].notna() & (leads["leads"] > 0)])
    whole = spend.groupby("month", as_index=False)["amount"].sum().rename(columns={"amount": "spend"})
    whole["segment"] = ALL
    frames = [f for f in (direct, shared, whole[ATTRIBUTED_COLUMNS]) if not f.empty]
    combined = pd.concat(frames, ignore_index=True)
    return combined.groupby(["segment", "month"], as_index=False)["spend"].sum()

"""Run the aggregation queries and shape their results into one long count table.

The count table has a row per (segment, month, metric) with `num` (successes, a count, or
attributed spend) and `den` (the units: n). Segment is NULL for units of unassigned accounts,
which only `all` counts (leads always have one: the importer refuses leads of unknown
accounts). `all` rows are added here: sums of every segment, except `cac`, whose `all`
numerator is the month's whole spend.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Select
from sqlalchemy.orm import Session

from icpcore.metrics import cac, queries
from icpcore.metrics.queries import Scope
from icpcore.segments import ALL, segment_order

COUNT_COLUMNS = ["segment", "month", "metric", "num", "den", "spent"]

# metric key -> (numerator column, denominator column) of the query that counts it
_FROM_LEADS = {"leads": ("leads", "leads"), "qualified_rate": ("q_k", "q_n")}
_FROM_WINS = {"win_rate": ("w_k", "w_n")}
_FROM_SIGNUPS = {"first_value_rate": ("f_k", "f_n"), "time_to_first_value_days": ("v_n", "v_n")}
_FROM_PURCHASES = {
    "new_customers": ("new_customers", "new_customers"),
    "refund_rate": ("r_k", "r_n"),
    "downgrade_rate": ("d_k", "d_n"),
    "retention_90d": ("k_k", "d_n"),
}
_FROM_SUCCESS = {"success_rate": ("s_k", "s_n")}


def _frame(session: Session, query: Select) -> pd.DataFrame:
    result = session.execute(query)
    return pd.DataFrame(result.fetchall(), columns=list(result.keys()))


def _melt(frame: pd.DataFrame, metrics: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """(segment, month, columns...) -> long rows (segment, month, metric, num, den)."""
    parts = []
    for key, (num, den) in metrics.items():
        part = frame[["segment", "month"]].copy()
        part["metric"] = key
        part["num"] = frame[num].astype("float64")
        part["den"] = frame[den].astype("int64")
        parts.append(part)
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COUNT_COLUMNS[:-1])


def _unpivot_leads(frame: pd.DataFrame, segments: list[str]) -> pd.DataFrame:
    """The lead table's segment columns back into rows: segment, month, channel_ci, campaign_ci,
    leads, q_n, q_k (only where the segment has leads)."""
    parts = []
    for index, segment in enumerate(segments):
        names = queries.lead_columns(index)
        part = frame[["month", "channel_ci", "campaign_ci", *names]].rename(
            columns=dict(zip(names, ("leads", "q_n", "q_k"), strict=True))
        )
        part = part[part["leads"].fillna(0) > 0].copy()
        part.insert(0, "segment", segment)
        parts.append(part)
    columns = ["segment", "month", "channel_ci", "campaign_ci", "leads", "q_n", "q_k"]
    leads = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return leads.astype({"leads": "int64", "q_n": "int64", "q_k": "int64"})


def _by_segment_month(frame: pd.DataFrame) -> pd.DataFrame:
    """Collapse the channel and campaign of the lead rows."""
    grouped = frame.groupby(["segment", "month"], as_index=False)
    return grouped[["leads", "q_n", "q_k"]].sum()


def _channel_rows(leads: pd.DataFrame, channel: str | None) -> pd.DataFrame:
    if channel is None:
        return leads
    return leads[leads["channel_ci"] == channel.strip().lower()]


def _with_all(counts: pd.DataFrame) -> pd.DataFrame:
    """Append `all`: every segment's units summed per (month, metric)."""
    total = counts.groupby(["month", "metric"], as_index=False)[["num", "den"]].sum()
    total["segment"] = ALL
    return pd.concat([counts, total[counts.columns]], ignore_index=True)


def _cac_rows(counts: pd.DataFrame, attributed: pd.DataFrame) -> pd.DataFrame:
    """cac per (segment, month): attributed spend over new customers; `spent` marks a
    segment-month that spend reached."""
    customers = counts.loc[counts["metric"] == "new_customers", ["segment", "month", "den"]]
    merged = customers.merge(attributed, on=["segment", "month"], how="outer")
    merged["spent"] = merged["spend"].notna()
    merged["num"] = merged["spend"].fillna(0.0).astype("float64")
    merged["den"] = merged["den"].fillna(0).astype("int64")
    merged["metric"] = "cac"
    return merged[COUNT_COLUMNS]


def count_table(session: Session, scope: Scope, *, as_of_month: str, channel: str | None = None) -> pd.DataFrame:
    """Every indicator's (num, den) per (segment, month), `all` included, months up to as-of."""
    segments = [s for s in segment_order(scope.doc) if s != ALL]
    leads = _unpivot_leads(_frame(session, queries.lead_table(scope, segments)), segments)
    counts = pd.concat(
        [
            _melt(_by_segment_month(_channel_rows(leads, channel)), _FROM_LEADS),
            _melt(_frame(session, queries.win_table(scope)), _FROM_WINS),
            _melt(_frame(session, queries.signup_table(scope)), _FROM_SIGNUPS),
            _melt(_frame(session, queries.purchase_table(scope)), _FROM_PURCHASES),
            _melt(_frame(session, queries.success_table(scope)), _FROM_SUCCESS),
        ],
        ignore_index=True,
    )
    counts = _with_all(counts)
    counts["spent"] = False
    spend = _frame(session, cac.spend_table(as_of_month))
    live = {s.id for s in scope.doc.live_segments()}
    attributed = cac.attribute(spend, leads, live)
    counts = pd.concat([counts, _cac_rows(counts, attributed)], ignore_index=True)
    return counts[counts["month"] <= as_of_month].reset_index(drop=True)

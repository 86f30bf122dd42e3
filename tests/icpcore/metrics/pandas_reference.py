"""A plain-pandas reading of CONTRACT sections 3 and 4, written from the text for the tests.

It shares nothing with icpcore but the metric keys: raw string frames in, rows out. Vectorised
with pandas where the contract reads as a join or a group-by; deliberately naive elsewhere.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import binom

Z = 1.959963984540054
DAY = 86400.0
KEYS = [
    "leads",
    "qualified_rate",
    "win_rate",
    "first_value_rate",
    "time_to_first_value_days",
    "new_customers",
    "refund_rate",
    "downgrade_rate",
    "retention_90d",
    "cac",
    "success_rate",
]


# -- reading ---------------------------------------------------------------------------------------
def clean(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out.columns = [str(c).strip().lower() for c in out.columns]
    return out.apply(lambda col: col.astype(str).str.strip())


def seconds(col: pd.Series) -> pd.Series:
    """ISO text -> UTC epoch seconds (NaN when empty); no zone means UTC."""
    text = col.where(col != "", None)
    parsed = pd.to_datetime(text, utc=True, format="ISO8601")
    return (parsed - pd.Timestamp("1970-01-01", tz="UTC")).dt.total_seconds()


def month(ts: pd.Series) -> pd.Series:
    return pd.to_datetime(ts, unit="s", utc=True).dt.strftime("%Y-%m")


# -- segments (section 3) --------------------------------------------------------------------------
def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) and "_" not in text else None


def rule_mask(rule: dict[str, Any], accounts: pd.DataFrame) -> pd.Series:
    field, op, value = rule["field"].strip().lower(), rule["op"], rule.get("value")
    raw = accounts[field] if field in accounts else pd.Series("", index=accounts.index)
    present = raw != ""
    if op in ("is_empty", "not_empty"):
        return ~present if op == "is_empty" else present
    values = value if isinstance(value, list) else [value]
    numeric = all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    if numeric:
        x = raw.map(_number)
        ok = x.notna()
        x = x.astype(float)
    else:
        x = raw.str.lower()
        values = [("true" if v else "false") if isinstance(v, bool) else str(v).strip().lower() for v in values]
        ok = present
    hit = {
        "eq": lambda: x == values[0],
        "ne": lambda: x != values[0],
        "in": lambda: x.isin(values),
        "not_in": lambda: ~x.isin(values),
        "lt": lambda: x < values[0],
        "lte": lambda: x <= values[0],
        "gt": lambda: x > values[0],
        "gte": lambda: x >= values[0],
        "between": lambda: (x >= values[0]) & (x <= values[1]),
        "contains": lambda: x.str.contains(str(values[0]), regex=False),
    }[op]()
    return (hit.fillna(False).astype(bool) & ok & present).astype(bool)


def all_rules(rules: list[dict[str, Any]], accounts: pd.DataFrame) -> pd.Series:
    mask = pd.Series(True, index=accounts.index)
    for rule in rules:
        mask &= rule_mask(rule, accounts)
    return mask


def assign(doc: dict[str, Any], accounts: pd.DataFrame) -> pd.Series:
    """account_id -> segment."""
    live = [s for s in doc["segments"] if s.get("status", "active") != "retired"]
    active = [d for d in doc.get("disqualifiers", []) if d.get("status", "active") == "active"]
    segment = pd.Series(None, index=accounts.index, dtype=object)
    for seg in reversed(live):  # earlier segments overwrite later ones: first match wins
        segment[all_rules(seg.get("rules", []), accounts)] = seg["id"]
    out = segment.fillna("non_icp")
    global_hit = pd.Series(False, index=accounts.index)
    for d in active:
        global_hit |= all_rules(d["rules"], accounts)
    out[global_hit] = "disqualified"
    for seg in live:
        for d in (d for d in seg.get("disqualifiers", []) if d.get("status", "active") == "active"):
            out[(segment == seg["id"]) & all_rules(d["rules"], accounts)] = "disqualified"
    return pd.Series(out.to_numpy(), index=accounts["account_id"])


# -- units (section 4) -----------------------------------------------------------------------------
def wilson(k: int, n: int) -> tuple[float, float]:
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def first_event(events: pd.DataFrame, name: str, end: float) -> pd.DataFrame:
    rows = events[(events["event"].str.lower() == name) & (events["t"] < end)]
    return rows.groupby("account_id", as_index=False)["t"].min()


def earliest_after(events: pd.DataFrame, name: str, starts: pd.DataFrame, end: float) -> pd.Series:
    """Per start row: the earliest `name` event at or after its `t` and before `end` (NaN if none)."""
    rows = events[(events["event"].str.lower() == name) & (events["t"] < end)][["account_id", "t"]]
    joined = starts[["account_id", "t"]].merge(rows.rename(columns={"t": "e"}), on="account_id", how="left")
    joined = joined[joined["e"] >= joined["t"]]
    found = joined.groupby("account_id")["e"].min()
    return starts["account_id"].map(found)


def unit_rows(doc: dict[str, Any], f: dict[str, pd.DataFrame], seg: pd.Series, end: float) -> pd.DataFrame:
    """Every unit: segment, month, metric, x (0/1 outcome or a duration in days)."""
    out = []

    def add(frame: pd.DataFrame, metric: str, x: pd.Series) -> None:
        out.append(
            pd.DataFrame({"account_id": frame["account_id"], "month": month(frame["t"]), "metric": metric, "x": x})
        )

    leads = f["leads"][f["leads"]["c"] < end].rename(columns={"c": "t"})
    add(leads, "leads", pd.Series(1.0, index=leads.index))
    w = float(doc.get("qualification_window_days", 30)) * DAY
    mature = leads[leads["t"] + w <= end]
    q = mature["q"]
    add(mature, "qualified_rate", ((q >= mature["t"]) & (q <= mature["t"] + w) & (q < end)).astype(float))
    opps = f["opportunities"]
    closed = opps[opps["closed"] < end].rename(columns={"closed": "t"})
    add(closed, "win_rate", closed["won"].str.lower().isin(["true", "1", "yes", "y"]).astype(float))
    signups = first_event(f["product_events"], "signup", end)
    fv = earliest_after(f["product_events"], "first_value", signups, end)
    m14 = signups["t"] + 14 * DAY <= end
    add(signups[m14], "first_value_rate", (fv[m14] <= signups["t"][m14] + 14 * DAY).astype(float))
    add(signups[fv.notna()], "time_to_first_value_days", (fv[fv.notna()] - signups["t"][fv.notna()]) / DAY)
    buys = first_event(f["billing"], "purchase", end)
    add(buys, "new_customers", pd.Series(1.0, index=buys.index))
    for metric, event, days, keep in (
        ("refund_rate", "refund", 30, True),
        ("downgrade_rate", "downgrade", 90, True),
        ("retention_90d", "churn", 90, False),
    ):
        hit = earliest_after(f["billing"], event, buys, end) <= buys["t"] + days * DAY
        ok = buys["t"] + days * DAY <= end
        add(buys[ok], metric, (hit[ok] if keep else ~hit[ok]).astype(float))
    out.append(success_rows(doc, f, leads, end))
    units = pd.concat(out, ignore_index=True)
    units["segment"] = units["account_id"].map(seg)
    return units


def success_rows(doc: dict[str, Any], f: dict[str, pd.DataFrame], leads: pd.DataFrame, end: float) -> pd.DataFrame:
    signups = f["product_events"][
        (f["product_events"]["event"].str.lower() == "signup") & (f["product_events"]["t"] < end)
    ]
    touches = pd.concat([leads[["account_id", "t"]], signups[["account_id", "t"]]])
    first = touches.groupby("account_id", as_index=False)["t"].min()
    w = float(doc["success"]["window_days"]) * DAY
    first = first[first["t"] + w <= end]
    event = doc["success"]["event"]
    if event == "qualified_lead":
        times = f["leads"][["account_id", "q"]].rename(columns={"q": "e"}).dropna()
    else:
        kind, name = ("product_events", "first_value") if event == "trial_activation" else ("billing", "purchase")
        rows = f[kind][f[kind]["event"].str.lower() == name]
        times = rows[["account_id", "t"]].rename(columns={"t": "e"})
    joined = first.merge(times, on="account_id", how="left")
    joined["hit"] = (joined["e"] >= joined["t"]) & (joined["e"] <= joined["t"] + w) & (joined["e"] < end)
    hit = joined.groupby("account_id")["hit"].any()
    return pd.DataFrame(
        {"account_id": first["account_id"], "month": month(first["t"]), "metric": "success_rate",
         "x": first["account_id"].map(hit).astype(float)}
    )  # fmt: skip


# -- spend -----------------------------------------------------------------------------------------
def attributed(doc: dict[str, Any], f: dict[str, pd.DataFrame], seg: pd.Series, end: float, last: str) -> pd.DataFrame:
    """segment, month, spend; plus `all` with every month's whole spend."""
    live = {s["id"] for s in doc["segments"] if s.get("status", "active") != "retired"}
    spend = f["spend"][f["spend"]["month"] <= last]
    leads = f["leads"][f["leads"]["c"] < end].copy()
    leads["month"], leads["segment"] = month(leads["c"]), leads["account_id"].map(seg)
    leads["channel"], leads["campaign"] = leads["channel"].str.lower(), leads["campaign"].str.lower()
    rows = []
    for r in spend.itertuples(index=False):
        amount = float(r.amount)
        rows.append(("all", r.month, amount))
        if r.segment in live:
            rows.append((r.segment, r.month, amount))
            continue
        match = leads[(leads["month"] == r.month) & (leads["channel"] == r.channel.lower())]
        if r.campaign != "":
            match = match[match["campaign"] == r.campaign.lower()]
        for segment, count in match["segment"].value_counts().items():
            rows.append((segment, r.month, amount * count / len(match)))
    return pd.DataFrame(rows, columns=["segment", "month", "spend"])


# -- rows ------------------------------------------------------------------------------------------
def summarise(metric: str, x: np.ndarray) -> tuple[float | None, float | None, float | None, int]:
    n = len(x)
    if metric in ("leads", "new_customers"):
        return float(n), None, None, n
    if n == 0:
        return None, None, None, 0
    if metric == "time_to_first_value_days":
        ordered = np.sort(x)
        j = int(binom.ppf(0.025, n, 0.5))
        ends = (float(ordered[j - 1]), float(ordered[n - j])) if j > 0 else (None, None)
        return float(np.median(ordered)), *ends, n
    k = int(x.sum())
    return k / n, *wilson(k, n), n


def _row(segment: str, label: str | None, metric: str, figures: tuple) -> dict:
    value, low, high, n = figures
    return {"segment": segment, "month": label, "metric": metric, "value": value, "low": low, "high": high, "n": n}


def rows(
    doc: dict[str, Any], frames: dict[str, pd.DataFrame], *, by: str, months: int | None, as_of: date
) -> list[dict]:
    f = {kind: clean(frame) for kind, frame in frames.items()}
    f["leads"]["c"], f["leads"]["q"] = seconds(f["leads"]["created_at"]), seconds(f["leads"]["qualified_at"])
    f["opportunities"]["closed"] = seconds(f["opportunities"]["closed_at"])
    for kind in ("product_events", "billing"):
        f[kind]["t"] = seconds(f[kind]["occurred_at"])
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time(), tzinfo=UTC).timestamp()
    last = as_of.strftime("%Y-%m")
    seg = assign(doc, f["accounts"])
    units = unit_rows(doc, f, seg, end)
    units = pd.concat([units, units.assign(segment="all")], ignore_index=True)
    money = attributed(doc, f, seg, end, last)
    order = [s["id"] for s in doc["segments"] if s.get("status", "active") != "retired"] + [
        "non_icp",
        "disqualified",
        "all",
    ]
    if by == "segment":
        window = sorted({(pd.Period(last, "M") - k).strftime("%Y-%m") for k in range(months or 3)})
        groups = [(None, window)]
    else:
        every = sorted(set(units["month"]) | set(money["month"]))
        groups = [(m, [m]) for m in (every[-months:] if months else every)]
    out = []
    for segment in order:
        for label, ms in groups:
            for metric in KEYS:
                if metric == "cac":
                    part = money[(money["segment"] == segment) & money["month"].isin(ms)]
                    n = int(
                        (
                            (units["segment"] == segment)
                            & (units["metric"] == "new_customers")
                            & units["month"].isin(ms)
                        ).sum()
                    )
                    if label is not None and part.empty and n == 0:
                        continue
                    value = float(part["spend"].sum()) / n if n else None
                    out.append(
                        {
                            "segment": segment,
                            "month": label,
                            "metric": metric,
                            "value": value,
                            "low": None,
                            "high": None,
                            "n": n,
                        }
                    )
                    continue
                x = units[(units["segment"] == segment) & (units["metric"] == metric) & units["month"].isin(ms)]["x"]
                if label is not None and x.empty:
                    continue
                value, low, high, n = summarise(metric, x.to_numpy())
                out.append(
                    {
                        "segment": segment,
                        "month": label,
                        "metric": metric,
                        "value": value,
                        "low": low,
                        "high": high,
                        "n": n,
                    }
                )
    return out

"""An independent, deliberately plain implementation of CONTRACT sections 3 and 4, straight from
the text, over raw CSV-like frames (all values strings). It shares no code with icpcore, so the
two can only agree by both reading the contract the same way."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from statistics import median
from typing import Any

import pandas as pd
from scipy.stats import binom

Z = 1.959963984540054
DAY = 86400.0
NUM = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def ts(text: str) -> float | None:
    text = (text or "").strip()
    if not text:
        return None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.timestamp()


def month(t: float) -> str:
    return datetime.fromtimestamp(t, tz=UTC).strftime("%Y-%m")


def wilson(k: int, n: int) -> tuple[float | None, float | None]:
    if n == 0:
        return None, None
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return centre - half, centre + half


def _num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def rule_holds(rule: dict[str, Any], account: dict[str, str]) -> bool:
    raw = account.get(rule["field"].strip().lower(), "")
    raw = (raw or "").strip()
    op, value = rule["op"], rule.get("value")
    if op == "is_empty":
        return raw == ""
    if raw == "":
        return False
    if op == "not_empty":
        return True
    numeric = all(_num(v) for v in value) if isinstance(value, list) else _num(value)
    if numeric:
        if not NUM.fullmatch(raw) or not math.isfinite(float(raw)):
            return False
        x: Any = float(raw)
    else:
        x = raw.lower()
        value = [str(v).strip().lower() for v in value] if isinstance(value, list) else str(value).strip().lower()
        if isinstance(rule.get("value"), bool):
            value = "true" if rule["value"] else "false"
    return {
        "eq": lambda: x == value,
        "ne": lambda: x != value,
        "in": lambda: x in value,
        "not_in": lambda: x not in value,
        "lt": lambda: x < value,
        "lte": lambda: x <= value,
        "gt": lambda: x > value,
        "gte": lambda: x >= value,
        "between": lambda: value[0] <= x <= value[1],
        "contains": lambda: value in x,
    }[op]()


def all_hold(rules: list[dict[str, Any]], account: dict[str, str]) -> bool:
    return all(rule_holds(r, account) for r in rules)


def assign(doc: dict[str, Any], accounts: pd.DataFrame) -> dict[str, str]:
    out = {}
    live = [s for s in doc["segments"] if s.get("status", "active") != "retired"]
    globals_ = [d for d in doc.get("disqualifiers", []) if d.get("status", "active") == "active"]
    for record in accounts.to_dict("records"):
        account = {str(k).strip().lower(): str(v) for k, v in record.items()}
        seg = next((s for s in live if all_hold(s.get("rules", []), account)), None)
        dqs = globals_ + (
            [d for d in seg.get("disqualifiers", []) if d.get("status", "active") == "active"] if seg else []
        )
        if any(all_hold(d["rules"], account) for d in dqs):
            out[account["account_id"].strip()] = "disqualified"
        else:
            out[account["account_id"].strip()] = seg["id"] if seg else "non_icp"
    return out


class Units:
    """Per segment and month: lists of 0/1 outcomes or values."""

    def __init__(self) -> None:
        self.data: dict[tuple[str, str, str], list[float]] = defaultdict(list)
        self.success_by_account: dict[str, int] = {}

    def add(self, segment: str, m: str, metric: str, value: float) -> None:
        self.data[(segment, m, metric)].append(value)
        self.data[("all", m, metric)].append(value)


def compute(doc: dict[str, Any], frames: dict[str, pd.DataFrame], as_of: date | None = None) -> tuple[str, Units, dict]:
    seg_of = assign(doc, frames["accounts"])
    leads = frames["leads"].copy()
    opps = frames["opportunities"].copy()
    events = frames["product_events"].copy()
    billing = frames["billing"].copy()
    spend = frames["spend"].copy()
    for frame in (leads, opps, events, billing, spend):
        frame.columns = [c.strip().lower() for c in frame.columns]
    stamps = [ts(v) for v in leads["created_at"]] + [ts(v) for v in leads.get("qualified_at", [])]
    stamps += [ts(v) for v in opps["created_at"]] + [ts(v) for v in opps.get("closed_at", [])]
    stamps += [ts(v) for v in events["occurred_at"]] + [ts(v) for v in billing["occurred_at"]]
    if as_of is None:
        as_of = datetime.fromtimestamp(max(s for s in stamps if s is not None), tz=UTC).date()
    end = datetime.combine(as_of + timedelta(days=1), datetime.min.time(), tzinfo=UTC).timestamp()
    qw = float(doc.get("qualification_window_days", 30)) * DAY
    units = Units()
    lead_counts: dict[tuple[str, str, str, str], int] = defaultdict(int)  # month, channel, campaign, segment
    touches: dict[str, list[float]] = defaultdict(list)
    qualified: dict[str, list[float]] = defaultdict(list)
    for row in leads.to_dict("records"):
        c, q = ts(row["created_at"]), ts(row.get("qualified_at", ""))
        seg = seg_of[row["account_id"].strip()]
        if c is None or c >= end:
            continue
        touches[row["account_id"].strip()].append(c)
        units.add(seg, month(c), "leads", 1)
        lead_counts[(month(c), row["channel"].strip().lower(), (row.get("campaign") or "").strip().lower(), seg)] += 1
        if q is not None and q < end:
            qualified[row["account_id"].strip()].append(q)
        if c + qw <= end:
            units.add(seg, month(c), "qualified_rate", 1 if (q is not None and c <= q <= c + qw and q < end) else 0)
    for row in opps.to_dict("records"):
        closed = ts(row.get("closed_at", ""))
        if closed is not None and closed < end:
            won = row["won"].strip().lower() in ("true", "1", "yes", "y")
            units.add(seg_of[row["account_id"].strip()], month(closed), "win_rate", 1 if won else 0)
    by_event: dict[tuple[str, str], list[float]] = defaultdict(list)
    for row in events.to_dict("records"):
        t = ts(row["occurred_at"])
        if t is not None and t < end:
            by_event[(row["event"].strip().lower(), row["account_id"].strip())].append(t)
    for row in billing.to_dict("records"):
        t = ts(row["occurred_at"])
        if t is not None and t < end:
            by_event[("bill:" + row["event"].strip().lower(), row["account_id"].strip())].append(t)
    new_customers: dict[tuple[str, str], int] = defaultdict(int)
    for account, seg in seg_of.items():
        signups = by_event.get(("signup", account), [])
        if signups:
            s = min(signups)
            fv = [t for t in by_event.get(("first_value", account), []) if t >= s]
            if s + 14 * DAY <= end:
                units.add(seg, month(s), "first_value_rate", 1 if any(t <= s + 14 * DAY for t in fv) else 0)
            if fv:
                units.add(seg, month(s), "time_to_first_value_days", (min(fv) - s) / DAY)
        purchases = by_event.get(("bill:purchase", account), [])
        if purchases:
            p = min(purchases)
            units.add(seg, month(p), "new_customers", 1)
            new_customers[(seg, month(p))] += 1
            new_customers[("all", month(p))] += 1
            for metric, event, days in (("refund_rate", "refund", 30), ("downgrade_rate", "downgrade", 90)):
                if p + days * DAY <= end:
                    hit = any(p <= t <= p + days * DAY for t in by_event.get(("bill:" + event, account), []))
                    units.add(seg, month(p), metric, 1 if hit else 0)
            if p + 90 * DAY <= end:
                churned = any(p <= t <= p + 90 * DAY for t in by_event.get(("bill:churn", account), []))
                units.add(seg, month(p), "retention_90d", 0 if churned else 1)
        first = touches.get(account, []) + signups
        if first:
            t0 = min(first)
            w = float(doc["success"]["window_days"]) * DAY
            if t0 + w <= end:
                event = doc["success"]["event"]
                times = {
                    "qualified_lead": qualified.get(account, []),
                    "trial_activation": by_event.get(("first_value", account), []),
                    "paid": purchases,
                }[event]
                outcome = 1 if any(t0 <= t <= t0 + w for t in times) else 0
                units.add(seg, month(t0), "success_rate", outcome)
                units.success_by_account[account] = outcome
    spend_by = _attribute_spend(doc, spend, lead_counts, month(end - 1))
    return as_of.isoformat(), units, {"spend": spend_by, "new_customers": new_customers}


def _attribute_spend(doc: dict[str, Any], spend: pd.DataFrame, lead_counts: dict, last_month: str) -> dict:
    live = {s["id"] for s in doc["segments"] if s.get("status", "active") != "retired"}
    out: dict[tuple[str, str], float] = defaultdict(float)
    for row in spend.to_dict("records"):
        m = row["month"].strip()
        if m > last_month:
            continue
        amount = float(row["amount"])
        out[("all", m)] += amount
        tag = (row.get("segment") or "").strip()
        if tag in live:
            out[(tag, m)] += amount
            continue
        channel, campaign = row["channel"].strip().lower(), (row.get("campaign") or "").strip().lower()
        shares: dict[str, int] = defaultdict(int)
        for (lm, lc, lcamp, seg), count in lead_counts.items():
            if lm == m and lc == channel and (not campaign or lcamp == campaign):
                shares[seg] += count
        total = sum(shares.values())
        for seg, count in shares.items():
            out[(seg, m)] += amount * count / total
    return out


def _summarise(metric: str, values: list[float]) -> tuple[float | None, float | None, float | None, int]:
    n = len(values)
    if metric in ("leads", "new_customers"):
        return float(n), None, None, n
    if n == 0:
        return None, None, None, 0
    if metric == "time_to_first_value_days":
        ordered = sorted(values)
        j = int(binom.ppf(0.025, n, 0.5))
        low, high = (ordered[j - 1], ordered[n - j]) if j > 0 else (None, None)
        return float(median(ordered)), low, high, n
    k = int(sum(values))
    low, high = wilson(k, n)
    return k / n, low, high, n


def rows(
    doc: dict[str, Any], frames: dict[str, pd.DataFrame], *, by: str, months: int | None, as_of: date | None = None
) -> tuple[str, list[dict]]:
    as_of_text, units, money = compute(doc, frames, as_of)
    last = as_of_text[:7]
    segments = [s["id"] for s in doc["segments"] if s.get("status", "active") != "retired"] + [
        "non_icp",
        "disqualified",
        "all",
    ]
    metrics = [
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
    all_months = sorted(
        {m for (_, m, _) in units.data} | {m for (_, m) in money["spend"]} | {m for (_, m) in money["new_customers"]}
    )
    all_months = [m for m in all_months if m <= last]
    out = []
    if by == "segment":
        y, mo = int(last[:4]), int(last[5:])
        window = []
        for k in range(months or 3):
            idx = y * 12 + mo - 1 - k
            window.append(f"{idx // 12:04d}-{idx % 12 + 1:02d}")
        groups = [(None, window)]
    else:
        groups = [(m, [m]) for m in (all_months[-months:] if months else all_months)]
    for seg in segments:
        for metric in metrics:
            for label, ms in groups:
                if metric == "cac":
                    spent = sum(money["spend"].get((seg, m), 0.0) for m in ms)
                    n = sum(money["new_customers"].get((seg, m), 0) for m in ms)
                    has = any((seg, m) in money["spend"] for m in ms) or n > 0
                    if by != "segment" and not has:
                        continue
                    out.append(
                        {
                            "segment": seg,
                            "month": label,
                            "metric": metric,
                            "value": spent / n if n else None,
                            "low": None,
                            "high": None,
                            "n": n,
                        }
                    )
                    continue
                values = [v for m in ms for v in units.data.get((seg, m, metric), [])]
                if by != "segment" and not values:
                    continue
                value, low, high, n = _summarise(metric, values)
                out.append(
                    {"segment": seg, "month": label, "metric": metric, "value": value, "low": low, "high": high, "n": n}
                )
    return as_of_text, out

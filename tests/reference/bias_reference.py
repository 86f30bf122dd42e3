"""An independent, plain implementation of CONTRACT section 5 over raw frames, for comparison
with `python -m icpcore bias`. Shares no code with icpcore."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import chi2_contingency, fisher_exact
from statsmodels.stats.contingency_tables import StratifiedTable
from statsmodels.stats.multitest import multipletests

from tests.reference.metrics_reference import NUM, all_hold, compute


def _success_units(doc: dict[str, Any], frames: dict[str, pd.DataFrame], as_of: date | None) -> dict[str, int]:
    """account -> 1/0 for mature success_rate units, read back from the metrics reference."""
    _, units, _ = compute(doc, frames, as_of)
    return units.success_by_account


def _cramers_v(flags: list[int], groups: list[str]) -> float:
    table = pd.crosstab(pd.Series(groups), pd.Series(flags))
    if table.shape[0] < 2 or table.shape[1] < 2:
        return 0.0
    chi2 = chi2_contingency(table.to_numpy(), correction=False)[0]
    n = table.to_numpy().sum()
    return float(math.sqrt(chi2 / (n * (min(table.shape) - 1))))


def _groups(values: list[str]) -> list[str]:
    if values and all(NUM.fullmatch(v) and math.isfinite(float(v)) for v in values):
        cut = pd.qcut([float(v) for v in values], 4, duplicates="drop")
        order = {c: f"Q{i + 1}" for i, c in enumerate(cut.categories)}
        return [order[c] for c in cut]
    return values


def _mh(stratum_rows: dict[str, list[list[int]]]) -> tuple[float | None, float | None, float | None]:
    tables = []
    for counts in stratum_rows.values():
        (a, b), (c, d) = counts
        if a + b > 0 and c + d > 0:
            tables.append(np.array([[a, b], [c, d]], dtype=float))
    if not tables:
        return None, None, None
    table = StratifiedTable(tables)
    with np.errstate(all="ignore"):
        odds = float(table.oddsratio_pooled)
        low, high = (float(x) for x in table.oddsratio_pooled_confint())
    clean = lambda x: x if math.isfinite(x) else None  # noqa: E731
    return clean(odds), clean(low), clean(high)


def findings(doc: dict[str, Any], frames: dict[str, pd.DataFrame], as_of: date | None = None) -> list[dict[str, Any]]:
    accounts = [{str(k).strip().lower(): str(v) for k, v in r.items()} for r in frames["accounts"].to_dict("records")]
    success = _success_units(doc, frames, as_of)
    scopes = [(d, accounts) for d in doc.get("disqualifiers", [])]
    for seg in doc["segments"]:
        if seg.get("status", "active") == "retired":
            continue
        inside = [a for a in accounts if all_hold(seg.get("rules", []), a)]
        scopes += [(d, inside) for d in seg.get("disqualifiers", [])]
    out, tests = [], []
    for dq, scope in scopes:
        for attribute in doc.get("sensitive_attributes", []):
            members = [a for a in scope if a.get(attribute, "").strip() != ""]
            groups = _groups([a[attribute].strip() for a in members])
            flags = [1 if all_hold(dq["rules"], a) else 0 for a in members]
            stats: dict[str, dict[str, Any]] = {}
            strata: dict[str, list[list[int]]] = {}
            for account, group, flag in zip(members, groups, flags, strict=True):
                s = stats.setdefault(group, {"n": 0, "disqualified": 0})
                s["n"] += 1
                s["disqualified"] += flag
                unit = success.get(account["account_id"].strip())
                if unit is not None:
                    cell = strata.setdefault(group, [[0, 0], [0, 0]])
                    cell[0 if flag else 1][0 if unit else 1] += 1
            for s in stats.values():
                s["selection_rate"] = 1 - s["disqualified"] / s["n"]
            big = [(g, s) for g, s in stats.items() if s["n"] >= 30]
            reference = min(big, key=lambda gs: (-gs[1]["selection_rate"], -gs[1]["n"], gs[0]))[0] if big else None
            ref_rate = stats[reference]["selection_rate"] if reference else None
            v = _cramers_v(flags, groups)
            mh, low, high = _mh(strata)
            for group in sorted(stats):
                s = stats[group]
                row = {
                    "disqualifier": dq["id"],
                    "attribute": attribute,
                    "group": group,
                    "n": s["n"],
                    "disqualified": s["disqualified"],
                    "selection_rate": s["selection_rate"],
                    "reference_group": reference,
                    "impact_ratio": (s["selection_rate"] / ref_rate) if ref_rate else None,
                    "p_value": None,
                    "q_value": None,
                    "cramers_v": v,
                    "mh_odds_ratio": mh,
                    "mh_low": low,
                    "mh_high": high,
                    "justified": high is not None and high < 1,
                }
                if reference and group != reference and s["n"] >= 30:
                    r = stats[reference]
                    table = [
                        [s["disqualified"], s["n"] - s["disqualified"]],
                        [r["disqualified"], r["n"] - r["disqualified"]],
                    ]
                    row["p_value"] = float(fisher_exact(table, alternative="two-sided")[1])
                    tests.append(row)
                out.append(row)
    if tests:
        qs = multipletests([t["p_value"] for t in tests], method="fdr_bh")[1]
        for t, q in zip(tests, qs, strict=True):
            t["q_value"] = float(q)
    for row in out:
        row["flagged"] = bool(
            row["n"] >= 30
            and row["impact_ratio"] is not None
            and row["impact_ratio"] < 0.8
            and row["q_value"] is not None
            and row["q_value"] < 0.05
        )
        if row["n"] < 30:
            row["severity"] = "insufficient_data"
        elif row["flagged"]:
            row["severity"] = "medium" if row["justified"] else "high"
        else:
            row["severity"] = "none"
    return out

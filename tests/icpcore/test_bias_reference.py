"""The bias check against an independent reference: plain pandas and scipy over the raw account
rows (no count tables, no statsmodels), every number compared to 1e-9 on random bundles."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2_contingency, fisher_exact

from icpcore.bias import bias_report
from icpcore.icp import parse_icp
from icpcore.rules import pandas_mask
from tests.icpcore.bias_bundles import AS_OF, base_doc, frames_for, load, random_accounts, save_doc

Z = 1.959963984540054

DOC = base_doc(
    sensitive_attributes=["owner_gender", "founder_age_band", "founder_age"],
    disqualifiers=[
        {
            "id": "bootstrapped",
            "name": "Bootstrapped",
            "rules": [{"field": "funding_stage", "op": "eq", "value": "bootstrapped"}],
        },
        {"id": "tiny", "name": "Tiny", "rules": [{"field": "employees", "op": "lt", "value": 60}]},
        {
            "id": "public",
            "name": "Public",
            "status": "paused",
            "rules": [{"field": "industry", "op": "eq", "value": "Government"}],
        },
    ],
    segments=[
        {
            "id": "saas",
            "name": "SaaS",
            "rules": [{"field": "industry", "op": "in", "value": ["Software", "SaaS"]}],
            "disqualifiers": [
                {"id": "tiny", "name": "Tiny SaaS", "rules": [{"field": "employees", "op": "lt", "value": 200}]},
            ],
        },
        {
            "id": "old",
            "name": "Retired",
            "status": "retired",
            "disqualifiers": [{"id": "x", "name": "x", "rules": [{"field": "region", "op": "eq", "value": "NA"}]}],
        },
    ],
)


# -- the reference: one function per contract clause, written from the text -------------------
def ref_groups(values: pd.Series) -> pd.Series:
    """Trimmed values; numeric attributes cut into quartiles named Q1.. (qcut over the scope)."""
    values = values.str.strip()
    values = values[values != ""]
    try:
        numbers = values.astype(float)
    except ValueError:
        return values
    codes = pd.qcut(numbers, 4, duplicates="drop").cat.codes
    return ("Q" + (codes + 1).astype(str)).where(codes >= 0).dropna()


def ref_bh(p: list[float]) -> list[float]:
    """Benjamini-Hochberg step-up, by hand."""
    m, order = len(p), np.argsort(p)
    q, running = np.empty(m), 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return list(q)


def ref_cramers_v(flag: pd.Series, groups: pd.Series) -> float:
    table = pd.crosstab(flag, groups)
    if table.shape[0] < 2 or table.shape[1] < 2:
        return 0.0
    chi2 = chi2_contingency(table.to_numpy(), correction=False)[0]
    return math.sqrt(chi2 / table.to_numpy().sum())


def ref_mh(flag: pd.Series, groups: pd.Series, success: pd.Series) -> tuple[Any, Any, Any]:
    """Mantel-Haenszel odds ratio with the Robins-Breslow-Greenland interval, by hand."""
    sums = dict.fromkeys(("R", "S", "PR", "PS_QR", "QS"), 0.0)
    for g in groups.unique():
        in_g = groups.index[groups == g]
        f, s = flag[in_g], success[in_g]
        a, b = int((f & s).sum()), int((f & ~s).sum())
        c, d = int((~f & s).sum()), int((~f & ~s).sum())
        if a + b == 0 or c + d == 0:
            continue
        n = a + b + c + d
        r, s_, p, q = a * d / n, b * c / n, (a + d) / n, (b + c) / n
        sums["R"] += r
        sums["S"] += s_
        sums["PR"] += p * r
        sums["PS_QR"] += p * s_ + q * r
        sums["QS"] += q * s_
    if sums["R"] == 0 or sums["S"] == 0:
        odds = None if sums["R"] == sums["S"] == 0 or sums["S"] == 0 else 0.0
        return odds, None, None
    R, S = sums["R"], sums["S"]
    var = sums["PR"] / (2 * R * R) + sums["PS_QR"] / (2 * R * S) + sums["QS"] / (2 * S * S)
    log_or = math.log(R / S)
    return R / S, math.exp(log_or - Z * math.sqrt(var)), math.exp(log_or + Z * math.sqrt(var))


def ref_screen(flag: pd.Series, groups: pd.Series, unit: pd.Series, success: pd.Series) -> list[dict]:
    """One disqualifier x attribute: a row per group; p-values still without q."""
    flag = flag[groups.index]
    table = pd.DataFrame({"n": groups.value_counts(), "d": flag.groupby(groups).sum()}).fillna(0)
    table["sr"] = 1 - table["d"] / table["n"]
    large = table[table["n"] >= 30].reset_index(names="g")
    ref = sorted(large.itertuples(), key=lambda t: (-t.sr, -t.n, t.g))[0] if len(large) else None
    v = ref_cramers_v(flag, groups)
    units = groups[unit[groups.index]]  # MH over the mature units, grouped as in the whole scope
    mh = ref_mh(flag[units.index], units, success[units.index])
    rows = []
    for g, t in table.iterrows():
        p = None
        if ref is not None and t.n >= 30 and g != ref.g:
            p = fisher_exact(np.array([[t.d, t.n - t.d], [ref.d, ref.n - ref.d]], dtype=int)).pvalue
        rows.append(
            {
                "group": g,
                "n": int(t.n),
                "disqualified": int(t.d),
                "selection_rate": t.sr,
                "reference_group": ref.g if ref is not None else None,
                "impact_ratio": t.sr / ref.sr if ref is not None and ref.sr > 0 else None,
                "p_value": p,
                "cramers_v": v,
                "mh_odds_ratio": mh[0],
                "mh_low": mh[1],
                "mh_high": mh[2],
            }
        )
    return rows


def _severity(row: dict) -> str:
    if row["n"] < 30:
        return "insufficient_data"
    if not row["flagged"]:
        return "none"
    return "medium" if row["justified"] else "high"


def reference_findings(doc: dict, accounts: pd.DataFrame, unit: np.ndarray, success: np.ndarray) -> list[dict]:
    icp = parse_icp(doc)
    everyone = pd.Series(True, index=accounts.index)
    scopes = [(d, None, everyone) for d in icp.disqualifiers]
    for seg in icp.live_segments():
        scopes += [(d, seg.id, pandas_mask(seg.rules, accounts)) for d in seg.disqualifiers]
    is_unit, won = pd.Series(unit, index=accounts.index), pd.Series(success, index=accounts.index)
    rows = []
    for dq, segment, in_scope in scopes:
        flag = pandas_mask(dq.rules, accounts) & in_scope
        for attribute in icp.sensitive_attributes:
            groups = ref_groups(accounts.loc[in_scope, attribute])
            for row in ref_screen(flag, groups, is_unit, won):
                rows.append(row | {"disqualifier": dq.id, "segment": segment, "attribute": attribute})
    tested = [r for r in rows if r["p_value"] is not None]
    for r, q in zip(tested, ref_bh([r["p_value"] for r in tested]), strict=True):
        r["q_value"] = q
    for r in rows:
        r.setdefault("q_value", None)
        r["flagged"] = r["n"] >= 30 and (r["impact_ratio"] or 1) < 0.8 and (r["q_value"] or 1) < 0.05
        r["justified"] = r["mh_high"] is not None and r["mh_high"] < 1
        r["severity"] = _severity(r)
    return rows


# -- the comparison ----------------------------------------------------------------------------
def _key(row: dict) -> tuple:
    return (row["segment"] or "", row["disqualifier"], row["attribute"], row["group"])


def assert_same(ours: list[dict], theirs: list[dict]) -> None:
    assert sorted(map(_key, ours)) == sorted(map(_key, theirs))
    by_key = {_key(r): r for r in theirs}
    for row in ours:
        expected = by_key[_key(row)]
        for field, value in expected.items():
            got = row[field]
            if isinstance(value, float) or isinstance(got, float):
                assert (got is None) == (value is None), (field, row, expected)
                if value is not None:
                    assert got == pytest.approx(value, rel=1e-9, abs=1e-9), (field, _key(row))
            else:
                assert got == value, (field, _key(row), got, value)


def _correlated_bundle(seed: int, n: int) -> tuple[pd.DataFrame, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    accounts = random_accounts(rng, n)
    female = (accounts["owner_gender"] == "female").to_numpy()
    accounts.loc[female & (rng.random(n) < 0.35), "funding_stage"] = "Bootstrapped"
    accounts.loc[rng.random(n) < 0.02, "founder_age_band"] = " tiny "  # a small group, trimmed
    small = accounts["employees"].astype(int).to_numpy() < 60
    unit = rng.random(n) < 0.8
    success = rng.random(n) < np.where(small, 0.1, 0.35)
    return accounts, unit, success


@pytest.mark.parametrize("seed", [11, 12])
def test_matches_the_independent_reference(store, seed):
    accounts, unit, success = _correlated_bundle(seed, 1500)
    load(store, frames_for(accounts, unit, success))
    save_doc(store, DOC)
    report = bias_report(store, as_of=AS_OF)
    assert report["as_of"] == AS_OF.isoformat()
    expected = reference_findings(DOC, accounts, unit, success)
    assert_same(report["findings"], expected)
    # The bundle exercises every branch worth comparing.
    assert {r["severity"] for r in expected} >= {"insufficient_data", "none", "high"}
    assert {r["segment"] for r in report["findings"]} == {None, "saas"}
    assert {r["attribute"] for r in report["findings"]} == set(DOC["sensitive_attributes"])

"""Possible proxies: rule fields (and single rules) that travel with a sensitive attribute."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy.stats.contingency import association

from icpcore import history
from icpcore.proxies import PROXY_THRESHOLD, proxy_findings, proxy_warnings, rule_fields
from tests.icpcore.bias_bundles import base_doc, frames_for, load, save_doc

N = 1200


def _accounts(seed: int = 3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    gender = rng.choice(np.array(["female", "male"], dtype=object), N)
    age = rng.integers(22, 70, N)
    return pd.DataFrame(
        {
            "account_id": [f"a{i}" for i in range(N)],
            "industry": rng.choice(["Software", "Retail"], N),
            "employees": rng.integers(1, 500, N).astype(str),
            "region": "EMEA",
            # a three-valued field whose one value follows gender
            "funding_stage": np.where(
                (gender == "female") & (rng.random(N) < 0.7), "Bootstrapped", rng.choice(["Seed", "Series A"], N)
            ),
            "tech_stack": rng.choice(["Cloud", "On-prem"], N),  # independent
            "years_in_business": (age - 20 + rng.integers(0, 3, N)).astype(str),  # numeric, follows age
            "owner_gender": gender,
            "founder_age": age.astype(str),
        }
    )


def _doc() -> dict:
    return base_doc(
        sensitive_attributes=["owner_gender", "founder_age"],
        disqualifiers=[
            {"id": "boot", "name": "Boot", "rules": [{"field": "funding_stage", "op": "eq", "value": "Bootstrapped"}]},
            {"id": "onprem", "name": "On-prem", "rules": [{"field": "tech_stack", "op": "eq", "value": "On-prem"}]},
        ],
        segments=[
            {
                "id": "seasoned",
                "name": "Seasoned",
                "rules": [{"field": "years_in_business", "op": "gte", "value": 10}],
            }
        ],
    )  # fmt: skip


@pytest.fixture
def loaded(store):
    accounts = _accounts()
    load(store, frames_for(accounts, np.zeros(N, dtype=bool), np.zeros(N, dtype=bool)))
    save_doc(store, _doc())
    return store, accounts, history.current(store).document


def _v(x: pd.Series, y: pd.Series) -> float:
    return float(association(pd.crosstab(x, y).to_numpy(), method="cramer", correction=False))


def test_fields_and_rules_that_travel_with_an_attribute_are_pointed_out(loaded):
    store, accounts, doc = loaded
    assert rule_fields(doc) == ["funding_stage", "tech_stack", "years_in_business"]
    found = {(w.field, w.attribute, w.rule): w for w in proxy_findings(store, doc, threshold=0.0)}
    field = found["funding_stage", "owner_gender", None]
    assert field.cramers_v == pytest.approx(_v(accounts["funding_stage"], accounts["owner_gender"]), rel=1e-12)
    rule = found["funding_stage", "owner_gender", "Funding stage is Bootstrapped"]
    bootstrapped = accounts["funding_stage"] == "Bootstrapped"
    assert rule.cramers_v == pytest.approx(_v(bootstrapped, accounts["owner_gender"]), rel=1e-12)
    years = pd.qcut(accounts["years_in_business"].astype(float), 4, duplicates="drop")
    ages = pd.qcut(accounts["founder_age"].astype(float), 4, duplicates="drop")
    numeric = found["years_in_business", "founder_age", None]
    assert numeric.cramers_v == pytest.approx(_v(years, ages), rel=1e-12) and numeric.n == N
    assert found["tech_stack", "owner_gender", None].cramers_v < 0.1


def test_warnings_are_plain_sentences_at_the_threshold(loaded):
    store, _, doc = loaded
    warnings = proxy_warnings(store, doc)
    assert any(w.startswith("`funding_stage` may stand in for `owner_gender` (Cramer's V 0.") for w in warnings)
    assert any(w.startswith("`years_in_business` may stand in for `founder_age`") for w in warnings)
    assert not any("tech_stack" in w for w in warnings)
    strong = proxy_findings(store, doc)
    assert all(w.cramers_v >= PROXY_THRESHOLD for w in strong)
    assert [w.cramers_v for w in strong] == sorted((w.cramers_v for w in strong), reverse=True)


def test_nothing_to_compare_gives_no_warnings(store):
    load(store, frames_for(_accounts().head(40), np.zeros(40, dtype=bool), np.zeros(40, dtype=bool)))
    save_doc(store, base_doc(sensitive_attributes=[], disqualifiers=_doc()["disqualifiers"]))
    assert proxy_warnings(store, history.current(store).document) == []

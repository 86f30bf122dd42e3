"""Peer check on real data: fairlearn's MetricFrame gives the same selection rates and ratios as the
bias check for the rule "hours-per-week under 35" on a sample of UCI Adult (tests/data)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from fairlearn.metrics import MetricFrame, selection_rate

from icpcore.bias import bias_report
from tests.icpcore.bias_bundles import AS_OF, base_doc, frames_for, load, save_doc

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "uci_adult_sample.csv"
RULE = {"field": "hours-per-week", "op": "lt", "value": 35}


def adult_accounts() -> pd.DataFrame:
    """The sample as accounts: an account_id added, and the contract's required columns filled
    from the census ones (industry = workclass, region = native-country, one person each)."""
    people = pd.read_csv(SAMPLE, dtype=str, keep_default_na=False)
    accounts = people.assign(
        account_id=[f"p{i:05d}" for i in range(len(people))],
        industry=people["workclass"],
        region=people["native-country"],
        employees="1",
    )
    return accounts


@pytest.fixture
def report(store):
    accounts = adult_accounts()
    rich = (accounts["income"] == ">50K").to_numpy()  # success: mature units that earn more than 50K
    load(store, frames_for(accounts, np.ones(len(accounts), dtype=bool), rich))
    doc = base_doc(
        sensitive_attributes=["sex", "race"],
        disqualifiers=[{"id": "part_time", "name": "Under 35 hours a week", "rules": [RULE]}],
    )
    save_doc(store, doc)
    return bias_report(store, as_of=AS_OF), accounts


@pytest.mark.parametrize("attribute", ["sex", "race"])
def test_selection_rates_and_ratios_match_fairlearn(report, attribute):
    found, accounts = report
    kept = (accounts["hours-per-week"].astype(float) >= 35).astype(int)
    frame = MetricFrame(
        metrics=selection_rate, y_true=kept, y_pred=kept, sensitive_features=accounts[attribute].rename(attribute)
    )
    rows = {r["group"]: r for r in found["findings"] if r["attribute"] == attribute}
    assert set(rows) == set(frame.by_group.index)
    for group, rate in frame.by_group.items():
        assert rows[group]["selection_rate"] == pytest.approx(rate, rel=1e-12)
    reference = next(iter(rows.values()))["reference_group"]
    for group, rate in frame.by_group.items():
        assert rows[group]["impact_ratio"] == pytest.approx(rate / frame.by_group[reference], rel=1e-12)
    large = [g for g, r in rows.items() if r["n"] >= 30]
    if len(large) == len(rows):  # every group counts: fairlearn's min/max ratio is our smallest impact ratio
        assert min(r["impact_ratio"] for r in rows.values()) == pytest.approx(frame.ratio(), rel=1e-12)


def test_part_time_rule_is_screened_as_the_contract_says(report):
    """In the 1994 census women work under 35 hours far more often (a clear difference), yet the
    rule keeps them at about 0.84 of the men's rate: above four-fifths, so it is not flagged."""
    found, _ = report
    sex = {r["group"]: r for r in found["findings"] if r["attribute"] == "sex"}
    female = sex["Female"]
    assert sex["Male"]["reference_group"] == "Male"
    assert female["q_value"] < 1e-6 and 0.8 < female["impact_ratio"] < 0.85
    assert not female["flagged"] and female["severity"] == "none"
    # Part-time work predicts a lower income within each sex: the data show a business reason.
    assert female["justified"] and female["mh_high"] < 1
    race = {r["group"]: r for r in found["findings"] if r["attribute"] == "race"}
    assert race["Amer-Indian-Eskimo"]["severity"] == "insufficient_data"  # 12 people in the sample
    assert race["Amer-Indian-Eskimo"]["p_value"] is None

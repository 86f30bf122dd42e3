"""Every indicator on small hand-computed bundles, with the edges of CONTRACT section 4:
maturity on the boundary day, events after as-of and at the as-of instant, second signups,
refunds outside the window, pooling over months, n = 0."""

from __future__ import annotations

import math

import pytest

from icpcore.metrics.compute import indicator_table
from tests.icpcore.metrics.fixtures import load, save_doc
from tests.icpcore.metrics.helpers import assert_rate, cell, has_row

DOC = {
    "name": "indicators test",
    "success": {"event": "paid", "window_days": 90},
    "qualification_window_days": 30,
    "disqualifiers": [{"id": "tiny", "name": "Tiny", "rules": [{"field": "employees", "op": "lt", "value": 5}]}],
    "segments": [
        {"id": "old", "name": "Old", "status": "retired", "rules": [{"field": "industry", "op": "eq", "value": "x"}]},
        {"id": "saas", "name": "SaaS", "rules": [{"field": "industry", "op": "eq", "value": "Software"}]},
        {"id": "fin", "name": "Fintech", "rules": [{"field": "industry", "op": "eq", "value": "Fintech"}]},
    ],
}
ACCOUNTS = "\n".join(
    ["account_id,industry,employees,region"]
    + [f"a{i},Software,100,EU" for i in range(1, 13)]
    + [f"f{i},Fintech,200,US" for i in range(1, 4)]
    + [f"r{i},Retail,10,US" for i in range(1, 5)]
    + ["t1,Software,2,US"]
)
SEGMENTS = ["saas", "fin", "non_icp", "disqualified", "all"]


@pytest.fixture
def bundle(store):
    """Load CSV snippets under the test ICP; returns the store."""
    save_doc(store, DOC)

    def _load(**kinds: str):
        load(store, accounts=ACCOUNTS, **kinds)
        return store

    return _load


LEADS = """
lead_id,account_id,created_at,channel,campaign,qualified_at
L1,a1,2026-03-02T00:00:00,Ads,,2026-03-31T23:59:59
L2,a1,2026-03-02T00:00:01,Ads,,2026-03-03
L3,a1,2026-01-10,Ads,,2026-02-09T00:00:00
L4,a2,2026-01-10,Ads,,2026-02-09T00:00:01
L5,a2,2026-01-15,Ads,,
L6,a1,2026-04-01T00:00:00,Ads,,2026-04-01
L7,f1,2026-03-02T00:00:00,ads,,2026-04-01T00:00:00
L8,r1,2026-02-20,Email ,,2026-02-21
"""


def test_leads_and_qualified_rate(bundle):
    store = bundle(leads=LEADS)
    by_month = indicator_table(store, as_of="2026-03-31", by="segment,month")
    # L1 is mature on the boundary day (created + 30 days is the as-of instant) and qualified
    # one second before it; L2 is one second too young; L3 qualifies exactly 30 days after
    # creation, L4 one second later; L6 is created at the as-of instant and does not count.
    assert cell(by_month, "saas", "leads", "2026-01")[::3] == (3, 3)
    assert_rate(cell(by_month, "saas", "qualified_rate", "2026-01"), 1, 3)
    assert cell(by_month, "saas", "leads", "2026-03")[::3] == (2, 2)
    assert_rate(cell(by_month, "saas", "qualified_rate", "2026-03"), 1, 1)
    # L7 qualifies exactly at the as-of instant: not before it, so not counted.
    assert_rate(cell(by_month, "fin", "qualified_rate", "2026-03"), 0, 1)
    assert_rate(cell(by_month, "non_icp", "qualified_rate", "2026-02"), 1, 1)
    assert_rate(cell(by_month, "all", "qualified_rate", "2026-03"), 1, 2)
    assert not has_row(by_month, "saas", "leads", "2026-04")
    assert not has_row(by_month, "saas", "leads", "2026-02")  # no units, no row


def test_pooling_over_months_sums_units(bundle):
    store = bundle(leads=LEADS)
    pooled = indicator_table(store, as_of="2026-03-31", by="segment", months=3)
    assert cell(pooled, "saas", "leads")[::3] == (5, 5)
    assert_rate(cell(pooled, "saas", "qualified_rate"), 2, 4)  # (1 + 1) / (3 + 1), not a mean of rates
    assert_rate(cell(pooled, "all", "qualified_rate"), 3, 6)
    last = indicator_table(store, as_of="2026-03-31", by="segment", months=1)
    assert_rate(cell(last, "saas", "qualified_rate"), 1, 1)
    default = indicator_table(store, as_of="2026-03-31")  # by segment, 3 months
    assert cell(default, "all", "leads")[::3] == (7, 7)


def test_channel_filter_narrows_lead_metrics(bundle):
    store = bundle(leads=LEADS)
    email = indicator_table(store, as_of="2026-03-31", by="segment", months=3, channel=" EMAIL")
    assert cell(email, "saas", "leads")[::3] == (0, 0)
    assert cell(email, "non_icp", "leads")[::3] == (1, 1)
    assert cell(email, "saas", "qualified_rate") == (None, None, None, 0)


def test_win_rate_by_close_month(bundle):
    store = bundle(
        opportunities="""
        opportunity_id,account_id,created_at,closed_at,stage,won
        O1,a1,2026-01-05,2026-03-31T23:59:59,won,true
        O2,a1,2026-01-05,2026-04-01T00:00:00,won,true
        O3,a1,2026-01-05,,open,
        O4,a2,2026-01-05,2026-02-10,lost,no
        O5,f1,2026-03-01,2026-03-05,lost,0
        """
    )
    table = indicator_table(store, as_of="2026-03-31", by="segment,month")
    assert_rate(cell(table, "saas", "win_rate", "2026-03"), 1, 1)
    assert_rate(cell(table, "saas", "win_rate", "2026-02"), 0, 1)  # the close month, not the created one
    assert not has_row(table, "saas", "win_rate", "2026-01")
    assert_rate(cell(table, "all", "win_rate", "2026-03"), 1, 2)


SIGNUPS = """
account_id,event,occurred_at
a1,signup,2026-03-18T00:00:00
a1,first_value,2026-03-31T12:00:00
a2,Signup,2026-01-05
a2,signup,2026-02-01
a2,first_value,2026-01-04
a2,first_value,2026-01-25
a5,signup,2026-02-10
a5,first_value,2026-02-24T00:00:00
a6,signup,2026-03-20
a6,first_value,2026-03-21
a7,signup,2026-01-01
a8,signup,2026-03-25
a8,first_value,2026-04-01T00:00:00
a9,signup,2026-01-10
a9,first_value,2026-01-10T06:00:00
a10,signup,2026-02-03
a10,first_value,2026-02-05
f1,first_value,2026-02-05
"""


def test_first_value_rate_with_second_signups(bundle):
    store = bundle(product_events=SIGNUPS)
    table = indicator_table(store, as_of="2026-03-31", by="segment,month")
    # Jan: a2 (first signup Jan 5; its first value 20 days later), a7 (none), a9 (6 hours).
    assert_rate(cell(table, "saas", "first_value_rate", "2026-01"), 1, 3)
    # Feb: a5 exactly 14 days after, a10 after 2 days; a2's second signup is not a new unit.
    assert_rate(cell(table, "saas", "first_value_rate", "2026-02"), 2, 2)
    # Mar: a1 is mature on the boundary day (signup + 14 days = as-of instant); a6, a8 are not.
    assert_rate(cell(table, "saas", "first_value_rate", "2026-03"), 1, 1)


def test_time_to_first_value_median_and_interval(bundle):
    store = bundle(product_events=SIGNUPS)
    pooled = indicator_table(store, as_of="2026-03-31", by="segment", months=3)
    # Units: a9 0.25, a6 1, a10 2, a1 13.5, a5 14, a2 20 days (a8's first value is at the
    # as-of instant; a7 has none). n = 6: j = binom.ppf(0.025, 6, 0.5) = 1 -> [x(1), x(6)].
    assert cell(pooled, "saas", "time_to_first_value_days") == (7.75, 0.25, 20.0, 6)
    by_month = indicator_table(store, as_of="2026-03-31", by="segment,month")
    # n = 2: j = 0, so no interval.
    assert cell(by_month, "saas", "time_to_first_value_days", "2026-01") == (10.125, None, None, 2)
    assert cell(by_month, "saas", "time_to_first_value_days", "2026-03") == (7.25, None, None, 2)
    assert not has_row(by_month, "fin", "time_to_first_value_days", "2026-02")  # no signup


def test_median_interval_with_larger_j(bundle):
    # 20 units of 1..20 days: j = binom.ppf(0.025, 20, 0.5) = 6 -> [x(6), x(15)].
    events = ["account_id,event,occurred_at"]
    accounts = [f"a{i}" for i in range(1, 13)] + [f"f{i}" for i in range(1, 4)] + [f"r{i}" for i in range(1, 5)]
    accounts.append("t1")
    for day, account in enumerate(accounts, start=1):
        events += [f"{account},signup,2026-01-01", f"{account},first_value,2026-01-{1 + day:02d}"]
    store = bundle(product_events="\n".join(events))
    table = indicator_table(store, as_of="2026-03-31", by="segment", months=3)
    assert cell(table, "all", "time_to_first_value_days") == (10.5, 6.0, 15.0, 20)
    assert cell(table, "disqualified", "time_to_first_value_days") == (20.0, None, None, 1)


BILLING = """
account_id,event,occurred_at
a1,purchase,2026-03-01
a1,purchase,2026-04-01
a1,refund,2026-03-31T00:00:00
a1,churn,2026-05-31
a2,purchase,2026-03-10
a2,refund,2026-04-10
a2,downgrade,2026-06-08T00:00:00
a2,churn,2026-06-08
f1,refund,2026-03-01
f1,purchase,2026-04-02
f1,churn,2026-07-01T00:00:00
a5,purchase,2026-06-01
a5,refund,2026-06-30T23:59:00
a6,purchase,2026-07-01T00:00:00
a7,refund,2026-05-01
"""


def test_purchase_cohorts(bundle):
    store = bundle(billing=BILLING)
    table = indicator_table(store, as_of="2026-06-30", by="segment,month")
    assert cell(table, "saas", "new_customers", "2026-03")[::3] == (2, 2)
    assert not has_row(table, "saas", "new_customers", "2026-04")  # a1's second purchase is no new customer
    assert not has_row(table, "saas", "new_customers", "2026-07")  # a6 buys at the as-of instant
    # a1 refunds exactly 30 days after; a2 after 31 days (outside the window).
    assert_rate(cell(table, "saas", "refund_rate", "2026-03"), 1, 2)
    assert_rate(cell(table, "saas", "downgrade_rate", "2026-03"), 1, 2)  # a2 exactly at 90 days
    assert_rate(cell(table, "saas", "retention_90d", "2026-03"), 1, 2)  # a1 churns on day 91
    # f1 is mature on the boundary day; its refund precedes the purchase; its churn is at the as-of instant.
    assert_rate(cell(table, "fin", "refund_rate", "2026-04"), 0, 1)
    assert_rate(cell(table, "fin", "retention_90d", "2026-04"), 1, 1)
    # a5: refund window ends at the as-of instant (mature), the 90-day ones are not mature.
    assert_rate(cell(table, "saas", "refund_rate", "2026-06"), 1, 1)
    assert not has_row(table, "saas", "retention_90d", "2026-06")
    assert cell(table, "saas", "new_customers", "2026-06")[::3] == (1, 1)


CAC_LEADS = """
lead_id,account_id,created_at,channel,campaign
c1,a1,2026-01-03,Ads,Spring
c2,a1,2026-01-04,Ads,Spring
c3,a2,2026-01-05,Ads,
c4,f1,2026-01-06,ads,spring
c5,r1,2026-01-07,search,
c6,a3,2026-03-10,Ads,
c7,f2,2026-03-20,Ads,
"""
SPEND = """
month,channel,campaign,segment,amount
2026-01,ads,,,1000
2026-01,ADS,Spring,,600
2026-01,ads,,fin,100
2026-01,ads,, saas,50
2026-01,search,,old,300
2026-01,search,,all,30
2026-01,ads,,Saas,40
2026-01,tv,,,500
2026-01,ads,autumn,,70
2026-02,ads,,fin,80
2026-03,ads,,,200
2026-04,ads,,,999
"""
CAC_BILLING = """
account_id,event,occurred_at
a1,purchase,2026-01-20
a2,purchase,2026-01-25
f1,purchase,2026-01-05
r1,purchase,2026-01-09
a5,purchase,2026-03-01
"""


def test_cac_attribution(bundle):
    store = bundle(leads=CAC_LEADS, spend=SPEND, billing=CAC_BILLING)
    table = indicator_table(store, as_of="2026-03-15", by="segment,month")
    # Jan, saas: 3/4 of untagged ads 1000, 2/3 of the Spring 600, the trimmed ' saas' tag 50,
    # 3/4 of the mis-cased 'Saas' 40 (not a live id) -> 1230 over 2 new customers.
    assert cell(table, "saas", "cac", "2026-01") == (615.0, None, None, 2)
    assert cell(table, "fin", "cac", "2026-01") == (560.0, None, None, 1)  # 250 + 200 + 100 + 10
    # Retired ('old') and reserved ('all') tags share out by the search leads: all non_icp.
    assert cell(table, "non_icp", "cac", "2026-01") == (330.0, None, None, 1)
    # all: the whole month, unattributed tv and autumn spend included: 2690 over 4.
    assert cell(table, "all", "cac", "2026-01") == (672.5, None, None, 4)
    # Feb: spend but no new customers -> a row with a null value and n = 0.
    assert cell(table, "fin", "cac", "2026-02") == (None, None, None, 0)
    # Mar: only leads created before the as-of instant weigh (f2's lead is on the 20th).
    assert cell(table, "saas", "cac", "2026-03") == (200.0, None, None, 1)
    assert not has_row(table, "fin", "cac", "2026-03")
    assert not has_row(table, "all", "cac", "2026-04")  # months after as-of are ignored
    assert not has_row(table, "disqualified", "cac", "2026-01")


def test_cac_pooled(bundle):
    store = bundle(leads=CAC_LEADS, spend=SPEND, billing=CAC_BILLING)
    table = indicator_table(store, as_of="2026-03-15", by="segment", months=3)
    assert math.isclose(cell(table, "saas", "cac")[0], 1430 / 3, rel_tol=1e-15)
    assert cell(table, "fin", "cac") == (640.0, None, None, 1)
    assert cell(table, "all", "cac") == (2970 / 5, None, None, 5)
    assert cell(table, "disqualified", "cac") == (None, None, None, 0)


def test_success_rate(bundle):
    store = bundle(
        leads="""
        lead_id,account_id,created_at,channel
        s1,a1,2026-01-01,ads
        s2,a2,2026-01-31,ads
        s3,a3,2026-02-01T12:00:00,ads
        """,
        product_events="""
        account_id,event,occurred_at
        a4,signup,2026-01-05
        """,
        billing="""
        account_id,event,occurred_at
        a1,purchase,2026-04-01
        a2,purchase,2026-05-01
        a4,purchase,2026-04-06
        """,
    )
    table = indicator_table(store, as_of="2026-04-30", by="segment,month")
    # a1 pays exactly 90 days after its first touch; a2 is mature on the boundary day but pays
    # at the as-of instant; a3 is not mature; a4 pays 91 days after its signup.
    assert_rate(cell(table, "saas", "success_rate", "2026-01"), 1, 3)
    assert not has_row(table, "saas", "success_rate", "2026-02")


def test_no_units_anywhere(bundle):
    store = bundle()
    pooled = indicator_table(store, as_of="2026-03-31")
    assert list(pooled["segment"].unique()) == SEGMENTS
    assert len(pooled) == len(SEGMENTS) * 11
    for segment in SEGMENTS:
        assert cell(pooled, segment, "leads") == (0, None, None, 0)
        assert cell(pooled, segment, "new_customers") == (0, None, None, 0)
        for metric in ("qualified_rate", "time_to_first_value_days", "cac", "success_rate"):
            assert cell(pooled, segment, metric) == (None, None, None, 0)
    assert indicator_table(store, as_of="2026-03-31", by="segment,month").empty


def test_months_filter_for_by_month(bundle):
    store = bundle(leads=LEADS)
    table = indicator_table(store, as_of="2026-03-31", by="segment,month", months=2)
    assert set(table["month"]) == {"2026-02", "2026-03"}
    assert set(indicator_table(store, as_of="2026-03-31", by="segment,month")["month"]) == {
        "2026-01",
        "2026-02",
        "2026-03",
    }

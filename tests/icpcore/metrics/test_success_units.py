"""`success_units`: mature success_rate units with their success flag (joined by the bias check)."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from icpcore.icp import parse_icp
from icpcore.metrics.asof import as_of_instant
from icpcore.metrics.queries import success_units
from tests.icpcore.metrics.fixtures import BASE_DOC, load

ACCOUNTS = "account_id,industry,employees,region\n" + "\n".join(f"a{i},Software,100,EU" for i in range(1, 9))

BUNDLE = {
    "accounts": ACCOUNTS,
    "leads": """
        lead_id,account_id,created_at,channel,qualified_at
        l1,a1,2026-01-01,ads,
        l2,a2,2026-01-10,ads,2026-01-11
        l3,a3,2026-01-01,ads,
        l4,a4,2026-02-01T12:00:00,ads,2026-02-02
        l5,a5,2026-01-31,ads,2026-05-01
        l7,a7,2026-05-02,ads,2026-05-03
        l8,a8,2026-01-01,ads,2026-04-01T00:00:00
    """,
    "product_events": """
        account_id,event,occurred_at
        a2,SIGNUP,2026-01-05
        a2,signup,2026-01-20
        a1,first_value,2026-03-01
        a3,first_value,2025-12-31
    """,
    "billing": """
        account_id,event,occurred_at
        a1,purchase,2026-03-01
        a2,purchase,2026-04-05
        a3,purchase,2026-04-02
        a5,purchase,2026-05-01
        a6,purchase,2026-01-01
    """,
}
AS_OF = as_of_instant(date(2026, 4, 30))  # T = 2026-05-01 00:00 UTC


def _units(store, event: str) -> dict[str, int]:
    raw = copy.deepcopy(BASE_DOC)
    raw["success"] = {"event": event, "window_days": 90}
    with store.read() as uow:
        rows = uow.session.execute(success_units(parse_icp(raw), AS_OF))
        return {account: int(success) for account, success in rows}


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        # a2: first touch is the signup (Jan 5), and Apr 5 is exactly t + 90 days (closed range).
        # a3: purchase one day late. a4: immature. a5: mature on the boundary, but its purchase
        # lands at the as-of instant, which is not before it. a6: no touch. a7: after as-of.
        ("paid", {"a1": 1, "a2": 1, "a3": 0, "a5": 0, "a8": 0}),
        # a8 qualifies exactly at t + 90 days; a5 at the as-of instant does not count.
        ("qualified_lead", {"a1": 0, "a2": 1, "a3": 0, "a5": 0, "a8": 1}),
        # a3's first_value is before its first touch.
        ("trial_activation", {"a1": 1, "a2": 0, "a3": 0, "a5": 0, "a8": 0}),
    ],
)
def test_success_units(store, event, expected):
    load(store, **BUNDLE)
    assert _units(store, event) == expected

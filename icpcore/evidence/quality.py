"""Data-quality checks over the stored evidence, as a checklist: missing values, dates out of
order, orphans, duplicates. Each check is one aggregate query; none loads rows into Python.

The importer already refuses what the contract forbids; these checks find what it allows but
a reviewer should look at (won deals without an amount, deals closed before they were created,
events imported twice, evidence dated in the future).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from icpcore.store.models import Account, BillingEvent, Lead, Note, Opportunity, ProductEvent, Spend
from icpcore.store.uow import Store

GROUPS = ("Missing values", "Dates out of order", "Orphans", "Duplicates")


@dataclass(frozen=True)
class Check:
    group: str
    label: str
    count: int  # rows to review
    total: int  # rows checked
    advice: str

    @property
    def ok(self) -> bool:
        return self.count == 0


def _count(s: Session, model: Any, *where: ColumnElement[bool]) -> int:
    return int(s.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def _missing(s: Session) -> list[Check]:
    accounts, leads = _count(s, Account), _count(s, Lead)
    closed_won = (Opportunity.won.is_(True), Opportunity.closed_ts.is_not(None))
    won = _count(s, Opportunity, *closed_won)
    out = [
        Check(
            "Missing values",
            f"Accounts without {field}",
            _count(s, Account, Account.traits_ci[field].as_string().is_(None)),
            accounts,
            f"Rules on {field} treat these accounts as not matching.",
        )
        for field in ("country", "annual_revenue", "name")
    ]
    out.append(
        Check(
            "Missing values",
            "Leads without a campaign",
            _count(s, Lead, Lead.campaign.is_(None)),
            leads,
            "Cost per lead by campaign cannot place them.",
        )
    )
    out.append(
        Check(
            "Missing values",
            "Won deals without an amount",
            _count(s, Opportunity, *closed_won, Opportunity.amount.is_(None)),
            won,
            "Deal values and revenue per segment leave them out.",
        )
    )
    return out


def _first(event: str) -> Any:
    return (
        select(ProductEvent.account_id, func.min(ProductEvent.ts).label("ts"))
        .where(ProductEvent.event == event)
        .group_by(ProductEvent.account_id)
        .subquery()
    )


def _order(s: Session, now: float) -> list[Check]:
    signup, value = _first("signup"), _first("first_value")
    before_signup = select(func.count()).select_from(value.join(signup, value.c.account_id == signup.c.account_id))
    future = sum(
        _count(s, model, column > now)
        for model, column in (
            (Lead, Lead.created_ts),
            (Opportunity, Opportunity.created_ts),
            (ProductEvent, ProductEvent.ts),
            (BillingEvent, BillingEvent.ts),
            (Note, Note.created_ts),
        )
    )
    return [
        Check(
            "Dates out of order",
            "Leads qualified before they were created",
            _count(s, Lead, Lead.qualified_ts < Lead.created_ts),
            _count(s, Lead, Lead.qualified_ts.is_not(None)),
            "Time to qualify would be negative.",
        ),
        Check(
            "Dates out of order",
            "Deals closed before they were created",
            _count(s, Opportunity, Opportunity.closed_ts < Opportunity.created_ts),
            _count(s, Opportunity, Opportunity.closed_ts.is_not(None)),
            "Sales cycle lengths would be negative.",
        ),
        Check(
            "Dates out of order",
            "Accounts reaching first value before signing up",
            int(s.scalar(before_signup.where(value.c.ts < signup.c.ts)) or 0),
            int(s.scalar(select(func.count()).select_from(value)) or 0),
            "Time to first value would be negative.",
        ),
        Check(
            "Dates out of order",
            "Rows dated in the future",
            future,
            sum(_count(s, m) for m in (Lead, Opportunity, ProductEvent, BillingEvent, Note)),
            "Check the time zone and date format of the export.",
        ),
    ]


def _orphans(s: Session) -> list[Check]:
    known = select(Account.account_id)
    out = []
    for label, model in (
        ("Leads", Lead),
        ("Opportunities", Opportunity),
        ("Product events", ProductEvent),
        ("Billing events", BillingEvent),
        ("Notes", Note),
    ):
        orphans = _count(s, model, model.account_id.is_not(None), model.account_id.not_in(known))
        advice = "Import the accounts they name (the importer refuses new ones like these)."
        label = f"{label} naming an account that is not in accounts"
        out.append(Check("Orphans", label, orphans, _count(s, model), advice))
    return out


def _repeats(s: Session, model: Any, *columns: Any) -> int:
    """Rows beyond the first of each group of identical values."""
    groups = select(func.count().label("n")).select_from(model).group_by(*columns).having(func.count() > 1).subquery()
    return int(s.scalar(select(func.coalesce(func.sum(groups.c.n - 1), 0))) or 0)


def _duplicates(s: Session) -> list[Check]:
    twice = "Probably imported twice (without ids, nothing stops it): replace the kind with one clean file."
    return [
        Check(
            "Duplicates",
            "Accounts sharing a name with another account",
            _repeats(s, Account, func.lower(Account.name)) if _count(s, Account, Account.name.is_not(None)) else 0,
            _count(s, Account),
            "Two ids for one company split its evidence.",
        ),
        Check(
            "Duplicates",
            "Leads repeating another lead's account, channel and time",
            _repeats(s, Lead, Lead.account_id, Lead.channel_ci, Lead.created_ts),
            _count(s, Lead),
            "The same lead under two ids inflates lead counts.",
        ),
        Check(
            "Duplicates",
            "Product events repeated (same account, event and time)",
            _repeats(s, ProductEvent, ProductEvent.account_id, ProductEvent.event, ProductEvent.ts),
            _count(s, ProductEvent),
            twice,
        ),
        Check(
            "Duplicates",
            "Billing events repeated (same account, event, time and amount)",
            _repeats(
                s, BillingEvent, *(BillingEvent.account_id, BillingEvent.event, BillingEvent.ts, BillingEvent.amount)
            ),
            _count(s, BillingEvent),
            twice,
        ),
        Check(
            "Duplicates",
            "Spend rows repeated (same month, channel, campaign and segment)",
            _repeats(s, Spend, Spend.month, Spend.channel_ci, Spend.campaign_ci, Spend.segment),
            _count(s, Spend),
            "Repeated spend doubles the cost per lead.",
        ),
    ]


def quality_checks(store: Store, *, now: float | None = None) -> list[Check]:
    """Every check, grouped as in GROUPS."""
    with store.read() as uow:
        s = uow.session
        found = _missing(s) + _order(s, time.time() if now is None else now) + _orphans(s) + _duplicates(s)
    return sorted(found, key=lambda c: GROUPS.index(c.group))

"""The aggregation queries behind every indicator (CONTRACT section 4).

Each query groups evidence by (segment, month) in the database and returns a small count table;
statistics run on those tables elsewhere. Timestamps are UTC epoch seconds, so windows are plain
arithmetic that SQLite and PostgreSQL evaluate identically. Conventions used throughout:
- only events strictly before the as-of instant T count;
- a unit starting at t is mature when t + window <= T;
- "within W days after t" is the closed range [t, t + W days];
- the month of a first event is the min of the `month` column over the same rows (months are
  monotone in time, so it is the month of the earliest row).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, exists, func, select, union_all
from sqlalchemy.orm import aliased

from icpcore.icp import IcpDocument
from icpcore.segments import assignment_table
from icpcore.store.models import BillingEvent, Lead, Opportunity, ProductEvent
from icpcore.timeutil import DAY

FIRST_VALUE_DAYS = 14
REFUND_DAYS = 30
DOWNGRADE_DAYS = 90
RETENTION_DAYS = 90


@dataclass(frozen=True)
class Scope:
    """What every query needs: the document, the materialised assignment and the as-of instant."""

    doc: IcpDocument
    icp_version: int
    evidence_version: int
    as_of_ts: float

    def segments(self) -> Subquery:
        return assignment_table(self.icp_version, self.evidence_version).subquery("seg")


def flag(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """1 where the condition holds, else 0 (NULL comparisons count as 0)."""
    return case((condition, 1), else_=0)


def _within(event_ts: ColumnElement[float], start: ColumnElement[float], seconds: float) -> ColumnElement[bool]:
    """event in the closed range [start, start + seconds]."""
    return and_(event_ts >= start, event_ts <= start + seconds)


# -- leads ---------------------------------------------------------------------------------------
def lead_columns(index: int) -> tuple[str, str, str]:
    """The pivoted column names of segment number `index` in `lead_table`."""
    return f"leads_{index}", f"q_n_{index}", f"q_k_{index}"


def lead_table(scope: Scope, segments: list[str]) -> Select:
    """Per (month, channel, campaign), for each segment (pivoted into columns, see
    `lead_columns`): leads created before T, mature leads (q_n) and those qualified within the
    window (q_k). Grouping by segment in columns rather than rows lets the database read the
    leads once in index order (month, channel, campaign) without sorting a million rows; the
    channel filter and the spend attribution read the same table."""
    seg, T = scope.segments(), scope.as_of_ts
    window = float(scope.doc.qualification_window_days) * DAY
    mature = Lead.created_ts + window <= T
    qualified = and_(mature, _within(Lead.qualified_ts, Lead.created_ts, window), Lead.qualified_ts < T)
    columns = []
    for index, segment in enumerate(segments):
        member = seg.c.segment == segment
        names = lead_columns(index)
        columns += [  # FILTER skips the other segments' rows: cheaper than summing CASE flags
            func.count().filter(member).label(names[0]),
            func.count().filter(and_(member, mature)).label(names[1]),
            func.count().filter(and_(member, qualified)).label(names[2]),
        ]
    return (
        select(Lead.created_month.label("month"), Lead.channel_ci, Lead.campaign_ci, *columns)
        .select_from(Lead)
        .outerjoin(seg, seg.c.account_id == Lead.account_id)  # outer: keeps the leads in index order
        .where(Lead.created_ts < T)
        .group_by(Lead.created_month, Lead.channel_ci, Lead.campaign_ci)
    )


# -- opportunities ---------------------------------------------------------------------------------
def win_table(scope: Scope) -> Select:
    """Per (segment, closed month): opportunities closed before T (w_n) and won (w_k)."""
    seg, T = scope.segments(), scope.as_of_ts
    return (
        select(
            seg.c.segment,
            Opportunity.closed_month.label("month"),
            func.count().label("w_n"),
            func.sum(flag(Opportunity.won)).label("w_k"),
        )
        .select_from(Opportunity)
        .outerjoin(seg, seg.c.account_id == Opportunity.account_id)
        .where(Opportunity.closed_ts.is_not(None), Opportunity.closed_ts < T)
        .group_by(seg.c.segment, Opportunity.closed_month)
    )


# -- product events --------------------------------------------------------------------------------
def _first_event(model: type, event: str, T: float, name: str) -> Subquery:
    """Per account: the first `event` before T (t) and its month."""
    return (
        select(model.account_id, func.min(model.ts).label("t"), func.min(model.month).label("month"))
        .where(model.event == event, model.ts < T)
        .group_by(model.account_id)
        .subquery(name)
    )


def signup_units(scope: Scope) -> Subquery:
    """Per account with a signup before T: first signup `t`, its month, and `fv`, the earliest
    first_value at or after it and before T (NULL when none)."""
    T = scope.as_of_ts
    first = _first_event(ProductEvent, "signup", T, "first_signup")
    fv = aliased(ProductEvent, name="fv")
    on = and_(fv.account_id == first.c.account_id, fv.event == "first_value", fv.ts >= first.c.t, fv.ts < T)
    return (
        select(first.c.account_id, first.c.t, first.c.month, func.min(fv.ts).label("fv"))
        .select_from(first)
        .outerjoin(fv, on)
        .group_by(first.c.account_id, first.c.t, first.c.month)
        .subquery("signup_units")
    )


def signup_table(scope: Scope) -> Select:
    """Per (segment, first-signup month): first_value_rate units (f_n) and successes (f_k), and
    time-to-first-value units (v_n)."""
    seg, T, units = scope.segments(), scope.as_of_ts, signup_units(scope)
    mature = units.c.t + FIRST_VALUE_DAYS * DAY <= T
    reached = and_(mature, units.c.fv.is_not(None), units.c.fv <= units.c.t + FIRST_VALUE_DAYS * DAY)
    return (
        select(
            seg.c.segment,
            units.c.month,
            func.sum(flag(mature)).label("f_n"),
            func.sum(flag(reached)).label("f_k"),
            func.sum(flag(units.c.fv.is_not(None))).label("v_n"),
        )
        .select_from(units)
        .outerjoin(seg, seg.c.account_id == units.c.account_id)
        .group_by(seg.c.segment, units.c.month)
    )


# -- billing ---------------------------------------------------------------------------------------
def purchase_units(scope: Scope) -> Subquery:
    """Per account with a purchase before T: first purchase `t`, its month and whether a refund
    (30 days), downgrade or churn (90 days) followed within the window and before T."""
    T = scope.as_of_ts
    first = _first_event(BillingEvent, "purchase", T, "first_purchase")
    after = aliased(BillingEvent, name="after")
    on = and_(
        after.account_id == first.c.account_id,
        after.event.in_(("refund", "downgrade", "churn")),
        after.ts < T,
        _within(after.ts, first.c.t, max(REFUND_DAYS, DOWNGRADE_DAYS, RETENTION_DAYS) * DAY),
    )

    def seen(event: str, days: int) -> ColumnElement[int]:
        return func.max(flag(and_(after.event == event, after.ts <= first.c.t + days * DAY)))

    return (
        select(
            first.c.account_id,
            first.c.t,
            first.c.month,
            seen("refund", REFUND_DAYS).label("refunded"),
            seen("downgrade", DOWNGRADE_DAYS).label("downgraded"),
            seen("churn", RETENTION_DAYS).label("churned"),
        )
        .select_from(first)
        .outerjoin(after, on)
        .group_by(first.c.account_id, first.c.t, first.c.month)
        .subquery("purchase_units")
    )


def purchase_table(scope: Scope) -> Select:
    """Per (segment, first-purchase month): new customers and the refund, downgrade and 90-day
    retention units and successes."""
    seg, T, units = scope.segments(), scope.as_of_ts, purchase_units(scope)
    m30 = units.c.t + REFUND_DAYS * DAY <= T
    m90 = units.c.t + DOWNGRADE_DAYS * DAY <= T
    return (
        select(
            seg.c.segment,
            units.c.month,
            func.count().label("new_customers"),
            func.sum(flag(m30)).label("r_n"),
            func.sum(flag(and_(m30, units.c.refunded == 1))).label("r_k"),
            func.sum(flag(m90)).label("d_n"),
            func.sum(flag(and_(m90, units.c.downgraded == 1))).label("d_k"),
            func.sum(flag(and_(m90, units.c.churned == 0))).label("k_k"),
        )
        .select_from(units)
        .outerjoin(seg, seg.c.account_id == units.c.account_id)
        .group_by(seg.c.segment, units.c.month)
    )


# -- success ---------------------------------------------------------------------------------------
def first_touch(as_of_ts: float) -> Subquery:
    """Per account: the first touch `t` (earliest lead created or signup before T) and its month."""
    T = as_of_ts
    by_lead = (
        select(Lead.account_id, func.min(Lead.created_ts).label("t"), func.min(Lead.created_month).label("month"))
        .where(Lead.created_ts < T)
        .group_by(Lead.account_id)
    )
    by_signup = (
        select(ProductEvent.account_id, func.min(ProductEvent.ts).label("t"), func.min(ProductEvent.month))
        .where(ProductEvent.event == "signup", ProductEvent.ts < T)
        .group_by(ProductEvent.account_id)
    )
    both = union_all(by_lead, by_signup).subquery("touches")
    return (
        select(both.c.account_id, func.min(both.c.t).label("t"), func.min(both.c.month).label("month"))
        .group_by(both.c.account_id)
        .subquery("first_touch")
    )


def _success_event(doc: IcpDocument, t: ColumnElement[float], account: ColumnElement[str], T: float):
    """EXISTS: the ICP's success event within the window after t and before T."""
    window = float(doc.success.window_days) * DAY
    if doc.success.event == "qualified_lead":
        return exists().where(Lead.account_id == account, _within(Lead.qualified_ts, t, window), Lead.qualified_ts < T)
    trial = doc.success.event == "trial_activation"
    model, event = (ProductEvent, "first_value") if trial else (BillingEvent, "purchase")
    return exists().where(model.account_id == account, model.event == event, _within(model.ts, t, window), model.ts < T)


def success_units_by_month(doc: IcpDocument, as_of_ts: float) -> Subquery:
    """Mature success_rate units: account_id, month of first touch, success (1/0)."""
    touch = first_touch(as_of_ts)
    window = float(doc.success.window_days) * DAY
    success = _success_event(doc, touch.c.t, touch.c.account_id, as_of_ts)
    return (
        select(touch.c.account_id, touch.c.month, flag(success).label("success"))
        .where(touch.c.t + window <= as_of_ts)
        .subquery("success_units")
    )


def success_units(doc: IcpDocument, as_of_ts: float) -> Select:
    """Every mature `success_rate` unit with `account_id` and `success` (1/0), for joins (bias)."""
    units = success_units_by_month(doc, as_of_ts)
    return select(units.c.account_id, units.c.success)


def success_table(scope: Scope) -> Select:
    """Per (segment, first-touch month): mature success_rate units (s_n) and successes (s_k)."""
    seg, units = scope.segments(), success_units_by_month(scope.doc, scope.as_of_ts)
    return (
        select(
            seg.c.segment,
            units.c.month,
            func.count().label("s_n"),
            func.sum(units.c.success).label("s_k"),
        )
        .select_from(units)
        .outerjoin(seg, seg.c.account_id == units.c.account_id)
        .group_by(seg.c.segment, units.c.month)
    )

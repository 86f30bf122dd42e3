"""Time to first value: the median and its order-statistic interval, read in the database.

Why window functions and not per-unit durations: a median needs only a few order statistics per
group (the middle one or two, and x(j), x(n-j+1)). The group sizes n are already in the signup
count table, so Python picks the positions (j needs scipy's binomial quantile) and one ranked
query returns exactly those rows: four numbers per group, however many accounts there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from icpcore.metrics.queries import Scope, signup_units
from icpcore.segments import ALL
from icpcore.stats import positions_needed
from icpcore.timeutil import DAY

NO_MONTH = ""  # the month key of a group pooled over several months

GroupKey = tuple[str, str]  # (segment, month or NO_MONTH)


def _ranked(scope: Scope, months: Iterable[str] | None, by_month: bool) -> Select:
    """Every time-to-first-value unit with its rank in its (segment, month) group (`rn`) and in
    the month's `all` group (`rn_all`): one pass, two window functions."""
    seg, units = scope.segments(), signup_units(scope)
    month = units.c.month if by_month else literal(NO_MONTH)
    d = (units.c.fv - units.c.t).label("d")
    query = (
        select(
            seg.c.segment.label("g"),
            month.label("m"),
            d,
            func.row_number().over(partition_by=(seg.c.segment, month), order_by=d).label("rn"),
            func.row_number().over(partition_by=month, order_by=d).label("rn_all"),
        )
        .select_from(units)
        .outerjoin(seg, seg.c.account_id == units.c.account_id)
        .where(units.c.fv.is_not(None))
    )
    return query if months is None else query.where(units.c.month.in_(list(months)))


def order_statistics(
    session: Session,
    scope: Scope,
    sizes: dict[GroupKey, int],
    *,
    months: Iterable[str] | None,
    by_month: bool,
) -> dict[GroupKey, dict[int, float]]:
    """The order statistics (in days) each group's median and interval need, by 1-based position.
    `sizes` holds each group's number of units, as counted by the signup table."""
    wanted = {(g, m, p) for (g, m), n in sizes.items() if n > 0 for p in positions_needed(n)}
    if not wanted:
        return {}
    ranked = _ranked(scope, months, by_month).subquery("ranked")
    in_segment = [w for w in wanted if w[0] != ALL]
    in_all = [(m, p) for g, m, p in wanted if g == ALL]
    conditions = []
    if in_segment:
        conditions.append(tuple_(ranked.c.g, ranked.c.m, ranked.c.rn).in_(in_segment))
    if in_all:
        conditions.append(tuple_(ranked.c.m, ranked.c.rn_all).in_(in_all))
    query = select(ranked.c.g, ranked.c.m, ranked.c.rn, ranked.c.rn_all, ranked.c.d).where(or_(*conditions))
    found: dict[GroupKey, dict[int, float]] = {}
    for g, m, rn, rn_all, d in session.execute(query):
        if (g, m, rn) in wanted:
            found.setdefault((g, m), {})[int(rn)] = float(d) / DAY
        if (ALL, m, rn_all) in wanted:
            found.setdefault((ALL, m), {})[int(rn_all)] = float(d) / DAY
    return found

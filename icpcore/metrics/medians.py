"""Time to first value: the median and its order-statistic interval, read in the database.

Why window functions and not per-unit durations: a median needs only a few order statistics per
group (the middle one or two, and x(j), x(n-j+1)). The group sizes n are already in the signup
count table, so Python picks the positions (j needs scipy's binomial quantile) and one ranked
query returns exactly those rows: four numbers per group, however many accounts there are.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Select, func, literal, select, tuple_, union_all
from sqlalchemy.orm import Session

from icpcore.metrics.queries import Scope, signup_units
from icpcore.segments import ALL
from icpcore.stats import positions_needed
from icpcore.timeutil import DAY

NO_MONTH = ""  # the month key of a group pooled over several months

GroupKey = tuple[str, str]  # (segment, month or NO_MONTH)


def _ranked(scope: Scope, months: Iterable[str] | None, by_month: bool) -> Select:
    """Every time-to-first-value unit ranked within its (segment, month) group and in `all`."""
    seg, units = scope.segments(), signup_units(scope)
    month = units.c.month if by_month else literal(NO_MONTH)
    base = (
        select(seg.c.segment.label("g"), month.label("m"), (units.c.fv - units.c.t).label("d"))
        .select_from(units)
        .outerjoin(seg, seg.c.account_id == units.c.account_id)
        .where(units.c.fv.is_not(None))
    )
    if months is not None:
        base = base.where(units.c.month.in_(list(months)))
    plain = base.subquery("ttfv")
    parts = union_all(
        select(plain.c.g, plain.c.m, plain.c.d),
        select(literal(ALL).label("g"), plain.c.m, plain.c.d),
    ).subquery("ttfv_groups")
    rank = func.row_number().over(partition_by=(parts.c.g, parts.c.m), order_by=parts.c.d)
    return select(parts.c.g, parts.c.m, parts.c.d, rank.label("rn"))


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
    wanted = [(g, m, p) for (g, m), n in sizes.items() if n > 0 for p in sorted(positions_needed(n))]
    if not wanted:
        return {}
    ranked = _ranked(scope, months, by_month).subquery("ranked")
    query = select(ranked.c.g, ranked.c.m, ranked.c.rn, ranked.c.d).where(
        tuple_(ranked.c.g, ranked.c.m, ranked.c.rn).in_(wanted)
    )
    found: dict[GroupKey, dict[int, float]] = {}
    for g, m, rn, d in session.execute(query):
        found.setdefault((g, m), {})[int(rn)] = float(d) / DAY
    return found

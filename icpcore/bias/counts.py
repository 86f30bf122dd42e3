"""The count tables behind the bias check (CONTRACT section 5), grouped by the database.

One scan of the accounts computes, per account, each sensitive attribute's display text, whether
the account is a mature `success_rate` unit and its success, whether each segment's rules hold
(the scopes) and whether each disqualifier's rules hold within its scope, and groups the accounts
by all attributes and success at once. That table of combinations is materialised and grouped
again by each attribute (and, on request, each pair of attributes) and success, so every
statistic downstream runs on a small table of sums:

    grouping, v1, v2, s (1 success / 0 failure / -1 not a unit), n, in_<k>, d_<j>

`n` counts accounts (the scope of global disqualifiers is every account), `in_<k>` those where
segment scope k's rules hold, `d_<j>` those that screen j disqualifies inside its scope.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from sqlalchemy import Column, ColumnElement, String, cast, func, literal, null, select, text, union_all
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.sql import visitors

from icpcore.icp import Disqualifier, IcpDocument, Rule, Segment
from icpcore.metrics.queries import success_units
from icpcore.rules import sql_flag
from icpcore.store.models import Account
from icpcore.store.uow import Store

NOT_A_UNIT = -1
SEPARATOR = " × "


@dataclass(frozen=True)
class Screen:
    """One disqualifier in its scope: global (segment None) or the own one of a live segment."""

    disqualifier: Disqualifier
    segment: Segment | None = None

    @property
    def segment_id(self) -> str | None:
        return self.segment.id if self.segment else None

    def rules(self) -> list[Rule]:
        """Disqualified here: the scope's rules and the disqualifier's all hold."""
        return [*(self.segment.rules if self.segment else []), *self.disqualifier.rules]


def screens(doc: IcpDocument) -> list[Screen]:
    """Global disqualifiers first, then each live segment's own, in document order; paused too."""
    found = [Screen(d) for d in doc.disqualifiers]
    for segment in doc.live_segments():
        found += [Screen(d, segment) for d in segment.disqualifiers]
    return found


@dataclass(frozen=True)
class Groupings:
    """What the count table is grouped by: single attributes, then pairs (by attribute index)."""

    attributes: tuple[str, ...]
    pairs: bool = False

    def keys(self) -> list[tuple[int, ...]]:
        singles = [(i,) for i in range(len(self.attributes))]
        return singles + (list(combinations(range(len(self.attributes)), 2)) if self.pairs else [])

    def name(self, key: tuple[int, ...]) -> str:
        return SEPARATOR.join(self.attributes[i] for i in key)


def _retarget(source: Any) -> Callable[[ColumnElement[Any]], ColumnElement[Any]]:
    """Rewrite expressions over the accounts table to read the same-named columns of `source`."""
    table = Account.__table__
    mapping = {table.c[name]: source.c[name] for name in ("account_id", "traits", "traits_ci", "traits_num")}

    def replace(element: Any) -> Any:
        return mapping.get(element) if isinstance(element, Column) else None

    return lambda expression: visitors.replacement_traverse(expression, {}, replace)


def account_source(dialect: str) -> tuple[Any, Callable[[ColumnElement[Any]], ColumnElement[Any]]]:
    """The accounts as a scan reads them, and how to point rule expressions at them.

    PostgreSQL's `json` type re-parses the text at every `->>`; casting once to jsonb in a fenced
    subquery (OFFSET 0 keeps the planner from inlining the cast into each use) makes the
    twenty-odd lookups per account cheap."""
    table = Account.__table__
    if dialect != "postgresql":
        return table, lambda expression: expression
    columns = [table.c.account_id] + [cast(table.c[n], JSONB).label(n) for n in ("traits", "traits_ci", "traits_num")]
    source = select(*columns).offset(0).subquery("acc")
    return source, _retarget(source)


def roomy_aggregation(session: Any, dialect: str) -> None:
    """PostgreSQL's default work_mem (4 MB) sorts the grouping on disk from about 50,000 accounts
    on; a larger allowance for this one read-only transaction lets it hash in memory instead."""
    if dialect == "postgresql":
        session.execute(text("SET LOCAL work_mem = '64MB'"))


def materialise(cte: Any, dialect: str) -> Any:
    """Compute a common table once, however many queries read it."""
    if dialect == "postgresql" or (dialect == "sqlite" and sqlite3.sqlite_version_info >= (3, 35)):
        return cte.prefix_with("MATERIALIZED")
    return cte


def combinations_table(
    doc: IcpDocument, as_of_ts: float, dialect: str, scopes: list[Segment], found: list[Screen]
) -> Any:
    """The one scan: accounts (with their success unit) grouped by every sensitive attribute at
    once and success, with the scope and disqualifier sums. Sorting the accounts once here and
    re-grouping this much smaller table per attribute costs a fraction of grouping the accounts
    once per attribute."""
    source, retarget = account_source(dialect)
    units = success_units(doc, as_of_ts).subquery("units")
    values = [retarget(Account.traits[a].as_string()).label(f"v{i}") for i, a in enumerate(doc.sensitive_attributes)]
    flags = [retarget(sql_flag(segment.rules)).label(f"in_{k}") for k, segment in enumerate(scopes)]
    flags += [retarget(sql_flag(screen.rules())).label(f"d_{j}") for j, screen in enumerate(found)]
    success = func.coalesce(units.c.success, NOT_A_UNIT).label("s")
    accounts = (
        select(*values, success, *flags)
        .select_from(source)
        .outerjoin(units, units.c.account_id == source.c.account_id)
        .subquery("per_account")
    )
    by = [accounts.c[f"v{i}"] for i in range(len(values))] + [accounts.c.s]
    sums = [func.sum(accounts.c[f.name]).label(f.name) for f in flags]
    combined = select(*by, func.count().label("n"), *sums).group_by(*by)
    return materialise(combined.cte("combinations"), dialect)


def _grouping_query(table: Any, index: int, key: tuple[int, ...], sums: list[str]) -> Any:
    v1 = table.c[f"v{key[0]}"]
    v2 = table.c[f"v{key[1]}"] if len(key) > 1 else cast(null(), String)
    present = [table.c[f"v{i}"].is_not(None) for i in key]
    by = [table.c[f"v{i}"] for i in key] + [table.c.s]
    return (
        select(
            literal(index).label("grouping"),
            v1.label("v1"),
            v2.label("v2"),
            table.c.s,
            *(func.sum(table.c[name]).label(name) for name in ["n", *sums]),
        )
        .where(*present)
        .group_by(*by)
    )


def scopes_of(found: list[Screen]) -> list[Segment]:
    """The distinct segment scopes the screens need, in first-use order."""
    scopes: dict[str, Segment] = {}
    for screen in found:
        if screen.segment is not None:
            scopes.setdefault(screen.segment.id, screen.segment)
    return list(scopes.values())


@dataclass(frozen=True)
class CountTable:
    """The grouped sums: `rows[grouping]` lists (v1, v2, s, n, in_0.., d_0..) tuples, and
    `column[name]` is the position of a sum (`n`, `in_<k>`, `d_<j>`) in those tuples."""

    rows: dict[int, list[tuple[Any, ...]]]
    column: dict[str, int]


def count_table(store: Store, doc: IcpDocument, as_of_ts: float, groupings: Groupings) -> CountTable:
    """The count table for every screen of `doc` (see the module docstring); `grouping` is the
    position in `groupings.keys()`. Empty when there is nothing to screen."""
    found = screens(doc)
    scopes = scopes_of(found)
    sums = [f"in_{k}" for k in range(len(scopes))] + [f"d_{j}" for j in range(len(found))]
    column = {name: 3 + i for i, name in enumerate(["n", *sums])}
    rows: dict[int, list[tuple[Any, ...]]] = {}
    if not found or not groupings.attributes:
        return CountTable(rows, column)
    table = combinations_table(doc, as_of_ts, store.dialect, scopes, found)
    parts = [_grouping_query(table, i, key, sums) for i, key in enumerate(groupings.keys())]
    query = parts[0] if len(parts) == 1 else union_all(*parts)
    with store.read() as uow:
        roomy_aggregation(uow.session, store.dialect)
        for grouping, v1, v2, s, *counts in uow.session.execute(query):
            rows.setdefault(int(grouping), []).append((v1, v2, int(s), *(int(c or 0) for c in counts)))
    return CountTable(rows, column)

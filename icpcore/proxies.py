"""Possible proxies: a rule field that travels with a sensitive attribute (issue 6, item 2).

A rule may never name a sensitive attribute (the ICP document refuses it), but a rule on a field
that correlates strongly with one can disqualify the same people. For every field the document's
rules use (live segments and disqualifiers) that is not itself sensitive, Cramer's V is computed
between the field's values and each sensitive attribute over the accounts where both are known;
numeric values (every known value parses as a number) are cut into quartiles, as in the bias
check. A field with many values can hide one value that matters (`funding_stage` overall versus
"funding stage is Bootstrapped"), so each single rule's yes/no is compared as well. At V >= 0.3
the field (or the rule) is pointed out. The numbers come from one grouped scan of the
accounts (counts per pair of values), never from account rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any

from sqlalchemy import ColumnElement, String, cast, func, literal, select, union_all

from icpcore.bias.counts import account_source, materialise, roomy_aggregation
from icpcore.bias.groups import group_labels
from icpcore.bias.stats import cramers_v_table
from icpcore.icp import IcpDocument, Rule
from icpcore.rules import describe, sql_flag
from icpcore.store.models import Account
from icpcore.store.uow import Store

PROXY_THRESHOLD = 0.3


@dataclass(frozen=True)
class ProxyWarning:
    field: str
    attribute: str
    cramers_v: float
    n: int
    rule: str | None = None  # the rule in plain English when the warning is about what one rule selects

    def message(self) -> str:
        shown = f"Cramer's V {self.cramers_v:.2f}"
        if self.rule is not None:
            shown += f" for the rule “{self.rule}”"
        return f"`{self.field}` may stand in for `{self.attribute}` ({shown})"


def _rules(doc: IcpDocument) -> list[Rule]:
    """The rules of live segments and disqualifiers (global and the segments' own)."""
    rules = [r for d in doc.disqualifiers for r in d.rules]
    for segment in doc.live_segments():
        rules += segment.rules + [r for d in segment.disqualifiers for r in d.rules]
    return rules


def rule_fields(doc: IcpDocument) -> list[str]:
    """Fields the rules name, sensitive ones left out (a rule cannot name them anyway)."""
    sensitive = set(doc.sensitive_attributes)
    return list(dict.fromkeys(r.field for r in _rules(doc) if r.field not in sensitive))


@dataclass(frozen=True)
class _Subject:
    """A column compared with the attributes: a field's values, or whether one rule holds."""

    field: str
    rule: Rule | None = None

    def expression(self) -> ColumnElement[Any]:
        if self.rule is None:
            return Account.traits[self.field].as_string()
        return cast(sql_flag([self.rule]), String)


def _subjects(doc: IcpDocument) -> list[_Subject]:
    fields = rule_fields(doc)
    unique_rules = {describe(r): r for r in _rules(doc) if r.field in fields}
    return [_Subject(f) for f in fields] + [_Subject(r.field, r) for r in unique_rules.values()]


def _pair_counts(store: Store, subjects: list[_Subject], attributes: list[str]) -> dict[int, list[tuple[Any, ...]]]:
    """(subject value, attribute value, accounts) per pair index of product(subjects, attributes)."""
    source, retarget = account_source(store.dialect)
    columns = [retarget(s.expression()).label(f"s{i}") for i, s in enumerate(subjects)]
    columns += [retarget(Account.traits[a].as_string()).label(f"a{i}") for i, a in enumerate(attributes)]
    table = materialise(select(*columns).select_from(source).cte("proxy_values"), store.dialect)
    parts = []
    for index, (s, a) in enumerate(product(range(len(subjects)), range(len(attributes)))):
        x, y = table.c[f"s{s}"], table.c[f"a{a}"]
        parts.append(
            select(literal(index).label("pair"), x.label("x"), y.label("y"), func.count().label("n"))
            .where(x.is_not(None), y.is_not(None))
            .group_by(x, y)
        )
    rows: dict[int, list[tuple[Any, ...]]] = {}
    with store.read() as uow:
        roomy_aggregation(uow.session, store.dialect)
        for pair, x, y, n in uow.session.execute(parts[0] if len(parts) == 1 else union_all(*parts)):
            rows.setdefault(int(pair), []).append((x, y, int(n)))
    return rows


def _side_labels(rows: list[tuple[Any, ...]], side: int, cut: bool) -> dict[str, str]:
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[side]] = counts.get(row[side], 0) + row[2]
    return group_labels(counts) if cut else {value: value for value in counts}


def _cramers_v(rows: list[tuple[Any, ...]], cut_subject: bool) -> tuple[float, int]:
    """Cramer's V of one pair's (x, y, n) rows; numeric values cut in quartiles (not rule flags)."""
    labels = [_side_labels(rows, 0, cut_subject), _side_labels(rows, 1, True)]
    cells: dict[tuple[str, str], int] = {}
    for x, y, n in rows:
        key = (labels[0].get(x), labels[1].get(y))
        if None not in key:
            cells[key] = cells.get(key, 0) + n  # type: ignore[index]
    xs, ys = sorted({k[0] for k in cells}), sorted({k[1] for k in cells})
    table = [[cells.get((x, y), 0) for y in ys] for x in xs]
    return cramers_v_table(table) if table else 0.0, sum(cells.values())


def proxy_findings(store: Store, doc: IcpDocument, *, threshold: float = PROXY_THRESHOLD) -> list[ProxyWarning]:
    """Every (rule field or single rule, sensitive attribute) with Cramer's V >= threshold,
    strongest first."""
    subjects, attributes = _subjects(doc), list(doc.sensitive_attributes)
    if not subjects or not attributes:
        return []
    rows = _pair_counts(store, subjects, attributes)
    found = []
    for index, (subject, attribute) in enumerate(product(subjects, attributes)):
        v, n = _cramers_v(rows.get(index, []), cut_subject=subject.rule is None)
        if v >= threshold:
            rule = describe(subject.rule) if subject.rule is not None else None
            found.append(ProxyWarning(subject.field, attribute, v, n, rule))
    return sorted(found, key=lambda w: (-w.cramers_v, w.field, w.attribute, w.rule or ""))


def proxy_warnings(store: Store, doc: IcpDocument) -> list[str]:
    """Plain sentences for the ICP page to show after a save, e.g. "`funding_stage` may stand in
    for `owner_gender` (Cramer's V 0.41)"."""
    return [w.message() for w in proxy_findings(store, doc)]

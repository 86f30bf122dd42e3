"""Possible proxies: a rule field that travels with a sensitive attribute (issue 6, item 2).

A rule may never name a sensitive attribute (the ICP document refuses it), but a rule on a field
that correlates strongly with one can disqualify the same people. For every field the document's
rules use (live segments and disqualifiers) that is not itself sensitive, Cramer's V is computed
between the field's values and each sensitive attribute over the accounts where both are known;
numeric values (every known value parses as a number) are cut into quartiles, as in the bias
check. At V >= 0.3 the field is pointed out. The numbers come from one grouped scan of the
accounts (counts per pair of values), never from account rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from typing import Any

from sqlalchemy import func, literal, select, union_all

from icpcore.bias.counts import account_source, materialise
from icpcore.bias.groups import group_labels
from icpcore.bias.stats import cramers_v_table
from icpcore.icp import IcpDocument
from icpcore.store.models import Account
from icpcore.store.uow import Store

PROXY_THRESHOLD = 0.3


@dataclass(frozen=True)
class ProxyWarning:
    field: str
    attribute: str
    cramers_v: float
    n: int

    def message(self) -> str:
        return f"`{self.field}` may stand in for `{self.attribute}` (Cramer's V {self.cramers_v:.2f})"


def rule_fields(doc: IcpDocument) -> list[str]:
    """Fields named by the rules of live segments and disqualifiers, sensitive ones left out."""
    rules = [r for d in doc.disqualifiers for r in d.rules]
    for segment in doc.live_segments():
        rules += segment.rules + [r for d in segment.disqualifiers for r in d.rules]
    sensitive = set(doc.sensitive_attributes)
    return list(dict.fromkeys(r.field for r in rules if r.field not in sensitive))


def _pair_counts(store: Store, fields: list[str], attributes: list[str]) -> dict[int, list[tuple[Any, ...]]]:
    """(field value, attribute value, accounts) per pair index of product(fields, attributes)."""
    source, retarget = account_source(store.dialect)
    names = [*fields, *attributes]
    values = [retarget(Account.traits[name].as_string()).label(f"c{i}") for i, name in enumerate(names)]
    table = materialise(select(*values).select_from(source).cte("proxy_values"), store.dialect)
    parts = []
    for index, (f, a) in enumerate(product(range(len(fields)), range(len(fields), len(names)))):
        x, y = table.c[f"c{f}"], table.c[f"c{a}"]
        parts.append(
            select(literal(index).label("pair"), x.label("x"), y.label("y"), func.count().label("n"))
            .where(x.is_not(None), y.is_not(None))
            .group_by(x, y)
        )
    rows: dict[int, list[tuple[Any, ...]]] = {}
    with store.read() as uow:
        for pair, x, y, n in uow.session.execute(parts[0] if len(parts) == 1 else union_all(*parts)):
            rows.setdefault(int(pair), []).append((x, y, int(n)))
    return rows


def _cramers_v(rows: list[tuple[Any, ...]]) -> tuple[float, int]:
    """Cramer's V of one pair's (x, y, n) rows, numeric sides cut in quartiles."""
    labels = []
    for side in (0, 1):
        counts: dict[str, int] = {}
        for row in rows:
            counts[row[side]] = counts.get(row[side], 0) + row[2]
        labels.append(group_labels(counts))
    cells: dict[tuple[str, str], int] = {}
    for x, y, n in rows:
        key = (labels[0].get(x), labels[1].get(y))
        if None not in key:
            cells[key] = cells.get(key, 0) + n  # type: ignore[index]
    xs, ys = sorted({k[0] for k in cells}), sorted({k[1] for k in cells})
    table = [[cells.get((x, y), 0) for y in ys] for x in xs]
    return cramers_v_table(table) if table else 0.0, sum(cells.values())


def proxy_findings(store: Store, doc: IcpDocument, *, threshold: float = PROXY_THRESHOLD) -> list[ProxyWarning]:
    """Every (rule field, sensitive attribute) with Cramer's V >= threshold, strongest first."""
    fields, attributes = rule_fields(doc), list(doc.sensitive_attributes)
    if not fields or not attributes:
        return []
    rows = _pair_counts(store, fields, attributes)
    found = []
    for index, (field, attribute) in enumerate(product(fields, attributes)):
        v, n = _cramers_v(rows.get(index, []))
        if v >= threshold:
            found.append(ProxyWarning(field, attribute, v, n))
    return sorted(found, key=lambda w: (-w.cramers_v, w.field, w.attribute))


def proxy_warnings(store: Store, doc: IcpDocument) -> list[str]:
    """Plain sentences for the ICP page to show after a save: "`funding_stage` may stand in for
    `owner_gender` (Cramer's V 0.41)"."""
    return [w.message() for w in proxy_findings(store, doc)]

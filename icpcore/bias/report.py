"""The bias check as a report (CONTRACT sections 5 and 7): one finding per disqualifier x
sensitive attribute x group, as `python -m icpcore bias` prints it and the bias page shows it.

Beyond the contract each finding carries `segment` (null for a global disqualifier), the
disqualifier's name and status, `difference` (selection rate minus the reference's), a Wilson 95%
interval on the selection rate (`selection_low`, `selection_high`), `mh_strata` and
`intersection`. With `intersections=True`, two attributes crossed (`owner_gender × founder_age_band`,
groups like `female × Q1`) are screened as well; their tests form a Benjamini-Hochberg family of
their own, so asking for them never changes the q-values of the contract's findings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from icpcore import history
from icpcore.bias.counts import CountTable, Groupings, Screen, count_table, scopes_of, screens
from icpcore.bias.fisher import fisher_two_sided_many
from icpcore.bias.groups import GroupCounts, group_labels, group_table, scope_value_counts
from icpcore.bias.stats import (
    MIN_GROUP_SIZE,
    MantelHaenszel,
    benjamini_hochberg,
    cramers_v,
    finite,
    fisher_table,
    is_flagged,
    mantel_haenszel,
    reference_group,
    selection_rate,
    severity,
)
from icpcore.csvsafe import to_csv
from icpcore.icp import IcpDocument
from icpcore.metrics.asof import as_of_instant, resolve_as_of
from icpcore.stats import wilson_many
from icpcore.store.uow import Store

CONTRACT_KEYS = (
    "disqualifier",
    "attribute",
    "group",
    "n",
    "disqualified",
    "selection_rate",
    "reference_group",
    "impact_ratio",
    "p_value",
    "q_value",
    "flagged",
    "cramers_v",
    "mh_odds_ratio",
    "mh_low",
    "mh_high",
    "justified",
    "severity",
)
EXTRA_KEYS = (
    "segment",
    "disqualifier_name",
    "disqualifier_status",
    "difference",
    "selection_low",
    "selection_high",
    "mh_strata",
    "intersection",
)
FINDING_KEYS = CONTRACT_KEYS + EXTRA_KEYS


@dataclass
class Screening:
    """One disqualifier against one attribute (or crossed pair): its groups and statistics."""

    screen: Screen
    attribute: str
    intersection: bool
    groups: list[GroupCounts]
    reference: GroupCounts | None
    cramers_v: float
    mh: MantelHaenszel
    tested: list[str] = field(default_factory=list)  # groups tested against the reference
    p_values: dict[str, float] = field(default_factory=dict)
    q_values: dict[str, float] = field(default_factory=dict)


def screen_groups(screen: Screen, attribute: str, groups: list[GroupCounts], intersection: bool) -> Screening:
    """The statistics of one disqualifier x attribute that need no other screening; the tests
    (every other group with n >= 30 against the reference) get their p-values with the family."""
    reference = reference_group(groups)
    tested = [g.name for g in groups if reference is not None and g.n >= MIN_GROUP_SIZE and g is not reference]
    mh = mantel_haenszel(groups)
    return Screening(screen, attribute, intersection, groups, reference, cramers_v(groups), mh, tested)


def screenings(table: CountTable, doc: IcpDocument, groupings: Groupings) -> Iterator[Screening]:
    """Every screen x grouping that has at least one group, in document order."""
    found = screens(doc)
    scope_columns: dict[str | None, int] = {None: table.column["n"]}
    scope_columns |= {segment.id: table.column[f"in_{k}"] for k, segment in enumerate(scopes_of(found))}
    labels: dict[tuple[int, int], dict[str, str]] = {}  # (scope, attribute) -> value -> group

    def labels_of(scope: int, attribute: int) -> dict[str, str]:
        if (scope, attribute) not in labels:
            rows = table.rows.get(attribute, [])  # single attributes are the first groupings
            labels[scope, attribute] = group_labels(scope_value_counts(rows, scope))
        return labels[scope, attribute]

    for j, screen in enumerate(found):
        scope = scope_columns[screen.segment_id]
        for index, key in enumerate(groupings.keys()):
            rows = table.rows.get(index, [])
            groups = group_table(rows, scope, table.column[f"d_{j}"], [labels_of(scope, i) for i in key])
            if groups:
                yield screen_groups(screen, groupings.name(key), groups, len(key) > 1)


def test_family(family: list[Screening]) -> None:
    """Fisher's exact test of every planned test, then Benjamini-Hochberg over all of them at once."""
    tests = [(s, g) for s in family if s.reference is not None for g in s.groups if g.name in s.tested]
    p_values = fisher_two_sided_many([fisher_table(g, s.reference) for s, g in tests])  # type: ignore[arg-type]
    for (s, g), p, q in zip(tests, p_values, benjamini_hochberg(p_values), strict=True):
        s.p_values[g.name], s.q_values[g.name] = p, q


def finding(s: Screening, group: GroupCounts, interval: tuple[float, float]) -> dict[str, Any]:
    rate = selection_rate(group)
    reference_rate = selection_rate(s.reference) if s.reference is not None else None
    impact = rate / reference_rate if reference_rate else None
    q_value = s.q_values.get(group.name)
    flagged = is_flagged(group.n, impact, q_value)
    low, high = (finite(v) for v in interval)
    dq = s.screen.disqualifier
    return {
        "disqualifier": dq.id,
        "attribute": s.attribute,
        "group": group.name,
        "n": group.n,
        "disqualified": group.disqualified,
        "selection_rate": finite(rate),
        "reference_group": s.reference.name if s.reference is not None else None,
        "impact_ratio": finite(impact),
        "p_value": finite(s.p_values.get(group.name)),
        "q_value": finite(q_value),
        "flagged": flagged,
        "cramers_v": finite(s.cramers_v),
        "mh_odds_ratio": s.mh.odds_ratio,
        "mh_low": s.mh.low,
        "mh_high": s.mh.high,
        "justified": s.mh.justified,
        "severity": severity(group.n, flagged, s.mh.justified),
        "segment": s.screen.segment_id,
        "disqualifier_name": dq.name,
        "disqualifier_status": dq.status,
        "difference": finite(rate - reference_rate) if reference_rate is not None else None,
        "selection_low": low,
        "selection_high": high,
        "mh_strata": s.mh.strata,
        "intersection": s.intersection,
    }


def findings_of(all_screenings: list[Screening]) -> list[dict[str, Any]]:
    test_family([s for s in all_screenings if not s.intersection])
    test_family([s for s in all_screenings if s.intersection])
    rows = []
    for s in all_screenings:
        low, high = wilson_many(np.array([g.kept for g in s.groups]), np.array([g.n for g in s.groups]))
        rows += [finding(s, g, (lo, hi)) for g, lo, hi in zip(s.groups, low, high, strict=True)]
    return rows


def bias_findings(store: Store, doc: IcpDocument, day: date, *, intersections: bool = False) -> list[dict[str, Any]]:
    """The findings of one document over the store's evidence at the end of `day`."""
    groupings = Groupings(tuple(doc.sensitive_attributes), pairs=intersections)
    table = count_table(store, doc, as_of_instant(day), groupings)
    return findings_of(list(screenings(table, doc, groupings)))


def bias_report(
    store: Store, *, as_of: str | date | None = None, intersections: bool = False, version: int | None = None
) -> dict[str, Any]:
    """`{"as_of", "icp_version", "findings"}` for the current ICP (or ICP `version`)."""
    found_version = history.require_version(store, version)
    day = resolve_as_of(store, as_of)
    found = bias_findings(store, found_version.document, day, intersections=intersections)
    return {"as_of": day.isoformat(), "icp_version": found_version.number, "findings": found}


def bias_csv(report: dict[str, Any]) -> str:
    """The findings as CSV (one row each, the contract's columns first; null is an empty cell;
    text that a spreadsheet could run as a formula is neutralised)."""
    return to_csv(
        ["as_of", *FINDING_KEYS], ([report["as_of"], *(row.get(k) for k in FINDING_KEYS)] for row in report["findings"])
    )

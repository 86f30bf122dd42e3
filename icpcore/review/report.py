"""`review_report`: every assumption of the current ICP held against its number (CONTRACT
sections 2 and 7), with a six-month trend, the verdict at the last finished review and the last
decision taken. The numbers come from the metrics engine, pooled exactly as
`metrics --by segment --months N`."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from icpcore import history
from icpcore.icp import Assumption, IcpDocument
from icpcore.metrics.asof import resolve_as_of
from icpcore.metrics.compute import indicator_table
from icpcore.metrics.registry import metric
from icpcore.review import past, wording
from icpcore.review.evaluation import CORROBORATION_TODO, clean, evidence_status, source_kinds, verdict
from icpcore.store.uow import Store
from icpcore.timeutil import months_back

TREND_MONTHS = 6


Cells = dict[tuple[str, ...], dict[str, Any]]


def _cells(table: pd.DataFrame, *, by_month: bool) -> Cells:
    """Rows of an indicator table keyed by (segment, metric[, month])."""
    cells: Cells = {}
    for row in table.to_dict(orient="records"):
        key = (str(row["segment"]), str(row["metric"]))
        cells[(*key, str(row["month"])) if by_month else key] = row
    return cells


def _number(row: dict[str, Any] | None) -> dict[str, Any]:
    """value, low, high, n of one cell, JSON-clean; a missing cell has no units."""
    if row is None:
        return {"value": None, "low": None, "high": None, "n": 0}
    n = clean(row.get("n"))
    return {
        "value": clean(row.get("value")),
        "low": clean(row.get("low")),
        "high": clean(row.get("high")),
        "n": int(n) if n is not None else 0,
    }


def _trend(a: Assumption, cells: Cells, months: list[str]) -> list[dict[str, Any]]:
    return [{"month": m} | _number(cells.get((a.segment, a.metric, m))) for m in months]


def evaluate(
    a: Assumption,
    doc: IcpDocument,
    pooled: Cells,
    trend: list[dict[str, Any]],
    window: list[str],
) -> dict[str, Any]:
    """One assumption's row: the contract's keys first, then what the board and minutes show."""
    number = _number(pooled.get((a.segment, a.metric)))
    status = evidence_status(a.sources)
    row: dict[str, Any] = {
        "id": a.id,
        "verdict": verdict(a.bounds, number["value"], number["low"], number["high"], number["n"]),
        **number,
        "evidence": status,
        "segment": a.segment,
        "segment_name": wording.segment_name(doc, a.segment),
        "metric": a.metric,
        "metric_label": metric(a.metric).label,
        "op": a.op,
        "target": a.value,
        "target_text": wording.target_words(a),
        "target_symbols": wording.target_symbols(a),
        "statement": wording.statement(a, doc),
        "months": a.months,
        "window": [window[0], window[-1]],
        "sources": list(a.sources),
        "source_kinds": source_kinds(a.sources),
        "todo": CORROBORATION_TODO if status == "hypothesis" else None,
        "note": a.note,
        "trend": trend,
    }
    return row


def _tables(store: Store, day: date, version: int, assumptions: list[Assumption]) -> tuple[dict[int, Cells], Cells]:
    """One pooled table per window length in use, and one monthly table for the trends."""
    pooled = {
        months: _cells(indicator_table(store, as_of=day, by="segment", months=months, version=version), by_month=False)
        for months in sorted({a.months for a in assumptions})
    }
    monthly = indicator_table(store, as_of=day, by="segment,month", months=TREND_MONTHS, version=version)
    return pooled, _cells(monthly, by_month=True)


def _history(rows: list[dict[str, Any]], store: Store) -> dict[str, Any] | None:
    """Add the verdict at the last finished review and the last decision to each row."""
    previous = past.last_finished(store)
    before = {a["id"]: a.get("verdict") for a in previous.assumptions} if previous else {}
    decisions = past.last_decisions(store)
    for row in rows:
        row["previous_verdict"] = before.get(row["id"])
        row["changed"] = row["previous_verdict"] is not None and row["previous_verdict"] != row["verdict"]
        row["last_decision"] = decisions.get(row["id"])
    return {"id": previous.id, "held_on": previous.held_on, "as_of": previous.as_of} if previous else None


def review_report(store: Store, *, as_of: str | date | None = None) -> dict[str, Any]:
    """{"as_of": "YYYY-MM-DD", "assumptions": [{"id", "verdict", "value", "low", "high", "n",
    "evidence", ...}]} for the current ICP; JSON-clean (no NaN)."""
    day = resolve_as_of(store, as_of)
    version = history.current(store)
    doc = version.document if version else None
    assumptions = list(doc.assumptions) if doc else []
    rows: list[dict[str, Any]] = []
    if version is not None and assumptions:
        pooled, monthly = _tables(store, day, version.number, assumptions)
        trend_months = months_back(day.strftime("%Y-%m"), TREND_MONTHS)
        for a in assumptions:
            window = months_back(day.strftime("%Y-%m"), a.months)
            rows.append(evaluate(a, version.document, pooled[a.months], _trend(a, monthly, trend_months), window))
    previous = _history(rows, store)
    return {
        "as_of": day.isoformat(),
        "icp_version": version.number if version else None,
        "evidence_version": store.evidence_version(),
        "previous_review": previous,
        "assumptions": rows,
    }

"""`python -m icpcore metrics`: the indicator table as the JSON and CSV of CONTRACT section 7."""

from __future__ import annotations

import csv
import io
import math
from datetime import date
from typing import Any

from icpcore.csvsafe import safe_cell
from icpcore.metrics.compute import By, indicator_table
from icpcore.metrics.registry import BY_KEY

CSV_COLUMNS = ["as_of", "segment", "month", "metric", "value", "low", "high", "n"]


def _number(value: Any) -> float | None:
    """NaN and None both become null: JSON never carries NaN."""
    if value is None:
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _row(record: dict[str, Any]) -> dict[str, Any]:
    value = _number(record["value"])
    if value is not None and BY_KEY[record["metric"]].kind == "count":
        value = int(value)
    month = record["month"]
    return {
        "segment": record["segment"],
        "month": month if isinstance(month, str) else None,
        "metric": record["metric"],
        "value": value,
        "low": _number(record["low"]),
        "high": _number(record["high"]),
        "n": int(record["n"]),
    }


def metrics_report(store, *, by: By = "segment", months: int | None = None, as_of: str | date | None = None) -> dict:  # type: ignore[no-untyped-def]
    """{"as_of": "YYYY-MM-DD", "rows": [{segment, month, metric, value, low, high, n}, ...]}."""
    table = indicator_table(store, as_of=as_of, by=by, months=months)
    rows = [_row(record) for record in table.to_dict("records")]
    return {"as_of": table.attrs["as_of"], "rows": rows}


def _cell(value: Any) -> str:
    """Floats at full precision; text that a spreadsheet could run as a formula is neutralised
    (segment ids are slugs today, but a CSV export never trusts that)."""
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value) if isinstance(value, int) else str(safe_cell(value))


def report_csv(report: dict) -> str:  # type: ignore[type-arg]
    """One line per row, full float precision, empty cells for nulls."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in report["rows"]:
        writer.writerow([report["as_of"], *(_cell(row[c]) for c in CSV_COLUMNS[1:])])
    return out.getvalue()

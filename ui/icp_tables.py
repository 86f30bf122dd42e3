"""The ICP document's lists as small tables for `st.data_editor`, and back.

Tables hold text (values via `ui.values`); reading a table back keeps every key of the item
it came from (matched by id), so fields the editor does not show are never dropped.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ui.values import format_texts, format_value, parse_texts, parse_value

RULE_COLUMNS = ["field", "op", "value"]
DISQUALIFIER_COLUMNS = ["id", "name", "status", "rationale", *RULE_COLUMNS]
OBJECTION_COLUMNS = ["objection", "rebuttal"]
ASSUMPTION_COLUMNS = ["id", "segment", "metric", "op", "value", "months", "sources", "note"]
TEXT_COLUMN = "text"


def cell(value: Any) -> str:
    """A table cell as trimmed text: None, NaN and pandas' NA are empty."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


def _frame(rows: list[dict[str, Any]], columns: list[str], numeric: tuple[str, ...] = ()) -> pd.DataFrame:
    # Column by column with explicit dtypes: text columns stay text even when a table is empty.
    return pd.DataFrame(
        {c: pd.array([row.get(c) for row in rows], dtype="Int64" if c in numeric else "string") for c in columns}
    )


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.reset_index(drop=True).to_dict(orient="records")


# -- rules --------------------------------------------------------------------------------------
def rules_frame(rules: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [{"field": r.get("field", ""), "op": r.get("op", ""), "value": format_value(r.get("value"))} for r in rules]
    return _frame(rows, RULE_COLUMNS)


def rule_from_row(row: dict[str, Any]) -> dict[str, Any] | None:
    """A rule from a row; None for a blank row (no field and no value)."""
    field, op, text = cell(row.get("field")), cell(row.get("op")), cell(row.get("value"))
    if not field and not text:
        return None
    rule: dict[str, Any] = {"field": field, "op": op or None}
    value = parse_value(op, text)
    if value is not None:
        rule["value"] = value
    return rule


def rules_from_frame(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [rule for row in _records(frame) if (rule := rule_from_row(row)) is not None]


# -- disqualifiers: one row per rule, rows sharing an id form one disqualifier ---------------------
def disqualifiers_frame(disqualifiers: list[dict[str, Any]]) -> pd.DataFrame:
    rows = []
    for dq in disqualifiers:
        head = {k: dq.get(k, "") for k in ("id", "name", "status", "rationale")}
        for rule in dq.get("rules") or [{}]:
            rows.append(head | {"field": rule.get("field", ""), "op": rule.get("op", "")})
            rows[-1]["value"] = format_value(rule.get("value"))
    return _frame(rows, DISQUALIFIER_COLUMNS)


def disqualifiers_from_frame(frame: pd.DataFrame, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    before = {dq.get("id"): dq for dq in previous}
    grouped: dict[str, dict[str, Any]] = {}
    for row in _records(frame):
        dq_id, rule = cell(row.get("id")), rule_from_row(row)
        head = {k: cell(row.get(k)) for k in ("name", "rationale")}
        if not dq_id and rule is None and not any(head.values()):
            continue  # a blank row
        if dq_id not in grouped:
            item = dict(before.get(dq_id, {})) | head | {"id": dq_id, "rules": []}
            item["status"] = cell(row.get("status")) or "active"
            grouped[dq_id] = item
        if rule is not None:
            grouped[dq_id]["rules"].append(rule)
    return list(grouped.values())


# -- plain lists and objections ---------------------------------------------------------------------
def texts_frame(items: list[str]) -> pd.DataFrame:
    return _frame([{TEXT_COLUMN: t} for t in items], [TEXT_COLUMN])


def texts_from_frame(frame: pd.DataFrame) -> list[str]:
    return [text for row in _records(frame) if (text := cell(row.get(TEXT_COLUMN)))]


def objections_frame(objections: list[dict[str, Any]]) -> pd.DataFrame:
    return _frame([{c: o.get(c, "") for c in OBJECTION_COLUMNS} for o in objections], OBJECTION_COLUMNS)


def objections_from_frame(frame: pd.DataFrame) -> list[dict[str, str]]:
    rows = [{c: cell(row.get(c)) for c in OBJECTION_COLUMNS} for row in _records(frame)]
    return [row for row in rows if row["objection"] or row["rebuttal"]]


# -- assumptions --------------------------------------------------------------------------------------
def assumptions_frame(assumptions: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {c: a.get(c, "") for c in ("id", "segment", "metric", "op", "note")}
        | {
            "value": format_value(a.get("value")),
            "months": a.get("months"),
            "sources": format_texts(a.get("sources", [])),
        }
        for a in assumptions
    ]
    return _frame(rows, ASSUMPTION_COLUMNS, numeric=("months",))


def _months(value: Any) -> int | float | None:
    text = cell(value)
    if not text:
        return None
    number = float(text)
    return int(number) if number.is_integer() else number


def assumptions_from_frame(frame: pd.DataFrame, previous: list[dict[str, Any]]) -> list[dict[str, Any]]:
    before = {a.get("id"): a for a in previous}
    out = []
    for row in _records(frame):
        texts = {c: cell(row.get(c)) for c in ("id", "segment", "metric", "op", "value", "sources", "note")}
        if not any(texts.values()):
            continue
        item = dict(before.get(texts["id"], {}))
        item |= {c: texts[c] for c in ("id", "segment", "metric", "note")} | {"op": texts["op"] or None}
        item["value"] = parse_value(texts["op"] if texts["op"] == "between" else "eq", texts["value"])
        item["sources"] = parse_texts(texts["sources"])
        months = _months(row.get("months"))
        if months is None:
            item.pop("months", None)
        else:
            item["months"] = months
        out.append(item)
    return out

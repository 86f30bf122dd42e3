"""One rule model (icp.Rule), three readings with one meaning (CONTRACT section 2):

- `sql_condition`: a SQLAlchemy expression over the accounts table, so the database filters;
- `pandas_mask`: a boolean Series over a frame of raw account values, for previews of files;
- `describe`: plain English for people.

Semantics: a number (or list of numbers) in the rule compares numerically with the account
value parsed as a number and is false when it does not parse; anything else compares as trimmed,
lower-cased text; an empty or missing account value makes every op false but `is_empty`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, and_, case, literal, true

from icpcore.icp import Rule, is_number
from icpcore.store.models import Account


def is_numeric_rule(rule: Rule) -> bool:
    value = rule.value
    if isinstance(value, list):
        return bool(value) and all(is_number(v) for v in value)
    return is_number(value)


def text_key(value: Any) -> str:
    """How a value compares as text: trimmed and lower-cased (booleans as true/false)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value).strip().lower()


NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def parse_number(text: str) -> float | None:
    """The numeric reading of an account value: a plain ASCII decimal number ('42', '-3.5',
    '1e3'); None for anything else, and for values too large to be finite."""
    if not isinstance(text, str) or not NUMBER.fullmatch(text := text.strip()):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


# -- SQL --------------------------------------------------------------------------------------
def sql_rule(rule: Rule) -> ColumnElement[bool]:
    if rule.op in ("is_empty", "not_empty"):
        present = Account.traits_ci[rule.field].as_string()
        return present.is_(None) if rule.op == "is_empty" else present.is_not(None)
    if is_numeric_rule(rule):
        column: Any = Account.traits_num[rule.field].as_float()
        # Floats throughout: a list bound as integers (typed from its first item) would truncate 7.5.
        value: Any = [float(v) for v in rule.value] if isinstance(rule.value, list) else float(rule.value)
    else:
        column = Account.traits_ci[rule.field].as_string()
        value = [text_key(v) for v in rule.value] if isinstance(rule.value, list) else text_key(rule.value)
    # Comparisons with a NULL (empty) value are NULL, which CASE and WHERE read as false.
    match rule.op:
        case "eq":
            return column == value
        case "ne":
            return column != value
        case "in":
            return column.in_(value)
        case "not_in":
            return and_(column.is_not(None), column.not_in(value))
        case "lt":
            return column < value
        case "lte":
            return column <= value
        case "gt":
            return column > value
        case "gte":
            return column >= value
        case "between":
            return column.between(value[0], value[1])
        case "contains":
            return column.contains(str(value), autoescape=True)
    raise ValueError(f"unknown op {rule.op}")


def sql_condition(rules: Sequence[Rule]) -> ColumnElement[bool]:
    """All rules hold; an empty list holds for every account."""
    if not rules:
        return true()
    return and_(*(sql_rule(r) for r in rules))


def sql_flag(rules: Sequence[Rule]) -> ColumnElement[int]:
    """1 where all rules hold, else 0 (never NULL: safe to negate, sum and group)."""
    if not rules:
        return literal(1)
    return case((sql_condition(rules), 1), else_=0)


# -- pandas -----------------------------------------------------------------------------------
def _text(series: pd.Series) -> pd.Series:
    """Raw account values as trimmed lower-case text; empty becomes missing."""
    text = series.astype("string").str.strip()
    return text.mask(text == "").str.lower()


def pandas_rule(rule: Rule, frame: pd.DataFrame) -> pd.Series:
    columns = {str(c).strip().lower(): c for c in frame.columns}
    if rule.field not in columns:
        return pd.Series(rule.op == "is_empty", index=frame.index, dtype=bool)
    text = _text(frame[columns[rule.field]])
    if rule.op in ("is_empty", "not_empty"):
        return text.isna() if rule.op == "is_empty" else text.notna()
    if is_numeric_rule(rule):
        numbers = text.map(lambda t: parse_number(t) if isinstance(t, str) else None)
        column = pd.to_numeric(numbers, errors="coerce").astype("float64")
        value: Any = rule.value
    else:
        column = text
        value = [text_key(v) for v in rule.value] if isinstance(rule.value, list) else text_key(rule.value)
    present = column.notna()
    match rule.op:
        case "eq":
            hit = column == value
        case "ne":
            hit = column != value
        case "in":
            hit = column.isin(value)
        case "not_in":
            hit = ~column.isin(value)
        case "lt":
            hit = column < value
        case "lte":
            hit = column <= value
        case "gt":
            hit = column > value
        case "gte":
            hit = column >= value
        case "between":
            hit = (column >= value[0]) & (column <= value[1])
        case "contains":
            hit = column.str.contains(str(value), regex=False)
        case _:
            raise ValueError(f"unknown op {rule.op}")
    return (hit.fillna(False).astype(bool) & present).astype(bool)


def pandas_mask(rules: Sequence[Rule], frame: pd.DataFrame) -> pd.Series:
    mask = pd.Series(True, index=frame.index, dtype=bool)
    for rule in rules:
        mask &= pandas_rule(rule, frame)
    return mask


# -- plain English ----------------------------------------------------------------------------
def field_label(field: str) -> str:
    return field.replace("_", " ").strip().capitalize()


def _show(value: Any) -> str:
    if is_number(value):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
    return str(value)


def _either(values: list[Any], word: str) -> str:
    shown = [_show(v) for v in values]
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + f" {word} " + shown[-1]


def describe(rule: Rule) -> str:
    """'Industry is Software or SaaS', '50-500 employees', 'Region is not EMEA'."""
    if rule.field == "employees" and rule.op in ("between", "lt", "lte", "gt", "gte"):
        return _describe_headcount(rule)
    label, v = field_label(rule.field), rule.value
    phrases = {
        "eq": lambda: f"{label} is {_show(v)}",
        "ne": lambda: f"{label} is not {_show(v)}",
        "in": lambda: f"{label} is {_either(v, 'or')}",
        "not_in": lambda: f"{label} is neither {_either(v, 'nor')}" if len(v) > 1 else f"{label} is not {_show(v[0])}",
        "lt": lambda: f"{label} below {_show(v)}",
        "lte": lambda: f"{label} at most {_show(v)}",
        "gt": lambda: f"{label} above {_show(v)}",
        "gte": lambda: f"{label} at least {_show(v)}",
        "between": lambda: f"{label} between {_show(v[0])} and {_show(v[1])}",
        "contains": lambda: f"{label} contains “{v}”",
        "is_empty": lambda: f"{label} is not known",
        "not_empty": lambda: f"{label} is known",
    }
    return phrases[rule.op]()


def _describe_headcount(rule: Rule) -> str:
    v = rule.value
    return {
        "between": lambda: f"{_show(v[0])}-{_show(v[1])} employees",
        "lt": lambda: f"fewer than {_show(v)} employees",
        "lte": lambda: f"at most {_show(v)} employees",
        "gt": lambda: f"more than {_show(v)} employees",
        "gte": lambda: f"at least {_show(v)} employees",
    }[rule.op]()


def describe_all(rules: Sequence[Rule]) -> str:
    """'Industry is Software or SaaS and 50-500 employees'; 'every account' for no rules."""
    if not rules:
        return "every account"
    return " and ".join(describe(r) for r in rules)

"""Reading cells of an indicator table, and an independent Wilson interval for checks."""

from __future__ import annotations

import math

import pandas as pd

Z = 1.959963984540054


def cell(table: pd.DataFrame, segment: str, metric: str, month: str | None = None) -> tuple:
    """(value, low, high, n) of one row, NaN read as None; KeyError when the row is absent."""
    rows = table[(table["segment"] == segment) & (table["metric"] == metric)]
    rows = rows[rows["month"].isna()] if month is None else rows[rows["month"] == month]
    if len(rows) != 1:
        raise KeyError((segment, metric, month, len(rows)))
    row = rows.iloc[0]
    values = (None if pd.isna(row[c]) else row[c] for c in ("value", "low", "high"))
    return (*values, int(row["n"]))


def has_row(table: pd.DataFrame, segment: str, metric: str, month: str) -> bool:
    return bool(((table["segment"] == segment) & (table["metric"] == metric) & (table["month"] == month)).any())


def wilson(k: int, n: int) -> tuple[float, float, float]:
    """(rate, low, high) by the textbook formula, independent of statsmodels."""
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / (1 + Z * Z / n)
    return p, centre - half, centre + half


def assert_rate(got: tuple, k: int, n: int) -> None:
    p, low, high = wilson(k, n)
    assert got[3] == n
    assert math.isclose(got[0], p, abs_tol=1e-12)
    assert math.isclose(got[1], low, abs_tol=1e-12)
    assert math.isclose(got[2], high, abs_tol=1e-12)

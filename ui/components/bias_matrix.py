"""The matrix of disqualifiers x sensitive attributes, worst severity per cell, and the picker
that opens one cell. Rows are ordered so what most needs a review comes first."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from icpcore.bias.summary import Cell, Row
from ui.components import bias_keys as keys
from ui.components import bias_look


def row_label(row: Row, segment_names: dict[str, str]) -> str:
    scope = f"in {segment_names.get(row.segment, row.segment)}" if row.segment else "all accounts"
    paused = " · paused" if row.status == "paused" else ""
    return f"{row.name} ({scope}){paused}"


def cell_text(cell: Cell | None) -> str:
    if cell is None:
        return ""
    ratio = cell.smallest_impact_ratio
    shown = f" · ratio {ratio:.2f}" if ratio is not None and cell.severity in ("high", "medium") else ""
    return bias_look.label(cell.severity) + shown


def matrix_frame(rows: list[Row], attributes: list[str], segment_names: dict[str, str]) -> pd.DataFrame:
    data = {attribute: [cell_text(r.cells.get(attribute)) for r in rows] for attribute in attributes}
    return pd.DataFrame(data, index=pd.Index([row_label(r, segment_names) for r in rows], name="Disqualifier"))


def render(rows: list[Row], attributes: list[str], segment_names: dict[str, str]) -> None:
    frame = matrix_frame(rows, attributes, segment_names)
    st.dataframe(frame.style.map(bias_look.background), width="stretch")
    st.caption(
        f"{bias_look.legend()}. Each cell shows the worst group of that disqualifier and attribute; "
        "'ratio' is the smallest impact ratio (a group's selection rate over the reference group's)."
    )


def pick(rows: list[Row], segment_names: dict[str, str]) -> Cell:
    """The cell to open, worst first; the picker lists every cell of the matrix."""
    cells: dict[str, Cell] = {c.key: c for r in rows for c in r.cells.values()}
    labels: dict[str, Any] = {
        c.key: f"{row_label(r, segment_names)} × {c.attribute}: {bias_look.label(c.severity)}"
        for r in rows
        for c in r.cells.values()
    }
    chosen = st.selectbox("Open a cell", list(cells), format_func=labels.__getitem__, key=keys.CELL)
    return cells[chosen or next(iter(cells))]

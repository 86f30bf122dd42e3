"""CSV cells never run as formulas; everything else round-trips through the csv module."""

from __future__ import annotations

import csv
import io

from hypothesis import given
from hypothesis import strategies as st

from icpcore.csvsafe import FORMULA_STARTS, dicts_to_csv, safe_cell, to_csv

HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


def _read(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_hostile_cells_get_a_leading_quote() -> None:
    rows = _read(to_csv(["value"], [[h] for h in HOSTILE]))
    assert [r[0] for r in rows[1:]] == ["'" + h for h in HOSTILE]


def test_numbers_stay_numbers_and_none_is_empty() -> None:
    assert safe_cell(-0.5) == -0.5 and safe_cell(3) == 3
    assert safe_cell(None) == "" and safe_cell(float("nan")) == ""
    assert safe_cell(True) == "true"
    assert _read(to_csv(["a", "b"], [[-1, None]]))[1] == ["-1", ""]


def test_header_is_neutralised_too_and_dict_rows_follow_the_header() -> None:
    rows = _read(dicts_to_csv(["=a", "b"], [{"b": "x", "ignored": "y"}]))
    assert rows == [["'=a", "b"], ["", "x"]]


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_cell_ever_starts_like_a_formula_and_text_survives(values: list[str]) -> None:
    rows = _read(to_csv(["v"] * len(values), [values]))
    assert len(rows) == 2
    for written, original in zip(rows[1], values, strict=True):
        assert not written.startswith(FORMULA_STARTS)
        assert written == ("'" + original if original.startswith(FORMULA_STARTS) else original)

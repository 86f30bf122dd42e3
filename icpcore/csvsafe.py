"""CSV text that spreadsheets open as data, never as formulas (shared by every CSV export).

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return can run as a
formula when the file is opened in Excel, LibreOffice or Google Sheets (CSV injection). Such
text gets a leading single quote, which spreadsheets show as plain text. Numbers pass through
unchanged: pass numbers as `int`/`float`, not as text, so `-0.5` stays a number.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LINE_END = "\r\n"  # RFC 4180; every spreadsheet and ad tool reads it


def safe_cell(value: Any) -> Any:
    """The value as written to a CSV cell: text that could run as a formula is quoted."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return "" if isinstance(value, float) and math.isnan(value) else value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A whole CSV file as text: header row, then one line per row, every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=LINE_END)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return buffer.getvalue()


def dicts_to_csv(header: Sequence[str], records: Iterable[Mapping[str, Any]]) -> str:
    """Like `to_csv` for dict rows; keys outside `header` are ignored, missing ones are empty."""
    return to_csv(header, ([record.get(h) for h in header] for record in records))

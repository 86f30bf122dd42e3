"""CSV formula injection: every CSV the project writes goes through icpcore.csvsafe, and hostile
text (a group value, a segment id, a person's name) comes out as inert text."""

from __future__ import annotations

import ast
import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from icpcore.cli import main
from icpcore.metrics.report import report_csv
from tests.icpcore.bias_bundles import AS_OF, base_doc, frames_for, load, save_doc

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("icpcore", "ui", "pages")
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3"]
# Modules allowed to build CSV text themselves, and why each is safe.
CSV_WRITERS = {
    "icpcore/csvsafe.py": "the neutralising writer itself",
    "icpcore/metrics/report.py": "text cells go through csvsafe.safe_cell; numbers stay numbers (tested below)",
}


def _writes_csv(tree: ast.AST) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if node.func.attr in ("writer", "DictWriter") and getattr(node.func.value, "id", "") == "csv":
                return True
            if node.func.attr == "to_csv" and getattr(node.func.value, "id", "") not in ("csvsafe",):
                return True
    return False


def test_every_csv_writer_is_the_safe_one() -> None:
    writers = set()
    for folder in SHIPPED:
        for path in (ROOT / folder).rglob("*.py"):
            if _writes_csv(ast.parse(path.read_text(encoding="utf-8"))):
                writers.add(path.relative_to(ROOT).as_posix())
    assert writers - set(CSV_WRITERS) == set(), "CSV written without icpcore.csvsafe"


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_metrics_csv_neutralises_text_but_keeps_numbers() -> None:
    report = {
        "as_of": "2026-06-30",
        "rows": [
            {
                "segment": HOSTILE[0],
                "month": "+2026-01",
                "metric": "@cac",
                "value": -0.5,
                "low": None,
                "high": 1.0,
                "n": 3,
            }
        ],
    }
    header, row = _cells(report_csv(report))
    assert header[:2] == ["as_of", "segment"]
    assert row == ["2026-06-30", "'" + HOSTILE[0], "'+2026-01", "'@cac", "-0.5", "", "1.0", "3"]


def test_bias_csv_from_the_command_line_neutralises_group_values(sqlite_store, tmp_path) -> None:
    n = 240
    accounts = pd.DataFrame(
        {
            "account_id": [f"a{i:04d}" for i in range(n)],
            "industry": "Software",
            "region": "EMEA",
            "employees": np.where(np.arange(n) % 3 == 0, "5", "80"),
            "owner_gender": [HOSTILE[i % len(HOSTILE)] for i in range(n)],
            "founder_age_band": "30_44",
        }
    )
    dq = {"id": "tiny", "name": "=Tiny", "rules": [{"field": "employees", "op": "lt", "value": 10}]}
    save_doc(sqlite_store, base_doc(disqualifiers=[dq]))
    load(sqlite_store, frames_for(accounts, np.ones(n, bool), np.arange(n) % 2 == 0))
    out = tmp_path / "bias.csv"
    url = sqlite_store.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "bias", "--as-of", AS_OF.isoformat(), "--format", "csv", "--out", str(out)]) == 0
    frame = pd.read_csv(out, keep_default_na=False, dtype=str)
    groups = set(frame.loc[frame["attribute"] == "owner_gender", "group"])
    assert groups >= {"'" + h for h in HOSTILE}
    hostile = [c for c in frame.to_numpy().ravel() if c.startswith(("=", "+", "-", "@")) and not _is_number(c)]
    assert hostile == []

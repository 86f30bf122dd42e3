"""`python -m icpcore metrics`: the JSON and CSV shapes of CONTRACT section 7, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from icpcore.cli import main
from tests.icpcore.metrics.fixtures import ACCOUNTS, load, save_doc

LEADS = """
lead_id,account_id,created_at,channel,qualified_at
l1,a1,2026-01-10,ads,2026-01-12
l2,a2,2026-02-10,ads,
l3,a3,2026-03-10,ads,2026-03-11
"""


@pytest.fixture
def db(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["--db", url, "init"]) == 0
    from icpcore.setup import open_store

    store = open_store(url)
    save_doc(store)
    load(store, accounts=ACCOUNTS, leads=LEADS)
    store.engine.dispose()
    return url


def _run(capsys, *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_json_by_segment_month(db, capsys):
    code, out, _ = _run(capsys, "--db", db, "metrics", "--by", "segment,month", "--as-of", "2026-03-31")
    assert code == 0
    report = json.loads(out)
    assert report["as_of"] == "2026-03-31"
    row = next(r for r in report["rows"] if (r["segment"], r["month"], r["metric"]) == ("saas", "2026-01", "leads"))
    assert row == {
        "segment": "saas",
        "month": "2026-01",
        "metric": "leads",
        "value": 1,
        "low": None,
        "high": None,
        "n": 1,
    }
    rate = next(
        r for r in report["rows"] if (r["segment"], r["month"], r["metric"]) == ("saas", "2026-01", "qualified_rate")
    )
    assert set(rate) == {"segment", "month", "metric", "value", "low", "high", "n"}
    assert rate["value"] == 1.0 and rate["n"] == 1 and 0 < rate["low"] < 1
    assert {r["month"] for r in report["rows"]} == {"2026-01", "2026-02", "2026-03"}
    assert "NaN" not in out


def test_json_by_segment_defaults_to_three_months(db, capsys):
    code, out, _ = _run(capsys, "--db", db, "metrics", "--as-of", "2026-03-31")
    rows = json.loads(out)["rows"]
    assert code == 0 and all(r["month"] is None for r in rows)
    assert [r["segment"] for r in rows[::11]] == ["saas", "fin", "non_icp", "disqualified", "all"]
    leads = {r["segment"]: r["value"] for r in rows if r["metric"] == "leads"}
    assert leads == {"saas": 2, "fin": 1, "non_icp": 0, "disqualified": 0, "all": 3}
    code, out, _ = _run(capsys, "--db", db, "metrics", "--as-of", "2026-03-31", "--months", "1")
    assert {r["segment"]: r["value"] for r in json.loads(out)["rows"] if r["metric"] == "leads"}["all"] == 1


def test_default_as_of_is_the_latest_evidence_date(db, capsys):
    code, out, _ = _run(capsys, "--db", db, "metrics")
    assert code == 0 and json.loads(out)["as_of"] == "2026-03-11"


def test_csv(db, capsys):
    code, out, _ = _run(
        capsys, "--db", db, "metrics", "--by", "segment,month", "--format", "csv", "--as-of", "2026-03-31"
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["as_of", "segment", "month", "metric", "value", "low", "high", "n"]
    first = rows[0]
    assert (first["segment"], first["month"], first["metric"], first["value"], first["low"]) == (
        "saas",
        "2026-01",
        "leads",
        "1",
        "",
    )


@pytest.mark.parametrize(
    "args",
    [["--as-of", "2026-02-30"], ["--as-of", "soon"], ["--months", "0"], ["--by", "month"]],
)
def test_invalid_input_exits_2(db, capsys, args):
    code, out, err = _run(capsys, "--db", db, "metrics", *args)
    assert code == 2 and out == "" and err

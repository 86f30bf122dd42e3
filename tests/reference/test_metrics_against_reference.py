"""The command line's metrics equal an independent reading of the contract on random bundles,
through the same path the acceptance checks take: CSV files, `import`, `icp import`, `metrics`."""

from __future__ import annotations

import json
import math
import random
from datetime import date

import pytest

from icpcore.cli import main
from tests.reference import metrics_reference as ref
from tests.reference.random_bundle import bundle, document

KINDS = ["accounts", "leads", "opportunities", "product_events", "billing", "spend"]


def _run(capsys, *args: str) -> str:
    capsys.readouterr()
    code = main(list(args))
    captured = capsys.readouterr()
    assert code == 0, captured.err
    return captured.out


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


@pytest.mark.parametrize("seed", range(6))
def test_metrics_match_the_reference(tmp_path, capsys, seed: int) -> None:
    rng = random.Random(seed)
    doc, frames = document(rng), bundle(rng)
    db = f"sqlite:///{tmp_path / 'ref.db'}"
    _run(capsys, "--db", db, "init")
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        frames[kind].to_csv(path, index=False)
        _run(capsys, "--db", db, "import", kind, str(path))
    (tmp_path / "icp.json").write_text(json.dumps(doc), encoding="utf-8")
    _run(capsys, "--db", db, "icp", "import", str(tmp_path / "icp.json"), "--reason", "test")
    as_of = None if seed % 2 == 0 else date(2026, 5, 14 + seed)
    for by, months in (("segment,month", None), ("segment", 3), ("segment", 1 + seed % 4)):
        args = ["--db", db, "metrics", "--by", by, "--format", "json"]
        if months and by == "segment":
            args += ["--months", str(months)]
        if as_of:
            args += ["--as-of", as_of.isoformat()]
        got = json.loads(_run(capsys, *args))
        expected_as_of, expected = ref.rows(doc, frames, by=by, months=months, as_of=as_of)
        assert got["as_of"] == expected_as_of
        key = lambda r: (r["segment"], r["month"], r["metric"])  # noqa: E731
        mine = {key(r): r for r in got["rows"]}
        theirs = {key(r): r for r in expected}
        assert set(mine) == set(theirs), set(mine) ^ set(theirs)
        for k, row in theirs.items():
            other = mine[k]
            assert other["n"] == row["n"], (k, other, row)
            for field in ("value", "low", "high"):
                assert _close(other[field], row[field]), (k, field, other, row)

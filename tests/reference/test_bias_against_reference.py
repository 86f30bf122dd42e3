"""The command line's bias check equals an independent reading of CONTRACT section 5 on random
bundles, through CSV import and `python -m icpcore bias`."""

from __future__ import annotations

import json
import math
import random

import pytest

from tests.reference import bias_reference as ref
from tests.reference.random_bundle import bundle, document
from tests.reference.test_metrics_against_reference import KINDS, _run

NUMBERS = ("selection_rate", "impact_ratio", "p_value", "q_value", "cramers_v", "mh_odds_ratio", "mh_low", "mh_high")
EXACT = ("n", "disqualified", "reference_group", "flagged", "justified", "severity")


def _close(a, b) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize("seed", range(4))
def test_bias_matches_the_reference(tmp_path, capsys, seed: int) -> None:
    from icpcore.cli import main  # noqa: F401  (imported by _run)

    rng = random.Random(100 + seed)
    doc, frames = document(rng), bundle(rng, accounts=400)
    db = f"sqlite:///{tmp_path / 'bias.db'}"
    _run(capsys, "--db", db, "init")
    for kind in KINDS:
        path = tmp_path / f"{kind}.csv"
        frames[kind].to_csv(path, index=False)
        _run(capsys, "--db", db, "import", kind, str(path))
    (tmp_path / "icp.json").write_text(json.dumps(doc), encoding="utf-8")
    _run(capsys, "--db", db, "icp", "import", str(tmp_path / "icp.json"), "--reason", "test")
    got = json.loads(_run(capsys, "--db", db, "bias", "--format", "json"))
    expected = ref.findings(doc, frames)
    key = lambda r: (r["disqualifier"], r["attribute"], r["group"])  # noqa: E731
    mine = {key(r): r for r in got["findings"]}
    theirs = {key(r): r for r in expected}
    assert set(mine) == set(theirs)
    assert any(r["severity"] == "high" for r in expected) or seed > 0
    for k, row in theirs.items():
        for field in EXACT:
            assert mine[k][field] == row[field], (k, field, mine[k], row)
        for field in NUMBERS:
            assert _close(mine[k][field], row[field]), (k, field, mine[k][field], row[field])

"""The bias check on the demo bundle: its planted stories come out as planted, and pausing the
planted proxy changes the segment assignment and the indicators."""

from __future__ import annotations

import pytest

from icpcore import history
from icpcore.bias import bias_report
from icpcore.bias.actions import pause_disqualifier
from icpcore.bias.summary import matrix_rows
from icpcore.demo import load_demo
from icpcore.metrics.report import metrics_report
from icpcore.segments import segment_sizes
from icpcore.setup import seed_default_icp
from tests.conftest import ADMIN, EDITOR


def _leads(report: dict, segment: str) -> int:
    return next(r["value"] for r in report["rows"] if r["segment"] == segment and r["metric"] == "leads")


@pytest.mark.slow
def test_demo_proxy_on_top_then_paused(sqlite_store):
    store = sqlite_store
    seed_default_icp(store, actor=ADMIN)
    load_demo(store, seed=7, accounts=1500, actor=ADMIN)
    rows = matrix_rows(bias_report(store)["findings"])
    severities = {r.disqualifier: {a: c.severity for a, c in r.cells.items()} for r in rows}
    assert rows[0].disqualifier == "bootstrapped" and severities["bootstrapped"]["owner_gender"] == "high"
    assert severities["tiny"]["founder_age_band"] == "medium"
    assert set(severities["public_sector"].values()) == {"none"}

    sizes, indicators = segment_sizes(store), metrics_report(store)
    pause_disqualifier(
        store, "bootstrapped", base=history.current(store).number, actor=EDITOR, reason="Shadows owner gender"
    )
    assert segment_sizes(store)["disqualified"] < sizes["disqualified"]
    after = metrics_report(store)
    assert _leads(after, "disqualified") < _leads(indicators, "disqualified")
    assert _leads(after, "all") == _leads(indicators, "all")
    still = matrix_rows(bias_report(store)["findings"])[0]
    assert (still.disqualifier, still.status, still.severity) == ("bootstrapped", "paused", "high")

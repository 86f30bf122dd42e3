"""Every page of the navigation, opened from the sidebar as a person does: rendered with the demo
data, no exception box and no error alert, a screenshot each, and the time from the click to the
page fully rendered (the first visit computes, the second is what people feel afterwards).

Times are printed at the end of the run and written to tests/e2e/screens/timings.json, not asserted (targets: under
1.5 s per page after the first visit with the demo data; benchmarks/bench_pages.py checks 1M leads).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from icpcore.store.models import EVIDENCE_MODELS
from tests.e2e.driver import ROOT, Dashboard, copy_screenshot
from ui.navigation import PAGES

README_SCREENSHOT = ROOT / "docs" / "screenshots" / "icp.png"
UPDATE_DOCS = "FITBOARD_UPDATE_SCREENSHOT"  # =1 also refreshes the README's screenshot


def _slug(url_path: str) -> str:
    return url_path or "home"


def _evidence_counts(store) -> dict[str, int]:
    with store.read() as uow:
        return {kind: uow.evidence.count(kind) for kind in EVIDENCE_MODELS}


def test_every_page_renders_without_errors(dashboard: Dashboard, screens: Path, app_store, timing_lines) -> None:
    problems: dict[str, list[str]] = {}
    first: dict[str, float] = {}
    for entry in PAGES:
        first[entry.title] = dashboard.navigate(entry.title)
        dashboard.screenshot(screens / f"page-{_slug(entry.url_path)}.png")
        found = dashboard.problems()
        if found:
            problems[entry.title] = found
    again = {entry.title: dashboard.navigate(entry.title) for entry in PAGES}
    timing_lines.extend(_report(dashboard, first, again, screens, _evidence_counts(app_store)))
    if os.environ.get(UPDATE_DOCS) == "1":
        copy_screenshot(screens / f"page-{_slug(PAGES[0].url_path)}.png", README_SCREENSHOT)
    assert problems == {}, f"pages showing an exception or error: {json.dumps(problems, indent=1)}"


def _report(
    dashboard: Dashboard, first: dict[str, float], again: dict[str, float], screens: Path, counts: dict[str, int]
) -> list[str]:
    lines = [f"{'page':<22}{'first visit':>14}{'again':>10}"]
    lines += [f"{title:<22}{first[title]:>12.2f} s{again[title]:>8.2f} s" for title in first]
    start = dashboard.timings.get("first start (demo load)")
    if start is not None:
        lines.append(f"first start, demo evidence loaded: {start:.1f} s")
    timings = {
        "evidence": counts,
        "first_start_s": start,
        "pages": {title: {"first_visit_s": first[title], "again_s": again[title]} for title in first},
    }
    (screens / "timings.json").write_text(json.dumps(timings, indent=2), encoding="utf-8")
    return lines

"""Page speed in a real browser: every page of the dashboard, opened from the navigation, timed
from the click to fully rendered (the same measurement as the browser suite, tests/e2e).

For each evidence size the demo is generated into a fresh SQLite file with the command line
(`python -m icpcore --db URL demo --accounts N`), the dashboard is started on it, and every page
is visited twice: the first visit computes (and fills the caches), the second is what people feel
afterwards. Targets: under 1.5 s per page after the first visit with the demo data (5,000
accounts), under 3 s at 1M leads (100,000 accounts).

    python benchmarks/bench_pages.py                      # 5,000 and 100,000 accounts
    python benchmarks/bench_pages.py --accounts 100000 --db sqlite:////tmp/big.db   # reuse a database

Needs Debian's chromium (/usr/bin/chromium) and the playwright package.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from icpcore.store import Store  # noqa: E402
from icpcore.store.models import EVIDENCE_MODELS  # noqa: E402
from tests.e2e.driver import Dashboard, browser_missing, open_browser, run_server  # noqa: E402
from ui.navigation import PAGES  # noqa: E402

TARGETS = {5000: 1.5, 100000: 3.0}  # seconds per page after the first visit


def build(url: str, accounts: int) -> float:
    """The demo with `accounts` accounts in `url`; seconds taken."""
    started = time.perf_counter()
    for command in (["init"], ["demo", "--accounts", str(accounts)]):
        subprocess.run([sys.executable, "-m", "icpcore", "--db", url, *command], cwd=ROOT, check=True)
    return time.perf_counter() - started


def counts(url: str) -> dict[str, int]:
    store = Store.open(url)
    try:
        with store.read() as uow:
            return {kind: uow.evidence.count(kind) for kind in EVIDENCE_MODELS}
    finally:
        store.engine.dispose()


def visit_all(url: str, workdir: Path) -> dict[str, dict[str, float | None]]:
    with run_server(url, workdir, demo=False) as server, open_browser() as browser:
        tab = Dashboard.open(browser, server.url, timeout_ms=900_000)
        started = tab.goto("")
        first = {entry.title: tab.navigate(entry.title) for entry in PAGES}
        again = {entry.title: tab.navigate(entry.title) for entry in PAGES}
        problems = tab.problems()
    if problems:
        print(f"  warning: the last page shows an error: {problems}")
    return {"first start": {"first": started, "again": None}} | {
        title: {"first": first[title], "again": again[title]} for title in first
    }


def report(
    accounts: int, evidence: dict[str, int], built: float | None, times: dict[str, dict[str, float | None]]
) -> None:
    target = TARGETS.get(accounts)
    print(f"\n{accounts:,} accounts, {evidence['leads']:,} leads", end="")
    print(f" (demo built in {built:.0f} s)" if built is not None else " (existing database)")
    print(f"  {'page':<22}{'first visit':>13}{'again':>9}" + (f"   target {target} s" if target else ""))
    for title, t in times.items():
        again = t["again"]
        verdict = "" if not target or again is None else ("   ok" if again <= target else "   over")
        print(f"  {title:<22}{t['first']:>11.2f} s{'' if again is None else f'{again:.2f} s':>9}{verdict}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, nargs="+", default=[5000, 100000])
    parser.add_argument("--db", help="an existing database to time (with one --accounts for the label)")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    missing = browser_missing()
    if missing:
        print(f"cannot run: {missing}", file=sys.stderr)
        return 2
    results = {}
    with tempfile.TemporaryDirectory(prefix="fitboard-bench-pages-") as tmp:
        for accounts in args.accounts:
            workdir = Path(tmp) / str(accounts)
            workdir.mkdir()
            url = args.db or f"sqlite:///{workdir / 'fitboard.db'}"
            built = None if args.db else build(url, accounts)
            evidence = counts(url)
            times = visit_all(url, workdir)
            report(accounts, evidence, built, times)
            results[accounts] = {"evidence": evidence, "build_s": built, "pages": times}
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Import speed and peak memory for a large leads file (issue 3): rows per second and peak RSS.

    python benchmarks/bench_import.py [--rows 1000000] [--accounts 100000] [--engines sqlite,postgres]

Writes `accounts.csv` and `leads.csv` (deterministic) into a temporary folder, then imports them
in a fresh child process per engine: a SQLite file, and a scratch PostgreSQL database created
from ICP_TEST_POSTGRES_URL (skipped when unset) and dropped afterwards. The child times the
leads import; the parent reads the child's peak RSS from `os.wait4` (the same `ru_maxrss` that
`resource.getrusage(RUSAGE_CHILDREN)` reports, but for that child alone).
Targets: >= 100,000 rows/s and < 500 MB peak RSS.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scratch import scratch_postgres

ROOT = Path(__file__).resolve().parents[1]
CHANNELS = ("paid_search", "paid_social", "outbound", "events", "referral", "content")
REASONS = (
    "no budget this year",
    "too small for our plans",
    "already on a competitor, call back at 555-123-4567 in Q3",
    "student project; wrote to jane.doe@example.com",
    "wrong region",
)


def write_files(folder: Path, rows: int, accounts: int, seed: int = 7) -> tuple[Path, Path]:
    rng = random.Random(seed)
    accounts_path, leads_path = folder / "accounts.csv", folder / "leads.csv"
    with accounts_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["account_id", "name", "industry", "employees", "annual_revenue", "region", "country", "tier"])
        for i in range(accounts):
            industry, size = rng.choice(("saas", "fintech", "agency")), rng.randint(1, 5000)
            revenue, region = rng.randint(0, 10**8), rng.choice(("EMEA", "NA", "APAC"))
            out.writerow([f"A{i:06d}", f"Company {i}", industry, size, revenue, region, "DE", rng.choice("abc")])
    with leads_path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(
            ["lead_id", "account_id", "created_at", "channel", "campaign", "qualified_at", "disqualified_reason"]
        )
        base = 1_735_689_600  # 2025-01-01T00:00:00Z
        for i in range(rows):
            created = base + rng.randrange(0, 540 * 86400)
            qualified = created + rng.randrange(86400, 30 * 86400) if rng.random() < 0.4 else None
            out.writerow(
                [
                    f"L{i:08d}",
                    f"A{rng.randrange(accounts):06d}",
                    _iso(created, rng),
                    rng.choice(CHANNELS),
                    f"c{rng.randrange(40)}",
                    _iso(qualified, rng) if qualified else "",
                    "" if qualified or rng.random() < 0.5 else rng.choice(REASONS),
                ]
            )
    return accounts_path, leads_path


def _iso(ts: int, rng: random.Random) -> str:
    shape = rng.random()
    text = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(ts))
    if shape < 0.2:
        return text[:10]
    return text + "Z" if shape < 0.6 else text


# -- child: one engine, one import -----------------------------------------------------------------
def child(url: str, accounts_path: Path, leads_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from icpcore.access import Actor
    from icpcore.evidence.importer import import_file
    from icpcore.store import Store

    actor = Actor("benchmark", "admin", "benchmark")
    store = Store.open(url)
    started = time.perf_counter()
    accounts = import_file(store, "accounts", accounts_path, actor=actor)
    middle, cpu = time.perf_counter(), time.process_time()
    leads = import_file(store, "leads", leads_path, actor=actor)
    ended, cpu = time.perf_counter(), time.process_time() - cpu
    print(
        json.dumps(
            {
                "accounts": accounts.rows,
                "accounts_s": middle - started,
                "leads": leads.rows,
                "leads_s": ended - middle,
                "leads_cpu_s": cpu,
            }
        )
    )


def run_child(url: str, accounts_path: Path, leads_path: Path) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", url, str(accounts_path), str(leads_path)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, cwd=ROOT)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"child failed for {url.split('://')[0]} (exit {proc.returncode})")
    figures = json.loads(output)
    figures["peak_rss_mb"] = usage.ru_maxrss / 1024  # kilobytes on Linux
    return figures


def _postgres_database() -> tuple[str, object] | None:
    base = os.environ.get("ICP_TEST_POSTGRES_URL")
    return scratch_postgres(base) if base else None


def report(engine: str, figures: dict[str, float]) -> None:
    rate = figures["leads"] / figures["leads_s"]
    verdict = "ok" if rate >= 100_000 and figures["peak_rss_mb"] < 500 else "below target"
    print(
        f"{engine:>10}: {figures['leads']:,} leads in {figures['leads_s']:.1f} s = {rate:,.0f} rows/s "
        f"(this process's CPU: {figures['leads_cpu_s']:.1f} s); "
        f"{figures['accounts']:,} accounts in {figures['accounts_s']:.1f} s; "
        f"peak RSS {figures['peak_rss_mb']:.0f} MB ({verdict})"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="fitboard-bench-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        accounts_path, leads_path = write_files(folder, args.rows, args.accounts)
        size = leads_path.stat().st_size / 2**20
        print(f"wrote {args.rows:,} leads ({size:.0f} MB) in {time.perf_counter() - started:.1f} s")
        for engine in args.engines.split(","):
            if engine == "sqlite":
                report("sqlite", run_child(f"sqlite:///{folder / 'bench.db'}", accounts_path, leads_path))
            elif engine == "postgres":
                scratch = _postgres_database()
                if scratch is None:
                    print("  postgres: skipped (ICP_TEST_POSTGRES_URL is not set)")
                    continue
                url, drop = scratch
                try:
                    report("postgresql", run_child(url, accounts_path, leads_path))
                finally:
                    drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()

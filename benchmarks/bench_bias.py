"""The whole bias check over many accounts (issue 6): 20 disqualifiers x 5 sensitive attributes.

    python benchmarks/bench_bias.py [--accounts 100000] [--engines sqlite,postgres] [--repeat 3]

Loads a deterministic bundle (accounts with five sensitive attributes, one of them numeric and cut
in quartiles, plus leads and purchases so the Mantel-Haenszel business reason has mature units)
into a SQLite file and into a scratch PostgreSQL database created from ICP_TEST_POSTGRES_URL
(skipped when unset, dropped afterwards). Times `bias_report` (one grouped scan in the database,
then every statistic on the count tables), best and median of `--repeat` runs. Beside it, the
same selection rates through fairlearn's MetricFrame, computed row by row from the accounts held
in memory (rules evaluated with pandas), with the time ratio and the largest difference between
the two sets of selection rates. Target: the whole check under 1 s at 100,000 accounts.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scratch import scratch_postgres

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from fairlearn.metrics import MetricFrame, selection_rate  # noqa: E402

from icpcore import history  # noqa: E402
from icpcore.access import Actor  # noqa: E402
from icpcore.bias import bias_report  # noqa: E402
from icpcore.evidence.bundle import load_frames  # noqa: E402
from icpcore.icp import parse_icp  # noqa: E402
from icpcore.rules import pandas_mask  # noqa: E402
from icpcore.store import Store  # noqa: E402

ACTOR = Actor("benchmark", "admin", "benchmarks")
AS_OF = "2025-12-31"
ATTRIBUTES = {
    "owner_gender": ["female", "male", "non-binary"],
    "founder_age_band": ["under_30", "30_44", "45_59", "60_plus"],
    "owner_ethnicity": ["a", "b", "c", "d", "e"],
    "disability": ["yes", "no"],
    "founder_age": None,  # numeric: quartiles
}
FIELDS = [f"f{i}" for i in range(8)]


def bundle(accounts: int, seed: int = 7) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    rng = np.random.default_rng(seed)
    ids = np.array([f"A{i:06d}" for i in range(accounts)])
    frame = pd.DataFrame(
        {
            "account_id": ids,
            "industry": rng.choice(["Software", "SaaS", "Fintech", "Government", "Retail"], accounts),
            "employees": rng.integers(1, 2000, accounts).astype(str),
            "region": rng.choice(["EMEA", "NA", "APAC"], accounts),
        }
    )
    for name, values in ATTRIBUTES.items():
        frame[name] = rng.integers(20, 70, accounts).astype(str) if values is None else rng.choice(values, accounts)
    for name in FIELDS:
        frame[name] = rng.choice(["p", "q", "r", "s"], accounts)
    unit = rng.random(accounts) < 0.6
    created = pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 200, accounts), unit="D")
    leads = pd.DataFrame(
        {
            "lead_id": [f"L{i}" for i in ids[unit]],
            "account_id": ids[unit],
            "created_at": created[unit].strftime("%Y-%m-%d"),
            "channel": "ads",
        }
    )
    paid = unit & (rng.random(accounts) < 0.25)
    billing = pd.DataFrame(
        {
            "account_id": ids[paid],
            "event": "purchase",
            "occurred_at": (created[paid] + pd.Timedelta(days=10)).strftime("%Y-%m-%d"),
        }
    )
    return {"accounts": frame, "leads": leads, "billing": billing}, frame


def document() -> dict[str, Any]:
    """20 global disqualifiers on eight fields and on headcount and industry."""
    rules: list[dict[str, Any]] = []
    for i, field in enumerate(FIELDS):
        rules.append({"field": field, "op": "eq", "value": "p"})
        rules.append({"field": field, "op": "in", "value": ["q", "r"] if i % 2 else ["s"]})
    rules += [
        {"field": "employees", "op": "lt", "value": 20},
        {"field": "employees", "op": "between", "value": [500, 900]},
        {"field": "industry", "op": "eq", "value": "Government"},
        {"field": "industry", "op": "contains", "value": "saa"},
    ]
    return {
        "name": "benchmark ICP",
        "success": {"event": "paid", "window_days": 90},
        "sensitive_attributes": list(ATTRIBUTES),
        "disqualifiers": [{"id": f"d{i:02d}", "name": f"rule {i}", "rules": [r]} for i, r in enumerate(rules)],
        "segments": [],
    }


def time_check(store: Store, repeat: int) -> tuple[list[float], list[float], dict[str, Any]]:
    """Wall-clock and this process's CPU seconds per run (SQLite runs inside this process, so its
    CPU time is the check's own work even on a busy machine)."""
    walls, cpus, report = [], [], {}
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        report = bias_report(store, as_of=AS_OF)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, report


def fairlearn_rates(frame: pd.DataFrame, doc: dict[str, Any]) -> tuple[float, dict[tuple[str, str, str], float]]:
    """Selection rates per (disqualifier, attribute, group) through MetricFrame, row by row."""
    icp = parse_icp(doc)
    start = time.perf_counter()
    rates: dict[tuple[str, str, str], float] = {}
    for dq in icp.disqualifiers:
        kept = (~pandas_mask(dq.rules, frame)).astype(int)
        for attribute in icp.sensitive_attributes:
            groups = frame[attribute]
            if ATTRIBUTES[attribute] is None:
                codes = pd.qcut(groups.astype(float), 4, duplicates="drop").cat.codes
                groups = "Q" + (codes + 1).astype(str)
            mf = MetricFrame(metrics=selection_rate, y_true=kept, y_pred=kept, sensitive_features=groups.rename("g"))
            rates |= {(dq.id, attribute, str(g)): float(v) for g, v in mf.by_group.items()}
    return time.perf_counter() - start, rates


def engines(wanted: list[str], folder: Path) -> list[tuple[str, str, Any]]:
    """(name, url, cleanup) for each engine to run."""
    found: list[tuple[str, str, Any]] = []
    if "sqlite" in wanted:
        found.append(("SQLite", f"sqlite:///{folder / 'bench.db'}", lambda: None))
    pg = os.environ.get("ICP_TEST_POSTGRES_URL")
    if "postgres" in wanted and pg:
        url, drop = scratch_postgres(pg)
        found.append(("PostgreSQL", url, drop))
    elif "postgres" in wanted:
        print("PostgreSQL skipped: ICP_TEST_POSTGRES_URL is not set")
    return found


def run_engine(label: str, url: str, frames: dict[str, pd.DataFrame], doc: dict[str, Any], repeat: int) -> dict:
    store = Store.open(url)
    try:
        start = time.perf_counter()
        load_frames(store, frames, source_tag="bench", actor=ACTOR, mode="replace_all")
        history.save(store, doc, base=None, actor=ACTOR, reason="benchmark", check_fields=False)
        loaded = time.perf_counter() - start
        walls, cpus, report = time_check(store, repeat)
    finally:
        store.engine.dispose()
    return {"engine": label, "load_s": loaded, "times": walls, "cpu": cpus, "report": report}


def report(label: str, result: dict[str, Any], fair_s: float, fair_rates: dict[tuple[str, str, str], float]) -> None:
    findings = result["report"]["findings"]
    ours = {(r["disqualifier"], r["attribute"], r["group"]): r["selection_rate"] for r in findings}
    assert set(ours) == set(fair_rates), "the two sets of groups differ"
    worst = max(abs(ours[k] - v) for k, v in fair_rates.items())
    best, median, cpu = min(result["times"]), statistics.median(result["times"]), min(result["cpu"])
    print(
        f"{label:<10} load {result['load_s']:5.1f} s | bias check best {best:.3f} s, median {median:.3f} s, "
        f"client CPU {cpu:.3f} s ({len(findings)} findings) | fairlearn MetricFrame row by row {fair_s:.3f} s "
        f"= {fair_s / best:.1f}x the check | largest selection-rate difference {worst:.1e}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--accounts", type=int, default=100_000)
    parser.add_argument("--engines", default="sqlite,postgres")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    frames, frame = bundle(args.accounts)
    doc = document()
    print(f"{args.accounts:,} accounts, {len(doc['disqualifiers'])} disqualifiers x {len(ATTRIBUTES)} attributes")
    fair_s, fair_rates = fairlearn_rates(frame, doc)
    with tempfile.TemporaryDirectory() as folder:
        for label, url, cleanup in engines(args.engines.split(","), Path(folder)):
            try:
                result = run_engine(label, url, frames, doc, args.repeat)
            finally:
                cleanup()
            report(label, result, fair_s, fair_rates)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

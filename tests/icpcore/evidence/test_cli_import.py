"""`python -m icpcore import` through a real process: exit codes, messages, nothing written on error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from icpcore.store import Store
from tests.icpcore.evidence.helpers import ACCOUNTS, snapshot, write

ROOT = Path(__file__).resolve().parents[3]


def _cli(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ICP_ACTOR": "cli tester"}
    return subprocess.run(
        [sys.executable, "-m", "icpcore", "--db", db, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


def test_three_bad_rows_exit_2_listing_all_three_and_nothing_is_written(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    accounts = write(tmp_path, "accounts.csv", ACCOUNTS)
    leads = write(
        tmp_path,
        "leads.csv",
        "lead_id,account_id,created_at,channel,email\n"
        "L1,A1,2026-01-01,ads,a@b.co\nL2,A1,14/03/2026,ads,\nL3,A9,2026-01-01,ads,\nL4,A1,2026-01-01,,\n"
        "L5,A1,2026-01-02,seo,\n",
    )
    ok = _cli(db, "import", "accounts", str(accounts), "--source", "crm")
    assert ok.returncode == 0, ok.stderr
    assert "imported 3 accounts row(s) from accounts.csv (source 'crm')" in ok.stderr
    before = snapshot(Store.open(db))
    bad = _cli(db, "import", "leads", str(leads))
    assert bad.returncode == 2
    assert "leads.csv: row 2, column created_at: '14/03/2026' is not an ISO 8601 date" in bad.stderr
    assert "leads.csv: row 3, column account_id: 'A9' is not in accounts" in bad.stderr
    assert "leads.csv: row 4, column channel: is empty but required" in bad.stderr
    assert "3 bad row(s)" in bad.stderr and bad.stdout == ""
    assert snapshot(Store.open(db)) == before


def test_map_replace_and_usage_errors(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    firms = write(tmp_path, "firms.csv", "Company,Sector,Staff,Area\nacme,saas,10,EU\n")
    rename = "account_id=company,industry=sector,employees=staff,region=area"
    done = _cli(db, "import", "accounts", str(firms), "--map", rename, "--replace")
    assert done.returncode == 0 and "replaced 1 accounts row(s)" in done.stderr, done.stderr
    again = _cli(db, "import", "accounts", str(firms), "--map", rename)
    assert again.returncode == 2 and "'acme' already exists" in again.stderr
    assert _cli(db, "import", "prospects", str(firms)).returncode == 2

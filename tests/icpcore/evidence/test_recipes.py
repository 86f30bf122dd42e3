"""The Maven CRM export imports with the documented recipe, through the API and the command line."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from icpcore.errors import InvalidInput
from icpcore.evidence.importer import import_file
from icpcore.evidence.recipes import _millions
from icpcore.store.models import Account, Opportunity
from tests.conftest import ADMIN
from tests.icpcore.evidence.helpers import snapshot

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "tests" / "data" / "maven_crm"


def test_accounts_and_pipeline_import_with_the_recipe(store):
    accounts = import_file(store, "accounts", SAMPLE / "accounts.csv", actor=ADMIN, recipe="maven_crm", source="maven")
    deals = import_file(store, "opportunities", SAMPLE / "sales_pipeline.csv", actor=ADMIN, recipe="Maven_CRM")
    assert accounts.rows == 85 and accounts.skipped == {}
    assert deals.skipped == {"open deal without an account": 47, "open deal without an engage date": 8}
    assert deals.rows == 304 - 47 - 8
    with store.read() as uow:
        s = uow.session
        acme = s.get(Account, "Acme Corporation")
        assert acme.traits["industry"] == "technology" and acme.traits["region"] == "North America"
        assert acme.traits_num["annual_revenue"] == 1_100_040_000 and acme.traits["year_established"] == "1996"
        assert "technolgy" not in {a.traits["industry"] for a in s.scalars(select(Account))}
        assert s.get(Account, "Bioholding").traits["country"] == "Philippines"
        won = dict(
            s.execute(
                select(Opportunity.won, func.count())
                .where(Opportunity.closed_ts.is_not(None))
                .group_by(Opportunity.won)
            ).all()
        )
        assert won == {True: 145, False: 91}
        open_deals = s.scalars(select(Opportunity).where(Opportunity.closed_ts.is_(None))).all()
        assert {o.stage for o in open_deals} == {"Engaging"} and not any(o.won for o in open_deals)
        products = {o.extra["product"] for o in s.scalars(select(Opportunity))}
        assert "GTX Pro" in products and "GTXPro" not in products
        assert s.get(Opportunity, "1C1I7A6R").amount == 1054.0


def test_the_command_line_runs_the_documented_recipe(tmp_path):
    db = f"sqlite:///{tmp_path / 'maven.db'}"
    env = {**os.environ, "ICP_ACTOR": "recipe tester"}
    for kind, name in (("accounts", "accounts.csv"), ("opportunities", "sales_pipeline.csv")):
        done = subprocess.run(
            [sys.executable, "-m", "icpcore", "--db", db, "import", kind, str(SAMPLE / name), "--recipe", "maven_crm"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    assert "left out by the recipe: 47 row(s): open deal without an account" in done.stderr


def test_without_the_recipe_the_export_fails_clearly(sqlite_store):
    with pytest.raises(InvalidInput, match=r"missing required column\(s\) account_id, industry, region"):
        import_file(sqlite_store, "accounts", SAMPLE / "accounts.csv", actor=ADMIN)
    mapping = {"account_id": "account", "industry": "sector", "region": "office_location", "country": "office_location"}
    assert import_file(sqlite_store, "accounts", SAMPLE / "accounts.csv", actor=ADMIN, mapping=mapping).rows == 85


def test_rows_the_recipe_keeps_keep_their_file_row_numbers(sqlite_store, tmp_path):
    import_file(sqlite_store, "accounts", SAMPLE / "accounts.csv", actor=ADMIN, recipe="maven_crm")
    rows = list(csv.reader(io.StringIO((SAMPLE / "sales_pipeline.csv").read_text())))
    first_left_out = next(i for i, r in enumerate(rows) if i and r[4] in ("Engaging", "Prospecting") and not r[3])
    broken = next(i for i, r in enumerate(rows) if i > first_left_out and r[4] == "Won")
    rows[broken][6] = "31/12/2017"
    path = tmp_path / "pipeline.csv"
    with path.open("w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    before = snapshot(sqlite_store)
    with pytest.raises(InvalidInput, match=rf"pipeline\.csv: row {broken}, column closed_at: '31/12/2017'"):
        import_file(sqlite_store, "opportunities", path, actor=ADMIN, recipe="maven_crm")
    assert snapshot(sqlite_store) == before


def test_unknown_recipes_and_kinds_are_refused(sqlite_store):
    with pytest.raises(InvalidInput, match="unknown recipe 'hubspot'"):
        import_file(sqlite_store, "accounts", SAMPLE / "accounts.csv", actor=ADMIN, recipe="hubspot")
    with pytest.raises(InvalidInput, match="recipe maven_crm has nothing for leads"):
        import_file(sqlite_store, "leads", SAMPLE / "sales_pipeline.csv", actor=ADMIN, recipe="maven_crm")


def test_revenue_in_millions_becomes_dollars_exactly():
    assert [_millions(t) for t in ("1100.04", "4.54", "0", " 12 ", "n/a")] == [
        "1100040000",
        "4540000",
        "0",
        "12000000",
        "n/a",
    ]

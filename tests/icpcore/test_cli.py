"""The command line: init, icp export/import, exit codes, nothing written on failure."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from icpcore import history
from icpcore.cli import main
from icpcore.store import Store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'cli.db'}"


def _versions(db: str) -> int:
    store = Store.open(db)
    try:
        return len(history.list_versions(store))
    finally:
        store.engine.dispose()


def test_init_export_import_round_trip(db, tmp_path, capsys) -> None:
    assert main(["--db", db, "init"]) == 0
    assert main(["--db", db, "init"]) == 0  # idempotent: no second seed
    assert _versions(db) == 1
    capsys.readouterr()
    assert main(["--db", db, "icp", "export"]) == 0
    exported = capsys.readouterr().out
    document = json.loads(exported)
    assert document["segments"][0]["id"] == "midmarket_saas"
    path = tmp_path / "icp.json"
    path.write_text(exported, encoding="utf-8")
    assert main(["--db", db, "icp", "import", str(path), "--reason", "round trip"]) == 0
    assert _versions(db) == 2
    out = tmp_path / "again.json"
    assert main(["--db", db, "icp", "export", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == document


def test_sensitive_rule_exits_2_naming_the_rule_and_writes_nothing(db, tmp_path, capsys) -> None:
    main(["--db", db, "init"])
    document = json.loads((ROOT / "icpcore" / "default_icp.json").read_text(encoding="utf-8"))
    document["disqualifiers"][1]["rules"].append({"field": "owner_gender", "op": "eq", "value": "female"})
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "icp", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "disqualifiers[1].rules[1].field" in err and "owner_gender" in err and "sensitive" in err
    assert _versions(db) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"name": "x"}', "success: Field required"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_bad_documents_exit_2(db, tmp_path, capsys, content: str, message: str) -> None:
    main(["--db", db, "init"])
    path = tmp_path / "doc.json"
    path.write_text(content, encoding="utf-8")
    capsys.readouterr()
    assert main(["--db", db, "icp", "import", str(path)]) == 2
    assert message in capsys.readouterr().err
    assert _versions(db) == 1


def test_usage_errors_exit_2(db, capsys) -> None:
    assert main(["--db", db, "no-such-command"]) == 2
    assert main(["--db", db, "icp", "import", "/no/such/file.json"]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["--db", db, "metrics", "--months", "0"]) == 2


def test_module_entry_point_runs(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'entry.db'}"
    init = subprocess.run(
        [sys.executable, "-m", "icpcore", "--db", db, "init"], cwd=ROOT, capture_output=True, text=True
    )
    assert init.returncode == 0, init.stderr
    export = subprocess.run(
        [sys.executable, "-m", "icpcore", "--db", db, "icp", "export"], cwd=ROOT, capture_output=True, text=True
    )
    assert export.returncode == 0 and json.loads(export.stdout)["name"]

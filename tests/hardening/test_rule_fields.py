"""Rule fields are checked against the account columns on every path that saves an ICP a person
wrote: a rule naming a column the evidence does not have is refused, and nothing is saved."""

from __future__ import annotations

import ast
import copy
import json
from datetime import date
from pathlib import Path

import pytest

from icpcore import history
from icpcore.builder.draft import accept_draft
from icpcore.cli import main
from icpcore.evidence.bundle import load_frames
from icpcore.icp import IcpValidationError
from icpcore.review import edits, meeting
from icpcore.setup import seed_default_icp
from tests.conftest import ADMIN, EDITOR
from tests.icpcore.review_fixtures import tiny_bundle

ROOT = Path(__file__).resolve().parents[2]
UNKNOWN = {"field": "headcount", "op": "gte", "value": 50}
# Saves that skip the check, and why that is right.
UNCHECKED = {
    ("icpcore/setup.py", "seed_default_icp"): "the default ICP is seeded before any evidence exists",
    ("icpcore/history.py", "restore"): "an old version is restored as it was saved (its columns were checked then)",
    ("icpcore/bias/actions.py", "_edit"): "only a disqualifier's status or note changes, never a rule",
}


def _unchecked_saves() -> set[tuple[str, str]]:
    found = set()
    for path in (ROOT / "icpcore").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for call in (n for n in ast.walk(function) if isinstance(n, ast.Call)):
                for keyword in call.keywords:
                    if keyword.arg == "check_fields" and not (
                        isinstance(keyword.value, ast.Constant) and keyword.value.value is True
                    ):
                        found.add((path.relative_to(ROOT).as_posix(), function.name))
    return found


def test_only_reviewed_saves_skip_the_field_check() -> None:
    assert _unchecked_saves() == set(UNCHECKED)


@pytest.fixture
def store(sqlite_store):
    seed_default_icp(sqlite_store, actor=ADMIN)
    load_frames(sqlite_store, tiny_bundle(), source_tag="t", actor=ADMIN, mode="replace_all")
    return sqlite_store


def _with_unknown_rule(store) -> dict:
    doc = history.current(store).document.to_dict()
    doc["segments"][0]["rules"].append(UNKNOWN)
    return doc


def _versions(store) -> int:
    return len(history.list_versions(store))


def test_history_save(store) -> None:
    with pytest.raises(IcpValidationError, match="headcount"):
        history.save(store, _with_unknown_rule(store), base=1, actor=EDITOR, reason="x")
    assert _versions(store) == 1


def test_command_line_import(store, tmp_path, capsys) -> None:
    path = tmp_path / "icp.json"
    path.write_text(json.dumps(_with_unknown_rule(store)), encoding="utf-8")
    url = store.engine.url.render_as_string(hide_password=False)
    assert main(["--db", url, "icp", "import", str(path)]) == 2
    assert "headcount" in capsys.readouterr().err
    assert _versions(store) == 1


def test_review_revise(store) -> None:
    review = meeting.start_review(store, held_on=date(2026, 7, 1), attendees=["Ana"], actor=EDITOR)
    assumption = review.assumptions[0]["id"]
    doc = history.current(store).document.to_dict()
    revised = edits.revised_document(doc, assumption, segment={"rules": [*doc["segments"][0]["rules"], UNKNOWN]})
    with pytest.raises(IcpValidationError, match="headcount"):
        meeting.record_decision(
            store, review.id, assumption, "revise", actor=EDITOR, note="n", document=revised, base=1
        )
    assert _versions(store) == 1


def test_builder_accept(store) -> None:
    segment = copy.deepcopy(history.current(store).document.to_dict()["segments"][0])
    segment.update(id="drafted", disqualifiers=[], rules=[UNKNOWN])
    with pytest.raises(IcpValidationError, match="headcount"):
        accept_draft(store, {"segment": segment}, base=1, actor=EDITOR, reason="x")
    assert _versions(store) == 1

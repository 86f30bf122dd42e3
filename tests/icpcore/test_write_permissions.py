"""Every write path in icpcore takes an Actor, refuses a role that may not write (nothing
changes), and records who did it in the audit log when it is allowed.

The list of write paths is not kept by hand only: an AST scan finds every icpcore function that
opens a unit of work, or calls one that does, and the test fails when one has no case here."""

from __future__ import annotations

import ast
import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from icpcore import backup, history
from icpcore.access import Actor, PermissionDenied
from icpcore.bias import actions
from icpcore.builder.draft import accept_draft
from icpcore.cli import main
from icpcore.demo import load_demo
from icpcore.evidence import bundle, importer, preview
from icpcore.review import deals, meeting
from icpcore.setup import default_document, seed_default_icp
from icpcore.store import Store
from icpcore.store.models import AuditEntry, Base
from tests.conftest import ADMIN, EDITOR, VIEWER
from tests.icpcore.review_fixtures import tiny_bundle

ROOT = Path(__file__).resolve().parents[2]
ACCOUNTS_CSV = "account_id,industry,employees,region\nA9,Software,80,EU\n"

# Writes that are not a person's change: derived data any reader may (re)build.
NOT_A_PERSONS_WRITE = {
    "icpcore.segments.ensure_assignment": "materialises the segment assignment, a cache of the ICP over the evidence",
}


# -- finding the write paths ------------------------------------------------------------------------
def _functions() -> dict[str, ast.FunctionDef]:
    found: dict[str, ast.FunctionDef] = {}
    for path in sorted((ROOT / "icpcore").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef):
                found[f"{module}.{node.name}"] = node
    return found


def _calls(node: ast.FunctionDef) -> set[str]:
    names = set()
    for call in (n for n in ast.walk(node) if isinstance(n, ast.Call)):
        target = call.func
        names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def write_paths() -> set[str]:
    """Public functions that open a unit of work or (transitively, by name) call one that does;
    derived-data writers (NOT_A_PERSONS_WRITE) do not make their many readers writers."""
    functions = _functions()
    calls = {name: _calls(node) for name, node in functions.items()}
    writers = {name for name, called in calls.items() if "unit_of_work" in called} - set(NOT_A_PERSONS_WRITE)
    while True:
        short = {w.rsplit(".", 1)[1] for w in writers}
        grown = writers | {name for name, called in calls.items() if called & short}
        if grown == writers:
            break
        writers = grown
    return {w for w in writers if not w.rsplit(".", 1)[1].startswith("_") and not w.startswith("icpcore.cli.")}


# -- a store with something in it, and what "nothing changed" means --------------------------------------
@dataclass
class World:
    store: Store
    tmp: Path

    @property
    def latest(self) -> int:
        version = history.current(self.store)
        assert version is not None
        return version.number

    def open_review(self) -> int:
        running = meeting.past.open_review(self.store)
        if running is not None:
            return running.id
        return meeting.start_review(self.store, held_on=date(2026, 7, 1), attendees=["Ana"], actor=ADMIN).id

    def backup_file(self) -> Path:
        path = self.tmp / "backup.json"
        backup.backup(self.store, path)
        return path


def state(store: Store) -> dict[str, Any]:
    """Every table's row count plus the exact ICP history, reviews and audit log."""
    with store.read() as uow:
        counts = {t.name: uow.session.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}
    return {"counts": counts, "kept": backup.snapshot(store)["tables"]}


def last_audit(store: Store) -> tuple[str, str, str]:
    """(action, actor, origin) of the newest audit entry."""
    query = select(AuditEntry.action, AuditEntry.actor, AuditEntry.origin).order_by(AuditEntry.id.desc()).limit(1)
    with store.read() as uow:
        return tuple(uow.session.execute(query).one())  # type: ignore[return-value]


@pytest.fixture
def world(sqlite_store, tmp_path) -> World:
    seed_default_icp(sqlite_store, actor=ADMIN)
    bundle.load_frames(sqlite_store, tiny_bundle(), source_tag="t", actor=ADMIN, mode="replace_all")
    return World(sqlite_store, tmp_path)


# -- one call per write path: (needed role, audit action, the call) ---------------------------------------
def _edited(w: World) -> dict[str, Any]:
    doc = history.current(w.store).document.to_dict()  # type: ignore[union-attr]
    doc["segments"][0]["pains"].append("a pain someone added")
    return doc


def _draft(w: World) -> dict[str, Any]:
    segment = copy.deepcopy(default_document()["segments"][0])
    segment.update(id="drafted", name="Drafted segment", disqualifiers=[])
    return {"segment": segment}


def _csv(w: World) -> Path:
    path = w.tmp / "accounts.csv"
    path.write_text(ACCOUNTS_CSV, encoding="utf-8")
    return path


Call = Callable[[World, Actor], Any]


@dataclass(frozen=True)
class Case:
    role: str  # the lowest role allowed
    action: str | None  # what the audit log records (None: a dry run, nothing is written)
    call: Call
    prepare: Callable[[World], Any] | None = None  # done by an admin before the attempt


def _emptied(w: World) -> None:
    """seed_default_icp writes only into a store without an ICP: switch to a second, empty one."""
    w.store = Store.open(f"sqlite:///{w.tmp / 'empty.db'}")


def _open_review(w: World) -> None:
    w.open_review()


CASES: dict[str, Case] = {
    "icpcore.history.save": Case(
        "editor",
        "icp.save",
        lambda w, a: history.save(w.store, _edited(w), base=w.latest, actor=a, reason="test"),
    ),
    "icpcore.history.restore": Case(
        "editor",
        "icp.save",
        lambda w, a: history.restore(w.store, 1, base=w.latest, actor=a),
    ),
    "icpcore.setup.seed_default_icp": Case(
        "editor",
        "icp.save",
        lambda w, a: seed_default_icp(w.store, actor=a),
        prepare=_emptied,
    ),
    "icpcore.backup.restore": Case(
        "admin",
        "backup.restore",
        lambda w, a: backup.restore(w.store, w.backup_file(), actor=a),
    ),
    "icpcore.bias.actions.pause_disqualifier": Case(
        "editor",
        "icp.save",
        lambda w, a: actions.pause_disqualifier(w.store, "tiny", base=w.latest, actor=a, reason="test"),
    ),
    "icpcore.bias.actions.resume_disqualifier": Case(
        "editor",
        "icp.save",
        lambda w, a: actions.resume_disqualifier(w.store, "tiny", base=w.latest, actor=a, reason="test"),
    ),
    "icpcore.bias.actions.record_business_reason": Case(
        "editor",
        "icp.save",
        lambda w, a: actions.record_business_reason(w.store, "tiny", verified_reason="checked", base=w.latest, actor=a),
    ),
    "icpcore.builder.draft.accept_draft": Case(
        "editor",
        "icp.save",
        lambda w, a: accept_draft(w.store, _draft(w), base=w.latest, actor=a, reason="test"),
    ),
    "icpcore.review.meeting.start_review": Case(
        "editor",
        "review.start",
        lambda w, a: meeting.start_review(w.store, held_on=date(2026, 7, 1), attendees=["Ana"], actor=a),
    ),
    "icpcore.review.meeting.record_decision": Case(
        "editor",
        "review.decide",
        lambda w, a: meeting.record_decision(w.store, w.open_review(), "mm_qualifies", "keep", actor=a),
        prepare=_open_review,
    ),
    "icpcore.review.meeting.finish_review": Case(
        "editor",
        "review.finish",
        lambda w, a: meeting.finish_review(w.store, w.open_review(), actor=a),
        prepare=_open_review,
    ),
    "icpcore.review.deals.submit_deal": Case(
        "editor",
        "review.deal",
        lambda w, a: deals.submit_deal(
            w.store, opportunity_id="O1", field="industry", note="lost on price", actor=a, segment="midmarket_saas"
        ),
    ),
    "icpcore.evidence.importer.import_file": Case(
        "editor",
        "evidence.import",
        lambda w, a: importer.import_file(w.store, "accounts", _csv(w), actor=a),
    ),
    "icpcore.evidence.importer.import_stream": Case(
        "editor",
        "evidence.import",
        lambda w, a: importer.import_stream(
            w.store, "accounts", _csv(w).open("rb"), file_name="accounts.csv", checksum="x", actor=a
        ),
    ),
    "icpcore.evidence.preview.run_import": Case(
        "editor",
        "evidence.import",
        lambda w, a: preview.run_import(w.store, "accounts", ACCOUNTS_CSV.encode(), file_name="accounts.csv", actor=a),
    ),
    "icpcore.evidence.preview.preview_import": Case(
        "editor",
        None,
        lambda w, a: preview.preview_import(
            w.store, "accounts", ACCOUNTS_CSV.encode(), file_name="accounts.csv", actor=a
        ),
    ),
    "icpcore.evidence.bundle.load_frames": Case(
        "editor",
        "evidence.load",
        lambda w, a: bundle.load_frames(w.store, tiny_bundle(), source_tag="t2", actor=a, mode="replace_all"),
    ),
    "icpcore.evidence.bundle.clear_evidence": Case(
        "editor",
        "evidence.clear",
        lambda w, a: bundle.clear_evidence(w.store, actor=a),
    ),
    "icpcore.demo.load_demo": Case(
        "editor",
        "evidence.load",
        lambda w, a: load_demo(w.store, accounts=60, actor=a),
    ),
}


def test_every_write_path_has_a_case() -> None:
    found = write_paths()
    assert found - set(CASES) - set(NOT_A_PERSONS_WRITE) == set(), "write paths without a permission case"
    assert set(CASES) - found == set(), "cases for functions that no longer write (update CASES)"


def _below(role: str) -> list[Actor]:
    return [VIEWER] if role == "editor" else [VIEWER, EDITOR]


@pytest.mark.parametrize("path", sorted(CASES))
def test_a_role_below_the_needed_one_changes_nothing(world: World, path: str) -> None:
    case = CASES[path]
    if case.prepare:
        case.prepare(world)
    for actor in _below(case.role):
        before = state(world.store)
        with pytest.raises(PermissionDenied, match=f"needs the {case.role} role"):
            case.call(world, actor)
        assert state(world.store) == before


@pytest.mark.parametrize("path", sorted(CASES))
def test_the_needed_role_writes_and_is_audited(world: World, path: str) -> None:
    case = CASES[path]
    if case.prepare:
        case.prepare(world)
    who = Actor("Bo", case.role, origin="Some page", account="bo@example.com")  # type: ignore[arg-type]
    before = state(world.store)
    case.call(world, who)
    if case.action is None:
        assert state(world.store) == before
    else:
        assert last_audit(world.store) == (case.action, "Bo <bo@example.com>", "Some page")


def test_sensitive_attributes_need_an_admin(world: World) -> None:
    doc = history.current(world.store).document.to_dict()  # type: ignore[union-attr]
    doc["sensitive_attributes"] = ["owner_gender"]
    before = state(world.store)
    with pytest.raises(PermissionDenied, match="sensitive attributes"):
        history.save(world.store, doc, base=world.latest, actor=EDITOR, reason="drop one")
    assert state(world.store) == before
    history.save(world.store, doc, base=world.latest, actor=ADMIN, reason="drop one")


def test_the_audit_log_names_the_signed_in_account_even_under_a_typed_name(world: World) -> None:
    from dataclasses import replace

    signed_in = Actor("Ana", "editor", origin="Current ICP", account="ana@example.com")
    typed = replace(signed_in, name="Someone Else")  # pages let people type the author shown
    history.save(world.store, _edited(world), base=world.latest, actor=typed, reason="test")
    assert last_audit(world.store)[1] == "Someone Else <ana@example.com>"
    assert history.current(world.store).author == "Someone Else"  # type: ignore[union-attr]


# -- the command line ---------------------------------------------------------------------------------------
@pytest.fixture
def cli_db(world: World) -> str:
    return str(world.store.engine.url)


def _cli_cases(w: World) -> dict[str, tuple[str, list[str]]]:
    icp = w.tmp / "icp.json"
    doc = _edited(w)
    icp.write_text(json.dumps(doc), encoding="utf-8")
    return {
        "icp import": ("editor", ["icp", "import", str(icp), "--reason", "cli"]),
        "import": ("editor", ["import", "accounts", str(_csv(w))]),
        "demo": ("editor", ["demo", "--accounts", "60"]),
        "restore": ("admin", ["restore", str(w.backup_file())]),
        "backup": ("admin", ["backup", str(w.tmp / "out.json")]),
    }


@pytest.mark.parametrize("command", ["icp import", "import", "demo", "restore", "backup"])
def test_cli_refuses_a_lower_role_and_changes_nothing(world, cli_db, monkeypatch, capsys, command) -> None:
    needed, argv = _cli_cases(world)[command]
    for role in ["viewer"] if needed == "editor" else ["viewer", "editor"]:
        monkeypatch.setenv("ICP_ROLE", role)
        before = state(world.store)
        assert main(["--db", cli_db, *argv]) == 2
        err = capsys.readouterr().err
        assert f"({role}) may not" in err and f"needs the {needed} role" in err
        assert state(world.store) == before
    assert not (world.tmp / "out.json").exists()


def test_cli_init_by_a_viewer_seeds_nothing(tmp_path, monkeypatch, capsys) -> None:
    db = f"sqlite:///{tmp_path / 'fresh.db'}"
    monkeypatch.setenv("ICP_ROLE", "viewer")
    assert main(["--db", db, "init"]) == 2
    assert "needs the editor role" in capsys.readouterr().err
    monkeypatch.delenv("ICP_ROLE")
    store = Store.open(db)
    assert history.current(store) is None
    store.engine.dispose()


def test_cli_acts_as_admin_by_default_and_names_the_command(world, cli_db, monkeypatch) -> None:
    monkeypatch.delenv("ICP_ROLE", raising=False)
    monkeypatch.setenv("ICP_ACTOR", "ops")
    argv = _cli_cases(world)["icp import"][1]
    assert main(["--db", cli_db, *argv]) == 0
    assert last_audit(world.store) == ("icp.save", "ops", "command line: icp")


def test_cli_rejects_an_unknown_role(world, cli_db, monkeypatch, capsys) -> None:
    monkeypatch.setenv("ICP_ROLE", "root")
    before = state(world.store)
    assert main(["--db", cli_db, *_cli_cases(world)["import"][1]]) == 2
    assert "ICP_ROLE" in capsys.readouterr().err
    assert state(world.store) == before

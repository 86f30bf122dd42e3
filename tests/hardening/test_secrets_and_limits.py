"""Secrets never reach output or logs (database URLs are shown with the password hidden), and the
server's exposure is limited: bound to 127.0.0.1, uploads capped, every file uploader capped."""

from __future__ import annotations

import ast
import logging
import tomllib
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from icpcore.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("icpcore", "ui", "pages")
PASSWORD = "s3cret-Pa55word"
MAX_UPLOAD_MB = 200


def _config() -> dict:
    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_server_is_local_and_uploads_are_capped() -> None:
    server = _config()["server"]
    assert server["address"] == "127.0.0.1"
    assert 0 < server["maxUploadSize"] <= MAX_UPLOAD_MB


def _calls(name: str) -> list[tuple[str, ast.Call]]:
    found = []
    for folder in SHIPPED:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", None)) == name:
                    found.append((path.relative_to(ROOT).as_posix(), node))
    return found


def test_every_file_uploader_sets_its_own_cap() -> None:
    """The config cap is global; an uploader states what it accepts (the evidence wizard: CSV)."""
    uncapped = [
        f"{path}:{call.lineno}"
        for path, call in _calls("file_uploader")
        if not any(k.arg == "max_upload_size" for k in call.keywords)
    ]
    assert uncapped == []


def test_the_import_wizard_caps_uploads_like_the_server() -> None:
    from ui.components.evidence_wizard import MAX_UPLOAD_MB as wizard

    assert wizard <= _config()["server"]["maxUploadSize"]


def test_no_code_renders_a_url_with_its_password() -> None:
    shown = [
        f"{path}:{call.lineno}"
        for path, call in _calls("render_as_string")
        if any(k.arg == "hide_password" and getattr(k.value, "value", True) is not True for k in call.keywords)
    ]
    assert shown == []


def _run_quietly(argv: list[str], capsys, caplog) -> tuple[int, str]:
    caplog.set_level(logging.DEBUG)
    code = main(argv)
    captured = capsys.readouterr()
    logs = "\n".join(record.getMessage() for record in caplog.records)
    return code, captured.out + captured.err + logs


def test_a_failed_connection_does_not_print_the_password(capsys, caplog) -> None:
    url = f"postgresql+psycopg://fitboard:{PASSWORD}@127.0.0.1:1/fitboard"
    code, everything = _run_quietly(["--db", url, "init"], capsys, caplog)
    assert code == 1 and "error" in everything
    assert PASSWORD not in everything


@pytest.mark.postgres
def test_init_shows_the_database_without_its_password(pg_url, capsys, caplog) -> None:
    url = make_url(pg_url).set(password=PASSWORD).render_as_string(hide_password=False)
    code, everything = _run_quietly(["--db", url, "init"], capsys, caplog)
    assert code == 0 and "schema up to date at postgresql+psycopg://" in everything
    assert PASSWORD not in everything and "***" in everything

"""All SQL is parameterised: values travel as bound parameters, never inside the SQL text.

An AST scan finds every place that hands SQL *text* to the database (`text(...)`,
`exec_driver_sql`, `executemany`, psycopg's `copy`, or `execute` of a built string). Text made
at run time is allowed only where the reviewed reason below holds: the interpolated parts are
names from the ORM metadata or the database's own catalog, never a value a user typed."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from icpcore.evidence.tables import TABLE_COLUMNS
from icpcore.store.models import EVIDENCE_MODELS, Base

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("icpcore", "ui", "pages")
SQL_TEXT_CALLS = ("exec_driver_sql", "executemany")  # any non-literal SQL text counts
SQL_BUILT_CALLS = ("execute", "copy")  # a string built in the call counts (their usual argument is a construct)
REVIEWED = {
    ("icpcore/backup.py", "_reset_sequence"): "sequence and table names come from the ORM metadata and "
    "pg_get_serial_sequence (itself called with bound parameters)",
    ("icpcore/segments.py", "_refresh_statistics"): "ANALYZE over a fixed tuple of table names in the module",
    ("icpcore/evidence/writer.py", "drop"): "index names are read from the database catalog (query with bound :t)",
    ("icpcore/evidence/writer.py", "restore"): "index definitions are the database's own, read back unchanged",
    ("icpcore/evidence/writer.py", "write"): "table and column names come from the ORM metadata; every value is a "
    "bound '?' parameter (SQLite) or a COPY row (PostgreSQL)",
}


def _is_literal(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _imports_sqlalchemy_text(tree: ast.Module) -> bool:
    return any(
        isinstance(n, ast.ImportFrom)
        and (n.module or "").startswith("sqlalchemy")
        and any(a.name == "text" for a in n.names)
        for n in ast.walk(tree)
    )


def _built(node: ast.AST) -> bool:
    """A string assembled at run time: f-string, concatenation, % or .format()."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format"


def dynamic_sql(path: Path, root: Path = ROOT) -> set[tuple[str, str]]:
    """(file, enclosing function) of every call that passes run-time-built SQL text."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    text_calls = SQL_TEXT_CALLS + (("text",) if _imports_sqlalchemy_text(tree) else ())
    owner = {}  # call -> the innermost function around it ("<module>" at module level)
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
        for node in ast.walk(function):
            owner[node] = function.name  # inner functions are walked later and win
    found = set()
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call) and n.args):
        name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        first = call.args[0]
        if (name in text_calls and not _is_literal(first)) or (name in SQL_BUILT_CALLS and _built(first)):
            found.add((path.relative_to(root).as_posix(), owner.get(call, "<module>")))
    return found


def test_sql_text_is_fixed_or_reviewed() -> None:
    found = set().union(*(dynamic_sql(p) for folder in SHIPPED for p in (ROOT / folder).rglob("*.py")))
    assert found - set(REVIEWED) == set(), "SQL text built at run time: bind the values, or review and list it"
    assert set(REVIEWED) - found == set(), "reviewed entries that no longer build SQL (remove them)"


def test_the_scan_finds_interpolated_values(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "from sqlalchemy import text\n"
        "def bad(session, name):\n    session.execute(text(f\"SELECT * FROM a WHERE n = '{name}'\"))\n"
        "def also_bad(cursor, name):\n    cursor.execute('SELECT %s' % name)\n"
        "def fine(session, name):\n    session.execute(text('SELECT * FROM a WHERE n = :n'), {'n': name})\n"
        "QUERY = text('SELECT 1 ' + __name__)\n",
        encoding="utf-8",
    )
    found = dynamic_sql(sample, tmp_path)
    assert found == {("sample.py", "bad"), ("sample.py", "also_bad"), ("sample.py", "<module>")}


def test_names_in_reviewed_sql_are_plain_identifiers() -> None:
    """What the reviewed places interpolate: table and column names of the ORM metadata."""
    identifier = re.compile(r"^[a-z_][a-z0-9_]*$")
    for kind, model in EVIDENCE_MODELS.items():
        assert identifier.match(model.__table__.name)
        assert all(identifier.match(c) for c in TABLE_COLUMNS[kind])
        assert set(TABLE_COLUMNS[kind]) <= set(model.__table__.columns.keys())
    assert all(identifier.match(t) for t in Base.metadata.tables)

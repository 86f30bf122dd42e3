"""User text never runs as HTML or script: every place the dashboard hands raw HTML to the
browser (`unsafe_allow_html=True`, `st.html`, `components.html`) must pass a fixed string (a
literal or a module constant built from literals) or text escaped with `html.escape`."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FILES = sorted([ROOT / "app.py", *(ROOT / "pages").rglob("*.py"), *(ROOT / "ui").rglob("*.py")])
HTML_CALLS = ("html",)  # st.html(...), components.html(...), st.components.v1.html(...)


def _constants(tree: ast.Module) -> set[str]:
    """Module-level names bound once to a value built only from literals."""
    bound: dict[str, int] = {}
    fixed = set()
    for node in tree.body:
        targets = (
            node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                bound[target.id] = bound.get(target.id, 0) + 1
                if node.value is not None and _literal(node.value, set()):
                    fixed.add(target.id)
    return {name for name in fixed if bound[name] == 1}


def _literal(node: ast.AST, constants: set[str]) -> bool:
    """A string built only from literals, known constants and html.escape(...)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Name):
        return node.id in constants
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal(node.left, constants) and _literal(node.right, constants)
    if isinstance(node, ast.JoinedStr):
        return all(
            isinstance(part, ast.Constant) or _literal(part.value, constants)  # type: ignore[attr-defined]
            for part in node.values
        )
    return _escaped(node)


def _escaped(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "escape"
        and getattr(node.func.value, "id", "") == "html"
    )


def _html_uses(path: Path) -> list[tuple[int, bool]]:
    """(line, safe) for every call that renders raw HTML in `path`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _constants(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        unsafe = any(
            k.arg == "unsafe_allow_html" and not (isinstance(k.value, ast.Constant) and k.value.value is False)
            for k in node.keywords
        )
        raw_html = isinstance(node.func, ast.Attribute) and node.func.attr in HTML_CALLS
        if unsafe or raw_html:
            body = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "body"), None)
            found.append((node.lineno, body is not None and _literal(body, constants)))
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_raw_html_only_from_fixed_or_escaped_strings(path: Path) -> None:
    unsafe = [line for line, safe in _html_uses(path) if not safe]
    assert unsafe == [], f"{path.relative_to(ROOT)}: raw HTML built from non-constant text at lines {unsafe}"


def test_the_checker_catches_user_text(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import html\nimport streamlit as st\nCSS = '<style>p{}</style>'\nname = input()\n"
        "st.html(CSS)\n"  # line 5: fine
        "st.markdown(f'<b>{html.escape(name)}</b>', unsafe_allow_html=True)\n"  # 6: fine
        "st.markdown(f'<b>{name}</b>', unsafe_allow_html=True)\n"  # 7: user text
        "st.html('<i>' + name + '</i>')\n"  # 8: user text
        "st.write(name, unsafe_allow_html=True)\n",  # 9: user text
        encoding="utf-8",
    )
    assert _html_uses(sample) == [(5, True), (6, True), (7, False), (8, False), (9, False)]


def test_markdown_helper_makes_user_text_literal() -> None:
    from ui.components.text import md

    hostile = "<script>alert(1)</script> [x](javascript:alert(1)) **b** :red[x] $x$"
    escaped = md(hostile)
    for character in "<>[]()*:$":
        assert all(escaped[i - 1] == "\\" for i, c in enumerate(escaped) if c == character)

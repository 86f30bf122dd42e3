"""The dashboard under AppTest, on a fresh SQLite file per test (no demo evidence: fast)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from icpcore.store import Store

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30


@pytest.fixture
def database_url(tmp_path, monkeypatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'fitboard-ui.db'}"
    monkeypatch.setenv("ICP_DATABASE_URL", url)
    monkeypatch.setenv("ICP_DEMO_ON_START", "0")
    st.cache_data.clear()
    st.cache_resource.clear()
    yield url
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def app(database_url) -> AppTest:
    """The app after its first run (which creates the schema and seeds the default ICP)."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.fixture
def ui_store(app, database_url) -> Iterator[Store]:
    """A second connection to the app's database: 'another person' writing behind its back."""
    store = Store.open(database_url)
    yield store
    store.engine.dispose()


def _is_draft_key(key: str | None, suffix: str) -> bool:
    """Draft widget keys carry a generation: 'icp-draft3-segment0-rules' for suffix '-segment0-rules'."""
    return bool(key) and re.fullmatch(r"icp-draft\d+" + re.escape(suffix), key) is not None


def widget(elements: Any, suffix: str) -> Any:
    matches = [e for e in elements if _is_draft_key(e.key, suffix)]
    assert len(matches) == 1, (suffix, [e.key for e in elements])
    return matches[0]


def edit_table(
    at: AppTest, suffix: str, edited_rows: dict[int, dict[str, Any]], added_rows: list | None = None
) -> None:
    """Seed a data editor's edit state, as the browser would after cell edits."""
    key = widget(at.data_editor, suffix).key
    at.session_state[key] = {"edited_rows": edited_rows, "added_rows": added_rows or [], "deleted_rows": []}


def save(at: AppTest, reason: str, author: str | None = None) -> AppTest:
    widget(at.text_input, "-save-reason").set_value(reason)
    if author is not None:
        widget(at.text_input, "-save-author").set_value(author)
    widget(at.button, "-save").click()
    return at.run()


def texts(elements: Any) -> str:
    """The shown text of elements, with Markdown escapes removed."""
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in elements))

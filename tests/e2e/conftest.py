"""The browser suite's fixtures: one dashboard server per session on a fresh SQLite database (the
app loads the demo evidence on its first start), one chromium, one tab that walks the pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from icpcore.store import Store
from tests.e2e.driver import Dashboard, Server, browser_missing, open_browser, run_server

SCREENS = Path(__file__).resolve().parent / "screens"
MISSING = browser_missing()
_TIMINGS: list[str] = []  # page timings of this run, for the terminal summary


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.e2e)
            if MISSING:
                item.add_marker(pytest.mark.skip(reason=f"browser suite skipped: {MISSING}"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _TIMINGS:
        terminalreporter.section("page timings (browser suite, demo data)")
        for line in _TIMINGS:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def timing_lines() -> list[str]:
    """Lines the page test fills; printed at the end of the run (also in CI logs)."""
    return _TIMINGS


@pytest.fixture(scope="session")
def screens() -> Path:
    """Screenshots of this run (old ones removed so none is stale)."""
    SCREENS.mkdir(exist_ok=True)
    for old in SCREENS.glob("*.png"):
        old.unlink()
    return SCREENS


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    workdir = tmp_path_factory.mktemp("e2e")
    with run_server(f"sqlite:///{workdir / 'fitboard-e2e.db'}", workdir) as running:
        yield running


@pytest.fixture(scope="session")
def app_store(server: Server) -> Iterator[Store]:
    """The dashboard's own database, opened beside it (to check what the walks saved)."""
    store = Store.open(server.database_url)
    yield store
    store.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    with open_browser() as chromium:
        yield chromium


@pytest.fixture(scope="session")
def dashboard(server: Server, browser: Any) -> Dashboard:
    """A tab on the dashboard after its first start (schema, default ICP, demo evidence)."""
    tab = Dashboard.open(browser, server.url)
    tab.timings["first start (demo load)"] = tab.goto("")
    return tab

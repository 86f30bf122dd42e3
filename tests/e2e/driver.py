"""Driving the dashboard in a real browser: start `streamlit run app.py` on a free port with its own
database, open Debian's chromium through Playwright, and wait for Streamlit the robust way.

"Idle" means: the app's script is not running (`data-test-script-state` on `stApp`), no element
is still a skeleton placeholder, the page has its title, and nothing changed for a short while
(a page that calls `st.rerun()` runs twice). Times are measured inside the browser, from the
navigation to the end of the last script run.

Shared by the browser suite (tests/e2e) and benchmarks/bench_pages.py.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1920, "height": 1080}
NAV_LINKS = 'a[data-testid="stTopNavLink"], [data-testid="stSidebarNav"] a'  # top bar or sidebar navigation
SETTLE_MS = 400  # quiet time after a run before the page counts as done (reruns follow within it)
RUN_START_MS = 3_000  # a widget change starts a run at once; allow for a busy two-core machine

# Watches the app from the moment stApp exists (an init script: it survives reloads). `started` /
# `finished` count script runs; `idleSince` is when the app last became quiet: not running,
# connected, no skeleton, a title on the page, and no change in the main area since. A very fast
# run may never show the running state, so changes in the main area count as activity too.
_WATCHER = """
(() => {
  const watch = { started: 0, finished: 0, idleSince: null, changed: performance.now() };
  window.__fitboard = watch;
  const busy = () => { watch.changed = performance.now(); watch.idleSince = null; };
  const attach = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(attach, 10); return; }
    let last = app.getAttribute('data-test-script-state');
    new MutationObserver(() => {
      const now = app.getAttribute('data-test-script-state');
      if (now === last) return;
      if (now === 'running') watch.started += 1;
      if (last === 'running') watch.finished += 1;
      last = now;
      busy();
    }).observe(app, { attributes: true, attributeFilter: ['data-test-script-state'] });
    new MutationObserver(busy).observe(app, { childList: true, subtree: true, characterData: true });
    setInterval(() => {
      const quiet = app.getAttribute('data-test-script-state') === 'notRunning'
        && app.getAttribute('data-test-connection-state') === 'CONNECTED'
        && !document.querySelector('[data-testid="stSkeleton"]')
        && !!document.querySelector('[data-testid="stMain"] h1');
      if (!quiet) watch.idleSince = null;
      else if (watch.idleSince === null) watch.idleSince = watch.changed;
    }, 20);
  };
  attach();
})();
"""

# Truthy (the moment it became quiet) once something happened since `started` / `title` and the
# app has been quiet for `settle` ms.
_SETTLED = """
([started, title, settle]) => {
  const watch = window.__fitboard;
  if (!watch || watch.idleSince === null) return false;
  const heading = document.querySelector('[data-testid="stMain"] h1');
  const happened = watch.started > started || (title !== null && heading && heading.innerText !== title);
  return happened && performance.now() - watch.idleSince > settle ? watch.idleSince : false;
}
"""


def browser_missing() -> str | None:
    """Why the browser suite cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium; .ci/run does it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -r requirements-dev.txt)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A `streamlit run app.py` process of our own, on 127.0.0.1."""

    url: str
    database_url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()


@contextlib.contextmanager
def run_server(database_url: str, workdir: Path, *, demo: bool = True, timeout: float = 120) -> Iterator[Server]:
    """Start the dashboard on a free port with `database_url`; stop it on exit."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STREAMLIT_", "FITBOARD_ROLES"))}
    env |= {"ICP_DATABASE_URL": database_url, "ICP_DEMO_ON_START": "1" if demo else "0", "PYTHONUNBUFFERED": "1"}
    no_secrets = workdir / "no-secrets.toml"  # local single-user mode, whatever the developer configured
    no_secrets.write_text("", encoding="utf-8")
    log = workdir / "streamlit.log"
    command = [
        sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--server.fileWatcherType", "none", "--browser.gatherUsageStats", "false",
        "--secrets.files", str(no_secrets),
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    server = Server(f"http://127.0.0.1:{port}", database_url, process, log)
    try:
        _wait_healthy(server, timeout)
        yield server
    finally:
        server.stop()


def _wait_healthy(server: Server, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{server.log.read_text(errors='replace')[-3000:]}")
        with contextlib.suppress(OSError), urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=2) as answer:
            if answer.status == 200:
                return
        time.sleep(0.3)
    raise TimeoutError(f"streamlit did not become healthy in {timeout:.0f} s")


def timeout_error() -> type[Exception]:
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    return PlaywrightTimeoutError


@contextlib.contextmanager
def open_browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Dashboard:
    """One browser tab on the dashboard, with idle waits and timings."""

    page: Any
    base_url: str
    timeout_ms: int = 180_000
    timings: dict[str, float] = field(default_factory=dict)

    @classmethod
    def open(cls, browser: Any, base_url: str, **kwargs: Any) -> Dashboard:
        context = browser.new_context(viewport=VIEWPORT, accept_downloads=True)
        page = context.new_page()
        page.add_init_script(_WATCHER)
        page.set_default_timeout(60_000)
        return cls(page, base_url, **kwargs)

    def _state(self) -> tuple[int, float, str | None]:
        """(runs started so far, the browser's clock, the page title shown)."""
        started, now, title = self.page.evaluate(
            """() => [window.__fitboard ? window.__fitboard.started : 0, performance.now(),
                      document.querySelector('[data-testid="stMain"] h1')?.innerText ?? null]"""
        )
        return int(started), float(now), title

    def _settled(self, started: int, title: str | None, timeout_ms: int) -> float:
        handle = self.page.wait_for_function(_SETTLED, arg=[started, title, SETTLE_MS], timeout=timeout_ms, polling=50)
        return float(handle.json_value())

    def act(self, action: Any, *, rerun: bool = True) -> float:
        """Do `action` (a callable) and wait until the app is quiet again; returns the seconds
        from the action to the last change. `rerun=False` for what stays in the browser (a tab):
        a short settle only. An action that changes nothing within RUN_START_MS returns 0."""
        started, start, _ = self._state()
        action()
        if not rerun:
            self.page.wait_for_timeout(SETTLE_MS)
            return 0.0
        try:
            self.page.wait_for_function("n => window.__fitboard.started > n", arg=started, timeout=RUN_START_MS)
        except timeout_error():
            # No run: a change inside the browser only, or a run too fast to show. Let it settle.
            self._settled(-1, None, self.timeout_ms)
            return 0.0
        return max(0.0, self._settled(started, None, self.timeout_ms) - start) / 1000

    def goto(self, url_path: str = "") -> float:
        """Load a page by address (a new session); seconds from navigation to rendered."""
        self.page.goto(f"{self.base_url}/{url_path}")
        return self._settled(-1, None, self.timeout_ms) / 1000  # the clock starts at the navigation

    def navigate(self, title: str) -> float:
        """Open a page from the sidebar, as a person does; seconds from the click to rendered
        (the page's title must change, or a run must happen)."""
        started, start, shown = self._state()
        self.page.locator(NAV_LINKS).filter(has_text=title).first.click()
        return max(0.0, self._settled(started, shown, self.timeout_ms) - start) / 1000

    def key(self, key: str) -> Any:
        """The element of the widget with this key (`st-key-<key>` class)."""
        return self.page.locator(f".st-key-{key}")

    def key_like(self, pattern: str) -> Any:
        """The element whose widget key fully matches the regular expression `pattern` (keys
        that carry a version or a generation, like 'icp-draft3-disqualifiers')."""
        found = self.page.evaluate(
            """pattern => {
                const wanted = new RegExp('^st-key-(' + pattern + ')$');
                for (const e of document.querySelectorAll('[class*="st-key-"]')) {
                    const hit = [...e.classList].find(c => wanted.test(c));
                    if (hit) return hit;
                }
                return null;
            }""",
            pattern,
        )
        assert found, f"no widget key matches {pattern!r}"
        return self.page.locator(f".{found}")

    def problems(self) -> list[str]:
        """Exception boxes and error alerts on the page, as text."""
        boxes = self.page.locator('[data-testid="stException"], [data-testid="stAlertContentError"]')
        return [boxes.nth(i).inner_text()[:500] for i in range(boxes.count())]

    def screenshot(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(path))


def copy_screenshot(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)

"""The main flows walked in a real browser, as a person would, each checked in the database the
dashboard writes to. They run in this order on one server (each starts from what is there)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from icpcore import history
from icpcore.review import past
from icpcore.store.models import ImportRecord
from tests.e2e.driver import Dashboard, timeout_error
from ui.navigation import PAGES

REGISTERED = {entry.path: entry.title for entry in PAGES}
IMPORTED = "e2e-accounts.csv"


def _page(path: str) -> str:
    """The navigation title of a page, or skip the walk while the page is not registered."""
    if path not in REGISTERED:
        pytest.skip(f"{path} is not registered in ui/navigation.py yet: its walk is skipped")
    return REGISTERED[path]


def _no_problems(dashboard: Dashboard, screens: Path, name: str) -> None:
    dashboard.screenshot(screens / f"walk-{name}.png")
    assert dashboard.problems() == []


def _stable_box(dashboard: Dashboard, element) -> dict[str, float]:
    """The element's box once the layout stopped moving (tabs and expanders render late)."""
    element.scroll_into_view_if_needed()
    box = element.bounding_box()
    for _ in range(50):
        dashboard.page.wait_for_timeout(100)
        again = element.bounding_box()
        if again == box:
            return box
        box = again
    return box


def _edit_grid_cell(dashboard: Dashboard, grid, row: int, column: int, text: str) -> None:
    """Type `text` into a data editor cell (a canvas): click the first column of `row`, arrow right
    to `column`, type into the overlay editor, Enter. Rows are as tall as the header; the last line
    adds a row. Each step waits for the grid's accessible copy (selection, editor) to follow."""
    page = dashboard.page
    target = grid.locator(f"#glide-cell-{column}-{row}")

    def selected(col: int) -> None:
        grid.locator(f'#glide-cell-{col}-{row}[aria-selected="true"]').wait_for(state="attached", timeout=5_000)

    for _ in range(3):
        rows = grid.locator('[id^="glide-cell-1-"]').count()
        box = _stable_box(dashboard, grid)
        line = box["height"] / (rows + 2)
        page.mouse.click(box["x"] + 80, box["y"] + line * (row + 1.5))
        try:
            selected(1)
            for step in range(2, column + 1):
                page.keyboard.press("ArrowRight")
                selected(step)
            page.keyboard.type(text)
            page.locator("textarea.gdg-input").wait_for(timeout=5_000)
        except timeout_error():
            page.keyboard.press("Escape")
            continue
        dashboard.act(lambda: page.keyboard.press("Enter"))
        if target.inner_text() == text:
            return
    raise AssertionError(f"could not edit cell ({row}, {column}); it shows {target.inner_text()!r}")


def test_edit_an_icp_field_inline_and_save_with_a_reason(dashboard: Dashboard, screens: Path, app_store) -> None:
    before = history.current(app_store)
    dashboard.navigate(_page("pages/icp.py"))
    dashboard.act(dashboard.page.get_by_role("tab", name="Edit").click, rerun=False)
    grid = dashboard.key_like(r"icp-draft\d+-disqualifiers").locator('[data-testid="stDataFrame"]')
    grid.scroll_into_view_if_needed()
    assert grid.locator("#glide-cell-7-0").inner_text() == "5"  # 'tiny': fewer than 5 employees
    _edit_grid_cell(dashboard, grid, row=0, column=7, text="3")
    assert "fewer than 3 employees" in dashboard.page.locator('[data-testid="stMain"]').inner_text()
    dashboard.page.get_by_label("Why this change? (required)").fill("Three-person teams buy too (e2e)")
    dashboard.page.get_by_label("Author").fill("Maya")
    dashboard.act(dashboard.page.get_by_role("button", name="Save new version").click)
    _no_problems(dashboard, screens, "icp-saved")
    saved = history.current(app_store)
    assert saved.number == before.number + 1
    assert (saved.author, saved.reason) == ("Maya", "Three-person teams buy too (e2e)")
    tiny = next(d for d in saved.document.disqualifiers if d.id == "tiny")
    assert tiny.rules[0].value == 3
    assert f"Saved version {saved.number}" in dashboard.page.locator('[data-testid="stMain"]').inner_text()


def test_import_a_csv_through_the_wizard(dashboard: Dashboard, screens: Path, app_store, tmp_path: Path) -> None:
    title = _page("pages/evidence.py")
    upload = tmp_path / IMPORTED
    upload.write_text(
        "account_id,industry,employees,region\nE2E-1,Software,120,EMEA\nE2E-2,Fintech,300,NA\n", encoding="utf-8"
    )
    evidence_before = app_store.evidence_version()
    dashboard.navigate(title)
    dashboard.act(dashboard.page.get_by_role("tab", name="Import").click, rerun=False)
    uploader = dashboard.page.locator('[data-testid="stFileUploader"] input[type="file"]')
    dashboard.act(lambda: uploader.set_input_files(upload))
    button = dashboard.key("evidence-import").locator("button")
    assert button.inner_text().strip().endswith("2 row(s)")
    dashboard.act(button.click)
    _no_problems(dashboard, screens, "evidence-imported")
    assert app_store.evidence_version() > evidence_before
    with app_store.read() as uow:
        latest = uow.session.query(ImportRecord).order_by(ImportRecord.id.desc()).first()
        found = (latest.kind, latest.file_name, latest.rows, latest.imported_by)
    assert found == ("accounts", IMPORTED, 2, "local user")


def test_filter_the_segment_health_page(dashboard: Dashboard, screens: Path) -> None:
    dashboard.navigate(_page("pages/health.py"))
    dashboard.key("health-channel").locator('[data-testid="stSelectbox"]').click()
    options = dashboard.page.locator('[role="option"]')
    channel = options.nth(1).inner_text().strip()  # the first is "All channels"
    dashboard.act(options.nth(1).click)
    caption = dashboard.page.locator('[data-testid="stCaptionContainer"]').filter(has_text="ICP version").first
    assert f"channel: {channel}" in caption.inner_text()
    removers = dashboard.key("health-segments").get_by_role("button", name=re.compile(r"^Remove "))
    count = removers.count()
    assert count >= 2
    dropped = removers.last.get_attribute("aria-label").removeprefix("Remove ")
    dashboard.act(removers.last.click)
    assert removers.count() == count - 1
    assert dropped not in dashboard.key("health-segments").inner_text()
    _no_problems(dashboard, screens, "health-filtered")


def test_hold_a_review_meeting_and_decide_on_an_assumption(dashboard: Dashboard, screens: Path, app_store) -> None:
    dashboard.navigate(_page("pages/meeting.py"))
    assert past.open_review(app_store) is None
    dashboard.key("meeting-start-attendees").locator("textarea").fill("Maya, Sam")
    dashboard.act(dashboard.key("meeting-start").locator("button").click)
    review = past.open_review(app_store)
    assert review is not None and review.attendees == ["Maya", "Sam"]
    first = review.assumptions[0]["id"]
    choice = dashboard.key(f"meeting-r{review.id}-{first}-choice")
    dashboard.act(choice.get_by_text("Keep", exact=True).click)
    dashboard.key(f"meeting-r{review.id}-{first}-note").locator("input").fill("Holds in the demo data (e2e)")
    dashboard.act(dashboard.key(f"meeting-r{review.id}-{first}-record").locator("button").click)
    decided = past.get_review(app_store, review.id).decided()
    assert decided[first].decision == "keep" and decided[first].note == "Holds in the demo data (e2e)"
    dashboard.act(dashboard.key("meeting-finish").locator("button").click)
    _no_problems(dashboard, screens, "meeting-finished")
    finished = past.get_review(app_store, review.id)
    assert finished.finished and "Holds in the demo data" in (finished.minutes or "")


def test_pause_a_disqualifier_from_the_bias_panel(dashboard: Dashboard, screens: Path, app_store) -> None:
    before = history.current(app_store)
    dashboard.navigate(_page("pages/bias.py"))
    pause = dashboard.page.locator('[class*="st-key-bias-v"][class*="-pause"]').first
    key = re.search(r"st-key-bias-v\d+-(\S*?)-(\S+?)-\S+-pause", pause.get_attribute("class") or "")
    assert key, "no pause button on the bias panel"
    segment, dq_id = key.group(1) or None, key.group(2)
    dashboard.page.get_by_label("Your name").fill("Sam")
    dashboard.page.get_by_label("Why (kept with the version)").fill("Shadows owner gender: pause while we check (e2e)")
    dashboard.act(pause.locator("button").click)
    _no_problems(dashboard, screens, "bias-paused")
    saved = history.current(app_store)
    assert saved.number == before.number + 1 and saved.author == "Sam"
    found = saved.document.disqualifiers if segment is None else saved.document.segment(segment).disqualifiers
    assert next(d for d in found if d.id == dq_id).status == "paused"


def test_download_an_export(dashboard: Dashboard, screens: Path) -> None:
    dashboard.navigate(_page("pages/exports.py"))
    button = dashboard.page.locator('[data-testid="stDownloadButton"] button').first
    with dashboard.page.expect_download() as started:
        button.click()
    download = started.value
    text = Path(download.path()).read_text(encoding="utf-8")
    assert text.strip()
    if download.suggested_filename.endswith(".json"):
        assert json.loads(text)
    elif download.suggested_filename.endswith(".csv"):
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        assert not [c for c in cells if c[:1] in ("=", "+", "@")]
    _no_problems(dashboard, screens, "exports-downloaded")


def test_the_audit_log_shows_the_walks(dashboard: Dashboard, screens: Path) -> None:
    dashboard.navigate(_page("pages/audit.py"))
    table = dashboard.page.locator('[data-testid="stDataFrame"]').first
    table.scroll_into_view_if_needed()
    cells = table.locator('[id^="glide-cell-"]').all_inner_texts()
    for origin in ("Current ICP", "Review meeting", "Bias check"):
        assert origin in cells
    _no_problems(dashboard, screens, "audit-log")

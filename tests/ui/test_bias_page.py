"""The bias check page under AppTest: the matrix with the planted proxy on top, the drill-down in
plain words, and pausing a disqualifier as a new ICP version that changes the assignment."""

from __future__ import annotations

import re

from icpcore import history
from icpcore.evidence.bundle import load_frames
from icpcore.segments import segment_sizes
from tests.conftest import ADMIN
from tests.icpcore.bias_bundles import frames_for
from tests.icpcore.test_bias_scenarios import planted
from tests.ui.conftest import texts
from ui.components import bias_keys as keys

PAGE = "pages/bias.py"


def _open(app):
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _load(store) -> None:
    accounts, unit, success = planted()
    load_frames(store, frames_for(accounts, unit, success), source_tag="t", actor=ADMIN, mode="replace_all")


def _key(elements, suffix: str):
    found = [e for e in elements if e.key and e.key.endswith(suffix)]
    assert len(found) == 1, (suffix, [e.key for e in elements])
    return found[0]


def _all_text(at) -> str:
    parts = [texts(at.markdown), texts(at.info), texts(at.caption), texts(at.subheader), texts(at.warning)]
    return "\n".join(parts)


def test_without_evidence_the_page_says_there_is_nothing_to_screen(app):
    at = _open(app)
    assert "Nothing to screen" in texts(at.warning)
    assert "statistical screen, not a legal test" in texts(at.info)


def test_matrix_puts_the_planted_proxy_on_top_and_explains_it(app, ui_store):
    _load(ui_store)
    at = _open(app)
    matrix = at.dataframe[0].value
    assert matrix.index[0].startswith("Bootstrapped companies (all accounts)")
    assert matrix.iloc[0]["owner_gender"].startswith("▲ High: review")
    assert matrix.loc[matrix.index.str.startswith("Fewer than 5"), "founder_age_band"].iloc[0].startswith("◆")
    shown = _all_text(at)
    assert "statistical screen, not a legal test" in shown
    assert "Within each group, disqualified accounts succeed" in shown and "no clear business reason" in shown
    assert "Reference group: male" in shown
    assert "Review this disqualifier" in shown
    assert not re.search(r"\bfail", shown + "\n".join(map(str, matrix.to_numpy().ravel())), re.IGNORECASE)
    groups = at.dataframe[1].value
    assert list(groups["Group"]) == ["female", "male (reference)", "undisclosed"]
    assert groups.loc[0, "Result"].startswith("▲") and groups.loc[2, "Result"].startswith("○")


def test_opening_another_cell(app, ui_store):
    _load(ui_store)
    at = _open(app)
    picker = at.selectbox(key=keys.CELL)
    labels = list(picker.options)
    assert labels[0].startswith("Bootstrapped companies (all accounts) × owner_gender: ▲")
    picker.select_index(next(i for i, o in enumerate(labels) if o.startswith("Fewer than 5") and "age_band" in o))
    at.run()
    assert not at.exception
    assert "◆ Medium: review" in "\n".join(map(str, at.dataframe[1].value["Result"]))
    assert "They clearly succeed less often: the data support a business reason." in _all_text(at)


def test_pausing_the_proxy_saves_a_version_and_changes_the_assignment(app, ui_store):
    _load(ui_store)
    before = segment_sizes(ui_store)
    at = _open(app)
    _key(at.button, "-pause").click().run()
    assert "Write why" in texts(at.error)
    assert history.current(ui_store).number == 1
    _key(at.text_input, "-reason").set_value("Shadows owner gender; verifying with sales")
    _key(at.text_input, "-author").set_value("Maya")
    _key(at.button, "-pause").click().run()
    assert not at.exception, [e.value for e in at.exception]
    latest = history.current(ui_store)
    assert (latest.number, latest.author, latest.reason) == (2, "Maya", "Shadows owner gender; verifying with sales")
    assert next(d for d in latest.document.disqualifiers if d.id == "bootstrapped").status == "paused"
    assert "Paused “Bootstrapped companies”: saved as ICP version 2" in texts(at.success)
    assert segment_sizes(ui_store)["disqualified"] < before["disqualified"]
    matrix = at.dataframe[0].value
    assert matrix.index[0] == "Bootstrapped companies (all accounts) · paused"  # still screened, still on top
    _key(at.text_input, "-reason").set_value("Verified: no reason to keep it paused")
    _key(at.button, "-resume").click().run()
    assert history.current(ui_store).document.disqualifiers[2].status == "active"
    assert segment_sizes(ui_store) == before


def test_recording_the_business_reason(app, ui_store):
    _load(ui_store)
    at = _open(app)
    _key(at.text_area, "-business-reason").set_value("Bootstrapped teams have no analytics budget (survey 2025)")
    _key(at.button, "-record").click().run()
    assert not at.exception
    dq = next(d for d in history.current(ui_store).document.disqualifiers if d.id == "bootstrapped")
    assert dq.verified_reason == "Bootstrapped teams have no analytics budget (survey 2025)"
    assert "Verified business reason on record" in texts(at.caption)

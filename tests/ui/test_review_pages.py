"""The review board and the meeting under AppTest: the board renders by verdict, assumptions
are edited inline as ICP versions, deals are submitted, and a whole meeting runs from start to
minutes with one assumption revised."""

from __future__ import annotations

from icpcore import history
from icpcore.access import Actor
from icpcore.evidence.bundle import load_frames
from icpcore.mdsafe import unescape
from icpcore.review.past import list_reviews
from icpcore.setup import default_document
from tests.icpcore.review_fixtures import tiny_bundle
from tests.ui.conftest import texts
from ui.components import review_keys as keys

OTHER = Actor("Jonas", "editor", "tests")
IDS = [a["id"] for a in default_document()["assumptions"]]


def _open(app, page: str):
    app.switch_page(page).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _by_key(elements, key: str):
    found = [e for e in elements if e.key == key]
    assert len(found) == 1, (key, [e.key for e in elements])
    return found[0]


def test_board_shows_columns_cards_banners_and_prompt(app):
    at = _open(app, "pages/review.py")
    markdown = unescape(texts(at.markdown))
    for header in ("Supported (0)", "Inconclusive (0)", "Contradicted (0)", "Insufficient data (8)"):
        assert header in markdown
    assert "Mid-market SaaS: qualified rate at least 30%" in markdown
    assert "Target **at least 30%**" in markdown and "n = 0" in markdown
    assert "seek corroboration in support tickets or success logs" in markdown
    assert "The monthly review is due" in unescape(texts(at.warning))
    assert "Add three recent deals that contradict the draft" in unescape(texts(at.info))


def test_assumptions_edited_inline_make_a_version(app, ui_store):
    at = _open(app, "pages/review.py")
    key = keys.assumptions_editor(1)
    at.session_state[key] = {"edited_rows": {1: {"value": "3000"}}, "added_rows": [], "deleted_rows": []}
    at.run()
    _by_key(at.button, keys.SAVE).click().run()
    assert "Write a reason" in texts(at.error)
    _by_key(at.text_input, keys.SAVE_REASON).set_value("Tickets show CAC creeping up")
    _by_key(at.text_input, keys.SAVE_AUTHOR).set_value("Maya")
    _by_key(at.button, keys.SAVE).click().run()
    assert not at.exception
    latest = history.current(ui_store)
    assert (latest.number, latest.author, latest.reason) == (2, "Maya", "Tickets show CAC creeping up")
    assert next(a for a in latest.document.assumptions if a.id == "mm_cac").value == 3000
    assert "Saved version 2" in texts(at.success)


def test_a_conflicting_save_is_explained(app, ui_store):
    at = _open(app, "pages/review.py")
    doc = history.current(ui_store).document.to_dict() | {"name": "Renamed by Jonas"}
    history.save(ui_store, doc, base=1, actor=OTHER, reason="Jonas renames")
    at.session_state[keys.assumptions_editor(1)] = {
        "edited_rows": {1: {"value": "3000"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    _by_key(at.text_input, keys.SAVE_REASON).set_value("raise CAC")
    at.run()
    assert "Jonas saved version 2" in texts(at.warning)  # said before the save is tried
    _by_key(at.button, keys.SAVE).click().run()
    error = texts(at.error)
    assert "Not saved: Jonas saved version 2 after version 1" in error and "Jonas renames" in error
    assert history.current(ui_store).number == 2


def test_contradicting_deal_form(app, ui_store):
    load_frames(ui_store, tiny_bundle(), source_tag="t", actor=OTHER, mode="replace_all")
    at = _open(app, "pages/review.py")
    _by_key(at.text_input, keys.DEAL_OPPORTUNITY).set_value("O9")
    _by_key(at.selectbox, keys.DEAL_TARGET).set_value("assumption:mm_cac")
    _by_key(at.selectbox, keys.DEAL_FIELD).set_value("employees")
    _by_key(at.text_area, keys.DEAL_NOTE).set_value("Won at 40 people")
    _by_key(at.button, keys.DEAL_SUBMIT).click().run()
    assert "'O9' is not an opportunity in the evidence" in texts(at.error)
    _by_key(at.text_input, keys.DEAL_OPPORTUNITY).set_value("O1")
    _by_key(at.selectbox, keys.DEAL_TARGET).set_value("assumption:mm_cac")
    _by_key(at.selectbox, keys.DEAL_FIELD).set_value("employees")
    _by_key(at.text_area, keys.DEAL_NOTE).set_value("Won at 40 people")
    _by_key(at.button, keys.DEAL_SUBMIT).click().run()
    assert not at.exception and "Recorded contradicting deal O1" in texts(at.success)
    assert any(e.label == "Contradicting deals: 1" for e in at.expander)
    assert "Mid-market SaaS" not in unescape(texts(at.info))  # the prompt names only segments without deals


def _decide(at, review_id: int, assumption_id: str, choice: str, note: str):
    _by_key(at.button_group, keys.decision(review_id, assumption_id, "choice")).set_value(choice).run()
    _by_key(at.text_input, keys.decision(review_id, assumption_id, "note")).set_value(note)
    return at


def test_a_whole_meeting(app, ui_store):
    at = _open(app, "pages/meeting.py")
    _by_key(at.text_area, keys.START_ATTENDEES).set_value("Ana\nBen, Chloé")
    _by_key(at.button, keys.START).click().run()
    assert not at.exception, [e.value for e in at.exception]
    review = list_reviews(ui_store)[0]
    assert review.attendees == ["Ana", "Ben", "Chloé"]
    for position, assumption_id in enumerate(IDS, start=1):
        assert f"Assumption {position} of 8" in at.get("progress")[0].proto.text
        if assumption_id == "mm_cac":
            _decide(at, review.id, assumption_id, "revise", "CAC ceiling blocks the paid plan")
            assert "Change only what blocks execution." in texts(at.warning)
            target = keys.decision(review.id, assumption_id, "v1-target")
            _by_key(at.text_input, target).set_value("3,000")
        elif assumption_id == "mm_success":
            _decide(at, review.id, assumption_id, "investigate", "Check the paid event")
        else:
            _decide(at, review.id, assumption_id, "keep", "")
        _by_key(at.button, keys.decision(review.id, assumption_id, "record")).click().run()
        assert not at.exception and not at.error, [e.value for e in at.error]
    latest = history.current(ui_store)
    assert latest.number == 2 and "revise assumption 'mm_cac'" in latest.reason
    assert next(a for a in latest.document.assumptions if a.id == "mm_cac").value == 3000
    _by_key(at.button, keys.FINISH).click().run()
    assert not at.exception
    done = list_reviews(ui_store)[0]
    assert done.finished and len(done.decided()) == 8
    minutes = unescape(done.minutes)
    assert "- Decision: **Revise**" in minutes and "- ICP change: version 2" in minutes
    assert "Investigate “Mid-market SaaS: success rate at least 12%”: Check the paid event" in minutes
    shown = unescape(texts(at.markdown))
    assert "# Minutes: ICP review of" in shown and "- Ana" in shown  # the minutes are on screen
    assert any(b.key == keys.MINUTES_DOWNLOAD for b in at.get("download_button"))

"""The Current ICP page under AppTest: renders, saves, refuses invalid edits, shows conflicts,
restores, and shows what changed between versions."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from icpcore import history
from icpcore.access import Actor
from icpcore.evidence.importer import import_file
from tests.ui.conftest import ROOT, TIMEOUT, edit_table, save, texts, widget

OTHER = Actor("Jonas", "editor", "tests")


def test_page_renders_segments_and_plain_english_rules(app):
    subheaders = texts(app.subheader)
    for name in ("Mid-market SaaS", "Fintech scale-ups", "Small agencies"):
        assert name in subheaders
    markdown = texts(app.markdown)
    assert "Industry is Software or SaaS and 50-500 employees" in markdown
    assert "Disqualified when:** fewer than 5 employees" in markdown
    assert "Local single-user mode" in texts(app.sidebar.warning)
    assert not app.error
    assert "unsaved" not in texts(app.info).lower()  # an untouched draft is not an edit


def test_an_edit_saved_with_a_reason_makes_a_new_version(app, ui_store):
    widget(app.text_input, "-name").set_value("Acme ICP")
    edit_table(app, "-segment0-rules", {1: {"value": "100, 500"}})
    app.run()
    assert "Unsaved edits on top of version 1" in texts(app.info)
    save(app, "   ")
    assert "Write a reason" in texts(app.error)
    assert history.current(ui_store).number == 1
    save(app, "Win/loss review: small SaaS stalls", author="Maya")
    assert not app.exception
    latest = history.current(ui_store)
    assert latest.number == 2
    assert (latest.author, latest.reason, latest.based_on) == ("Maya", "Win/loss review: small SaaS stalls", 1)
    assert latest.document.name == "Acme ICP"
    assert latest.document.segments[0].rules[1].value == [100, 500]
    assert "Saved version 2" in texts(app.success)


def test_an_invalid_edit_shows_the_problem_and_saves_nothing(app, ui_store):
    edit_table(app, "-segment1-rules", {1: {"value": "100"}})
    app.run()
    assert "Segment “Fintech scale-ups”, rule 2: value: between needs [lo, hi]" in texts(app.warning)

    edit_table(app, "-segment1-rules", {})
    edit_table(app, "-segment0-rules", {0: {"field": "owner_gender", "op": "eq", "value": "female"}})
    app.run()
    warnings = texts(app.warning)
    assert "Segment “Mid-market SaaS”, rule 1: field: 'owner_gender' is a sensitive attribute" in warnings
    assert "between" not in warnings
    save(app, "try a sensitive rule")
    assert "Nothing was saved" in texts(app.error)
    assert len(history.list_versions(ui_store)) == 1


def test_a_conflict_is_shown_and_the_draft_is_kept(app, ui_store):
    widget(app.text_input, "-name").set_value("My better name")
    app.run()
    theirs = history.current(ui_store).document.to_dict()
    theirs["segments"][0]["promise"] = "Their new promise"
    history.save(ui_store, theirs, base=1, actor=OTHER, reason="Sharper promise")
    save(app, "my rename")
    box = texts(app.error)
    assert "Not saved: Jonas saved version 2" in box and "Sharper promise" in box
    assert "promise changed from" in texts(app.markdown)
    assert widget(app.text_input, "-name").value == "My better name"  # the draft is still there
    assert len(history.list_versions(ui_store)) == 2

    app.button(key="icp-conflict-reapply").click().run()
    assert widget(app.text_input, "-name").value == "My better name"
    save(app, "my rename, again")
    latest = history.current(ui_store)
    assert latest.number == 3
    assert latest.document.name == "My better name"
    assert latest.document.segments[0].promise == "Their new promise"  # their change survived


def test_restore_makes_a_new_version_and_history_shows_the_difference(app, ui_store):
    renamed = history.current(ui_store).document.to_dict() | {"name": "Renamed ICP"}
    history.save(ui_store, renamed, base=1, actor=OTHER, reason="New name")
    app.run()
    assert "From version 1 to version 2" in texts(app.markdown)
    assert "ICP name changed from" in texts(app.markdown)
    app.selectbox(key="icp-history-v2-pick").set_value(1).run()
    app.button(key="icp-restore").click().run()
    assert not app.exception
    latest = history.current(ui_store)
    assert (latest.number, latest.restored_from) == (3, 1)
    assert latest.document.name != "Renamed ICP"
    assert "Restored version 1 as the new version 3" in texts(app.success)


def test_segments_can_be_added_moved_and_retired(app, ui_store):
    widget(app.button, "-add-segment").click().run()
    assert "New segment 1 · Hypothesis" in [e.label for e in app.expander]
    widget(app.button, "-segment1-move-up").click().run()
    opened = [e.label for e in app.expander if e.proto.expanded]
    assert opened == ["Fintech scale-ups · Active"]  # the segment just moved stays in view
    widget(app.button, "-segment3-retire").click().run()
    save(app, "reshuffle")
    latest = history.current(ui_store).document
    assert [s.id for s in latest.segments] == ["fintech_scaleups", "midmarket_saas", "smb_agencies", "new_segment_1"]
    assert latest.segments[3].status == "retired"


ACCOUNTS_CSV = """account_id,name,industry,employees,region,funding_stage,tech_stack
a1,Acme,SaaS,120,EMEA,Series B,Cloud
a2,Beta,Fintech,400,NA,Series C,Cloud
a3,Gamma,Consulting,12,EMEA,Bootstrapped,On-prem
"""


def test_with_evidence_rules_must_name_account_columns(app, ui_store, tmp_path):
    path = tmp_path / "accounts.csv"
    path.write_text(ACCOUNTS_CSV, encoding="utf-8")
    import_file(ui_store, "accounts", path, actor=OTHER)
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    assert not fresh.exception, [e.value for e in fresh.exception]
    assert "3 accounts" in texts(fresh.sidebar.markdown)
    assert "no column" not in texts(fresh.warning)  # the default ICP names only columns these accounts have
    edit_table(fresh, "-segment0-rules", {1: {"field": "headcount"}})
    fresh.run()
    assert "Segment “Mid-market SaaS”, rule 2: field: accounts have no column 'headcount'" in texts(fresh.warning)


def test_a_save_points_out_rules_that_may_stand_in_for_a_sensitive_attribute(app, ui_store, tmp_path):
    rows = ["account_id,industry,employees,region,funding_stage,tech_stack,owner_gender"]
    for i in range(80):
        female = i % 2 == 0
        stage = "Bootstrapped" if female and i % 4 == 0 else "Series A"
        rows.append(f"a{i},SaaS,{60 + i},EMEA,{stage},Cloud,{'female' if female else 'male'}")
    path = tmp_path / "accounts.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    import_file(ui_store, "accounts", path, actor=OTHER)
    fresh = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()
    widget(fresh.text_input, "-name").set_value("Proxy check")
    fresh.run()
    save(fresh, "rename")
    assert history.current(ui_store).number == 2
    warnings = texts(fresh.warning)
    assert "Possible proxy, review it" in warnings and "owner_gender" in warnings

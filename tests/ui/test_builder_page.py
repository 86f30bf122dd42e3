"""The ICP builder page under AppTest: candidates with the planted pocket on top, themes, and a
draft accepted into the ICP as a hypothesis with its sources."""

from __future__ import annotations

from icpcore import history
from icpcore.evidence.bundle import load_frames
from tests.conftest import ADMIN
from tests.icpcore.builder.synthetic import synthetic_bundle
from tests.ui.conftest import texts
from ui.components import builder_keys as keys

PAGE = "pages/builder.py"


def _open(app):
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    return app


def _by_key(elements, suffix: str):
    found = [e for e in elements if e.key and e.key.startswith("builder-v") and e.key.endswith(suffix)]
    assert len(found) == 1, (suffix, [e.key for e in elements])
    return found[0]


def test_without_evidence_there_is_nothing_to_draft(app):
    at = _open(app)
    assert "Nothing to draft yet" in texts(at.info)
    assert "No themes" in texts(at.info)


def test_candidates_themes_and_accepting_a_draft(app, ui_store):
    load_frames(ui_store, synthetic_bundle().frames, source_tag="synthetic", actor=ADMIN)
    at = _open(app)
    candidates = at.dataframe[0].value
    assert candidates.iloc[0]["Rules"] == "Tech stack is Shopify and Industry is E-commerce"
    assert candidates.iloc[0]["Verdict"] == "clear"
    assert len(at.get("vega_lite_chart")) == 2  # lift against coverage, themes by source
    themes = at.dataframe[1].value
    assert set(themes["Suggested role"]) == {"pain", "trigger", "objection"}
    assert at.selectbox(key=keys.CANDIDATE).value == "c1"
    assert _by_key(at.text_input, "-name").value == "Shopify + E-commerce"

    _by_key(at.button, "-accept").click()
    at.run()
    assert "give a reason" in texts(at.error)
    assert history.current(ui_store).number == 1

    _by_key(at.text_input, "-name").set_value("Shopify stores")
    _by_key(at.text_input, "-reason").set_value("Builder: Shopify stores convert well")
    _by_key(at.text_input, "-author").set_value("Maya")
    at.run()
    _by_key(at.button, "-accept").click()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "to the ICP as a hypothesis: version 2" in texts(at.success)
    saved = history.current(ui_store)
    assert saved.number == 2 and saved.author == "Maya" and saved.reason == "Builder: Shopify stores convert well"
    added = saved.document.segments[-1]
    assert (added.name, added.status) == ("Shopify stores", "hypothesis")
    sources = added.model_dump()["sources"]
    assert "billing" in sources and len(sources) >= 2

    at.run()  # the next view is on the new version and points to the ICP
    assert "Drafted hypotheses in the ICP: Shopify stores" in texts(at.info)
    at.switch_page("pages/icp.py").run()  # the ICP page shows the new hypothesis
    assert not at.exception, [e.value for e in at.exception]
    shown = "\n".join(texts(getattr(at, kind)) for kind in ("markdown", "subheader", "header", "caption"))
    shown += "\n".join(e.label for e in at.expander)
    assert "Shopify stores" in shown


def test_roles_changed_in_the_editor_change_the_draft(app, ui_store):
    load_frames(ui_store, synthetic_bundle().frames, source_tag="synthetic", actor=ADMIN)
    at = _open(app)
    roles = _by_key(at.data_editor, "-themes")
    frame = roles.value
    at.session_state[roles.key] = {
        "edited_rows": {i: {"role": "ignore"} for i in range(len(frame))} | {0: {"role": "trigger", "label": "Hiring"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    shown = texts(at.markdown)
    assert "Triggers:** Hiring" in shown and "Pains:** –" in shown and "Objections:** –" in shown

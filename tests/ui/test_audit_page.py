"""The audit log page: admins read and filter it; everyone else is told it is for admins."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from icpcore import history
from tests.ui.conftest import ROOT, TIMEOUT, edit_table, save, texts
from tests.ui.test_auth import AUTH, ROLES

PAGE = "pages/audit.py"


def test_admin_reads_who_did_what_from_where(app: AppTest, ui_store) -> None:
    edit_table(app, "-segment0-rules", {1: {"value": "100, 500"}})
    save(app, "wider band", author="Ana")
    app.switch_page(PAGE).run()
    assert not app.exception, [e.value for e in app.exception]
    frame = app.dataframe[0].value
    assert list(frame["Who"])[:2] == ["Ana", "Fitboard"]
    assert list(frame["What"])[:2] == ["saved an ICP version"] * 2
    assert list(frame["From"])[:2] == ["Current ICP", "first start"]
    assert "2 entries" in texts(app.markdown)
    app.multiselect(key="audit-origins").select("Current ICP").run()
    assert list(app.dataframe[0].value["Target"]) == [f"icp version {history.current(ui_store).number}"]
    app.text_input(key="audit-text").input("nothing like this").run()
    assert app.dataframe[0].value.empty and "0 entries" in texts(app.markdown)


def test_others_are_told_it_is_for_admins(database_url) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.secrets["fitboard"] = {"roles": ROLES}
    at.user = {"is_logged_in": True, "email": "bo@example.com", "name": "Bo"}
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    assert "Admins only" in texts(at.info) and "your role is editor" in texts(at.info)
    assert not at.dataframe

"""Sign-in and roles in the dashboard: local single-user mode, the sign-in screen, the role a
signed-in address gets, and what each role is offered."""

from __future__ import annotations

from typing import Any

from streamlit.testing.v1 import AppTest

from tests.ui.conftest import ROOT, TIMEOUT, texts

AUTH = {
    "redirect_uri": "http://localhost:8501/oauth2callback",
    "cookie_secret": "not-a-real-secret",
    "client_id": "fitboard",
    "client_secret": "not-a-real-secret",
    "server_metadata_url": "https://id.example.com/.well-known/openid-configuration",
}
ROLES = {"admins": ["ana@example.com"], "editors": ["@example.com"], "default": "viewer"}


def _signed_in(user: dict[str, Any] | None, roles: dict[str, Any] | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.secrets["auth"] = AUTH
    at.secrets["fitboard"] = {"roles": roles or ROLES}
    at.user = user if user is not None else {"is_logged_in": False}
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_local_mode_says_so_and_acts_as_admin(app: AppTest) -> None:
    banner = texts(app.sidebar.warning)
    assert "Local single-user mode" in banner and "127.0.0.1" in banner
    assert not [b for b in app.sidebar.button if b.key == "auth-logout"]


def test_signed_out_people_see_only_the_sign_in_screen(database_url) -> None:
    at = _signed_in(None)
    assert [b.label for b in at.button] == ["Sign in"]
    assert not at.sidebar.warning  # no page, no sidebar
    assert "Fitboard" in texts(at.title)


def test_named_providers_get_one_button_each(database_url) -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    common = {k: AUTH[k] for k in ("redirect_uri", "cookie_secret")}
    provider = {k: AUTH[k] for k in ("client_id", "client_secret", "server_metadata_url")}
    at.secrets["auth"] = common | {"google": provider, "microsoft": provider}
    at.user = {"is_logged_in": False}
    at.run()
    assert sorted(b.label for b in at.button) == ["Sign in with Google", "Sign in with Microsoft"]


def test_signed_in_viewer_gets_the_viewer_role(database_url) -> None:
    at = _signed_in({"is_logged_in": True, "email": "kim@elsewhere.org", "name": "Kim"})
    sidebar = texts(at.sidebar.markdown)
    assert "Signed in as **Kim** · viewer" in sidebar.replace("\\", "")
    assert [b for b in at.sidebar.button if b.key == "auth-logout"]
    assert not [w for w in at.sidebar.warning if "Local single-user" in str(w.value)]


def test_address_without_a_role_is_stopped(database_url) -> None:
    at = _signed_in({"is_logged_in": True, "email": "kim@elsewhere.org"}, roles={**ROLES, "default": "none"})
    assert "has no role in Fitboard" in texts(at.error)
    assert [b.label for b in at.button] == ["Sign out"]


def test_broken_role_configuration_lets_nobody_in(database_url) -> None:
    at = _signed_in({"is_logged_in": True, "email": "ana@example.com"}, roles={"admin": ["ana@example.com"]})
    assert "role configuration is wrong" in texts(at.error)
    assert not at.button


def test_viewer_is_not_offered_the_icp_editor(database_url) -> None:
    at = _signed_in({"is_logged_in": True, "email": "kim@elsewhere.org", "name": "Kim"})
    assert "it takes the editor role to edit the ICP" in texts(at.info)
    assert not at.data_editor


def test_editor_is_offered_the_icp_editor(database_url) -> None:
    at = _signed_in({"is_logged_in": True, "email": "bo@example.com", "name": "Bo"})
    assert "takes the editor role" not in texts(at.info)
    assert at.data_editor


def test_viewer_reads_the_review_pages_without_their_forms(database_url) -> None:
    viewer = {"is_logged_in": True, "email": "kim@elsewhere.org", "name": "Kim"}
    review = _signed_in(viewer, page="pages/review.py")
    notes = texts(review.info)
    assert "to add or edit assumptions" in notes and "to record a contradicting deal" in notes
    assert not [b for b in review.button if "Save" in str(b.label)]
    meeting = _signed_in(viewer, page="pages/meeting.py")
    assert "takes the editor role to start a review" in texts(meeting.info)
    assert "Past reviews" in texts(meeting.header)


def test_editor_sees_the_sensitive_attributes_but_cannot_change_them(database_url) -> None:
    editor = _signed_in({"is_logged_in": True, "email": "bo@example.com", "name": "Bo"})
    admin = _signed_in({"is_logged_in": True, "email": "ana@example.com", "name": "Ana"})

    def field(at: AppTest):
        return next(t for t in at.text_input if str(t.key).endswith("-sensitive"))

    assert field(editor).disabled and field(editor).value == "owner_gender, founder_age_band"
    assert not field(admin).disabled

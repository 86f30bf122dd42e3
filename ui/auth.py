"""Who is using the dashboard, and with which role.

With an identity provider configured (an `[auth]` section in `.streamlit/secrets.toml`), people
sign in with Streamlit's native `st.login` (OpenID Connect) and get the role their e-mail address
maps to (`icpcore.roles`). Without one the dashboard is a local single-user tool: whoever opens
it is admin, the server listens on 127.0.0.1 only (`.streamlit/config.toml`), and a banner says so.

Hiding what a role cannot do is a courtesy; `icpcore` refuses the write whatever page asks.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from icpcore.access import Actor, Role
from icpcore.errors import InvalidInput
from icpcore.roles import RoleMap, parse_role_map, role_map_from_env
from ui.components.text import md

LOCAL_USER = "local user"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
ROLE_WORDS: dict[str, str] = {
    "viewer": "read the ICP, segment health and the review board",
    "editor": "also edit the ICP, import evidence, hold reviews and act on bias findings",
    "admin": "also manage sensitive attributes, see raw sensitive values and read the audit log",
}


def _secrets() -> Mapping[str, Any]:
    """The secrets as plain data; empty when there is no secrets.toml."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file at all
        return {}


def signin_configured() -> bool:
    """Whether people sign in (an identity provider is configured in `[auth]`)."""
    return isinstance(_secrets().get("auth"), Mapping)


def role_map() -> RoleMap:
    """`FITBOARD_ROLES` (JSON) when set, else `[fitboard.roles]` in the secrets."""
    from_env = role_map_from_env(os.environ)
    if from_env is not None:
        return from_env
    section = _secrets().get("fitboard", {})
    return parse_role_map(section.get("roles") if isinstance(section, Mapping) else None)


def _providers() -> list[str | None]:
    """Named providers (`[auth.google]`, ...) or None for the settings in `[auth]` itself."""
    auth = _secrets().get("auth", {})
    named = [name for name, value in auth.items() if isinstance(value, Mapping)]
    return list(named) or [None]


def _signed_in() -> bool:
    return bool(st.user.get("is_logged_in"))


def _email() -> str:
    return str(st.user.get("email") or "").strip().lower()


def _role() -> Role | None:
    verified = st.user.get("email_verified")
    return role_map().role_for(_email(), verified=verified is not False)


def _sign_in_screen() -> None:
    st.title("Fitboard", anchor=False)
    st.markdown("Sign in to see and keep the ideal customer profile.")
    for provider in _providers():
        label = f"Sign in with {provider.title()}" if provider else "Sign in"
        if st.button(label, key=f"auth-login-{provider or 'default'}", icon=":material/login:", type="primary"):
            st.login(provider)


def gate() -> None:
    """Before any page runs: without sign-in configured, nothing to do; otherwise show the sign-in
    screen to people who have not signed in, and stop people whose address has no role."""
    if not signin_configured():
        return
    try:
        roles = role_map()
    except InvalidInput as exc:
        st.error(f"The role configuration is wrong, so nobody can be let in: {exc}", icon=":material/error:")
        st.stop()
    if not _signed_in():
        _sign_in_screen()
        st.stop()
    if roles.role_for(_email(), verified=st.user.get("email_verified") is not False) is None:
        st.error(
            f"{_email() or 'This account'} has no role in Fitboard. Ask an admin to add your address or domain.",
            icon=":material/block:",
        )
        st.button("Sign out", key="auth-logout-denied", on_click=st.logout)
        st.stop()


def current_actor(origin: str) -> Actor:
    """The person acting on page `origin` (recorded in the audit log with every write)."""
    if not signin_configured():
        return Actor(LOCAL_USER, "admin", origin=origin)
    if not _signed_in():
        return Actor("signed out", "viewer", origin=origin)  # gate() stops before any page uses it
    email = _email()
    name = str(st.user.get("name") or email)
    return Actor(name, _role() or "viewer", origin=origin, account=email or None)


def render_account() -> None:
    """The sidebar's top: the local-mode banner, or who is signed in with their role and a
    sign-out button."""
    if not signin_configured():
        _local_banner()
        return
    if not _signed_in():
        return
    actor = current_actor("sidebar")
    st.markdown(f"Signed in as **{md(actor.name)}** · {actor.role}")
    st.caption(f"Your role can {ROLE_WORDS[actor.role]}.")
    st.button("Sign out", key="auth-logout", icon=":material/logout:", on_click=st.logout)


def _local_banner() -> None:
    address = str(st.get_option("server.address") or "")
    if address in LOOPBACK:
        st.warning(
            "**Local single-user mode.** Nobody signs in and you can change everything; only this computer can "
            "open the dashboard (127.0.0.1). Configure sign-in to share it with a team.",
            icon=":material/person:",
        )
    else:
        st.error(
            f"**Local single-user mode on a network address ({md(address or 'all interfaces')}).** Nobody signs "
            "in: anyone who can reach this address can change everything. Configure sign-in, or run on 127.0.0.1.",
            icon=":material/warning:",
        )


def lacks(actor: Actor, needed: Role, what: str) -> bool:
    """True (and says so on the page) when `actor` may not `what`: the caller then hides the form."""
    if actor.can(needed):
        return False
    st.info(
        f"You have the **{actor.role}** role: it takes the {needed} role to {what}. Ask an admin if you need it.",
        icon=":material/lock:",
    )
    return True


def sees_sensitive_values(actor: Actor) -> bool:
    """Raw sensitive attribute values per account are for admins; aggregates are for everyone."""
    return actor.can("admin")

"""Who is using the dashboard. For now one local user with every right; sign-in comes later."""

from __future__ import annotations

from icpcore.access import Actor

LOCAL_USER = "local user"


def signin_configured() -> bool:
    """Whether people sign in before they can edit. Not yet: a later issue adds st.login."""
    return False


def current_actor(origin: str) -> Actor:
    """The person acting on page `origin` (recorded in the audit log with every write)."""
    return Actor(LOCAL_USER, "admin", origin=origin)

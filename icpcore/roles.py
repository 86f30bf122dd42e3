"""Who gets which role: e-mail addresses and domains mapped to viewer, editor or admin.

The mapping is plain data, read from `[fitboard.roles]` in `.streamlit/secrets.toml` or from the
`FITBOARD_ROLES` environment variable (the same keys as JSON), for example:

    [fitboard.roles]
    admins = ["ana@example.com"]
    editors = ["@example.com", "sam@partner.io"]
    viewers = ["@partner.io"]
    default = "viewer"          # anyone else who signs in; "none" shuts them out

An entry starting with "@" names a whole domain; anything else is one address. Matching ignores
case and surrounding spaces; a person named in several lists gets the highest role. The command
line acts as admin unless `ICP_ROLE` says otherwise.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from icpcore.access import RANK, Role
from icpcore.errors import InvalidInput

ROLES_ENV = "FITBOARD_ROLES"
CLI_ROLE_ENV = "ICP_ROLE"
NO_ACCESS = "none"
LISTS: dict[str, Role] = {"admins": "admin", "editors": "editor", "viewers": "viewer"}
ALLOWED_KEYS = (*LISTS, "default")


class RoleConfigError(InvalidInput):
    """The role mapping in the configuration is malformed."""


@dataclass(frozen=True)
class RoleMap:
    """Entries per role (lower-case addresses, or '@domain'), and the role of everyone else."""

    admins: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    viewers: tuple[str, ...] = ()
    default: Role | None = "viewer"  # None: people not listed may not open the dashboard

    def role_for(self, email: str | None, *, verified: bool = True) -> Role | None:
        """The role of a signed-in person; None when they may not open the dashboard.

        An address the identity provider says it has NOT verified only gets the default role:
        anyone can type someone else's address into an unverified account."""
        address = (email or "").strip().lower()
        if not verified or "@" not in address:
            return self.default
        domain = "@" + address.rsplit("@", 1)[1]
        best: Role | None = None
        for entries, role in ((self.admins, "admin"), (self.editors, "editor"), (self.viewers, "viewer")):
            if (address in entries or domain in entries) and (best is None or RANK[role] > RANK[best]):
                best = role
        return best if best is not None else self.default


def _entry(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise RoleConfigError(f"{where}: '{value}' is not text (write an e-mail address or '@domain')")
    text = value.strip().lower()
    local, at, domain = text.rpartition("@")
    if not at or not domain or "." not in domain or " " in text or (local and local.count("@")):
        raise RoleConfigError(f"{where}: '{value}' is neither an e-mail address nor '@domain'")
    return text


def _entries(values: Any, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]  # a single entry written without brackets
    if not isinstance(values, Iterable):
        raise RoleConfigError(f"{where}: expected a list of e-mail addresses or '@domain' entries")
    return tuple(_entry(v, f"{where}[{i}]") for i, v in enumerate(values))


def _default(value: Any, where: str) -> Role | None:
    text = str(value).strip().lower()
    if text == NO_ACCESS:
        return None
    if text not in RANK:
        raise RoleConfigError(f"{where}: '{value}' is not one of viewer, editor, admin, {NO_ACCESS}")
    return text  # type: ignore[return-value]


def parse_role_map(data: Mapping[str, Any] | None, *, where: str = "fitboard.roles") -> RoleMap:
    """Validate a mapping like the `[fitboard.roles]` table; unknown keys are errors (a typo
    such as `admin = [...]` must not silently give nobody the admin role)."""
    if not data:
        return RoleMap()
    if not isinstance(data, Mapping):
        raise RoleConfigError(f"{where}: expected a table with {', '.join(ALLOWED_KEYS)}")
    unknown = sorted(set(data) - set(ALLOWED_KEYS))
    if unknown:
        raise RoleConfigError(f"{where}: unknown key(s) {', '.join(unknown)}; use {', '.join(ALLOWED_KEYS)}")
    lists = {key: _entries(data.get(key, ()), f"{where}.{key}") for key in LISTS}
    return RoleMap(**lists, default=_default(data.get("default", "viewer"), f"{where}.default"))


def role_map_from_env(environ: Mapping[str, str] | None = None) -> RoleMap | None:
    """The mapping from `FITBOARD_ROLES` (JSON), or None when the variable is not set."""
    raw = (os.environ if environ is None else environ).get(ROLES_ENV, "").strip()
    if not raw:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise RoleConfigError(f"{ROLES_ENV}: not JSON ({exc.msg} at character {exc.pos})") from None
    return parse_role_map(data, where=ROLES_ENV)


def cli_role(environ: Mapping[str, str] | None = None) -> Role:
    """The command line's role: admin (whoever runs it owns the database), or `ICP_ROLE`."""
    raw = (os.environ if environ is None else environ).get(CLI_ROLE_ENV, "").strip().lower()
    if not raw:
        return "admin"
    if raw not in RANK:
        raise InvalidInput(f"{CLI_ROLE_ENV}: '{raw}' is not one of viewer, editor, admin")
    return raw  # type: ignore[return-value]

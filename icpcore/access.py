"""Who is acting, with which role; every write path in icpcore asks for an Actor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["viewer", "editor", "admin"]
RANK: dict[str, int] = {"viewer": 0, "editor": 1, "admin": 2}


class PermissionDenied(PermissionError):
    """An actor tried a write its role does not allow."""


@dataclass(frozen=True)
class Actor:
    """`name` is shown as the author of what they save (pages let people type it); `account` is
    the signed-in identity (the e-mail address), None in local mode and on the command line. It
    survives `replace(actor, name=...)`, so the audit log always says who really acted."""

    name: str
    role: Role = "admin"
    origin: str = "command line"
    account: str | None = None

    @property
    def who(self) -> str:
        """For the audit log: the account, with the typed name when that differs."""
        if not self.account or self.account == self.name:
            return self.name
        return f"{self.name} <{self.account}>"

    def can(self, needed: Role) -> bool:
        return RANK[self.role] >= RANK[needed]

    def require(self, needed: Role, action: str) -> None:
        if not self.can(needed):
            raise PermissionDenied(f"{self.name} ({self.role}) may not {action}: it needs the {needed} role")

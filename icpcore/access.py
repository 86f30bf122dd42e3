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
    name: str
    role: Role = "admin"
    origin: str = "command line"

    def can(self, needed: Role) -> bool:
        return RANK[self.role] >= RANK[needed]

    def require(self, needed: Role, action: str) -> None:
        if not self.can(needed):
            raise PermissionDenied(f"{self.name} ({self.role}) may not {action}: it needs the {needed} role")

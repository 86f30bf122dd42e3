"""Widget keys of the ICP builder page ('builder-…'), defined once.

The draft editor's keys carry the ICP version and the candidate they edit, so picking another
candidate (or a new ICP version after accepting) starts the editor afresh.
"""

from __future__ import annotations

CANDIDATE = "builder-candidate"
THEME = "builder-theme"


def draft(icp_version: int, candidate: str, thing: str) -> str:
    """'builder-v3-c1-name'."""
    return f"builder-v{icp_version}-{candidate}-{thing}"


NAME = "name"
SEGMENT_ID = "id"
OWNER = "owner"
RULES = "rules"
THEMES = "themes"
DISQUALIFIERS = "disqualifiers"
REASON = "reason"
AUTHOR = "author"
ACCEPT = "accept"

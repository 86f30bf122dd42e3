"""Every widget key, defined once, as '<page>-<thing>'.

The ICP draft editor's keys also carry the draft generation: a new generation (after a save,
a reload or a structural change such as adding a segment) gives every editor widget a fresh
key, so the widgets start again from the new draft instead of replaying stale edits.
"""

from __future__ import annotations

# -- the ICP page: draft editor (see `icp_draft` / `icp_segment`) ---------------------------------------
NAME = "name"
SUCCESS_EVENT = "success-event"
SUCCESS_DAYS = "success-days"
QUALIFICATION_DAYS = "qualification-days"
SENSITIVE = "sensitive"
GLOBAL_DISQUALIFIERS = "disqualifiers"
ASSUMPTIONS = "assumptions"
ADD_SEGMENT = "add-segment"
SAVE_REASON = "save-reason"
SAVE_AUTHOR = "save-author"
SAVE = "save"
DISCARD = "discard"

SEGMENT_ID = "id"
SEGMENT_NAME = "name"
SEGMENT_STATUS = "status"
SEGMENT_OWNER = "owner"
SEGMENT_PROMISE = "promise"
SEGMENT_PROOF_METRIC = "proof-metric"
SEGMENT_PROOF_TESTIMONIAL = "proof-testimonial"
SEGMENT_RULES = "rules"
SEGMENT_DISQUALIFIERS = "disqualifiers"
SEGMENT_OBJECTIONS = "objections"
SEGMENT_MOVE_UP = "move-up"
SEGMENT_MOVE_DOWN = "move-down"
SEGMENT_RETIRE = "retire"
SEGMENT_REACTIVATE = "reactivate"
SEGMENT_DELETE = "delete"


def icp_draft(generation: int, thing: str) -> str:
    return f"icp-draft{generation}-{thing}"


def icp_segment(generation: int, index: int, thing: str) -> str:
    return f"icp-draft{generation}-segment{index}-{thing}"


# -- the ICP page: everything else --------------------------------------------------------------
ICP_TABS = "icp-tabs"
ICP_CONFLICT_REAPPLY = "icp-conflict-reapply"
ICP_CONFLICT_DISCARD = "icp-conflict-discard"
ICP_CONFLICT_DOWNLOAD = "icp-conflict-download"


def icp_history(latest: int, thing: str) -> str:
    """History pickers restart at their defaults (latest vs previous) when a new version lands."""
    return f"icp-history-v{latest}-{thing}"


HISTORY_FROM = "from"
HISTORY_TO = "to"
HISTORY_PICK = "pick"
ICP_RESTORE = "icp-restore"
ICP_DOWNLOAD = "icp-download"

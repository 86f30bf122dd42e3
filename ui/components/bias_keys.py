"""Widget keys of the bias check page ('bias-…'), defined once.

The action widgets carry the ICP version they act on, so after a save they start afresh.
"""

from __future__ import annotations

AS_OF = "bias-as-of"
INTERSECTIONS = "bias-intersections"
CELL = "bias-cell"


def action(version: int, cell: str, thing: str) -> str:
    """The action widgets of one cell on one ICP version: 'bias-v3-/bootstrapped/owner_gender-pause'."""
    return f"bias-v{version}-{cell}-{thing}"


AUTHOR = "author"
REASON = "reason"
PAUSE = "pause"
RESUME = "resume"
BUSINESS_REASON = "business-reason"
RECORD = "record"
FORM = "form"

"""Widget keys of the review board ('review-…') and the meeting ('meeting-…'), defined once.

Keys of editors that start from an ICP version carry that version, so after a save they start
again from the new one.
"""

from __future__ import annotations

# -- the board -------------------------------------------------------------------------------------
AS_OF = "review-as-of"
SAVE_REASON = "review-assumptions-reason"
SAVE_AUTHOR = "review-assumptions-author"
SAVE = "review-assumptions-save"
LOAD_LATEST = "review-assumptions-load-latest"
DEAL_FORM = "review-deal-form"
DEAL_OPPORTUNITY = "review-deal-opportunity"
DEAL_TARGET = "review-deal-target"
DEAL_FIELD = "review-deal-field"
DEAL_NOTE = "review-deal-note"
DEAL_SUBMIT = "review-deal-submit"


def assumptions_editor(version: int) -> str:
    return f"review-assumptions-v{version}"


# -- the meeting ---------------------------------------------------------------------------------------
START_FORM = "meeting-start-form"
START_DATE = "meeting-start-date"
START_ATTENDEES = "meeting-start-attendees"
START_AS_OF = "meeting-start-as-of"
START = "meeting-start"
PREVIOUS = "meeting-previous"
NEXT = "meeting-next"
FINISH = "meeting-finish"
PAST_PICK = "meeting-past-pick"
MINUTES_DOWNLOAD = "meeting-minutes-download"
CLOSE_PAST = "meeting-close-past"


def decision(review_id: int, assumption_id: str, thing: str) -> str:
    """The decision widgets of one assumption in one review: 'meeting-r3-mm_cac-note'."""
    return f"meeting-r{review_id}-{assumption_id}-{thing}"

"""The ICP changes a review decision makes: an assumption revised in place (with its segment's
fields where relevant) or retired. Pure functions from one document dict to the next."""

from __future__ import annotations

import copy
from typing import Any

from icpcore.errors import InvalidInput

# What "revise" may touch: the assumption's own fields, and these fields of its segment.
ASSUMPTION_FIELDS = ("segment", "metric", "op", "value", "months", "sources", "note")
SEGMENT_FIELDS = ("name", "status", "rules", "disqualifiers", "promise", "owner")


def _assumption_index(document: dict[str, Any], assumption_id: str) -> int:
    for index, item in enumerate(document.get("assumptions") or []):
        if item.get("id") == assumption_id:
            return index
    raise InvalidInput(f"assumption '{assumption_id}' is not in the current ICP (retired already?)")


def revised_document(
    document: dict[str, Any],
    assumption_id: str,
    assumption: dict[str, Any] | None = None,
    segment: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of `document` with the assumption's fields (and its segment's) replaced by the
    given ones; keys outside the editable fields are ignored, every other key kept."""
    doc = copy.deepcopy(document)
    item = doc["assumptions"][_assumption_index(doc, assumption_id)]
    item.update({k: v for k, v in (assumption or {}).items() if k in ASSUMPTION_FIELDS})
    if segment:
        target = next((s for s in doc.get("segments") or [] if s.get("id") == item.get("segment")), None)
        if target is None:
            raise InvalidInput(f"assumption '{assumption_id}' is about '{item.get('segment')}', which has no fields")
        target.update({k: v for k, v in segment.items() if k in SEGMENT_FIELDS})
    return doc


def retired_document(document: dict[str, Any], assumption_id: str) -> dict[str, Any]:
    """A copy of `document` without the assumption."""
    doc = copy.deepcopy(document)
    del doc["assumptions"][_assumption_index(doc, assumption_id)]
    return doc

"""Widget keys of the Evidence page, defined once, as 'evidence-<thing>'."""

from __future__ import annotations

KIND = "evidence-kind"
RECIPE = "evidence-recipe"
SOURCE = "evidence-source"
REPLACE = "evidence-replace"
IMPORT = "evidence-import"
CLEAR_DEMO = "evidence-clear-demo"
NOTES_SOURCE = "evidence-notes-source"
NOTES_SEARCH = "evidence-notes-search"
NOTES_PAGE = "evidence-notes-page"


def upload(evidence_version: int) -> str:
    """Keyed on the evidence version: after an import the uploader starts empty."""
    return f"evidence-upload-{evidence_version}"


def map_column(kind: str, column: str, header_id: str) -> str:
    """One per contract column, per file header: a new file starts from fresh suggestions."""
    return f"evidence-map-{kind}-{column}-{header_id}"

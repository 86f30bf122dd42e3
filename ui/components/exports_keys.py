"""Widget keys of the Exports page, defined once, as 'exports-<thing>'."""

from __future__ import annotations

SEGMENT = "exports-segment"
ARTEFACT = "exports-artefact"
FORMAT_TABS = "exports-format-tabs"


def download(what: str, fmt: str) -> str:
    return f"exports-download-{what}-{fmt}"

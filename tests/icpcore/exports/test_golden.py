"""Golden files: every artefact and format on the default ICP over the fixed bundle.

Regenerate after an intended change with
`FITBOARD_UPDATE_GOLDEN=1 python -m pytest tests/icpcore/exports/test_golden.py`, then read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from icpcore.exports import FORMATS, render_export

GOLDEN = Path(__file__).with_name("golden")
UPDATE = os.environ.get("FITBOARD_UPDATE_GOLDEN", "").strip().lower() in ("1", "true", "yes")
CASES = [(what, f.key, None) for what, formats in FORMATS.items() for f in formats]
CASES += [("nudges", "markdown", "smb_agencies"), ("ads", "csv", "fintech_scaleups")]


@pytest.mark.parametrize(("what", "fmt", "segment"), CASES)
def test_artefact_matches_its_golden_file(bundle_store, what, fmt, segment) -> None:
    artefact = render_export(bundle_store, what, segment=segment, fmt=fmt)
    path = GOLDEN / artefact.file_name
    if UPDATE:
        path.write_bytes(artefact.text.encode("utf-8"))
    assert path.exists(), f"no golden file {path.name}: run with FITBOARD_UPDATE_GOLDEN=1"
    assert artefact.text == path.read_bytes().decode("utf-8"), f"{path.name} changed"


def test_every_golden_file_is_still_produced() -> None:
    """A renamed artefact must not leave a stale golden file behind."""
    names = {p.name for p in GOLDEN.iterdir() if not p.name.startswith(".")}
    assert len(names) == len(CASES)

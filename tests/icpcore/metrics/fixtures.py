"""Tiny hand-written evidence bundles for the metric tests."""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from icpcore import history
from icpcore.evidence.bundle import load_frames
from icpcore.store import Store
from tests.conftest import ADMIN

BASE_DOC: dict[str, Any] = {
    "name": "test ICP",
    "success": {"event": "paid", "window_days": 90},
    "qualification_window_days": 30,
    "disqualifiers": [],
    "segments": [
        {"id": "saas", "name": "SaaS", "rules": [{"field": "industry", "op": "eq", "value": "Software"}]},
        {"id": "fin", "name": "Fintech", "rules": [{"field": "industry", "op": "eq", "value": "Fintech"}]},
    ],
}


def frame(text: str) -> pd.DataFrame:
    """A CSV snippet as a frame of text (indentation and blank lines ignored)."""
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return pd.read_csv(io.StringIO("\n".join(lines)), dtype=str, keep_default_na=False)


def save_doc(store: Store, doc: dict[str, Any] | None = None) -> int:
    latest = history.current(store)
    version = history.save(
        store,
        doc or BASE_DOC,
        base=latest.number if latest else None,
        actor=ADMIN,
        reason="test",
        check_fields=False,
    )
    return version.number


def load(store: Store, **kinds: str) -> None:
    """Replace the evidence with the given CSV snippets (accounts first)."""
    frames = {kind: frame(text) for kind, text in kinds.items()}
    load_frames(store, frames, source_tag="t", actor=ADMIN, mode="replace_all")


ACCOUNTS = """
account_id,industry,employees,region
a1,Software,100,EU
a2,Software,100,EU
a3,Fintech,200,US
a4,Retail,10,US
"""

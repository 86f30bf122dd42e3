"""Bringing a database up: schema, default ICP."""

from __future__ import annotations

import json
from pathlib import Path

from icpcore import history
from icpcore.access import Actor
from icpcore.store import Store

DEFAULT_ICP = Path(__file__).with_name("default_icp.json")


def default_document() -> dict:
    return json.loads(DEFAULT_ICP.read_text(encoding="utf-8"))


def open_store(url: str | None = None) -> Store:
    """The store with its schema migrated to the latest revision."""
    return Store.open(url, migrate=True)


def seed_default_icp(store: Store, *, actor: Actor) -> history.Version | None:
    """Save the default ICP when there is none; returns the new version, or None if one existed."""
    if history.current(store) is not None:
        return None
    try:
        return history.save(
            store,
            default_document(),
            base=None,
            actor=actor,
            reason="Default ICP seeded on first start",
            check_fields=False,
        )
    except history.SaveConflict:
        return None  # another process seeded it first

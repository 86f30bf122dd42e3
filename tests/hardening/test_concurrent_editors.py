"""Fifty editors saving at once on PostgreSQL: optimistic saves with retry lose no update."""

from __future__ import annotations

import threading

import pytest

from icpcore import history
from icpcore.access import Actor
from icpcore.setup import seed_default_icp
from tests.conftest import ADMIN

EDITORS = 50


def _edit_until_saved(store, index: int, barrier: threading.Barrier, conflicts: list[int]) -> None:
    actor = Actor(f"editor {index}", "editor", "tests")
    barrier.wait()
    while True:
        latest = history.current(store)
        assert latest is not None
        doc = latest.document.to_dict()
        doc["segments"][0]["pains"].append(f"pain from editor {index}")
        try:
            history.save(store, doc, base=latest.number, actor=actor, reason=f"editor {index}")
            return
        except history.SaveConflict:
            conflicts.append(index)  # someone saved first: re-read and re-apply the edit


@pytest.mark.postgres
def test_fifty_concurrent_editors_lose_no_update(pg_store) -> None:
    seed_default_icp(pg_store, actor=ADMIN)
    barrier = threading.Barrier(EDITORS)
    conflicts: list[int] = []
    threads = [
        threading.Thread(target=_edit_until_saved, args=(pg_store, i, barrier, conflicts)) for i in range(EDITORS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not any(t.is_alive() for t in threads)
    versions = history.list_versions(pg_store)
    assert [v.number for v in versions] == list(range(EDITORS + 1, 0, -1))  # no gaps, nothing overwritten
    pains = versions[0].document.segments[0].pains
    assert sorted(p for p in pains if p.startswith("pain from editor")) == sorted(
        f"pain from editor {i}" for i in range(EDITORS)
    )
    assert conflicts, "with fifty writers at once some saves must have met a conflict"
    print(f"\n{EDITORS} editors, {len(conflicts)} conflicts retried, {len(versions)} versions")

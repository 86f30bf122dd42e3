"""Versioned saves: immutable history, restore as a new version, optimistic conflicts."""

from __future__ import annotations

import threading

import pytest

from icpcore import history
from icpcore.access import PermissionDenied
from icpcore.icp import IcpValidationError
from icpcore.setup import default_document, seed_default_icp
from tests.conftest import ADMIN, EDITOR, VIEWER


def test_seed_then_every_save_is_a_new_version(store):
    first = seed_default_icp(store, actor=ADMIN)
    assert first is not None and first.number == 1
    assert seed_default_icp(store, actor=ADMIN) is None  # seeding twice keeps one version
    doc = first.document.to_dict()
    doc["segments"][0]["pains"].append("Board asks for CAC by segment")
    second = history.save(store, doc, base=1, actor=EDITOR, reason="add a pain")
    assert second.number == 2 and second.author == "test editor" and second.based_on == 1
    versions = history.list_versions(store)
    assert [v.number for v in versions] == [2, 1]
    assert versions[1].document == first.document  # the old version is untouched


def test_restore_makes_a_new_version(store):
    seed_default_icp(store, actor=ADMIN)
    doc = default_document()
    doc["name"] = "Renamed"
    history.save(store, doc, base=1, actor=EDITOR, reason="rename")
    restored = history.restore(store, 1, base=2, actor=EDITOR)
    assert restored.number == 3 and restored.restored_from == 1
    assert restored.document.name == history.get_version(store, 1).document.name
    assert len(history.list_versions(store)) == 3


def test_stale_base_is_refused_with_their_changes(store):
    seed_default_icp(store, actor=ADMIN)
    theirs = default_document()
    theirs["segments"][0]["promise"] = "Their promise"
    history.save(store, theirs, base=1, actor=EDITOR, reason="their edit")
    mine = default_document()
    mine["name"] = "My name"
    with pytest.raises(history.SaveConflict) as caught:
        history.save(store, mine, base=1, actor=ADMIN, reason="my edit")
    assert caught.value.latest.number == 2
    assert any("promise changed" in change for change in caught.value.their_changes)
    assert "Their promise" in str(caught.value)
    assert [v.number for v in history.list_versions(store)] == [2, 1]


def test_two_concurrent_writers_one_wins_none_lost(store):
    seed_default_icp(store, actor=ADMIN)
    outcomes: list[str] = []
    barrier = threading.Barrier(2)

    def write(name: str) -> None:
        doc = default_document()
        doc["name"] = name
        barrier.wait()
        try:
            history.save(store, doc, base=1, actor=EDITOR, reason=name)
            outcomes.append("saved")
        except history.SaveConflict:
            outcomes.append("conflict")

    threads = [threading.Thread(target=write, args=(n,)) for n in ("alpha", "beta")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict", "saved"]
    versions = history.list_versions(store)
    assert [v.number for v in versions] == [2, 1]
    assert versions[0].document.name in ("alpha", "beta")


def test_invalid_document_writes_nothing(store):
    seed_default_icp(store, actor=ADMIN)
    doc = default_document()
    doc["segments"][0]["rules"].append({"field": "owner_gender", "op": "eq", "value": "female"})
    with pytest.raises(IcpValidationError, match=r"segments\[0\]\.rules\[2\]\.field"):
        history.save(store, doc, base=1, actor=EDITOR, reason="bad")
    assert len(history.list_versions(store)) == 1


def test_reason_required_and_viewer_refused(store):
    seed_default_icp(store, actor=ADMIN)
    with pytest.raises(ValueError, match="reason"):
        history.save(store, default_document(), base=1, actor=EDITOR, reason="  ")
    with pytest.raises(PermissionDenied):
        history.save(store, default_document(), base=1, actor=VIEWER, reason="nope")
    assert len(history.list_versions(store)) == 1


def test_require_version_names_what_is_missing(store):
    from icpcore.errors import InvalidInput

    with pytest.raises(InvalidInput, match="there is no ICP yet"):
        history.require_version(store)
    seed_default_icp(store, actor=ADMIN)
    assert history.require_version(store).number == 1
    assert history.require_version(store, 1).number == 1
    with pytest.raises(InvalidInput, match="there is no ICP version 7"):
        history.require_version(store, 7)

"""What the bias check lets a team do about a finding, each saved as a new ICP version with author
and reason: pause a disqualifier (it then disqualifies nobody, so the segment assignment and every
indicator change), resume it, or record the verified business reason for it.

The edit is made on the version the person was looking at (`base`); if someone saved since,
`history.SaveConflict` says what they changed and nothing is written.
"""

from __future__ import annotations

from typing import Any

from icpcore import history
from icpcore.access import Actor
from icpcore.errors import InvalidInput
from icpcore.store.uow import Store


def _disqualifier(raw: dict[str, Any], dq_id: str, segment_id: str | None) -> dict[str, Any]:
    """The disqualifier's dict inside the raw document: global, or the segment's own."""
    if segment_id is None:
        found, where = raw.get("disqualifiers", []), "the global disqualifiers"
    else:
        segment = next((s for s in raw.get("segments", []) if s["id"] == segment_id), None)
        if segment is None:
            raise InvalidInput(f"there is no segment '{segment_id}'")
        found, where = segment.get("disqualifiers", []), f"segment '{segment_id}'"
    match = next((d for d in found if d["id"] == dq_id), None)
    if match is None:
        raise InvalidInput(f"there is no disqualifier '{dq_id}' in {where}")
    return match


def _edit(
    store: Store, dq_id: str, segment_id: str | None, changes: dict[str, Any], *, base: int, actor: Actor, reason: str
) -> history.Version:
    actor.require("editor", "change the ICP")
    version = history.get_version(store, base)
    if version is None:
        raise InvalidInput(f"there is no ICP version {base}")
    raw = version.document.to_dict()
    _disqualifier(raw, dq_id, segment_id).update(changes)
    # Only a status or a note changes: the rules were valid when saved, so their fields are not rechecked.
    return history.save(store, raw, base=base, actor=actor, reason=reason, check_fields=False)


def pause_disqualifier(
    store: Store, dq_id: str, segment_id: str | None = None, *, base: int, actor: Actor, reason: str
) -> history.Version:
    """Pause: the disqualifier disqualifies nobody until resumed; the bias check still covers it."""
    return _edit(store, dq_id, segment_id, {"status": "paused"}, base=base, actor=actor, reason=reason)


def resume_disqualifier(
    store: Store, dq_id: str, segment_id: str | None = None, *, base: int, actor: Actor, reason: str
) -> history.Version:
    return _edit(store, dq_id, segment_id, {"status": "active"}, base=base, actor=actor, reason=reason)


def record_business_reason(
    store: Store,
    dq_id: str,
    segment_id: str | None = None,
    *,
    verified_reason: str,
    base: int,
    actor: Actor,
    reason: str = "",
) -> history.Version:
    """Keep the verified business reason with the disqualifier (`verified_reason`)."""
    text = verified_reason.strip()
    if not text:
        raise InvalidInput("the verified business reason is empty")
    reason = reason.strip() or f"Recorded the business reason for disqualifier '{dq_id}'"
    return _edit(store, dq_id, segment_id, {"verified_reason": text}, base=base, actor=actor, reason=reason)

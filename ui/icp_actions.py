"""What the ICP page does: keep the draft in step, check it, save it, restore versions.

Every write goes through `icpcore.history` (validation, optimistic saves, the audit log);
this module turns the outcomes into draft state and flash messages.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from icpcore import history
from icpcore.access import Actor, PermissionDenied
from icpcore.icp import IcpDocument, IcpValidationError, parse_icp
from icpcore.icp_diff import describe_changes
from icpcore.icp_merge import merge
from icpcore.proxies import proxy_warnings
from icpcore.store import Store
from ui import cache, keys, state
from ui.state import Draft


@dataclass(frozen=True)
class Conflict:
    """A refused save, kept until the person decides what to do with their draft."""

    base: int | None
    latest: int
    author: str
    reason: str
    saved_at: datetime
    their_changes: tuple[str, ...]


@dataclass(frozen=True)
class Check:
    document: IcpDocument | None  # the draft, parsed; None while it has problems
    problems: list[str]


def current_draft(latest: history.Version) -> Draft:
    """The draft to show: kept across reruns and page visits, refreshed when it is clean and stale."""
    draft = state.draft()
    if draft is None:
        return state.start_draft(latest.document.to_dict(), latest.number)
    if not state.has_widget(keys.icp_draft(draft.generation, keys.NAME)) and draft.working != draft.baseline:
        # Streamlit dropped the editor widgets while another page was open: restart them from the edit.
        draft = state.start_draft(draft.working, draft.base)
    if draft.base != latest.number and state.conflict() is None and not is_dirty(draft.working, draft.base):
        draft = state.start_draft(latest.document.to_dict(), latest.number)
    return draft


def check(document: dict[str, Any]) -> Check:
    """Validate the draft the way a save will (rules must name known account columns)."""
    store = cache.get_store()
    known = cache.known_account_fields(cache.database_url(), store.evidence_version())
    try:
        return Check(parse_icp(document, known_fields=set(known) if known is not None else None), [])
    except IcpValidationError as exc:
        return Check(None, exc.problems)


def base_document(base: int | None) -> IcpDocument | None:
    raw = cache.version_document(cache.database_url(), base) if base is not None else None
    return IcpDocument.model_validate(raw) if raw else None


def is_dirty(document: dict[str, Any], base: int | None) -> bool:
    before = base_document(base)
    try:
        return before is None or parse_icp(document).to_dict() != before.to_dict()
    except IcpValidationError:
        return True


def unsaved_changes(parsed: IcpDocument | None, base: int | None) -> list[str]:
    before = base_document(base)
    if parsed is None or before is None or parsed.to_dict() == before.to_dict():
        return []
    return describe_changes(before, parsed)


# -- structural edits ---------------------------------------------------------------------------------
def _new_segment(segments: list[dict[str, Any]]) -> dict[str, Any]:
    taken = {s.get("id") for s in segments}
    number = next(n for n in range(1, len(segments) + 2) if f"new_segment_{n}" not in taken)
    return {"id": f"new_segment_{number}", "name": f"New segment {number}", "status": "hypothesis", "rules": []}


def apply_request(document: dict[str, Any], request: tuple[str, int]) -> dict[str, Any]:
    """The document after one add / move / retire / reactivate / delete of a segment."""
    doc = copy.deepcopy(document)
    segments: list[dict[str, Any]] = doc.setdefault("segments", [])
    action, i = request
    if action == "add":
        segments.append(_new_segment(segments))
    elif action in ("up", "down"):
        j = i - 1 if action == "up" else i + 1
        if 0 <= j < len(segments):
            segments[i], segments[j] = segments[j], segments[i]
    elif action == "retire":
        segments[i]["status"] = "retired"
    elif action == "reactivate":
        segments[i]["status"] = "hypothesis"
    elif action == "delete":
        del segments[i]
    return doc


def _focus_after(request: tuple[str, int], count: int) -> int | None:
    """Where the segment a request acted on ends up (None when it is gone)."""
    action, i = request
    moved = {"add": count - 1, "up": max(i - 1, 0), "down": min(i + 1, count - 1), "delete": None}
    return moved.get(action, i)


def restructure(draft: Draft, document: dict[str, Any], requests: list[tuple[str, int]]) -> None:
    for request in requests:
        document = apply_request(document, request)
    focus = _focus_after(requests[-1], len(document.get("segments", []))) if requests else None
    state.start_draft(document, draft.base, focus=focus)


# -- saving ---------------------------------------------------------------------------------------------
def save(draft: Draft, document: dict[str, Any], *, actor: Actor, author: str, reason: str) -> list[str]:
    """Save the draft as a new version. Returns problems (nothing saved) or [] after a save;
    a conflict is kept in the session state for the page to show."""
    author, reason = author.strip(), reason.strip()
    if not reason:
        return ["Write a reason: it is kept with the version so others know why the ICP changed."]
    if not author:
        return ["Write an author name."]
    try:
        version = history.save(
            cache.get_store(), document, base=draft.base, actor=replace(actor, name=author), reason=reason
        )
    except IcpValidationError as exc:
        return exc.problems
    except history.SaveConflict as exc:
        latest = exc.latest
        state.set_conflict(
            Conflict(exc.base, latest.number, latest.author, latest.reason, latest.created_at, tuple(exc.their_changes))
        )
        return []
    except (PermissionDenied, ValueError) as exc:
        return [str(exc)]
    cache.clear_after_write()
    state.set_conflict(None)
    state.remember_author(author)
    state.start_draft(version.document.to_dict(), version.number)
    state.flash(f"Saved version {version.number}: {reason}")
    for warning in proxy_warnings(cache.get_store(), version.document):
        state.flash(f"Possible proxy, review it: {warning}", "warning")
    return []


def reapply(draft: Draft, document: dict[str, Any], latest: history.Version) -> None:
    """Start again from the latest version with the changes of this draft replayed on top."""
    before = base_document(draft.base)
    base_dict = before.to_dict() if before else {}
    result = merge(base_dict, document, latest.document.to_dict())
    state.set_conflict(None)
    state.start_draft(result.document, latest.number)
    message = f"Your edit is now on top of version {latest.number}. Review it and save again."
    if result.overlaps:
        message += " You and they both changed: " + "; ".join(result.overlaps) + " (your version was kept)."
    state.flash(message, "info")


def discard(latest: history.Version) -> None:
    state.set_conflict(None)
    state.start_draft(latest.document.to_dict(), latest.number)
    state.flash(f"Your edits were discarded; showing version {latest.number}.", "info")


def restore(store: Store, number: int, *, latest: history.Version, actor: Actor) -> str | None:
    """Restore `number` as a new version; returns an error message, or None on success."""
    try:
        version = history.restore(store, number, base=latest.number, actor=actor)
    except history.SaveConflict as exc:
        return f"Not restored: version {exc.latest.number} was saved meanwhile by {exc.latest.author}. Try again."
    except (PermissionDenied, ValueError) as exc:
        return str(exc)
    cache.clear_after_write()
    state.start_draft(version.document.to_dict(), version.number)
    state.flash(f"Restored version {number} as the new version {version.number}.")
    return None

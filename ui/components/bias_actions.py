"""What a person can do about a cell, each saved as a new ICP version with reason and author:
pause or resume the disqualifier, or record its verified business reason. Every write goes
through `icpcore.bias.actions` (roles, validation, audit); this module turns outcomes into a
flash message or a problem to show."""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from icpcore import history
from icpcore.access import Actor, PermissionDenied
from icpcore.bias import actions
from icpcore.bias.summary import Cell
from icpcore.errors import InvalidInput
from icpcore.icp import Disqualifier
from ui import auth, cache, state
from ui.components import bias_keys as keys
from ui.components.text import md


@dataclass(frozen=True)
class Request:
    action: str  # pause | resume | record
    author: str
    reason: str
    business_reason: str = ""


def form(cell: Cell, dq: Disqualifier, version: int, default_author: str) -> Request | None:
    """The action form; the submitted request, or None."""

    def key(thing: str) -> str:
        return keys.action(version, cell.key, thing)

    with st.form(key(keys.FORM)):
        st.markdown("**Act on this disqualifier** (each change is saved as a new ICP version)")
        left, right = st.columns(2)
        author = left.text_input("Your name", value=default_author, key=key(keys.AUTHOR))
        reason = right.text_input("Why (kept with the version)", key=key(keys.REASON))
        business = st.text_area(
            "Verified business reason", value=dq.verified_reason, key=key(keys.BUSINESS_REASON), height=80
        )
        buttons = st.columns(2)
        pause = dq.status == "active"
        toggle = buttons[0].form_submit_button(
            "Pause this disqualifier" if pause else "Resume this disqualifier",
            key=key(keys.PAUSE if pause else keys.RESUME),
            icon=":material/pause:" if pause else ":material/play_arrow:",
        )
        action = "pause" if pause else "resume"
        record = buttons[1].form_submit_button(
            "Record the business reason", key=key(keys.RECORD), icon=":material/verified:"
        )
    if toggle:
        return Request(action, author, reason)
    if record:
        return Request("record", author, reason, business)
    return None


def apply(request: Request, cell: Cell, *, base: int, actor: Actor) -> str | None:
    """Carry out the request; None on success (a flash waits for the rerun), else the problem."""
    author = request.author.strip()
    if not author:
        return "Write your name: it is kept with the version."
    if request.action != "record" and not request.reason.strip():
        return "Write why: the reason is kept with the version so others know why the ICP changed."
    who = replace(actor, name=author)
    store = cache.get_store()
    try:
        if request.action == "record":
            version = actions.record_business_reason(
                store, cell.disqualifier, cell.segment, verified_reason=request.business_reason,
                base=base, actor=who, reason=request.reason,
            )  # fmt: skip
        else:
            change = actions.pause_disqualifier if request.action == "pause" else actions.resume_disqualifier
            version = change(store, cell.disqualifier, cell.segment, base=base, actor=who, reason=request.reason)
    except history.SaveConflict as exc:
        return (
            f"Not saved: {exc.latest.author} saved version {exc.latest.number} after the version {base} this page "
            "showed. Look at the check again on the latest version, then act."
        )
    except (InvalidInput, PermissionDenied, ValueError) as exc:
        return f"Not saved: {exc}"
    state.remember_author(author)
    cache.clear_after_write()
    done = {"pause": "Paused", "resume": "Resumed", "record": "Recorded the business reason of"}[request.action]
    state.flash(f"{done} “{cell.first['disqualifier_name']}”: saved as ICP version {version.number}.")
    return None


def render(cell: Cell, dq: Disqualifier | None, *, base: int, actor: Actor) -> None:
    if dq is None or auth.lacks(actor, "editor", "pause, resume or explain a disqualifier"):
        return
    request = form(cell, dq, base, state.author(actor.name))
    if request is None:
        return
    problem = apply(request, cell, base=base, actor=actor)
    if problem is None:
        st.rerun()
    st.error(md(problem), icon=":material/block:")

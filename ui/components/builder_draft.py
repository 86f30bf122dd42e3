"""The draft segment: pick a candidate, edit the draft, accept it into the ICP as a hypothesis."""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import streamlit as st

from icpcore import history
from icpcore.access import Actor, PermissionDenied
from icpcore.builder import accept_draft, apply_roles
from icpcore.icp import IcpValidationError
from ui import auth, cache, state
from ui.components import builder_keys as keys
from ui.components.builder_sections import ICP_PAGE
from ui.components.builder_tables import ROLE_OPTIONS, mix_from_roles, roles_frame
from ui.components.icp_editor import disqualifiers_editor, rules_editor
from ui.components.text import md

_ROLE_COLUMNS = {
    "id": st.column_config.TextColumn("Theme", width="small", disabled=True),
    "label": st.column_config.TextColumn("Label (as it will read in the ICP)", width="large"),
    "role": st.column_config.SelectboxColumn("Role", options=ROLE_OPTIONS, required=True, width="small"),
    "notes here": st.column_config.NumberColumn("Notes from these accounts", disabled=True),
    "share here": st.column_config.NumberColumn("Share here (%)", format="%.1f", disabled=True),
    "share overall": st.column_config.NumberColumn("Share overall (%)", format="%.1f", disabled=True),
    "sources": st.column_config.TextColumn("Note sources", disabled=True),
}


def pick_candidate(candidates: list[dict[str, Any]], default: str | None) -> str:
    options = [c["id"] for c in candidates]
    shown = {c["id"]: f"{c['id']}: {c['description']} (lift {c['lift']:.2f}×, n = {c['n']:,})" for c in candidates}
    index = options.index(default) if default in options else 0
    return st.selectbox("Draft from candidate", options, index=index, format_func=shown.__getitem__, key=keys.CANDIDATE)


def edit(draft: dict[str, Any], *, icp_version: int) -> dict[str, Any]:
    """The draft as edited in the widgets (roles rebuild pains, triggers, objections and sources)."""

    def key(thing: str) -> str:
        return keys.draft(icp_version, draft["candidate"], thing)

    segment = draft["segment"]
    top = st.columns([3, 2, 2])
    name = top[0].text_input("Name", value=segment["name"], key=key(keys.NAME))
    slug = top[1].text_input("Id (made unique when accepted)", value=segment["id"], key=key(keys.SEGMENT_ID))
    owner = top[2].text_input("Owner", value=segment.get("owner", ""), key=key(keys.OWNER))
    st.markdown("**Rules** (all must hold)")
    rules = rules_editor(segment["rules"], key(keys.RULES))
    st.markdown("**Themes** its accounts raise: “ignore” leaves one out; the others become pains, triggers, objections")
    roles = st.data_editor(
        roles_frame(draft["themes"]),
        key=key(keys.THEMES),
        hide_index=True,
        width="stretch",
        column_config=_ROLE_COLUMNS,
    )
    st.markdown("**Suggested disqualifiers** (traits with clearly lower success inside this segment)")
    disqualifiers = disqualifiers_editor(segment["disqualifiers"], key(keys.DISQUALIFIERS))
    edited = copy.deepcopy(draft)
    edited["themes"] = mix_from_roles(roles, draft["themes"])
    edited["segment"].update(name=name, id=slug, owner=owner, rules=rules, disqualifiers=disqualifiers)
    return apply_roles(edited)


def preview(draft: dict[str, Any]) -> None:
    segment, evidence = draft["segment"], draft["segment"].get("draft_evidence", {})
    objections = [o["objection"] for o in segment["objections"]]
    lines = [
        f"- **Evidence:** success {evidence.get('success_rate', 0):.1%} "
        f"({evidence.get('low', 0):.1%}–{evidence.get('high', 0):.1%}, n = {evidence.get('n', 0):,}), "
        f"lift {evidence.get('lift') or 0:.2f}× over the base rate",
        f"- **Pains:** {md('; '.join(segment['pains']) or '–')}",
        f"- **Triggers:** {md('; '.join(segment['triggers']) or '–')}",
        f"- **Objections:** {md('; '.join(objections) or '–')}",
        f"- **Evidence sources:** {md(', '.join(segment['sources']))} ({len(segment['sources'])} kinds)",
    ]
    st.markdown("\n".join(lines))
    if not draft.get("significant", True):
        st.warning("Review: this candidate could be chance; accept it only as a weak hypothesis.")


def accept(draft: dict[str, Any], *, base: int, actor: Actor) -> None:
    def key(thing: str) -> str:
        return keys.draft(base, draft["candidate"], thing)

    if auth.lacks(actor, "editor", "add a drafted segment to the ICP"):
        return
    with st.container(border=True):
        st.subheader("Add to the ICP as a hypothesis", anchor=False)
        cols = st.columns([5, 2])
        reason = cols[0].text_input(
            "Why add it? (required)", key=key(keys.REASON), placeholder="e.g. Builder: Shopify stores convert 2.8× base"
        )
        author = cols[1].text_input("Author", value=state.author(actor.name), key=key(keys.AUTHOR))
        clicked = st.button("Add as hypothesis", type="primary", icon=":material/science:", key=key(keys.ACCEPT))
    if clicked:
        _accept(draft, base=base, actor=replace(actor, name=(author or actor.name).strip()), reason=reason or "")


def _accept(draft: dict[str, Any], *, base: int, actor: Actor, reason: str) -> None:
    if not reason.strip():
        st.error("Nothing was saved: give a reason.", icon=":material/block:")
        return
    try:
        saved = accept_draft(cache.get_store(), draft, base=base, actor=actor, reason=reason)
    except IcpValidationError as exc:
        st.error("**Nothing was saved.**\n" + "\n".join(f"- {md(p)}" for p in exc.problems), icon=":material/block:")
        return
    except (history.SaveConflict, PermissionDenied) as exc:
        st.error(f"Nothing was saved: {md(exc)}", icon=":material/block:")
        return
    cache.clear_after_write()
    state.remember_author(actor.name)
    added = saved.document.segments[-1]
    st.success(
        f"Added “{md(added.name)}” ({added.id}) to the ICP as a hypothesis: version {saved.number}.",
        icon=":material/check_circle:",
    )
    st.page_link(ICP_PAGE, label="Open the ICP", icon=":material/target:")

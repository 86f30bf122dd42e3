"""Assumption review board: every assumption of the ICP held against the data, by verdict."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from icpcore import history
from icpcore.review import deals, due, past
from ui import auth, cache, state
from ui.components import review_actions, review_board, review_forms
from ui.components import review_keys as keys
from ui.components.text import md

PAGE = "Assumption review"

store = cache.get_store()
actor = auth.current_actor(PAGE)
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()

st.title("Assumption review", anchor=False)
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))
today = datetime.now(UTC).date()
review_board.due_banners(due.due_notices(store, today))

as_of_column, caption_column = st.columns([1, 4], vertical_alignment="bottom")
as_of = as_of_column.date_input("As of (empty: the latest evidence)", value=None, key=keys.AS_OF)
report = cache.review_report(
    cache.database_url(),
    latest.number,
    store.evidence_version(),
    past.marker(store),
    as_of.isoformat() if as_of else None,
)
previous = report.get("previous_review")
caption_column.caption(
    f"Data as of {report['as_of']} · ICP version {latest.number} · "
    + (f"compared with the review of {previous['held_on']}" if previous else "no finished review yet")
)
all_deals = deals.list_deals(store)
wanting = deals.segments_wanting_deals(latest.document, all_deals, today)
review_board.deal_prompt([s.name for s in latest.document.live_segments() if s.id in wanting])
deal_dicts = [d.to_dict() for d in all_deals]
review_board.board(report["assumptions"], deal_dicts)

edit_tab, deals_tab = st.tabs(["Add or edit assumptions", "Contradicting deals"])
with edit_tab:
    if not auth.lacks(actor, "editor", "add or edit assumptions"):
        base = history.get_version(store, review_forms.editor_base(latest.number)) or latest
        edit = review_forms.assumptions_editor(base.document, base.number, state.author(actor.name))
        if base.number != latest.number and not edit.dirty:
            review_forms.pin_base(latest.number)  # nothing typed yet: simply move on to the latest
            st.rerun()
        if base.number != latest.number:
            review_forms.stale_base_notice(base.number, latest)
        if edit.save:
            outcome = review_actions.save_assumptions(
                base, edit.assumptions, actor=actor, author=edit.author, reason=edit.reason
            )
            if outcome.ok:
                review_forms.pin_base(outcome.version or latest.number)
                st.rerun()
            st.error(md(outcome.message) + "".join(f"\n- {md(p)}" for p in outcome.problems), icon=":material/block:")

with deals_tab:
    if not auth.lacks(actor, "editor", "record a contradicting deal"):
        statements = {r["id"]: r["statement"] for r in report["assumptions"]}
        fields = cache.known_account_fields(cache.database_url(), store.evidence_version()) or []
        form = review_forms.deal_form(latest.document, statements, fields)
        if form.submitted:
            outcome = review_actions.submit_deal(
                opportunity_id=form.opportunity_id, target=form.target, field=form.field, note=form.note, actor=actor
            )
            if outcome.ok:
                st.rerun()
            st.error(md(outcome.message), icon=":material/block:")
    review_forms.deal_counts(deal_dicts, latest.document, today.strftime("%Y-%m"))
    review_forms.deals_table(deal_dicts, latest.document)

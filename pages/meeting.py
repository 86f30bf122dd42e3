"""Review meeting: start a review (numbers frozen), decide on each assumption on a shared
screen, finish with minutes; past reviews read back exactly as their meeting saw them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import streamlit as st

from icpcore import history
from icpcore.review import deals, due, past
from ui import auth, cache, state
from ui.components import review_actions, review_board, review_meeting, review_past, review_revise
from ui.components.text import md

PAGE = "Review meeting"

store = cache.get_store()
actor = auth.current_actor(PAGE)
actor = replace(actor, name=state.author(actor.name))
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))

running = past.open_review(store)
if running is None:
    st.title("Review meeting", anchor=False)
    today = datetime.now(UTC).date()
    review_board.due_banners(due.due_notices(store, today))
    if not auth.lacks(actor, "editor", "start a review"):
        form = review_meeting.start_form(today)
        if form.submitted:
            outcome = review_actions.start_review(
                held_on=form.held_on, attendees=form.attendees, as_of=form.as_of, actor=actor
            )
            if outcome.ok:
                review_meeting.go_to(0)
                st.rerun()
            st.error(md(outcome.message), icon=":material/block:")
    reviews = past.list_reviews(store)
    st.header("Past reviews", anchor=False)
    if not reviews:
        st.caption("No review held yet.")
    else:
        all_deals = deals.list_deals(store)
        review_past.past_table(reviews, all_deals)
        chosen = review_past.pick(reviews)
        if chosen is not None:
            review_past.past_view(chosen)
    st.stop()

review_meeting.shared_screen_style()
count = len(running.assumptions)
index = review_meeting.position(count)
review_meeting.progress(running, index)
finish = review_meeting.navigation(index, count, count - len(running.decided()), can_finish=actor.can("editor"))
if finish:
    outcome = review_actions.finish_review(running.id, actor=actor)
    if outcome.ok:
        st.query_params.clear()
        st.rerun()
    st.error(md(outcome.message), icon=":material/block:")
if count == 0:
    st.title("This review has no assumptions on its agenda", anchor=False)
    st.stop()
row = running.assumptions[index]
with review_meeting.assumption_view(running, index), st.container(border=True):
    review_meeting.decided_banner(running, row["id"])
    if auth.lacks(actor, "editor", "decide in a review"):
        st.stop()  # viewers follow the meeting; the decision controls are for editors
    choice = review_meeting.decision_choice(running, row["id"])
    revision = None
    if choice == "revise":
        revision = review_revise.revise_editor(running.id, row["id"], latest.document, latest.number)
    elif choice == "retire":
        st.info("Retiring removes the assumption from the ICP, saved as a new version.", icon=":material/archive:")
    decision = review_meeting.decision_note(running, row["id"], choice)
    if decision.record and choice is not None:
        outcome = review_actions.decide(
            running.id, row["id"], choice, note=decision.note, actor=actor, latest=latest, revision=revision
        )
        if outcome.ok:
            review_meeting.go_to(min(index + 1, count - 1))
            st.rerun()
        st.error(md(outcome.message) + "".join(f"\n- {md(p)}" for p in outcome.problems), icon=":material/block:")

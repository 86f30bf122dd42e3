"""Bias check: every disqualifier screened against the sensitive attributes, worst first."""

from __future__ import annotations

import streamlit as st

from icpcore import history
from icpcore.bias.summary import attributes_of, matrix_rows
from icpcore.bias.wording import SCREEN_NOT_A_LEGAL_TEST
from ui import auth, cache, state
from ui.components import bias_actions, bias_detail, bias_matrix
from ui.components import bias_keys as keys
from ui.components.text import bullet_list, md

PAGE = "Bias check"

store = cache.get_store()
url = cache.database_url()
actor = auth.current_actor(PAGE)
latest = history.current(store)
if latest is None:
    st.error("There is no ICP yet. Run `python -m icpcore init` or restart the dashboard.")
    st.stop()
doc = latest.document
evidence_version = store.evidence_version()

st.title("Bias check", anchor=False)
for kind, text in state.pop_flashes():
    getattr(st, kind)(md(text))
st.info(SCREEN_NOT_A_LEGAL_TEST, icon=":material/balance:")

left, right = st.columns([1, 2], vertical_alignment="bottom")
as_of = left.date_input("As of (empty: the latest evidence)", value=None, key=keys.AS_OF)
crossed = right.toggle("Also cross two attributes (e.g. gender × age band)", key=keys.INTERSECTIONS)
report = cache.bias_report(url, latest.number, evidence_version, as_of.isoformat() if as_of else None, crossed)
st.caption(
    f"Data as of {report['as_of']} · ICP version {latest.number} · "
    f"sensitive attributes: {', '.join(doc.sensitive_attributes) or 'none declared'}"
)
if not report["findings"]:
    st.warning(
        "Nothing to screen: the ICP needs disqualifiers and sensitive attributes, and the accounts need "
        "values for those attributes.",
        icon=":material/info:",
    )
    st.stop()

segment_names = {s.id: s.name for s in doc.segments}
rows = matrix_rows(report["findings"])
st.header("Disqualifiers × sensitive attributes", anchor=False)
bias_matrix.render(rows, attributes_of(report["findings"]), segment_names)

with st.expander("Rule fields that travel with a sensitive attribute (possible proxies)"):
    bullet_list(cache.proxy_warnings(url, latest.number, evidence_version), empty="None at Cramer's V 0.3 or more.")

st.header("One cell in detail", anchor=False)
cell = bias_matrix.pick(rows, segment_names)
bias_detail.render(cell, doc)
bias_actions.render(
    cell, bias_detail.find_disqualifier(doc, cell.segment, cell.disqualifier), base=latest.number, actor=actor
)

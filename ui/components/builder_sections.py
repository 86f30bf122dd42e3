"""The builder page's read-only sections: what the run is based on, the candidates, the themes."""

from __future__ import annotations

from typing import Any

import streamlit as st

from icpcore.icp import IcpDocument
from ui.components import builder_charts, builder_tables
from ui.components.text import md

ICP_PAGE = "pages/icp.py"


def basis(report: dict[str, Any]) -> None:
    base = report["base"]
    rate = "–" if base["success_rate"] is None else f"{base['success_rate']:.1%}"
    st.caption(
        f"Data as of {report['as_of']} · ICP version {report['icp_version']} · success = "
        f"`{report['success']['event']}` within {report['success']['window_days']} days · base rate {rate} "
        f"(n = {base['n']:,} mature accounts of {report['accounts']:,}) · traits used: "
        f"{md(', '.join(report['traits']['used']) or 'none')} · never used: sensitive attributes, ids, names, free text"
    )
    for warning in report["warnings"]:
        st.warning(f"Review: {md(warning)}", icon=":material/rate_review:")


def drafted_segments(doc: IcpDocument) -> None:
    """Hypotheses this page added earlier, with the way to the ICP."""
    drafted = [s for s in doc.segments if s.status == "hypothesis" and "draft_evidence" in s.model_dump()]
    if drafted:
        names = ", ".join(f"{s.name} ({s.id})" for s in drafted)
        st.info(f"Drafted hypotheses in the ICP: {md(names)}", icon=":material/science:")
        st.page_link(ICP_PAGE, label="Open the ICP", icon=":material/target:")


def candidates(report: dict[str, Any]) -> None:
    found = report["candidates"]
    if not found:
        st.info("No rule set beats the base rate on this evidence yet.", icon=":material/info:")
        return
    st.caption(
        "Best first by conservative lift: the success rate's lower bound (corrected for the "
        f"{report['rule_sets_measured']} rule sets tried) over the base rate. “clear”: above the base rate "
        "even so; “review”: could be chance."
    )
    st.dataframe(
        builder_tables.candidates_frame(found),
        width="stretch",
        column_config={
            "Rules": st.column_config.TextColumn(width="large"),
            "Lift": st.column_config.NumberColumn(format="%.2f×"),
            "Conservative lift": st.column_config.NumberColumn(format="%.2f×"),
            "Accounts": st.column_config.NumberColumn(format="%d"),
            "n": st.column_config.NumberColumn(format="%d", help="Mature accounts: the rate's denominator"),
        },
    )
    chart, words = st.columns([3, 2])
    picture = builder_charts.lift_chart(found, report["accounts"])
    if picture is not None:
        chart.altair_chart(picture, width="stretch")
    words.markdown(
        "**Reading the picture.** Up is a higher success rate than the base rate (the dashed line); right "
        "is more of your accounts. The best segment candidates sit up and to the right. Round dots are "
        "clearly above the base rate; squares could be chance. Hover a point for its numbers."
    )


def themes(report: dict[str, Any]) -> None:
    found = report["themes"]
    if not found:
        st.info("No themes: the notes are too few or too alike.", icon=":material/info:")
        return
    model = report["theme_model"]
    st.caption(
        f"{len(found)} themes ({model['method'].upper()} on TF-IDF; k = {model['k']} has the best silhouette). "
        "Roles are suggestions from cue words; change them in the draft below."
    )
    chart, table = st.columns([1, 1])
    with chart:
        picture = builder_charts.theme_chart(found)
        if picture is not None:
            st.altair_chart(picture, width="stretch")
    with table:
        st.dataframe(builder_tables.themes_frame(found), width="stretch")
    for theme in found:
        with st.expander(f"{theme['id']}: {theme['label']} ({theme['size']} notes, {theme['role']}): what people say"):
            st.markdown("\n".join(f"> {md(q)}\n" for q in theme["quotes"]))

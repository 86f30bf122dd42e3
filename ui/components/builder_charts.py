"""The builder's pictures: candidates' lift against coverage, and theme sizes by note source."""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

FONT = 15  # readable from the back of a meeting room at 1920x1080


def _candidate_frame(candidates: list[dict[str, Any]], total_accounts: int) -> pd.DataFrame:
    rows = [
        {
            "id": c["id"],
            "rules": c["description"],
            "coverage": c["accounts"] / total_accounts if total_accounts else 0.0,
            "accounts": c["accounts"],
            "n": c["n"],
            "lift": c["lift"],
            "rate": f"{c['success_rate']:.1%} ({c['low']:.1%}–{c['high']:.1%})",
            "clear": "clearly above the base rate" if c["significant"] else "review: could be chance",
        }
        for c in candidates
    ]
    return pd.DataFrame(rows, columns=["id", "rules", "coverage", "accounts", "n", "lift", "rate", "clear"])


def lift_chart(candidates: list[dict[str, Any]], total_accounts: int) -> alt.LayerChart | None:
    """Each candidate a point (labelled with its id; shape and colour both say whether its lift is
    clear), with lift 1 (the base rate) as a dashed line."""
    data = _candidate_frame(candidates, total_accounts)
    if data.empty:
        return None
    tooltip = [
        alt.Tooltip("id:N", title="Candidate"),
        alt.Tooltip("rules:N", title="Rules"),
        alt.Tooltip("accounts:Q", title="Accounts", format=","),
        alt.Tooltip("coverage:Q", title="Share of accounts", format=".1%"),
        alt.Tooltip("n:Q", title="Mature accounts (n)", format=","),
        alt.Tooltip("rate:N", title="Success rate (95% CI)"),
        alt.Tooltip("lift:Q", title="Lift", format=".2f"),
        alt.Tooltip("clear:N", title="Verdict"),
    ]
    # A log scale keeps small pockets apart (candidates run from 1% to 90% of the accounts).
    x = alt.X(
        "coverage:Q",
        title="Share of all accounts covered (log scale)",
        scale=alt.Scale(type="log"),
        axis=alt.Axis(format=".0%", labelFontSize=FONT),
    )
    y = alt.Y("lift:Q", title="Lift over the base rate", scale=alt.Scale(zero=False), axis=alt.Axis(labelFontSize=FONT))
    legend = alt.Legend(title=None, orient="bottom", labelFontSize=FONT, labelLimit=400)
    points = (
        alt.Chart(data)
        .mark_point(size=180, filled=True)
        .encode(
            x=x,
            y=y,
            shape=alt.Shape("clear:N", legend=legend),
            color=alt.Color("clear:N", legend=legend),
            tooltip=tooltip,
        )
    )
    labels = points.mark_text(align="left", dx=10, fontSize=FONT).encode(text="id:N")
    base = alt.Chart(pd.DataFrame({"lift": [1.0]})).mark_rule(strokeDash=[6, 4], color="gray").encode(y="lift:Q")
    return (base + points + labels).properties(height=380).configure_axis(titleFontSize=FONT)


def theme_chart(themes: list[dict[str, Any]]) -> alt.Chart | None:
    """One bar per theme (largest on top), split by the kind of note it came from."""
    rows = [
        {"theme": f"{t['id']}: {t['label']}", "source": source, "notes": count, "role": t["role"], "order": i}
        for i, t in enumerate(themes)
        for source, count in t["by_source"].items()
    ]
    if not rows:
        return None
    data = pd.DataFrame(rows)
    order = [f"{t['id']}: {t['label']}" for t in themes]
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            y=alt.Y("theme:N", sort=order, title=None, axis=alt.Axis(labelFontSize=FONT, labelLimit=320)),
            x=alt.X("sum(notes):Q", title="Notes", axis=alt.Axis(labelFontSize=FONT)),
            color=alt.Color(
                "source:N", title="Source", legend=alt.Legend(orient="bottom", columns=3, labelFontSize=FONT)
            ),
            tooltip=[
                alt.Tooltip("theme:N", title="Theme"),
                alt.Tooltip("source:N", title="Source"),
                alt.Tooltip("notes:Q", title="Notes"),
                alt.Tooltip("role:N", title="Suggested role"),
            ],
        )
        .properties(height=max(160, 44 * len(themes)))
        .configure_axis(titleFontSize=FONT)
    )

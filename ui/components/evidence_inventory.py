"""The Evidence page's inventory: per kind its rows, date range, sources and last import."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from icpcore.evidence.inventory import KindInventory
from ui.components.text import when

KIND_LABELS = {
    "accounts": "Accounts",
    "leads": "Leads",
    "opportunities": "Opportunities",
    "product_events": "Product events",
    "billing": "Billing events",
    "spend": "Spend",
    "notes": "Notes",
}


def _sources(item: KindInventory) -> str:
    shown = ", ".join(f"{tag} ({n:,})" for tag, n in item.sources)
    return shown + (f" and {item.other_sources} more" if item.other_sources else "")


def _last_import(item: KindInventory) -> str:
    if item.last_file is None:
        return "never"
    return f"{item.last_file} ({item.last_mode}) by {item.last_by}, {when(item.last_at)}"


def frame(items: list[KindInventory]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Kind": KIND_LABELS.get(i.kind, i.kind),
                "Rows": i.rows,
                "From": i.first or "",
                "To": i.last or "",
                "Sources": _sources(i),
                "Last import": _last_import(i),
            }
            for i in items
        ]
    )


def render(items: list[KindInventory]) -> None:
    st.dataframe(
        frame(items),
        hide_index=True,
        width="stretch",
        column_config={"Rows": st.column_config.NumberColumn(format="localized")},
    )
    st.caption(
        "Dates are UTC (spend is per month). Sources are the tags given at import (`--source`, by default the "
        "file name); every row keeps its tag and import for audits."
    )

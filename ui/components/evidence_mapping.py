"""The import wizard's column mapping: for each contract column, the file column that feeds it,
suggested from the header (exact names, then common CRM names) and editable."""

from __future__ import annotations

import hashlib

import streamlit as st

from icpcore.evidence.mapping import suggest_mapping
from icpcore.evidence.schema import spec
from ui.components import evidence_keys as keys

NOT_IN_FILE = "(not in the file)"


def render(kind: str, header: list[str]) -> dict[str, str]:
    """{contract column: file column} for the columns that need renaming (the `--map` of the import)."""
    kind_spec = spec(kind)
    suggested = suggest_mapping(header, kind)
    header_id = hashlib.sha1("\x1f".join(header).encode()).hexdigest()[:10]
    st.markdown("**Columns**: which column of the file feeds each column of the contract (**bold**: required)")
    options = [NOT_IN_FILE, *dict.fromkeys(header)]
    chosen: dict[str, str] = {}
    grid = st.columns(3)
    for i, column in enumerate(kind_spec.known):
        default = column if column in header else suggested.get(column, NOT_IN_FILE)
        label = f"**{column}**" if column in kind_spec.required else column
        picked = grid[i % 3].selectbox(
            label, options, index=options.index(default), key=keys.map_column(kind, column, header_id)
        )
        if picked != NOT_IN_FILE and picked != column:
            chosen[column] = picked
    used = set(chosen.values()) | {c for c in kind_spec.known if c in header}
    extra = [h for h in header if h not in used]
    if extra:
        st.caption(f"Kept as extra columns (contact columns are dropped or masked): {', '.join(extra)}")
    return chosen

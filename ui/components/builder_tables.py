"""The builder's tables: candidates and theme cards as frames for `st.dataframe`, and the
draft's theme roles as a frame for `st.data_editor` (and back)."""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from ui.icp_tables import cell

ROLE_OPTIONS = ["pain", "trigger", "objection", "ignore"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _overlap(shares: dict[str, float]) -> str:
    return ", ".join(f"{segment} {share:.0%}" for segment, share in list(shares.items())[:3]) or "–"


def candidates_frame(candidates: list[dict[str, Any]]) -> pd.DataFrame:
    """One row per candidate, best first; the verdict in words (never colour alone)."""
    rows = [
        {
            "#": c["id"],
            "Rules": c["description"],
            "Accounts": c["accounts"],
            "n": c["n"],
            "Success rate": _pct(c["success_rate"]),
            "95% interval": f"{_pct(c['low'])}–{_pct(c['high'])}",
            "Lift": c["lift"],
            "Conservative lift": c["lift_low"],
            "Verdict": "clear" if c["significant"] else "review",
            "Current segments of its accounts": _overlap(c["overlap"]),
            "Found by": c["origin"],
        }
        for c in candidates
    ]
    return pd.DataFrame(rows).set_index("#") if rows else pd.DataFrame()


def themes_frame(themes: list[dict[str, Any]]) -> pd.DataFrame:
    rows = [
        {
            "#": t["id"],
            "Theme": t["label"],
            "Notes": t["size"],
            "Suggested role": t["role"],
            "Top terms": ", ".join(t["terms"]),
            "Raised by accounts in": ", ".join(f"{k} ({v})" for k, v in t["segments"].items()) or "–",
        }
        for t in themes
    ]
    return pd.DataFrame(rows).set_index("#") if rows else pd.DataFrame()


def roles_frame(mix: list[dict[str, Any]]) -> pd.DataFrame:
    """The draft's themes: label and role are editable, the rest says why they are there."""
    rows = [
        {
            "id": m["id"],
            "label": m["label"],
            "role": m["role"],
            "notes here": m["notes"],
            "share here": round(100 * m["share"], 1),
            "share overall": round(100 * m["overall_share"], 1),
            "sources": ", ".join(m["sources"]),
        }
        for m in mix
    ]
    columns = ["id", "label", "role", "notes here", "share here", "share overall", "sources"]
    return pd.DataFrame(rows, columns=columns)


def mix_from_roles(frame: pd.DataFrame, mix: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The theme mix with the edited labels and roles (rows matched by id; a blank label keeps the old)."""
    edited = {cell(r["id"]): r for r in frame.to_dict(orient="records")}
    out = copy.deepcopy(mix)
    for theme in out:
        row = edited.get(theme["id"])
        if row is None:
            continue
        theme["label"] = cell(row["label"]) or theme["label"]
        role = cell(row["role"])
        theme["role"] = role if role in ROLE_OPTIONS else theme["role"]
    return out

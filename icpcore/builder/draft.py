"""A draft segment from a candidate, editable before acceptance; accepting it adds a
`hypothesis` segment to the ICP as a new version.

The draft carries: the candidate's rules; the themes its accounts raise more often than
everybody (as pains, triggers and objections by each theme's role); traits that go with clearly
lower success inside the candidate as suggested disqualifiers; and `sources`, the evidence kinds
behind it (the success event's system plus the note sources of its themes), so the review board
can tell a hypothesis backed by one kind of evidence from a corroborated one.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pandas as pd

from icpcore import history
from icpcore.access import Actor
from icpcore.builder.candidates import Candidate
from icpcore.builder.scan import scan
from icpcore.builder.theme_summary import ROLES, ThemeSet
from icpcore.builder.traits import Traits
from icpcore.errors import InvalidInput
from icpcore.icp import Rule
from icpcore.rules import describe
from icpcore.store.uow import Store

# Where the success label comes from, as a source kind (CONTRACT section 4's success events).
SUCCESS_SOURCE = {"paid": "billing", "trial_activation": "product", "qualified_lead": "crm"}
OVER_REPRESENTED = 1.25  # a theme joins the draft when the candidate's notes raise it this much more
MIN_THEME_NOTES = 5
MAX_DISQUALIFIERS = 3


def slug(text: str) -> str:
    found = re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")
    return found[:60].rstrip("_") or "segment"


def unique_slug(base: str, taken: set[str]) -> str:
    if base not in taken:
        return base
    number = 2
    while f"{base}_{number}" in taken:
        number += 1
    return f"{base}_{number}"


def short_name(rules: list[Rule]) -> str:
    """'E-commerce + Shopify' from the values of `in` rules; other rules in plain English."""
    parts = [" / ".join(map(str, r.value)) if r.op == "in" else describe(r) for r in rules]
    return " + ".join(parts) or "Every account"


def theme_mix(candidate: Candidate, themes: ThemeSet) -> list[dict[str, Any]]:
    """Per theme: notes from the candidate's accounts, their share there and among all notes."""
    notes = themes.notes
    if notes.empty:
        return []
    inside = notes[notes["account_id"].isin(set(candidate.account_ids))]
    mix = []
    for theme in themes.themes:
        mine = inside[inside["theme"] == theme.id]
        share_in = len(mine) / len(inside) if len(inside) else 0.0
        share_all = theme.size / len(notes)
        ratio = share_in / share_all if share_all else 0.0
        chosen = len(mine) >= MIN_THEME_NOTES and ratio >= OVER_REPRESENTED
        mix.append(
            {
                "id": theme.id,
                "label": theme.label,
                "role": theme.role if chosen else "ignore",
                "notes": len(mine),
                "share": share_in,
                "overall_share": share_all,
                "ratio": ratio,
                "sources": sorted(set(mine["source"].astype(str))),
            }
        )
    return mix


def suggested_disqualifiers(candidate: Candidate, traits: Traits, labels: pd.Series) -> list[dict[str, Any]]:
    """Traits (on fields the candidate's rules do not use) whose success rate inside the candidate
    is clearly lower: the interval's upper bound below the candidate's rate."""
    inside = labels.reindex([a for a in candidate.account_ids if a in labels.index])
    if inside.nunique() < 2 or candidate.rate.rate is None:
        return []
    used = {r.field for r in candidate.rules}
    sub = Traits(traits.frame.loc[list(candidate.account_ids)], traits.numeric, traits.categorical)
    low = [s for s in scan(sub, inside) if s.rule.field not in used and (s.rate.high or 1.0) < candidate.rate.rate]
    low.sort(key=lambda s: (s.odds_ratio, s.description))
    return [
        {
            "id": slug(s.description),
            "name": s.description[:1].upper() + s.description[1:],
            "rules": [s.rule.model_dump(mode="json")],
            "status": "active",
            "rationale": f"Drafted: success {s.rate.rate:.0%} (n={s.rate.n}) against "
            f"{candidate.rate.rate:.0%} across the segment.",
        }
        for s in low[:MAX_DISQUALIFIERS]
    ]


def sources_of(success_event: str, mix: list[dict[str, Any]]) -> list[str]:
    """The success event's system plus the note sources of every theme the draft keeps."""
    kinds = {SUCCESS_SOURCE.get(success_event, success_event)}
    for theme in mix:
        if theme["role"] in ROLES:
            kinds |= set(theme["sources"])
    return sorted(kinds)


def apply_roles(draft: dict[str, Any]) -> dict[str, Any]:
    """Rebuild pains, triggers, objections and sources from the themes' roles ('ignore' drops one)."""
    out = copy.deepcopy(draft)
    segment, mix = out["segment"], out["themes"]
    kept = {role: [m["label"] for m in mix if m["role"] == role] for role in ROLES}
    segment["pains"] = kept["pain"]
    segment["triggers"] = kept["trigger"]
    segment["objections"] = [{"objection": label, "rebuttal": ""} for label in kept["objection"]]
    segment["sources"] = sources_of(out["success_event"], mix)
    return out


def make_draft(
    candidate: Candidate,
    *,
    themes: ThemeSet,
    traits: Traits,
    labels: pd.Series,
    success_event: str,
    taken_ids: set[str],
) -> dict[str, Any]:
    """The draft of one candidate: a hypothesis segment plus the theme mix it came from."""
    name = short_name(candidate.rules)
    rate = candidate.rate
    segment = {
        "id": unique_slug(slug(name), taken_ids),
        "name": name,
        "status": "hypothesis",
        "rules": [r.model_dump(mode="json") for r in candidate.rules],
        "disqualifiers": suggested_disqualifiers(candidate, traits, labels),
        "owner": "",
        "draft_evidence": {
            "candidate": candidate.id,
            "accounts": candidate.accounts,
            "n": rate.n,
            "success_rate": rate.rate,
            "low": rate.low,
            "high": rate.high,
            "lift": candidate.lift,
        },
    }
    draft = {"candidate": candidate.id, "success_event": success_event, "segment": segment}
    draft["themes"] = theme_mix(candidate, themes)
    return apply_roles(draft)


def accept_draft(
    store: Store, draft: dict[str, Any], *, base: int | None, actor: Actor, reason: str
) -> history.Version:
    """Add the draft's segment to the ICP version `base` as a `hypothesis` (a new version).

    The id is made unique among the segments; an invalid segment raises `IcpValidationError`
    naming the field; `history.SaveConflict` when `base` is no longer the latest version."""
    actor.require("editor", "add a drafted segment to the ICP")
    found = history.get_version(store, base) if base is not None else None
    if found is None:
        raise InvalidInput("accepting a draft needs the ICP version it builds on")
    document = found.document.to_dict()
    raw = copy.deepcopy(draft.get("segment", draft))
    raw["status"] = "hypothesis"
    raw["id"] = unique_slug(slug(str(raw.get("id") or raw.get("name") or "")), {s["id"] for s in document["segments"]})
    raw.setdefault("name", raw["id"])
    document["segments"].append(raw)
    return history.save(store, document, base=base, actor=actor, reason=reason)

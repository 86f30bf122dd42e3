"""Theme cards: top terms, a short label, counts per source, quotes, the segments that raise it,
and a suggested role from cue words (the user may change it before accepting a draft)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from icpcore.builder.themes import MIN_NOTES, Method, ThemeModel

ROLES = ("pain", "trigger", "objection")
# Word starts that mark a role; the role whose cues appear in most of a theme's notes wins.
ROLE_CUES: dict[str, tuple[str, ...]] = {
    "pain": (
        "manual", "hours", "spreadsheet", "slow", "struggl", "frustrat", "waste", "pain", "tedious", "silo",
        "disagree", "mess", "broken", "hard", "difficult", "confus", "stuck", "stall", "error", "copy",
        "cannot", "guesswork", "disconnected", "outdated",
    ),
    "trigger": (
        "new", "hired", "hire", "joined", "raised", "funding", "series", "round", "launch", "appointed",
        "announc", "expand", "acquir", "migrat", "switch", "moving", "started", "just",
    ),
    "objection": (
        "price", "pricing", "expensive", "budget", "cost", "afford", "security", "compliance", "soc",
        "gdpr", "concern", "worr", "risk", "legal", "procurement", "contract", "already", "too", "hesitat",
        "without", "blocker", "unless", "missing",
    ),
}  # fmt: skip
QUOTES = 3
QUOTE_CHARS = 160
NO_ACCOUNT = "(no account)"
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    terms: list[str]
    size: int
    by_source: dict[str, int]
    quotes: list[str]
    segments: dict[str, int]  # segment -> distinct accounts raising the theme
    role: str
    cue_hits: dict[str, int]


@dataclass(frozen=True)
class ThemeSet:
    themes: list[Theme]
    notes: pd.DataFrame  # note_id, account_id, source, theme (theme id per note)
    method: str
    k: int | None
    scores: dict[int, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def truncate(text: str, limit: int = QUOTE_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + "…"


def suggest_role(texts: list[str]) -> tuple[str, dict[str, int]]:
    """The role whose cue words appear in most notes (ties: pain, trigger, objection order)."""
    hits = dict.fromkeys(ROLES, 0)
    for text in texts:
        words = _WORD.findall(text.lower())
        for role, cues in ROLE_CUES.items():
            hits[role] += any(w.startswith(cues) for w in words)
    best = max(ROLES, key=lambda r: (hits[r], -ROLES.index(r)))
    return best, hits


def label_of(terms: list[str]) -> str:
    """A short label: the theme's top two words ('Price / seat'); the user renames it in the draft."""
    text = " / ".join(terms[:2]) or "unlabelled"
    return text[:1].upper() + text[1:]


def _quotes(group: pd.DataFrame) -> list[str]:
    ordered = group.sort_values(["closeness", "note_id"], ascending=[False, True])
    quotes: list[str] = []
    for text in ordered["text"]:
        short = truncate(str(text))
        if short not in quotes:
            quotes.append(short)
        if len(quotes) == QUOTES:
            break
    return quotes


def _segments(group: pd.DataFrame) -> dict[str, int]:
    accounts = group.dropna(subset=["account_id"]).drop_duplicates("account_id")
    counts = accounts["segment"].fillna(NO_ACCOUNT).value_counts()
    return {str(k): int(v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def _card(theme_id: str, model: ThemeModel, index: int, group: pd.DataFrame) -> Theme:
    terms = model.top_terms(index)
    role, hits = suggest_role(group["text"].astype(str).tolist())
    by_source = group["source"].value_counts()
    return Theme(
        id=theme_id,
        label=label_of(terms),
        terms=terms,
        size=len(group),
        by_source={str(k): int(v) for k, v in sorted(by_source.items(), key=lambda kv: (-kv[1], kv[0]))},
        quotes=_quotes(group),
        segments=_segments(group),
        role=role,
        cue_hits=hits,
    )


def find_themes(
    notes: pd.DataFrame,
    *,
    assignment: pd.Series | None = None,
    method: Method = "nmf",
    random_state: int = 0,
) -> ThemeSet:
    """Cluster the notes (note_id, account_id, source, text) into themes, largest first."""
    empty = pd.DataFrame(columns=["note_id", "account_id", "source", "theme"])
    if len(notes) < MIN_NOTES:
        return ThemeSet([], empty, method, None, warnings=[f"Fewer than {MIN_NOTES} notes: no themes drafted."])
    notes = notes.sort_values("note_id").reset_index(drop=True)
    try:
        model = ThemeModel(method=method, random_state=random_state).fit(notes["text"].astype(str).tolist())
    except ValueError as exc:
        return ThemeSet([], empty, method, None, warnings=[f"No themes: {exc}."])
    frame = notes.assign(cluster=model.labels_, closeness=model.closeness_)
    segments = frame["account_id"].map(assignment) if assignment is not None else None
    frame["segment"] = pd.Series(segments, index=frame.index, dtype="object")
    sizes = frame["cluster"].value_counts()
    order = sorted(sizes.index, key=lambda c: (-sizes[c], int(c)))
    names = {cluster: f"t{i + 1}" for i, cluster in enumerate(order)}
    themes = [_card(names[c], model, int(c), frame[frame["cluster"] == c]) for c in order]
    per_note = frame.assign(theme=frame["cluster"].map(names))[["note_id", "account_id", "source", "theme"]]
    return ThemeSet(themes, per_note, method, model.k_, model.scores_)

"""One builder run over the store (`build`), and its JSON-safe report (`draft_report`).

A run reads the current ICP (its success definition and sensitive attributes), the mature
success units as of the default as-of date, every account's traits, the materialised segment
assignment and the notes; the notes' text is dropped once the theme model is fitted, so the
result kept in a cache holds counts, ids and a few short quotes only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from icpcore import history
from icpcore.builder.candidates import Candidate, Discovery, discover
from icpcore.builder.draft import make_draft
from icpcore.builder.measure import Rate
from icpcore.builder.scan import TraitSignal
from icpcore.builder.theme_summary import Theme, ThemeSet, find_themes
from icpcore.builder.themes import load_notes
from icpcore.builder.traits import Traits, load_account_traits, select_traits
from icpcore.errors import InvalidInput
from icpcore.icp import IcpDocument
from icpcore.metrics.asof import as_of_instant, resolve_as_of
from icpcore.metrics.queries import success_units
from icpcore.segments import assignment_table, ensure_assignment
from icpcore.store.uow import Store

RESERVED = ("non_icp", "disqualified")
NEW_SEGMENT_OVERLAP = 0.5  # the drafted candidate shares less than this with any live segment


@dataclass(frozen=True)
class BuildResult:
    icp_version: int
    evidence_version: int
    as_of: date
    document: IcpDocument
    traits: Traits
    labels: pd.Series
    assignment: pd.Series
    discovery: Discovery
    themes: ThemeSet

    def candidate(self, candidate_id: str) -> Candidate:
        found = next((c for c in self.discovery.candidates if c.id == candidate_id), None)
        if found is None:
            raise InvalidInput(f"there is no candidate '{candidate_id}'")
        return found


def _labels(store: Store, doc: IcpDocument, as_of_ts: float) -> pd.Series:
    with store.read() as uow:
        rows = uow.session.execute(success_units(doc, as_of_ts)).all()
    return pd.Series({str(a): int(s) for a, s in rows}, dtype="int64").sort_index()


def _assignment(store: Store, version: int) -> pd.Series:
    number, evidence = ensure_assignment(store, version)
    with store.read() as uow:
        rows = uow.session.execute(assignment_table(number, evidence)).all()
    return pd.Series({str(a): str(s) for a, s in rows}, dtype="object").sort_index()


def build(store: Store, *, version: int | None = None, random_state: int = 0) -> BuildResult:
    """One builder run over ICP `version` (default: the current one) and the current evidence."""
    found = history.require_version(store, version)
    version_number = found.number
    evidence = store.evidence_version()
    doc = found.document
    as_of = resolve_as_of(store, None)
    traits = select_traits(load_account_traits(store), sensitive=doc.sensitive_attributes)
    labels = _labels(store, doc, as_of_instant(as_of))
    labels = labels[labels.index.isin(traits.frame.index)]
    assignment = _assignment(store, version_number)
    discovery = discover(traits, labels, assignment=assignment, random_state=random_state)
    themes = find_themes(load_notes(store), assignment=assignment, random_state=random_state)
    return BuildResult(version_number, evidence, as_of, doc, traits, labels, assignment, discovery, themes)


def draft_candidate(result: BuildResult) -> Candidate | None:
    """The best-ranked candidate that is new: sharing under half its accounts with any live segment
    (else the best-ranked one). It may not be significant: the draft says so."""
    live = {s.id for s in result.document.live_segments()}
    for candidate in result.discovery.candidates:
        if max((v for k, v in candidate.overlap.items() if k in live), default=0.0) < NEW_SEGMENT_OVERLAP:
            return candidate
    return result.discovery.candidates[0] if result.discovery.candidates else None


def draft_for(result: BuildResult, candidate_id: str | None = None) -> dict[str, Any] | None:
    candidate = result.candidate(candidate_id) if candidate_id else draft_candidate(result)
    if candidate is None:
        return None
    draft = make_draft(
        candidate,
        themes=result.themes,
        traits=result.traits,
        labels=result.labels,
        success_event=result.document.success.event,
        taken_ids={s.id for s in result.document.segments},
    )
    base = result.discovery.base.rate
    draft["significant"] = bool(base is not None and candidate.guard_low > base)
    return draft


# -- JSON -------------------------------------------------------------------------------------
def json_safe(value: Any) -> Any:
    """Plain JSON: numpy scalars to Python, NaN and infinities to null, keys to text."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def rate_dict(rate: Rate) -> dict[str, Any]:
    return {"n": rate.n, "successes": rate.successes, "success_rate": rate.rate, "low": rate.low, "high": rate.high}


def candidate_dict(c: Candidate, base: float | None) -> dict[str, Any]:
    return {
        "id": c.id,
        "origin": c.origin,
        "description": c.description,
        "rules": [r.model_dump(mode="json") for r in c.rules],
        "accounts": c.accounts,
        **rate_dict(c.rate),
        "lift": c.lift,
        "guard_low": c.guard_low,
        "lift_low": c.lift_low,
        "significant": bool(base is not None and c.guard_low > base),
        "overlap": c.overlap,
    }


def signal_dict(s: TraitSignal) -> dict[str, Any]:
    return {
        "field": s.rule.field,
        "description": s.description,
        "rule": s.rule.model_dump(mode="json"),
        **rate_dict(s.rate),
        "lift": s.lift,
        "odds_ratio": s.odds_ratio,
        "or_low": s.or_low,
        "or_high": s.or_high,
    }


def theme_dict(t: Theme) -> dict[str, Any]:
    return {
        "id": t.id,
        "label": t.label,
        "role": t.role,
        "size": t.size,
        "terms": t.terms,
        "by_source": t.by_source,
        "quotes": t.quotes,
        "segments": t.segments,
        "cue_hits": t.cue_hits,
    }


def report_of(result: BuildResult, *, draft: dict[str, Any] | None = None) -> dict[str, Any]:
    d, base = result.discovery, result.discovery.base
    report = {
        "as_of": result.as_of.isoformat(),
        "icp_version": result.icp_version,
        "evidence_version": result.evidence_version,
        "success": result.document.success.model_dump(mode="json"),
        "accounts": len(result.traits.frame),
        "base": rate_dict(base),
        "min_accounts": d.min_accounts,
        "rule_sets_measured": d.rule_sets_measured,
        "traits": {"used": list(result.traits.columns), "dropped": result.traits.dropped},
        "warnings": [*d.warnings, *result.themes.warnings],
        "candidates": [candidate_dict(c, base.rate) for c in d.candidates],
        "trait_scan": [signal_dict(s) for s in d.signals],
        "theme_model": {"method": result.themes.method, "k": result.themes.k, "silhouette": result.themes.scores},
        "themes": [theme_dict(t) for t in result.themes.themes],
        "draft": draft if draft is not None else draft_for(result),
    }
    if report["draft"] is not None and not report["draft"]["significant"]:
        report["warnings"].append(
            "No candidate does clearly better than the base rate: the draft is a weak hypothesis; review it."
        )
    return json_safe(report)


def draft_report(store: Store) -> dict[str, Any]:
    """Segment candidates, note themes and a draft of the best new candidate (`python -m icpcore draft`)."""
    return report_of(build(store))

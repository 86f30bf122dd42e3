"""A segment's rules and disqualifiers read as paid-social targeting criteria.

Platforms filter companies by industry, company size (fixed bands), region and country. Rules
on those fields become include or exclude criteria; everything else (tech stack, funding stage,
substring matches, known/unknown checks) cannot be expressed and is named, so nobody mistakes
the platform audience for the segment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from icpcore.exports.bands import BandCoverage, allowed_spans, band_coverage, is_headcount_rule, uncovered_headcounts
from icpcore.exports.context import ExportContext
from icpcore.icp import Disqualifier, Rule, Segment
from icpcore.rules import describe, describe_all, field_label, is_numeric_rule, text_key

# ICP field -> criterion facet; company size comes from `employees` through the bands.
FACETS = {"industry": "industries", "region": "regions", "country": "countries"}
SIZE = "company_size"
LINKEDIN_FACETS = {
    "industries": "Company Industries",
    SIZE: "Company Size",
    "regions": "Locations",
    "countries": "Locations",
}
INCLUDE_OPS, EXCLUDE_OPS = ("eq", "in"), ("ne", "not_in")


@dataclass(frozen=True)
class Exclusion:
    facet: str
    values: tuple[str, ...]
    source: str  # 'segment rule' or "disqualifier 'tiny'"
    rule: str
    note: str = ""


@dataclass(frozen=True)
class NotExpressible:
    source: str
    rule: str
    reason: str


@dataclass
class Audience:
    segment: Segment
    include: dict[str, list[str]] = field(default_factory=dict)
    size_bands: list[BandCoverage] = field(default_factory=list)
    size_rule: str = ""
    exclusions: list[Exclusion] = field(default_factory=list)
    not_expressible: list[NotExpressible] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _facet(rule: Rule) -> str | None:
    return None if is_numeric_rule(rule) else FACETS.get(rule.field)


def _values(rule: Rule) -> list[str]:
    return [str(v).strip() for v in (rule.value if isinstance(rule.value, list) else [rule.value])]


def _why_not(rule: Rule) -> str:
    """Why a rule has no platform filter, in words a marketer reads."""
    if rule.op == "contains":
        return "a partial text match has no platform filter"
    if rule.op in ("is_empty", "not_empty"):
        return "whether a value is known has no platform filter"
    if rule.field == "employees":
        return (
            "size bands cannot leave out single headcounts" if rule.op in EXCLUDE_OPS else "headcount compared as text"
        )
    if rule.field in FACETS:
        return f"{field_label(rule.field).lower()} compared as a number has no platform filter"
    return f"platforms have no company filter for {field_label(rule.field).lower()}"


def _intersect(current: list[str] | None, values: list[str]) -> list[str]:
    if current is None:
        return values
    keys = {text_key(v) for v in values}
    return [v for v in current if text_key(v) in keys]


def _segment_part(ctx: ExportContext, audience: Audience) -> None:
    segment, headcount = audience.segment, []
    for rule in segment.rules:
        facet = _facet(rule)
        if is_headcount_rule(rule):
            headcount.append(rule)
        elif facet and rule.op in INCLUDE_OPS:
            audience.include[facet] = _intersect(audience.include.get(facet), _values(rule))
            if not audience.include[facet]:
                audience.notes.append(f"No {facet} value satisfies every segment rule on {field_label(rule.field)}.")
        elif facet and rule.op in EXCLUDE_OPS:
            audience.exclusions.append(Exclusion(facet, tuple(_values(rule)), "segment rule", ctx.text(describe(rule))))
        else:
            audience.not_expressible.append(NotExpressible("segment rule", ctx.text(describe(rule)), _why_not(rule)))
    if headcount:
        spans = allowed_spans(headcount)
        audience.size_bands = band_coverage(spans)
        audience.size_rule = describe_all(headcount)
        if uncovered_headcounts(spans):
            audience.notes.append("Companies with 0 employees match the segment but fall in no LinkedIn size band.")
        if not audience.size_bands:
            audience.notes.append("No LinkedIn size band overlaps the segment's headcount rules.")


def _disqualifier_part(ctx: ExportContext, audience: Audience) -> None:
    for scope, dq in ctx.active_disqualifiers(audience.segment):
        source = f"disqualifier '{dq.id}'" + (" (global)" if scope == "global" else " (segment)")
        found = _exclusion_of(ctx, dq, source)
        if isinstance(found, Exclusion):
            audience.exclusions.append(found)
        else:
            audience.not_expressible.append(found)
    paused = [d.id for d in (*ctx.doc.disqualifiers, *audience.segment.disqualifiers) if d.status == "paused"]
    if paused:
        audience.notes.append("Paused disqualifiers are not excluded: " + ", ".join(paused) + ".")


def _exclusion_of(ctx: ExportContext, dq: Disqualifier, source: str) -> Exclusion | NotExpressible:
    if len(dq.rules) != 1:
        reason = "it needs several rules to hold at once; excluding each alone would exclude accounts it keeps"
        return NotExpressible(source, ctx.text(describe_all(dq.rules)), reason)
    rule = dq.rules[0]
    text = ctx.text(describe(rule))
    facet = _facet(rule)
    if facet and rule.op in INCLUDE_OPS:
        return Exclusion(facet, tuple(_values(rule)), source, text)
    if not is_headcount_rule(rule):
        return NotExpressible(source, text, _why_not(rule) if rule.op not in EXCLUDE_OPS else _inverse_reason())
    covered = band_coverage(allowed_spans([rule]))
    full = tuple(c.band.label for c in covered if c.full)
    partial = [c for c in covered if not c.full]
    note = "; ".join(f"band {c.band.label} not excluded ({c.note()})" for c in partial)
    if not full:
        return NotExpressible(
            source, text, "no LinkedIn size band lies wholly inside it" + (f"; {note}" if note else "")
        )
    return Exclusion(SIZE, full, source, text, note)


def _inverse_reason() -> str:
    return "it disqualifies everything outside a list, which an exclusion cannot express"


def audience_for(ctx: ExportContext, segment: Segment) -> Audience:
    audience = Audience(segment)
    _segment_part(ctx, audience)
    _disqualifier_part(ctx, audience)
    return audience

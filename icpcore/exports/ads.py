"""Paid social audience: include/exclude criteria per segment, in three shapes.

- `json`: a generic spec (industries, company-size bands, regions, countries; exclusions from the
  active disqualifiers; the rules no platform can express; the matching account count);
- `csv`: LinkedIn Campaign Manager's company-list template (Matched audiences > Company list),
  filled with the matching accounts of the evidence, ready to upload;
- `criteria`: the criteria as a flat table by LinkedIn facet, to set up a saved audience by hand.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from icpcore import csvsafe
from icpcore.exports.accounts import LIST_LIMIT, company_rows, matching_count
from icpcore.exports.audience import LINKEDIN_FACETS, SIZE, Audience, audience_for
from icpcore.exports.context import ExportContext

PLATFORM_MINIMUM = 300  # LinkedIn serves no audience, and takes no company list, below 300
CRITERIA_HEADER = ("Segment", "Criterion", "LinkedIn facet", "Value", "Coverage", "Source", "Rule")


@dataclass(frozen=True)
class SegmentAudience:
    audience: Audience
    matching: int
    warnings: tuple[str, ...]


def _warnings(audience: Audience, matching: int) -> tuple[str, ...]:
    name, found = audience.segment.name, []
    if matching < PLATFORM_MINIMUM:
        found.append(
            f"{name}: only {matching:,} matching account(s) in the evidence, fewer than the {PLATFORM_MINIMUM} "
            "a LinkedIn audience needs; widen the segment or add accounts before launching."
        )
    if audience.not_expressible:
        rules = "; ".join(f"{n.rule} ({n.source})" for n in audience.not_expressible)
        found.append(f"{name}: not expressible as platform filters, so the audience is broader than the ICP: {rules}.")
    partial = [c.band.label for c in audience.size_bands if not c.full]
    if partial:
        found.append(
            f"{name}: size band(s) {', '.join(partial)} only partly covered by {audience.size_rule}; "
            "including them also reaches companies outside that headcount."
        )
    return tuple(found)


def segment_audiences(ctx: ExportContext) -> list[SegmentAudience]:
    found = []
    for segment in ctx.segments:
        audience = audience_for(ctx, segment)
        matching = matching_count(ctx, segment)
        found.append(SegmentAudience(audience, matching, _warnings(audience, matching)))
    return found


def _spec(ctx: ExportContext, item: SegmentAudience) -> dict[str, Any]:
    a = item.audience
    return {
        "segment": a.segment.id,
        "name": ctx.text(a.segment.name),
        "status": a.segment.status,
        "matching_accounts": item.matching,
        "include": {
            "industries": a.include.get("industries", []),
            "company_size": {
                "rule": a.size_rule,
                "bands": [{"band": c.band.label, "full": c.full, "note": c.note()} for c in a.size_bands],
            },
            "regions": a.include.get("regions", []),
            "countries": a.include.get("countries", []),
        },
        "exclude": [
            {"criterion": e.facet, "values": list(e.values), "source": e.source, "rule": e.rule, "note": e.note}
            for e in a.exclusions
        ],
        "not_expressible": [{"source": n.source, "rule": n.rule, "reason": n.reason} for n in a.not_expressible],
        "notes": a.notes,
        "warnings": list(item.warnings),
    }


def render_json(ctx: ExportContext, items: list[SegmentAudience]) -> str:
    document = {
        "icp": ctx.text(ctx.doc.name),
        "icp_version": ctx.icp_version,
        "platform_minimum_accounts": PLATFORM_MINIMUM,
        "linkedin_facets": LINKEDIN_FACETS,
        "segments": [_spec(ctx, item) for item in items],
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _criteria_rows(ctx: ExportContext, item: SegmentAudience) -> list[tuple[str, ...]]:
    a, name = item.audience, ctx.text(item.audience.segment.name)
    rows = []
    for facet in ("industries", "regions", "countries"):
        for value in a.include.get(facet, []):
            rows.append((name, "Include", LINKEDIN_FACETS[facet], value, "", "segment rule", ""))
    for c in a.size_bands:
        rows.append((name, "Include", LINKEDIN_FACETS[SIZE], c.band.label, c.note(), "segment rule", a.size_rule))
    for e in a.exclusions:
        for value in e.values:
            coverage = "fully covered" if e.facet == SIZE else ""
            rows.append((name, "Exclude", LINKEDIN_FACETS[e.facet], value, coverage, e.source, e.rule))
    for n in a.not_expressible:
        rows.append((name, "Not expressible", "", "", n.reason, n.source, n.rule))
    return rows


def render_criteria(ctx: ExportContext, items: list[SegmentAudience]) -> str:
    return csvsafe.to_csv(CRITERIA_HEADER, [row for item in items for row in _criteria_rows(ctx, item)])


def render_company_list(ctx: ExportContext) -> tuple[str, list[str]]:
    found = company_rows(ctx, ctx.segments)
    warnings = []
    if len(ctx.segments) > 1:
        warnings.append(
            f"The company list joins the matching accounts of {len(ctx.segments)} segments (each once); "
            "export one segment at a time for one audience per segment."
        )
    if found.skipped_unnamed:
        warnings.append(f"{found.skipped_unnamed:,} matching account(s) have neither a name nor a website: left out.")
    if found.truncated:
        warnings.append(f"The list is cut at LinkedIn's maximum of {LIST_LIMIT:,} companies.")
    return csvsafe.to_csv(found.header, found.rows), warnings


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    items = segment_audiences(ctx)
    warnings = [w for item in items for w in item.warnings]
    if not ctx.segments:
        warnings.append("No active segment to export.")
    if fmt == "csv":
        text, more = render_company_list(ctx)
        return text, warnings + more
    if fmt == "criteria":
        return render_criteria(ctx, items), warnings
    return render_json(ctx, items), warnings

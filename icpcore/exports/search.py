"""Search: each segment's keywords and negative keywords, for Google Ads Editor.

The CSV uses Google Ads Editor's import columns (Campaign, Ad group, Keyword, Criterion Type):
one campaign per segment, its keywords as phrase match in one ad group, and its negative
keywords at campaign level ("Campaign Negative Broad", ad group left empty), so they guard every
ad group of the campaign. Account > Import > From file in Editor reads it as is.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from icpcore import csvsafe
from icpcore.exports.context import ExportContext
from icpcore.icp import Segment
from icpcore.rules import text_key

HEADER = ("Campaign", "Ad group", "Keyword", "Criterion Type")
KEYWORD_MATCH = "Phrase"
NEGATIVE_MATCH = "Campaign Negative Broad"
# Characters Google Ads does not accept in keyword text (it rejects or drops them).
_INVALID = re.compile(r"[!@%^*()={};~`<>?\\|,]")


@dataclass(frozen=True)
class SearchPlan:
    segment: Segment
    campaign: str
    ad_group: str
    keywords: list[str]
    negatives: list[str]


def _unique(ctx: ExportContext, texts: list[str]) -> list[str]:
    seen, found = set(), []
    for text in texts:
        clean = " ".join(ctx.text(text).split())
        if clean and text_key(clean) not in seen:
            seen.add(text_key(clean))
            found.append(clean)
    return found


def plan(ctx: ExportContext, segment: Segment) -> SearchPlan:
    name = ctx.text(segment.name)
    return SearchPlan(
        segment,
        campaign=f"ICP - {name}",
        ad_group=name,
        keywords=_unique(ctx, segment.keywords),
        negatives=_unique(ctx, segment.negative_keywords),
    )


def _warnings(item: SearchPlan) -> list[str]:
    name, found = item.ad_group, []
    if not item.keywords:
        found.append(f"{name}: no keywords in the ICP: the campaign has nothing to bid on.")
    clash = {text_key(k) for k in item.keywords} & {text_key(k) for k in item.negatives}
    if clash:
        found.append(f"{name}: keyword(s) also listed as negative, which blocks them: {', '.join(sorted(clash))}.")
    bad = [k for k in item.keywords + item.negatives if _INVALID.search(k)]
    if bad:
        found.append(f"{name}: Google Ads rejects these characters in keywords, fix: {'; '.join(bad)}.")
    return found


def _rows(item: SearchPlan) -> list[tuple[str, str, str, str]]:
    rows = [(item.campaign, item.ad_group, k, KEYWORD_MATCH) for k in item.keywords]
    return rows + [(item.campaign, "", k, NEGATIVE_MATCH) for k in item.negatives]


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    plans = [plan(ctx, s) for s in ctx.segments]
    warnings = [w for p in plans for w in _warnings(p)]
    if not ctx.segments:
        warnings.append("No active segment to export.")
    if fmt == "json":
        document = {
            "icp": ctx.text(ctx.doc.name),
            "icp_version": ctx.icp_version,
            "campaigns": [
                {
                    "segment": p.segment.id,
                    "campaign": p.campaign,
                    "ad_group": p.ad_group,
                    "keywords": [{"text": k, "match_type": KEYWORD_MATCH} for k in p.keywords],
                    "negative_keywords": [{"text": k, "level": "campaign", "match_type": "Broad"} for k in p.negatives],
                }
                for p in plans
            ],
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n", warnings
    return csvsafe.to_csv(HEADER, [row for p in plans for row in _rows(p)]), warnings

"""CRM picklists: ICP segment, disqualifier reason and buying trigger, with questions per trigger.

- `json`: a HubSpot batch-create body for company properties (POST
  /crm/v3/properties/companies/batch/create: `inputs` of enumeration/select properties whose
  options carry `value` = the ICP id or a slug, `label` = the name, `displayOrder`), the same
  picklists as Salesforce custom fields (Metadata API `valueSet`: `fullName`, `label`, `default`),
  and the qualification questions mapped to each trigger;
- `csv`: one row per picklist value (property, internal value, label, display order), the
  trigger rows carrying their qualification question: for the property editors of HubSpot or
  Salesforce, or a script.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from icpcore import csvsafe
from icpcore.exports.context import ExportContext, slug
from icpcore.exports.questions import trigger_question
from icpcore.rules import describe_all, text_key

OBJECT_TYPE, GROUP = "companies", "companyinformation"
CSV_HEADER = (
    "Property name",
    "Property label",
    "Internal value",
    "Label",
    "Display order",
    "Description",
    "Qualification question",
)


@dataclass
class Option:
    value: str
    label: str
    description: str = ""
    question: str = ""


@dataclass
class Picklist:
    name: str  # HubSpot internal name
    label: str
    salesforce: str  # Salesforce field API name
    description: str
    options: list[Option] = field(default_factory=list)


def _segment_list(ctx: ExportContext) -> Picklist:
    found = Picklist("icp_segment", "ICP segment", "ICP_Segment__c", "The account's ICP segment (Fitboard).")
    for s in ctx.doc.live_segments():
        found.options.append(Option(s.id, ctx.text(s.name), f"{s.status} segment"))
    found.options.append(Option("non_icp", "Outside the ICP", "no segment's rules hold"))
    found.options.append(Option("disqualified", "Disqualified", "a disqualifier holds"))
    return found


def _disqualifier_list(ctx: ExportContext) -> Picklist:
    found = Picklist(
        "icp_disqualifier_reason",
        "ICP disqualifier reason",
        "ICP_Disqualifier_Reason__c",
        "Why the account was disqualified (active ICP disqualifiers).",
    )
    seen: set[tuple[str, str]] = set()
    for segment in ctx.segments:
        for scope, dq in ctx.active_disqualifiers(segment):
            if (scope, dq.id) in seen:
                continue
            seen.add((scope, dq.id))
            value = dq.id if scope == "global" else f"{scope}__{dq.id}"
            found.options.append(Option(value, ctx.text(dq.name), ctx.text(describe_all(dq.rules))))
    if not ctx.segments:  # still offer the global reasons
        for dq in (d for d in ctx.doc.disqualifiers if d.status == "active"):
            found.options.append(Option(dq.id, ctx.text(dq.name), ctx.text(describe_all(dq.rules))))
    return found


def _trigger_list(ctx: ExportContext) -> Picklist:
    """One option per distinct trigger (case-insensitive), naming the segments that list it."""
    found = Picklist("icp_buying_trigger", "ICP buying trigger", "ICP_Buying_Trigger__c", "What set the buying off.")
    segments_of: dict[str, tuple[str, list[str]]] = {}
    for segment in ctx.segments:
        for trigger in (t for t in (ctx.text(t) for t in segment.triggers) if t):
            text, names = segments_of.setdefault(text_key(trigger), (trigger, []))
            names.append(ctx.text(segment.name))
    for text, names in segments_of.values():
        description = "Segment: " + "; ".join(dict.fromkeys(names))
        found.options.append(Option(slug(text), text, description, trigger_question(text)))
    return found


def _unique_options(picklist: Picklist) -> list[str]:
    """HubSpot needs unique values and labels: repeats get a numbered suffix, and a warning."""
    warnings, values, labels = [], set(), set()
    for option in picklist.options:
        for attr, seen in (("value", values), ("label", labels)):
            original = getattr(option, attr)
            candidate, n = original, 1
            while text_key(candidate) in seen:
                n += 1
                candidate = f"{original}_{n}" if attr == "value" else f"{original} ({n})"
            if candidate != original:
                warnings.append(f"{picklist.label}: {attr} '{original}' repeats; renamed '{candidate}'.")
                setattr(option, attr, candidate)
            seen.add(text_key(candidate))
    return warnings


def picklists(ctx: ExportContext) -> tuple[list[Picklist], list[str]]:
    lists = [_segment_list(ctx), _disqualifier_list(ctx), _trigger_list(ctx)]
    warnings = [w for p in lists for w in _unique_options(p)]
    if not lists[2].options:
        warnings.append("No buying triggers in the ICP for the segments exported: the trigger picklist is empty.")
    return lists, warnings


def _hubspot(p: Picklist) -> dict[str, Any]:
    return {
        "name": p.name,
        "label": p.label,
        "description": p.description,
        "groupName": GROUP,
        "type": "enumeration",
        "fieldType": "select",
        "options": [
            {"label": o.label, "value": o.value, "description": o.description, "displayOrder": i, "hidden": False}
            for i, o in enumerate(p.options, start=1)
        ],
    }


def _salesforce(p: Picklist) -> dict[str, Any]:
    """A CustomField in the Metadata API's shape (valueSet > valueSetDefinition > value)."""
    values = [{"fullName": o.value, "label": o.label, "default": False} for o in p.options]
    return {
        "fullName": f"Account.{p.salesforce}",
        "label": p.label,
        "type": "Picklist",
        "valueSet": {"restricted": True, "valueSetDefinition": {"sorted": False, "value": values}},
    }


def render(ctx: ExportContext, fmt: str) -> tuple[str, list[str]]:
    lists, warnings = picklists(ctx)
    if not ctx.segments:
        warnings.append("No active segment to export.")
    if fmt == "csv":
        rows = [
            (p.name, p.label, o.value, o.label, i, o.description, o.question)
            for p in lists
            for i, o in enumerate(p.options, start=1)
        ]
        return csvsafe.to_csv(CSV_HEADER, rows), warnings
    questions = [
        {"trigger_value": o.value, "trigger": o.label, "segments": o.description, "question": o.question}
        for o in lists[2].options
    ]
    document = {
        "icp": ctx.text(ctx.doc.name),
        "icp_version": ctx.icp_version,
        "hubspot": {
            "object_type": OBJECT_TYPE,
            "endpoint": f"POST /crm/v3/properties/{OBJECT_TYPE}/batch/create",
            "body": {"inputs": [_hubspot(p) for p in lists]},
        },
        "salesforce": {"object": "Account", "picklists": [_salesforce(p) for p in lists]},
        "qualification_questions": questions,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n", warnings

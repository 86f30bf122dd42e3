"""Field-level differences between two ICP documents, in plain words."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from icpcore.icp import Assumption, Disqualifier, IcpDocument, Segment
from icpcore.rules import describe_all

LIST_FIELDS = ("pains", "jobs", "triggers", "keywords", "negative_keywords")
TEXT_FIELDS = ("name", "status", "promise", "owner")


def _quote(value: Any) -> str:
    return f"“{value}”" if value not in ("", None) else "(empty)"


def _list_changes(where: str, label: str, before: list[str], after: list[str]) -> list[str]:
    out = [
        f"{where}: added {label[:-1] if label.endswith('s') else label} {_quote(v)}" for v in after if v not in before
    ]
    out += [
        f"{where}: removed {label[:-1] if label.endswith('s') else label} {_quote(v)}" for v in before if v not in after
    ]
    return out


def _rules_change(where: str, before: Any, after: Any) -> list[str]:
    old, new = describe_all(before), describe_all(after)
    return [] if old == new else [f"{where}: rules changed from “{old}” to “{new}”"]


def _extra_changes(where: str, before: BaseModel, after: BaseModel, skip: set[str]) -> list[str]:
    old, new = before.model_dump(mode="json"), after.model_dump(mode="json")
    return [
        f"{where}: {key.replace('_', ' ')} changed from {_quote(old.get(key))} to {_quote(new.get(key))}"
        for key in sorted(set(old) | set(new))
        if key not in skip and old.get(key) != new.get(key)
    ]


def _disqualifier_changes(where: str, before: Disqualifier, after: Disqualifier) -> list[str]:
    out = _rules_change(where, before.rules, after.rules)
    if before.status != after.status:
        out.append(f"{where}: {'paused' if after.status == 'paused' else 'resumed'}")
    return out + _extra_changes(where, before, after, {"rules", "status", "id"})


def _segment_changes(where: str, before: Segment, after: Segment) -> list[str]:
    out = _rules_change(where, before.rules, after.rules)
    out += [
        f"{where}: {f} changed from {_quote(getattr(before, f))} to {_quote(getattr(after, f))}"
        for f in TEXT_FIELDS
        if getattr(before, f) != getattr(after, f)
    ]
    for field in LIST_FIELDS:
        out += _list_changes(where, field.replace("_", " "), getattr(before, field), getattr(after, field))
    old_obj = [f"{o.objection} → {o.rebuttal}" for o in before.objections]
    new_obj = [f"{o.objection} → {o.rebuttal}" for o in after.objections]
    out += _list_changes(where, "objections", old_obj, new_obj)
    if before.proof != after.proof:
        out.append(
            f"{where}: proof changed to metric {_quote(after.proof.metric)}, "
            f"testimonial {_quote(after.proof.testimonial)}"
        )
    out += _collection_changes(
        f"{where} disqualifier", before.disqualifiers, after.disqualifiers, _disqualifier_changes
    )
    skip = set(TEXT_FIELDS) | set(LIST_FIELDS) | {"rules", "objections", "proof", "disqualifiers", "id"}
    return out + _extra_changes(where, before, after, skip)


def _assumption_changes(where: str, before: Assumption, after: Assumption) -> list[str]:
    return _extra_changes(where, before, after, {"id"})


def _collection_changes(label: str, before: list[Any], after: list[Any], compare: Any) -> list[str]:
    old = {item.id: item for item in before}
    new = {item.id: item for item in after}
    out = [f"{label} “{_name(item)}” added" for key, item in new.items() if key not in old]
    out += [f"{label} “{_name(item)}” removed" for key, item in old.items() if key not in new]
    for key, item in new.items():
        if key in old and old[key] != item:
            out += compare(f"{label} “{_name(item)}”", old[key], item)
    kept_old = [k for k in old if k in new]
    kept_new = [k for k in new if k in old]
    if kept_old != kept_new:
        out.append(f"{label}s reordered: {', '.join(_name(new[k]) for k in kept_new)}")
    return out


def _name(item: Any) -> str:
    return getattr(item, "name", None) or item.id


def describe_changes(before: IcpDocument | None, after: IcpDocument) -> list[str]:
    """Every difference from `before` to `after`, one sentence each."""
    if before is None:
        return ["First version of the ICP"]
    out = []
    if before.name != after.name:
        out.append(f"ICP name changed from {_quote(before.name)} to {_quote(after.name)}")
    if before.success != after.success:
        out.append(
            f"Success changed from {before.success.event} within {before.success.window_days} days "
            f"to {after.success.event} within {after.success.window_days} days"
        )
    if before.qualification_window_days != after.qualification_window_days:
        out.append(
            f"Qualification window changed from {before.qualification_window_days} "
            f"to {after.qualification_window_days} days"
        )
    out += _list_changes("Sensitive attributes", "attributes", before.sensitive_attributes, after.sensitive_attributes)
    out += _collection_changes("Disqualifier", before.disqualifiers, after.disqualifiers, _disqualifier_changes)
    out += _collection_changes("Segment", before.segments, after.segments, _segment_changes)
    out += _collection_changes("Assumption", before.assumptions, after.assumptions, _assumption_changes)
    return out

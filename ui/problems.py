"""Validation problems (`segments[1].rules[0].value: between needs [lo, hi]`) placed next to
the part of the editor they concern, worded for people."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from icpcore.icp import SLUG_PATTERN

# Where a message is shown: ("general",), ("disqualifiers",), ("assumptions",),
# ("segment", index) or ("segment", index, section).
Place = tuple[Any, ...]
SEGMENT_SECTIONS = {"rules": "rules", "disqualifiers": "disqualifiers", "objections": "objections"}
_LINE = re.compile(r"^(?P<path>[A-Za-z_][\w.\[\]]*): (?P<message>.*)$", re.DOTALL)
_STEP = re.compile(r"([A-Za-z_]\w*)|\[(\d+)\]")

_FRIENDLIER = (
    (f"String should match pattern '{SLUG_PATTERN}'", "use lower-case letters, digits and _ only"),
    ("String should have at least 1 character", "cannot be empty"),
    ("List should have at least 1 item after validation, not 0", "needs at least one rule"),
    ("Input should be a valid number, unable to parse string as a number", "needs a number"),
    ("Field required", "is missing"),
)


@dataclass(frozen=True)
class Problem:
    place: Place
    where: str  # 'Segment “Mid-market SaaS”, rule 2'
    message: str

    @property
    def text(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


def friendlier(message: str) -> str:
    for raw, nicer in _FRIENDLIER:
        message = message.replace(raw, nicer)
    if message.startswith("Input should be "):
        message = "should be " + message.removeprefix("Input should be ")
    return message


def _steps(path: str) -> list[str | int]:
    return [int(index) if index else name for name, index in _STEP.findall(path)]


def _name(items: list[Any], index: int, fallback: str) -> str:
    item = items[index] if 0 <= index < len(items) and isinstance(items[index], dict) else {}
    return str(item.get("name") or item.get("id") or f"{fallback} {index + 1}")


def _dq_row(disqualifiers: list[Any], d: int, r: int) -> int:
    """The 1-based table row of rule r of disqualifier d (one row per rule)."""
    sizes = [max(1, len(dq.get("rules") or [])) if isinstance(dq, dict) else 1 for dq in disqualifiers]
    return sum(sizes[:d]) + r + 1


def _segment_place(doc: dict[str, Any], s: int, rest: list[str | int]) -> tuple[Place, str]:
    segments = doc.get("segments") or []
    label = f"Segment “{_name(segments, s, 'segment')}”"
    section = rest[0] if rest else None
    if section == "rules" and len(rest) > 1:
        return ("segment", s, "rules"), f"{label}, rule {int(rest[1]) + 1}"
    if section == "disqualifiers" and len(rest) > 1 and isinstance(rest[1], int):
        dqs = (segments[s].get("disqualifiers") or []) if 0 <= s < len(segments) else []
        rule = rest[3] if len(rest) > 3 and rest[2] == "rules" else 0
        where = (
            f"{label}, disqualifier “{_name(dqs, rest[1], 'disqualifier')}” (table row {_dq_row(dqs, rest[1], rule)})"
        )
        return ("segment", s, "disqualifiers"), where
    if section in SEGMENT_SECTIONS:
        return ("segment", s, SEGMENT_SECTIONS[section]), f"{label}, {section}"
    if section is not None:
        return ("segment", s), f"{label}, {str(section).replace('_', ' ')}"
    return ("segment", s), label


def _place(doc: dict[str, Any], steps: list[str | int]) -> tuple[Place, str]:
    head = steps[0] if steps else ""
    index = steps[1] if len(steps) > 1 and isinstance(steps[1], int) else None
    if head == "segments" and index is not None:
        return _segment_place(doc, index, steps[2:])
    if head == "disqualifiers" and index is not None:
        dqs = doc.get("disqualifiers") or []
        rule = steps[3] if len(steps) > 3 and steps[2] == "rules" else 0
        where = f"Disqualifier “{_name(dqs, index, 'disqualifier')}” (table row {_dq_row(dqs, index, rule)})"
        return ("disqualifiers",), where
    if head == "assumptions" and index is not None:
        return ("assumptions",), f"Assumption “{_name(doc.get('assumptions') or [], index, 'assumption')}”"
    if head in ("disqualifiers", "assumptions"):
        return (head,), str(head).capitalize()
    if head == "segments":
        return ("segments",), "Segments"
    return ("general",), " ".join(str(s) for s in steps).replace("_", " ").capitalize()


def place_problem(doc: dict[str, Any], line: str) -> Problem:
    """One problem line from `parse_icp` as a Problem placed in the editor."""
    match = _LINE.match(line)
    if not match:
        return Problem(("general",), "", friendlier(line))
    steps = _steps(match["path"])
    place, where = _place(doc, steps)
    field = steps[-1] if steps and isinstance(steps[-1], str) and steps[-1] not in ("rules", "disqualifiers") else None
    message = friendlier(match["message"])
    named = field in ("field", "op", "value", "id", "name", "status", "segment", "metric", "months")
    if named and len(steps) > 2 and not where.endswith(f", {field}"):
        message = f"{field}: {message}"
    return Problem(place, where, message)


def place_problems(doc: dict[str, Any], lines: list[str]) -> list[Problem]:
    return [place_problem(doc, line) for line in lines]

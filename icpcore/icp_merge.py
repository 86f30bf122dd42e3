"""Re-applying one person's edit on top of another's: a three-way merge of ICP documents.

`merge(base, mine, theirs)` starts from `theirs` (the latest saved version) and replays what
changed from `base` to `mine`. Lists of items with ids (segments, disqualifiers, assumptions)
merge item by item; lists of plain text (pains, keywords, ...) merge as additions and removals;
anything else (a rule list, a value) is taken whole. Where both sides changed the same thing
differently, `mine` wins and the place is reported, so nothing changes without being shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

_MISSING: Any = object()


@dataclass
class MergeResult:
    document: dict[str, Any]
    overlaps: list[str] = field(default_factory=list)  # places both sides changed; mine kept


def _is_keyed(value: Any) -> bool:
    """A list of objects with distinct text ids (segments, disqualifiers, assumptions)."""
    if not isinstance(value, list) or not all(isinstance(i, dict) and isinstance(i.get("id"), str) for i in value):
        return False
    return len({i["id"] for i in value}) == len(value)


def _is_texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(i, str) for i in value)


def _label(item: dict[str, Any]) -> str:
    return str(item.get("name") or item["id"])


class _Merger:
    def __init__(self) -> None:
        self.overlaps: list[str] = []

    def value(self, where: str, base: Any, mine: Any, theirs: Any) -> Any:
        if mine in (base, theirs):
            return theirs
        if theirs == base:
            return mine
        if all(isinstance(v, dict) for v in (base, mine, theirs)):
            return self.mapping(where, base, mine, theirs)
        if all(_is_keyed(v) for v in (base, mine, theirs)):
            return self.keyed(where, base, mine, theirs)
        if all(_is_texts(v) for v in (base, mine, theirs)):
            return self.texts(base, mine, theirs)
        self.overlaps.append(where)
        return mine

    def mapping(self, where: str, base: dict, mine: dict, theirs: dict) -> dict:
        out: dict[str, Any] = {}
        for key in [*theirs, *(k for k in mine if k not in theirs)]:
            b, m, t = base.get(key, _MISSING), mine.get(key, _MISSING), theirs.get(key, _MISSING)
            merged = self.value(f"{where} › {key.replace('_', ' ')}" if where else key.replace("_", " "), b, m, t)
            if merged is not _MISSING:
                out[key] = merged
        return out

    def keyed(self, where: str, base: list, mine: list, theirs: list) -> list:
        b = {i["id"]: i for i in base}
        m = {i["id"]: i for i in mine}
        t = {i["id"]: i for i in theirs}
        i_reordered = [k for k in m if k in b] != [k for k in b if k in m]
        order = [i["id"] for i in (mine if i_reordered else theirs)]
        order += [i["id"] for i in (theirs if i_reordered else mine) if i["id"] not in order]
        out = []
        for key in order:
            item = m.get(key, t.get(key))
            merged = self.value(
                f"{where} › {_label(item)}", b.get(key, _MISSING), m.get(key, _MISSING), t.get(key, _MISSING)
            )
            if merged is not _MISSING:
                out.append(merged)
        return out

    @staticmethod
    def texts(base: list[str], mine: list[str], theirs: list[str]) -> list[str]:
        removed = {v for v in base if v not in mine}
        out = [v for v in theirs if v not in removed]
        return out + [v for v in mine if v not in base and v not in out]


def merge(base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> MergeResult:
    """`theirs` with the changes from `base` to `mine` applied (see the module text)."""
    merger = _Merger()
    document = merger.mapping("", base, mine, theirs)
    return MergeResult(document, merger.overlaps)

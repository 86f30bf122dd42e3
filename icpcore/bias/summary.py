"""The bias report folded for a screen: one cell per disqualifier x attribute with its worst
severity, and rows ordered so the disqualifier that most needs a review comes first."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Worst first. A cell whose groups are all too small says so; one small group beside large
# ones does not hide what the large ones show.
SEVERITY_RANK = {"high": 3, "medium": 2, "none": 1, "insufficient_data": 0}


@dataclass(frozen=True)
class Cell:
    """One disqualifier (in its scope) against one attribute (or a crossed pair)."""

    segment: str | None
    disqualifier: str
    attribute: str
    findings: tuple[dict[str, Any], ...]

    @property
    def key(self) -> str:
        return f"{self.segment or ''}/{self.disqualifier}/{self.attribute}"

    @property
    def first(self) -> dict[str, Any]:
        return self.findings[0]

    @property
    def severity(self) -> str:
        return max((f["severity"] for f in self.findings), key=SEVERITY_RANK.__getitem__)

    @property
    def smallest_impact_ratio(self) -> float | None:
        ratios = [f["impact_ratio"] for f in self.findings if f["impact_ratio"] is not None and f["n"] >= 30]
        return min(ratios) if ratios else None

    @property
    def worst_group(self) -> dict[str, Any]:
        """The group that decides the cell: worst severity, then the smallest impact ratio."""
        return min(self.findings, key=lambda f: (-SEVERITY_RANK[f["severity"]], _ratio(f["impact_ratio"])))


@dataclass
class Row:
    """One disqualifier in its scope, with its cells by attribute."""

    segment: str | None
    disqualifier: str
    name: str
    status: str
    cells: dict[str, Cell] = field(default_factory=dict)

    @property
    def severity(self) -> str:
        return max((c.severity for c in self.cells.values()), key=SEVERITY_RANK.__getitem__)

    @property
    def smallest_impact_ratio(self) -> float | None:
        ratios = [c.smallest_impact_ratio for c in self.cells.values() if c.smallest_impact_ratio is not None]
        return min(ratios) if ratios else None


def _ratio(value: float | None) -> float:
    return value if value is not None else float("inf")


def cells_of(findings: list[dict[str, Any]]) -> list[Cell]:
    """Findings grouped by (segment, disqualifier, attribute), in report order."""
    grouped: dict[tuple[str | None, str, str], list[dict[str, Any]]] = {}
    for finding in findings:
        grouped.setdefault((finding["segment"], finding["disqualifier"], finding["attribute"]), []).append(finding)
    return [Cell(s, d, a, tuple(rows)) for (s, d, a), rows in grouped.items()]


def matrix_rows(findings: list[dict[str, Any]]) -> list[Row]:
    """Rows by worst severity, then the smallest impact ratio (the planted proxy on top)."""
    rows: dict[tuple[str | None, str], Row] = {}
    for cell in cells_of(findings):
        first = cell.first
        row = rows.setdefault(
            (cell.segment, cell.disqualifier),
            Row(cell.segment, cell.disqualifier, first["disqualifier_name"], first["disqualifier_status"]),
        )
        row.cells[cell.attribute] = cell
    ordered = list(rows.values())
    return sorted(ordered, key=lambda r: (-SEVERITY_RANK[r.severity], _ratio(r.smallest_impact_ratio)))


def attributes_of(findings: list[dict[str, Any]]) -> list[str]:
    """Attribute columns in report order (single attributes first, then crossed pairs)."""
    seen = dict.fromkeys(f["attribute"] for f in findings if not f["intersection"])
    seen |= dict.fromkeys(f["attribute"] for f in findings if f["intersection"])
    return list(seen)

"""Headcount rules mapped onto LinkedIn's fixed company-size bands.

LinkedIn targets company size only by these nine bands. A rule such as 50-500 employees becomes
the bands it overlaps; a band the rule covers only in part ("11-50" for 50-500) is still
listed, with the part covered, because including it also reaches companies outside the rule.
Headcounts are whole numbers: "fewer than 5" is 0-4, "more than 4.5" is 5 and up.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from icpcore.icp import Rule, is_number

INF = math.inf


@dataclass(frozen=True)
class Band:
    label: str
    lo: int
    hi: float  # INF for the open top band


LINKEDIN_SIZE_BANDS: tuple[Band, ...] = (
    Band("1", 1, 1),
    Band("2-10", 2, 10),
    Band("11-50", 11, 50),
    Band("51-200", 51, 200),
    Band("201-500", 201, 500),
    Band("501-1000", 501, 1000),
    Band("1001-5000", 1001, 5000),
    Band("5001-10000", 5001, 10000),
    Band("10001+", 10001, INF),
)
HEADCOUNT_OPS = ("eq", "in", "lt", "lte", "gt", "gte", "between")


@dataclass(frozen=True)
class Span:
    """Whole headcounts lo..hi (hi may be INF); empty when lo > hi."""

    lo: float
    hi: float

    @property
    def empty(self) -> bool:
        return self.lo > self.hi

    def meet(self, other: Span) -> Span:
        return Span(max(self.lo, other.lo), min(self.hi, other.hi))

    def text(self) -> str:
        if self.hi == INF:
            return f"{_int(self.lo)}+"
        return _int(self.lo) if self.lo == self.hi else f"{_int(self.lo)}-{_int(self.hi)}"


@dataclass(frozen=True)
class BandCoverage:
    band: Band
    parts: tuple[Span, ...]  # the parts of the band the rules allow, in order, not overlapping

    @property
    def full(self) -> bool:
        if self.band.hi == INF:
            return any(p.lo == self.band.lo and p.hi == INF for p in self.parts)
        return sum(p.hi - p.lo + 1 for p in self.parts) == self.band.hi - self.band.lo + 1

    def note(self) -> str:
        if self.full:
            return "fully covered"
        covered = ", ".join(p.text() for p in self.parts)
        return f"partly covered: only {covered} of {self.band.label}"


def _int(value: float) -> str:
    return f"{int(value)}"


EVERY_HEADCOUNT = Span(0, INF)


def is_headcount_rule(rule: Rule) -> bool:
    """A numeric employees rule the bands can express (not `ne`/`not_in`, not text)."""
    if rule.field != "employees" or rule.op not in HEADCOUNT_OPS:
        return False
    values = rule.value if isinstance(rule.value, list) else [rule.value]
    return bool(values) and all(is_number(v) for v in values)


def rule_spans(rule: Rule) -> list[Span]:
    """The whole headcounts a headcount rule allows, as one or more spans."""
    v = rule.value
    match rule.op:
        case "eq":
            return [Span(v, v)] if float(v).is_integer() else []
        case "in":
            return [Span(x, x) for x in sorted(set(v)) if float(x).is_integer()]
        case "lt":
            return [Span(0, math.ceil(v) - 1)]
        case "lte":
            return [Span(0, math.floor(v))]
        case "gt":
            return [Span(math.floor(v) + 1, INF)]
        case "gte":
            return [Span(math.ceil(v), INF)]
        case "between":
            return [Span(math.ceil(v[0]), math.floor(v[1]))]
    raise ValueError(f"not a headcount rule: {rule.op}")


def allowed_spans(rules: Iterable[Rule]) -> list[Span]:
    """Spans allowed by all the headcount rules together (rules are ANDed)."""
    spans = [EVERY_HEADCOUNT]
    for rule in rules:
        spans = [s.meet(r) for s in spans for r in rule_spans(rule)]
        spans = [s for s in spans if not s.empty]
    return spans


def band_coverage(spans: Iterable[Span]) -> list[BandCoverage]:
    """Every band that overlaps the spans, in band order, with the parts covered."""
    spans = sorted(spans, key=lambda s: s.lo)
    found = []
    for band in LINKEDIN_SIZE_BANDS:
        parts = [s.meet(Span(band.lo, band.hi)) for s in spans]
        parts = [p for p in parts if not p.empty]
        if parts:
            found.append(BandCoverage(band, tuple(parts)))
    return found


def uncovered_headcounts(spans: Iterable[Span]) -> bool:
    """True when the spans allow 0 employees, which no LinkedIn band holds."""
    return any(s.lo <= 0 <= s.hi for s in spans)

"""The ICP document (CONTRACT section 2): pydantic models, validation with readable paths."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from icpcore.errors import InvalidInput
from icpcore.metrics.registry import METRIC_KEYS

RESERVED_SEGMENTS = ("non_icp", "disqualified", "all")
SLUG_PATTERN = r"^[a-z0-9_]+$"

RuleOp = Literal["eq", "ne", "in", "not_in", "lt", "lte", "gt", "gte", "between", "contains", "is_empty", "not_empty"]
NUMERIC_ONLY_OPS = ("lt", "lte", "gt", "gte")
LIST_OPS = ("in", "not_in")
NO_VALUE_OPS = ("is_empty", "not_empty")

Slug = Annotated[str, Field(pattern=SLUG_PATTERN)]


def is_number(value: Any) -> bool:
    """A JSON number: int or float, never bool (Python counts True as 1)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Model(BaseModel):
    # Extra keys are kept: the contract welcomes more optional fields.
    model_config = ConfigDict(extra="allow", str_strip_whitespace=True)


class Rule(_Model):
    field: str = Field(min_length=1)
    op: RuleOp
    value: Any = Field(default=None, validate_default=True)

    @field_validator("field")
    @classmethod
    def _lower_field(cls, field: str) -> str:
        return field.strip().lower()

    @field_validator("value")
    @classmethod
    def _value_fits_op(cls, value: Any, info: Any) -> Any:
        op = info.data.get("op")
        if op is None:
            return value
        if op in NO_VALUE_OPS:
            if value not in (None, "", []):
                raise ValueError(f"{op} takes no value")
            return None
        if op == "between":
            if not (isinstance(value, list) and len(value) == 2 and all(map(is_number, value))):
                raise ValueError("between needs [lo, hi]")
            if value[0] > value[1]:
                raise ValueError(f"between needs lo <= hi, got [{value[0]}, {value[1]}]")
            return value
        if op in NUMERIC_ONLY_OPS:
            if not is_number(value):
                raise ValueError(f"{op} needs a number")
            return value
        if op in LIST_OPS:
            if not isinstance(value, list) or not value:
                raise ValueError(f"{op} needs a non-empty list of values")
            if any(isinstance(v, list | dict) or v is None for v in value):
                raise ValueError(f"{op} needs a list of plain values")
            return value
        if value is None or isinstance(value, list | dict):
            raise ValueError(f"{op} needs a single value")
        if isinstance(value, str) and not value.strip():
            raise ValueError(f"{op} needs a non-empty value")
        return value


class Disqualifier(_Model):
    id: Slug
    name: str = Field(min_length=1)
    rules: list[Rule] = Field(min_length=1)
    rationale: str = ""
    status: Literal["active", "paused"] = "active"
    verified_reason: str = ""


class Objection(_Model):
    objection: str
    rebuttal: str = ""


class Proof(_Model):
    metric: str = ""
    testimonial: str = ""


class Segment(_Model):
    id: Slug
    name: str = Field(min_length=1)
    status: Literal["active", "hypothesis", "retired"] = "active"
    rules: list[Rule] = Field(default_factory=list)
    disqualifiers: list[Disqualifier] = Field(default_factory=list)
    pains: list[str] = Field(default_factory=list)
    jobs: list[str] = Field(default_factory=list)
    triggers: list[str] = Field(default_factory=list)
    objections: list[Objection] = Field(default_factory=list)
    promise: str = ""
    proof: Proof = Field(default_factory=Proof)
    keywords: list[str] = Field(default_factory=list)
    negative_keywords: list[str] = Field(default_factory=list)
    owner: str = ""

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_SEGMENTS:
            raise ValueError(f"'{value}' is a reserved segment id")
        return value


class Success(_Model):
    event: Literal["qualified_lead", "trial_activation", "paid"]
    window_days: int | float = Field(gt=0)


class Assumption(_Model):
    id: Slug
    segment: str
    metric: str
    op: Literal["gte", "lte", "between"]
    value: Any = None
    months: int = Field(default=3, ge=1)
    sources: list[str] = Field(default_factory=list)
    note: str = ""

    @field_validator("metric")
    @classmethod
    def _known_metric(cls, value: str) -> str:
        if value not in METRIC_KEYS:
            raise ValueError(f"unknown metric '{value}' (one of {', '.join(METRIC_KEYS)})")
        return value

    @field_validator("value")
    @classmethod
    def _value_fits_op(cls, value: Any, info: Any) -> Any:
        op = info.data.get("op")
        if op == "between":
            if not (isinstance(value, list) and len(value) == 2 and all(map(is_number, value))):
                raise ValueError("between needs [lo, hi]")
            if value[0] > value[1]:
                raise ValueError(f"between needs lo <= hi, got [{value[0]}, {value[1]}]")
        elif op is not None and not is_number(value):
            raise ValueError(f"{op} needs a number")
        return value

    @property
    def bounds(self) -> tuple[float, float]:
        """The target as a closed range [lo, hi] (infinite on the open side)."""
        if self.op == "between":
            return float(self.value[0]), float(self.value[1])
        if self.op == "gte":
            return float(self.value), float("inf")
        return float("-inf"), float(self.value)


class IcpDocument(_Model):
    name: str = Field(min_length=1)
    success: Success
    qualification_window_days: int | float = Field(default=30, gt=0)
    sensitive_attributes: list[str] = Field(default_factory=list)
    disqualifiers: list[Disqualifier] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)
    assumptions: list[Assumption] = Field(default_factory=list)

    @field_validator("sensitive_attributes")
    @classmethod
    def _lower_attributes(cls, values: list[str]) -> list[str]:
        return [v.strip().lower() for v in values]

    @model_validator(mode="after")
    def _cross_checks(self) -> IcpDocument:
        problems = list(_cross_problems(self))
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- convenience -------------------------------------------------------------------------
    def live_segments(self) -> list[Segment]:
        """Segments that take accounts: every one but the retired, in document order."""
        return [s for s in self.segments if s.status != "retired"]

    def segment(self, segment_id: str) -> Segment | None:
        return next((s for s in self.segments if s.id == segment_id), None)

    def all_rules(self) -> list[tuple[str, Rule]]:
        """Every rule with its path, for checks that walk the whole document."""
        found: list[tuple[str, Rule]] = []
        for d, dq in enumerate(self.disqualifiers):
            found += [(f"disqualifiers[{d}].rules[{r}]", rule) for r, rule in enumerate(dq.rules)]
        for s, seg in enumerate(self.segments):
            found += [(f"segments[{s}].rules[{r}]", rule) for r, rule in enumerate(seg.rules)]
            for d, dq in enumerate(seg.disqualifiers):
                prefix = f"segments[{s}].disqualifiers[{d}]"
                found += [(f"{prefix}.rules[{r}]", rule) for r, rule in enumerate(dq.rules)]
        return found

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False)

    def to_dict(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _duplicates(ids: list[str]) -> list[str]:
    return sorted({i for i in ids if ids.count(i) > 1})


def _cross_problems(doc: IcpDocument) -> list[str]:
    problems = []
    for label, items in (
        ("segments", doc.segments),
        ("disqualifiers", doc.disqualifiers),
        ("assumptions", doc.assumptions),
    ):
        for dup in _duplicates([i.id for i in items]):
            problems.append(f"{label}: id '{dup}' is used twice")
    for s, seg in enumerate(doc.segments):
        for dup in _duplicates([d.id for d in seg.disqualifiers]):
            problems.append(f"segments[{s}].disqualifiers: id '{dup}' is used twice")
    sensitive = set(doc.sensitive_attributes)
    for path, rule in doc.all_rules():
        if rule.field in sensitive:
            problems.append(f"{path}.field: '{rule.field}' is a sensitive attribute and cannot be used in a rule")
    live = {s.id for s in doc.live_segments()} | set(RESERVED_SEGMENTS)
    for a, assumption in enumerate(doc.assumptions):
        if assumption.segment not in live:
            problems.append(
                f"assumptions[{a}].segment: '{assumption.segment}' is not a live segment "
                "(a non-retired segment id, non_icp, disqualified or all)"
            )
    return problems


class IcpValidationError(InvalidInput):
    """The document is refused; `problems` holds one 'path: what is wrong' line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("invalid ICP document:\n" + "\n".join(f"  {p}" for p in problems))


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _message(error: dict[str, Any]) -> str:
    return str(error["msg"]).removeprefix("Value error, ")


def parse_icp(data: dict[str, Any] | str, *, known_fields: set[str] | None = None) -> IcpDocument:
    """Validate a document; with `known_fields`, rules must name one of those account columns."""
    try:
        raw = json.loads(data) if isinstance(data, str) else data
    except json.JSONDecodeError as exc:
        raise IcpValidationError([f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]) from exc
    if not isinstance(raw, dict):
        raise IcpValidationError(["the document must be a JSON object"])
    try:
        doc = IcpDocument.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            where = _path(tuple(error["loc"]))
            for msg in _message(error).split("; "):
                problems.append(f"{where}: {msg}" if where else msg)
        raise IcpValidationError(problems) from None
    if known_fields is not None:
        unknown = [
            f"{path}.field: accounts have no column '{rule.field}'"
            for path, rule in doc.all_rules()
            if rule.field not in known_fields
        ]
        if unknown:
            raise IcpValidationError(unknown)
    return doc

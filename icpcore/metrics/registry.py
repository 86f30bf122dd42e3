"""Every leading indicator declared once, as data (CONTRACT section 4).

The glossary, the Segment health page, the review board and the exports all read this table;
nothing else spells a metric's label, unit, format or direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Kind = Literal["count", "rate", "median", "ratio"]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    kind: Kind
    unit: str
    fmt: str  # a str.format spec for the value, e.g. "{:.1%}"
    higher_is_better: bool
    window: str
    definition: str

    @property
    def has_interval(self) -> bool:
        return self.kind in ("rate", "median")

    def format(self, value: float | None) -> str:
        return "–" if value is None else self.fmt.format(value)


METRICS: tuple[Metric, ...] = (
    Metric(
        "leads",
        "Leads",
        "count",
        "leads",
        "{:,.0f}",
        True,
        "month created",
        "Leads created in the month.",
    ),
    Metric(
        "qualified_rate",
        "Qualified rate",
        "rate",
        "share",
        "{:.1%}",
        True,
        "qualification window",
        "Of the leads created in the month whose qualification window has passed, the share "
        "qualified within that window after creation.",
    ),
    Metric(
        "win_rate",
        "Win rate",
        "rate",
        "share",
        "{:.1%}",
        True,
        "month closed",
        "Of the opportunities closed in the month, the share won.",
    ),
    Metric(
        "first_value_rate",
        "First-value rate",
        "rate",
        "share",
        "{:.1%}",
        True,
        "14 days",
        "Of the accounts whose first signup is in the month (and at least 14 days old), the "
        "share reaching first value within 14 days of signing up.",
    ),
    Metric(
        "time_to_first_value_days",
        "Time to first value",
        "median",
        "days",
        "{:.1f} d",
        False,
        "first signup",
        "Median days from an account's first signup to its first value event after it, over the "
        "accounts whose first signup is in the month.",
    ),
    Metric(
        "new_customers",
        "New customers",
        "count",
        "accounts",
        "{:,.0f}",
        True,
        "first purchase",
        "Accounts whose first purchase is in the month.",
    ),
    Metric(
        "refund_rate",
        "Refund rate",
        "rate",
        "share",
        "{:.1%}",
        False,
        "30 days",
        "Of the accounts whose first purchase is in the month (at least 30 days ago), the share "
        "refunded within 30 days.",
    ),
    Metric(
        "downgrade_rate",
        "Downgrade rate",
        "rate",
        "share",
        "{:.1%}",
        False,
        "90 days",
        "Of the accounts whose first purchase is in the month (at least 90 days ago), the share "
        "downgrading within 90 days.",
    ),
    Metric(
        "retention_90d",
        "90-day retention",
        "rate",
        "share",
        "{:.1%}",
        True,
        "90 days",
        "Of the accounts whose first purchase is in the month (at least 90 days ago), the share "
        "that did not churn within 90 days.",
    ),
    Metric(
        "cac",
        "CAC",
        "ratio",
        "currency per customer",
        "{:,.0f}",
        False,
        "month of spend",
        "Spend attributed to the segment in the month divided by its new customers. Spend tagged "
        "with a live segment goes to it; other spend is shared out by the month's leads from the "
        "same channel (and campaign).",
    ),
    Metric(
        "success_rate",
        "Success rate",
        "rate",
        "share",
        "{:.1%}",
        True,
        "success window",
        "Of the accounts whose first touch (first lead or signup) is in the month and whose "
        "success window has passed, the share reaching the ICP's success event within it.",
    ),
)

METRIC_KEYS: tuple[str, ...] = tuple(m.key for m in METRICS)
BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}


def metric(key: str) -> Metric:
    return BY_KEY[key]

"""The seven evidence kinds of CONTRACT section 1: their columns and what each must hold."""

from __future__ import annotations

from dataclasses import dataclass, field

KINDS = ("accounts", "leads", "opportunities", "product_events", "billing", "spend", "notes")
BILLING_EVENTS = ("purchase", "refund", "downgrade", "upgrade", "churn")
NOTE_SOURCES = (
    "sales_call",
    "sales_note",
    "support_ticket",
    "win_loss",
    "success_log",
    "survey",
    "ad_platform",
    "other",
)
TRUE_WORDS = frozenset({"true", "1", "yes", "y"})
FALSE_WORDS = frozenset({"false", "0", "no", "n"})


@dataclass(frozen=True)
class KindSpec:
    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    id_column: str | None = None
    references_accounts: bool = True
    timestamps: tuple[str, ...] = ()
    numbers: tuple[str, ...] = ()
    non_negative: tuple[str, ...] = ()
    free_text: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def known(self) -> tuple[str, ...]:
        return self.required + self.optional


SPECS: dict[str, KindSpec] = {
    "accounts": KindSpec(
        "accounts",
        required=("account_id", "industry", "employees", "region"),
        optional=("name", "annual_revenue", "country"),
        id_column="account_id",
        references_accounts=False,
        numbers=("employees", "annual_revenue"),
        non_negative=("employees", "annual_revenue"),
    ),
    "leads": KindSpec(
        "leads",
        required=("lead_id", "account_id", "created_at", "channel"),
        optional=("campaign", "qualified_at", "disqualified_reason"),
        id_column="lead_id",
        timestamps=("created_at", "qualified_at"),
        free_text=("disqualified_reason",),
    ),
    "opportunities": KindSpec(
        "opportunities",
        required=("opportunity_id", "account_id", "created_at", "stage", "won"),
        optional=("closed_at", "amount"),
        id_column="opportunity_id",
        timestamps=("created_at", "closed_at"),
        numbers=("amount",),
    ),
    "product_events": KindSpec(
        "product_events",
        required=("account_id", "event", "occurred_at"),
        timestamps=("occurred_at",),
    ),
    "billing": KindSpec(
        "billing",
        required=("account_id", "event", "occurred_at"),
        optional=("amount",),
        timestamps=("occurred_at",),
        numbers=("amount",),
        choices={"event": BILLING_EVENTS},
    ),
    "spend": KindSpec(
        "spend",
        required=("month", "channel", "amount"),
        optional=("campaign", "segment"),
        references_accounts=False,
        numbers=("amount",),
    ),
    "notes": KindSpec(
        "notes",
        required=("note_id", "source", "created_at", "text"),
        optional=("account_id",),
        id_column="note_id",
        timestamps=("created_at",),
        free_text=("text",),
        choices={"source": NOTE_SOURCES},
    ),
}


def spec(kind: str) -> KindSpec:
    try:
        return SPECS[kind]
    except KeyError:
        raise ValueError(f"unknown evidence kind '{kind}' (one of {', '.join(KINDS)})") from None

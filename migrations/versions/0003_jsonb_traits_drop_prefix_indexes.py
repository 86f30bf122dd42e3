"""account traits as jsonb on PostgreSQL; drop indexes that 0002's covering indexes extend

Rules and the bias scan read account traits out of JSON for every account. PostgreSQL's `json`
type is text that must be re-parsed on every read; `jsonb` is stored parsed. SQLite keeps JSON
text (it has no other kind).

The 0001 indexes on leads, product events and billing are prefixes of 0002's covering indexes:
they add nothing, and after ANALYZE SQLite's planner may pick one of them and read the table.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TRAIT_COLUMNS = ("traits", "traits_ci", "traits_num")
PREFIX_INDEXES = (
    ("ix_leads_account", "leads", ["account_id"]),
    ("ix_leads_month_channel", "leads", ["created_month", "channel_ci", "campaign_ci"]),
    ("ix_product_events_event_account", "product_events", ["event", "account_id", "ts"]),
    ("ix_billing_event_account", "billing", ["event", "account_id", "ts"]),
)


def upgrade() -> None:
    for name, table, _ in PREFIX_INDEXES:
        op.drop_index(name, table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        for column in TRAIT_COLUMNS:
            op.alter_column("accounts", column, type_=postgresql.JSONB(), postgresql_using=f"{column}::jsonb")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for column in TRAIT_COLUMNS:
            op.alter_column("accounts", column, type_=postgresql.JSON(), postgresql_using=f"{column}::json")
    for name, table, columns in PREFIX_INDEXES:
        op.create_index(name, table, columns, unique=False)

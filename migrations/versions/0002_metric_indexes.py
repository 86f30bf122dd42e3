"""covering indexes for the metric queries

The indicator queries read leads in two orders: by month, channel and campaign (one pass that
counts leads per segment without sorting) and by account (first touch). With every column a query
reads in the index, SQLite answers from the index alone instead of visiting a million table rows
in random order. Product events and billing get the month beside the timestamp for the same
reason.

On SQLite, `segment_assignments` becomes a WITHOUT ROWID table: its primary key (ICP version,
evidence version, account) then holds the segment, so looking up a lead's segment is one B-tree
search instead of two. The table is a cache (recomputed on demand), so its rows are dropped.

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    (
        "ix_leads_month_cover",
        "leads",
        ["created_month", "channel_ci", "campaign_ci", "account_id", "created_ts", "qualified_ts"],
    ),
    ("ix_leads_account_cover", "leads", ["account_id", "created_ts", "created_month", "qualified_ts"]),
    ("ix_product_events_cover", "product_events", ["event", "account_id", "ts", "month"]),
    ("ix_billing_cover", "billing", ["event", "account_id", "ts", "month"]),
)


def _assignments(**options: object) -> None:
    op.drop_index("ix_assign_account", table_name="segment_assignments")
    op.drop_table("segment_assignments")
    op.create_table(
        "segment_assignments",
        sa.Column("icp_version", sa.Integer(), nullable=False),
        sa.Column("evidence_version", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.String(length=200), nullable=False),
        sa.Column("segment", sa.String(length=200), nullable=False),
        sa.Column("matched_segment", sa.String(length=200), nullable=True),
        sa.Column("disqualifier", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("icp_version", "evidence_version", "account_id"),
        **options,
    )
    op.create_index(
        "ix_assign_account", "segment_assignments", ["icp_version", "evidence_version", "account_id", "segment"]
    )


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, unique=False)
    if op.get_bind().dialect.name == "sqlite":
        _assignments(sqlite_with_rowid=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _assignments()
    for name, table, _ in reversed(INDEXES):
        op.drop_index(name, table_name=table)

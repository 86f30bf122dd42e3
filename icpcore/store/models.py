"""SQLAlchemy 2 typed ORM: the ICP history, the evidence bundle, reviews and the audit log.

Evidence timestamps are UTC epoch seconds (`*_ts`) with the calendar month of the row's start
(`*_month`, 'YYYY-MM') beside them, so every window is arithmetic and every grouping is by a
plain column, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

Id = String(200)
# Account traits are read for every account by rules and the bias scan: stored parsed on PostgreSQL.
Traits = JSON().with_variant(JSONB(), "postgresql")


class Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class IcpVersion(Base):
    """One immutable saved state of the ICP document."""

    __tablename__ = "icp_versions"
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    document: Mapped[dict[str, Any]] = mapped_column(JSON)
    author: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    based_on: Mapped[int | None] = mapped_column(Integer)
    restored_from: Mapped[int | None] = mapped_column(Integer)


class ImportRecord(Base):
    """Who imported what, when, from which file; its id versions the evidence."""

    __tablename__ = "imports"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(String(500))
    checksum: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    source_tag: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(20))  # append | replace | demo | clear
    columns: Mapped[list[Any]] = mapped_column(JSON)
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class _Evidence:
    source_tag: Mapped[str] = mapped_column(String(200))
    import_id: Mapped[int] = mapped_column(Integer, index=False)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)


class Account(_Evidence, Base):
    """Every column of the accounts file lives in `traits` (display text), `traits_ci`
    (lower-cased, for rules) and `traits_num` (values that parse as numbers); empty values
    are absent from all three."""

    __tablename__ = "accounts"
    account_id: Mapped[str] = mapped_column(Id, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(500))
    traits: Mapped[dict[str, Any]] = mapped_column(Traits)
    traits_ci: Mapped[dict[str, Any]] = mapped_column(Traits)
    traits_num: Mapped[dict[str, Any]] = mapped_column(Traits)


class Lead(_Evidence, Base):
    __tablename__ = "leads"
    lead_id: Mapped[str] = mapped_column(Id, primary_key=True)
    account_id: Mapped[str] = mapped_column(Id)
    created_ts: Mapped[float] = mapped_column(Float)
    created_month: Mapped[str] = mapped_column(String(7))
    channel: Mapped[str] = mapped_column(String(200))
    channel_ci: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str | None] = mapped_column(String(200))
    campaign_ci: Mapped[str | None] = mapped_column(String(200))
    qualified_ts: Mapped[float | None] = mapped_column(Float)
    disqualified_reason: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (
        # Covering indexes (migration 0002): the metric queries read leads by month and by account.
        Index(
            "ix_leads_month_cover",
            "created_month",
            "channel_ci",
            "campaign_ci",
            "account_id",
            "created_ts",
            "qualified_ts",
        ),
        Index("ix_leads_account_cover", "account_id", "created_ts", "created_month", "qualified_ts"),
    )


class Opportunity(_Evidence, Base):
    __tablename__ = "opportunities"
    opportunity_id: Mapped[str] = mapped_column(Id, primary_key=True)
    account_id: Mapped[str] = mapped_column(Id)
    created_ts: Mapped[float] = mapped_column(Float)
    created_month: Mapped[str] = mapped_column(String(7))
    closed_ts: Mapped[float | None] = mapped_column(Float)
    closed_month: Mapped[str | None] = mapped_column(String(7))
    stage: Mapped[str] = mapped_column(String(200))
    won: Mapped[bool] = mapped_column(Boolean)
    amount: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (Index("ix_opportunities_account", "account_id"),)


class ProductEvent(_Evidence, Base):
    __tablename__ = "product_events"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    account_id: Mapped[str] = mapped_column(Id)
    event: Mapped[str] = mapped_column(String(200))
    ts: Mapped[float] = mapped_column(Float)
    month: Mapped[str] = mapped_column(String(7))
    __table_args__ = (Index("ix_product_events_cover", "event", "account_id", "ts", "month"),)


class BillingEvent(_Evidence, Base):
    __tablename__ = "billing"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    account_id: Mapped[str] = mapped_column(Id)
    event: Mapped[str] = mapped_column(String(20))
    ts: Mapped[float] = mapped_column(Float)
    month: Mapped[str] = mapped_column(String(7))
    amount: Mapped[float | None] = mapped_column(Float)
    __table_args__ = (Index("ix_billing_cover", "event", "account_id", "ts", "month"),)


class Spend(_Evidence, Base):
    __tablename__ = "spend"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    month: Mapped[str] = mapped_column(String(7))
    channel: Mapped[str] = mapped_column(String(200))
    channel_ci: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str | None] = mapped_column(String(200))
    campaign_ci: Mapped[str | None] = mapped_column(String(200))
    segment: Mapped[str | None] = mapped_column(String(200))
    amount: Mapped[float] = mapped_column(Float)
    __table_args__ = (Index("ix_spend_month", "month"),)


class Note(_Evidence, Base):
    __tablename__ = "notes"
    note_id: Mapped[str] = mapped_column(Id, primary_key=True)
    account_id: Mapped[str | None] = mapped_column(Id)
    source: Mapped[str] = mapped_column(String(40))
    created_ts: Mapped[float] = mapped_column(Float)
    created_month: Mapped[str] = mapped_column(String(7))
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (Index("ix_notes_account", "account_id"), Index("ix_notes_source", "source"))


class SegmentAssignment(Base):
    """Each account's segment under one (ICP version, evidence version): materialised so a page
    view never recomputes it."""

    __tablename__ = "segment_assignments"
    icp_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    evidence_version: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[str] = mapped_column(Id, primary_key=True)
    segment: Mapped[str] = mapped_column(String(200))
    matched_segment: Mapped[str | None] = mapped_column(String(200))
    disqualifier: Mapped[str | None] = mapped_column(String(200))
    __table_args__ = (
        Index("ix_assign_account", "icp_version", "evidence_version", "account_id", "segment"),
        {"sqlite_with_rowid": False},  # migration 0002: the primary key holds the row on SQLite
    )


class Review(Base):
    """A monthly review meeting; `snapshot` freezes every number the meeting saw."""

    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    held_on: Mapped[str] = mapped_column(String(10))
    as_of: Mapped[str] = mapped_column(String(10))
    attendees: Mapped[list[Any]] = mapped_column(JSON)
    icp_version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    started_by: Mapped[str] = mapped_column(String(200))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    minutes: Mapped[str | None] = mapped_column(Text)


class ReviewDecision(Base):
    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("reviews.id"))
    assumption_id: Mapped[str] = mapped_column(String(200))
    decision: Mapped[str] = mapped_column(String(20))  # keep | revise | retire | investigate
    note: Mapped[str] = mapped_column(Text, default="")
    icp_version: Mapped[int | None] = mapped_column(Integer)
    author: Mapped[str] = mapped_column(String(200))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ContradictingDeal(Base):
    __tablename__ = "contradicting_deals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    opportunity_id: Mapped[str] = mapped_column(Id)
    segment: Mapped[str | None] = mapped_column(String(200))
    assumption_id: Mapped[str | None] = mapped_column(String(200))
    field: Mapped[str] = mapped_column(String(200))
    note: Mapped[str] = mapped_column(Text)
    submitted_by: Mapped[str] = mapped_column(String(200))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AuditEntry(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(100))
    target: Mapped[str] = mapped_column(String(500))
    origin: Mapped[str] = mapped_column(String(100))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


EVIDENCE_MODELS = {
    "accounts": Account,
    "leads": Lead,
    "opportunities": Opportunity,
    "product_events": ProductEvent,
    "billing": BillingEvent,
    "spend": Spend,
    "notes": Note,
}

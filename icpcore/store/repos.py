"""Repositories: typed reads and adds over one session. They never commit (the unit of work does)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from icpcore.store.models import (
    EVIDENCE_MODELS,
    AuditEntry,
    ContradictingDeal,
    IcpVersion,
    ImportRecord,
    Review,
    ReviewDecision,
)

STANDARD_ACCOUNT_COLUMNS = frozenset(
    {"account_id", "name", "industry", "employees", "annual_revenue", "region", "country"}
)


class IcpRepository:
    def __init__(self, session: Session):
        self.session = session

    def latest(self) -> IcpVersion | None:
        return self.session.scalar(select(IcpVersion).order_by(IcpVersion.number.desc()).limit(1))

    def get(self, number: int) -> IcpVersion | None:
        return self.session.get(IcpVersion, number)

    def list(self) -> list[IcpVersion]:
        return list(self.session.scalars(select(IcpVersion).order_by(IcpVersion.number.desc())))

    def add(
        self,
        *,
        number: int,
        document: dict[str, Any],
        author: str,
        reason: str,
        based_on: int | None,
        restored_from: int | None = None,
    ) -> IcpVersion:
        version = IcpVersion(
            number=number,
            document=document,
            author=author,
            reason=reason,
            created_at=datetime.now(UTC),
            based_on=based_on,
            restored_from=restored_from,
        )
        self.session.add(version)
        self.session.flush()  # the primary key makes a concurrent save of the same number fail here
        return version


class EvidenceRepository:
    def __init__(self, session: Session):
        self.session = session

    def count(self, kind: str) -> int:
        model = EVIDENCE_MODELS[kind]
        return int(self.session.scalar(select(func.count()).select_from(model)) or 0)

    def imports(self) -> list[ImportRecord]:
        return list(self.session.scalars(select(ImportRecord).order_by(ImportRecord.id.desc())))

    def known_account_fields(self) -> set[str] | None:
        """Columns the imported accounts have; None while there are no accounts (nothing to check)."""
        if self.count("accounts") == 0:
            return None
        records = self.session.scalars(
            select(ImportRecord).where(ImportRecord.kind == "accounts").order_by(ImportRecord.id)
        )
        fields: set[str] = set(STANDARD_ACCOUNT_COLUMNS)
        for record in records:
            if record.mode in ("replace", "demo", "clear"):
                fields = set(STANDARD_ACCOUNT_COLUMNS)
            fields.update(str(c).lower() for c in record.columns or [])
        return fields


class ReviewRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, review_id: int) -> Review | None:
        return self.session.get(Review, review_id)

    def list(self) -> list[Review]:
        return list(self.session.scalars(select(Review).order_by(Review.id.desc())))

    def add(self, review: Review) -> Review:
        self.session.add(review)
        self.session.flush()
        return review

    def decisions(self, review_id: int) -> list[ReviewDecision]:
        query = select(ReviewDecision).where(ReviewDecision.review_id == review_id).order_by(ReviewDecision.id)
        return list(self.session.scalars(query))

    def add_decision(self, decision: ReviewDecision) -> ReviewDecision:
        self.session.add(decision)
        self.session.flush()
        return decision

    def marker(self) -> str:
        """Changes whenever a review starts or finishes or a decision is recorded (keys cached reads)."""
        started, finished = self.session.execute(select(func.count(Review.id), func.count(Review.finished_at))).one()
        decided = self.session.scalar(select(func.coalesce(func.max(ReviewDecision.id), 0)))
        return f"{started}-{finished}-{decided}"

    def deals(self) -> list[ContradictingDeal]:
        return list(self.session.scalars(select(ContradictingDeal).order_by(ContradictingDeal.id.desc())))

    def add_deal(self, deal: ContradictingDeal) -> ContradictingDeal:
        self.session.add(deal)
        self.session.flush()
        return deal

    def audit_log(self, limit: int = 500) -> list[AuditEntry]:
        return list(self.session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)))

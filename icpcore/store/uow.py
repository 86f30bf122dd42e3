"""The Store (engine plus sessions) and the unit of work that owns commit and rollback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from icpcore.access import Actor
from icpcore.store import db
from icpcore.store.models import AuditEntry, ImportRecord
from icpcore.store.repos import EvidenceRepository, IcpRepository, ReviewRepository


class UnitOfWork:
    """One transaction: repositories share its session; leaving the block commits, an
    exception rolls everything back."""

    def __init__(self, session: Session):
        self.session = session
        self.icp = IcpRepository(session)
        self.evidence = EvidenceRepository(session)
        self.reviews = ReviewRepository(session)

    def audit(self, actor: Actor, action: str, target: str, **detail: Any) -> None:
        self.session.add(
            AuditEntry(
                at=datetime.now(UTC),
                actor=actor.who,
                action=action,
                target=target,
                origin=actor.origin,
                detail=detail,
            )
        )


class Store:
    def __init__(self, engine: Engine):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str | None = None, *, migrate: bool = True) -> Store:
        engine = db.make_engine(url)
        if migrate:
            db.migrate(engine)
        return cls(engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        session = self._sessions()
        try:
            yield UnitOfWork(session)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        """A unit of work that never commits: for queries."""
        session = self._sessions()
        try:
            yield UnitOfWork(session)
        finally:
            session.rollback()
            session.close()

    def evidence_version(self) -> int:
        """Grows with every import, replace or clear: keys caches and materialisations."""
        with self.read() as uow:
            return int(uow.session.scalar(select(func.coalesce(func.max(ImportRecord.id), 0))) or 0)

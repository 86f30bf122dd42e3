"""Storage: typed ORM, repositories and the unit of work."""

from icpcore.store.uow import Store, UnitOfWork

__all__ = ["Store", "UnitOfWork"]

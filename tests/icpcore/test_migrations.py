"""The migrations build exactly the schema the ORM models describe, and go down and up again."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from icpcore.store.db import alembic_config
from icpcore.store.models import Base


def _drift(store) -> list:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection)
        return compare_metadata(context, Base.metadata)


def test_models_match_the_migrated_schema(store) -> None:
    assert _drift(store) == []


def test_downgrade_to_base_and_upgrade_again(store) -> None:
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    assert _drift(store) == []

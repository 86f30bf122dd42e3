"""Shared fixtures: a fresh store per test on SQLite, and on PostgreSQL when
ICP_TEST_POSTGRES_URL is set (each test gets its own database, dropped afterwards)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from hypothesis import settings
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from icpcore.access import Actor
from icpcore.store import Store

# Timing-based deadlines only add noise on a shared 2-core machine; performance lives in benchmarks/.
settings.register_profile("fitboard", deadline=None)
settings.load_profile("fitboard")

PG_URL = os.environ.get("ICP_TEST_POSTGRES_URL")
requires_postgres = pytest.mark.skipif(not PG_URL, reason="ICP_TEST_POSTGRES_URL is not set")

ADMIN = Actor("test admin", "admin", "tests")
EDITOR = Actor("test editor", "editor", "tests")
VIEWER = Actor("test viewer", "viewer", "tests")


def sqlite_store_at(path: os.PathLike[str] | str) -> Store:
    return Store.open(f"sqlite:///{path}")


@pytest.fixture
def sqlite_store(tmp_path) -> Iterator[Store]:
    store = sqlite_store_at(tmp_path / "fitboard.db")
    yield store
    store.engine.dispose()


def _admin_engine():
    return create_engine(PG_URL, isolation_level="AUTOCOMMIT")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """The URL of a brand-new PostgreSQL database, dropped after the test."""
    if not PG_URL:
        pytest.skip("ICP_TEST_POSTGRES_URL is not set")
    name = f"fitboard_t_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def pg_store(pg_url) -> Iterator[Store]:
    store = Store.open(pg_url)
    yield store
    store.engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request) -> Iterator[Store]:
    """The same test on both engines."""
    yield request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")

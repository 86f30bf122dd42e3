"""Which database, its engine, and the schema brought up to date by Alembic."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

PROJECT_ROOT = Path(__file__).resolve().parents[2]
MIGRATIONS = PROJECT_ROOT / "migrations"
DEFAULT_SQLITE = PROJECT_ROOT / "data" / "fitboard.db"
SECRETS = PROJECT_ROOT / ".streamlit" / "secrets.toml"


def resolve_url(explicit: str | None = None) -> str:
    """`--db`, then ICP_DATABASE_URL, then `[connections.icp] url` in secrets, then SQLite."""
    if explicit:
        return explicit
    if os.environ.get("ICP_DATABASE_URL"):
        return os.environ["ICP_DATABASE_URL"]
    if SECRETS.exists():
        secrets = tomllib.loads(SECRETS.read_text(encoding="utf-8"))
        url = secrets.get("connections", {}).get("icp", {}).get("url")
        if url:
            return str(url)
    return f"sqlite:///{DEFAULT_SQLITE}"


def normalise_url(url: str) -> str:
    """Plain postgres URLs use psycopg 3, the driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str | None = None) -> Engine:
    url = normalise_url(resolve_url(url))
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the latest revision."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

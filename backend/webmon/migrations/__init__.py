"""Alembic migrations, and the function `webmon migrate` / `webmon serve` call."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(database_url: str | None = None) -> Config:
    """Found relative to the package, so `webmon migrate` works from any folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        # ConfigParser treats % as interpolation; passwords may contain it.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(database_url: str) -> None:
    """Run from synchronous code (no event loop running in this thread)."""
    command.upgrade(alembic_config(database_url), "head")


def upgrade_connection_to_head(connection: Connection) -> None:
    """For callers inside an event loop: `await conn.run_sync(upgrade_connection_to_head)`."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")

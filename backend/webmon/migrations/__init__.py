"""Alembic migrations, and the function `webmon migrate` / `webmon serve` call."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Connection

from webmon.db import is_database_unavailable

log = logging.getLogger("webmon.migrate")

MIGRATIONS_DIR = Path(__file__).resolve().parent


_PARTITION = re.compile(r"^website_checks_(p\d{8}|default)$")


def make_include_object(dialect_name: str) -> Callable[..., bool]:
    """What autogenerate (and the schema test) compares: not the daily partitions of
    website_checks (and its DEFAULT one), and not indexes the models create on another database only (`ddl_if`)."""

    def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
        if type_ == "table" and name and _PARTITION.match(name):
            return False
        if type_ == "index" and not reflected:
            condition = getattr(obj, "_ddl_if", None)
            if condition is not None and condition.dialect not in (None, dialect_name):
                return False
        return True

    return include_object


def alembic_config(database_url: str | None = None) -> Config:
    """Found relative to the package, so `webmon migrate` works from any folder."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if database_url:
        # ConfigParser treats % as interpolation; passwords may contain it.
        config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    return config


def upgrade_to_head(database_url: str, *, wait_seconds: float = 0) -> None:
    """Run from synchronous code (no event loop running in this thread). With `wait_seconds`,
    a database that is still starting is waited for, with backoff, that long at the most."""
    deadline = time.monotonic() + wait_seconds
    delay = 0.5
    while True:
        try:
            command.upgrade(alembic_config(database_url), "head")
            return
        except Exception as exc:
            if not (is_database_unavailable(exc) or isinstance(exc, OSError)) or time.monotonic() + delay > deadline:
                raise
            log.warning("database not reachable yet (%s); retrying in %.1f s", type(exc).__name__, delay)
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def upgrade_connection_to_head(connection: Connection) -> None:
    """For callers inside an event loop: `await conn.run_sync(upgrade_connection_to_head)`."""
    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")

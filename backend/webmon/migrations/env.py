"""Alembic environment: one history for PostgreSQL and SQLite.

The URL comes from Webmon's settings unless the caller put one in the Alembic config; a caller
that already holds a connection (tests, `webmon serve`) passes it in `config.attributes`.
"""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import event, pool
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.ext.asyncio import create_async_engine

from webmon.migrations import make_include_object
from webmon.models import Base

config = context.config
target_metadata = Base.metadata


def _database_url() -> str:
    url = config.get_main_option("sqlalchemy.url")
    if url:
        return url
    from webmon.config import get_settings

    return get_settings().database_url


def _configure(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        # SQLite cannot ALTER most things; batch mode rebuilds the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=make_include_object(connection.dialect.name),
    )


def _run_sync(connection: Connection) -> None:
    _configure(connection)
    with context.begin_transaction():
        context.run_migrations()


def _transactional_sqlite(engine: Engine) -> None:
    """All of a run in one real transaction (the sqlite3 module would begin one only before the
    first INSERT or UPDATE, leaving earlier DDL outside it), with foreign keys off: SQLite's way
    to change a table is to rebuild it (0010 rebuilds users), and with foreign keys on, dropping
    the old table would delete the rows pointing at it. Off is SQLite's default; said outright,
    before the transaction, because inside one it cannot change."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")


async def _run_async() -> None:
    url = _database_url()
    if url.startswith("sqlite"):
        from webmon.db import prepare_sqlite_file, sqlite_file

        path = sqlite_file(url)
        if path is not None:
            prepare_sqlite_file(path)
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        if url.startswith("sqlite"):
            _transactional_sqlite(engine.sync_engine)
        async with engine.connect() as connection:
            await connection.run_sync(_run_sync)
            await connection.commit()
    finally:
        await engine.dispose()


def run_offline() -> None:
    context.configure(url=_database_url(), target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_sync(connection)
    else:
        asyncio.run(_run_async())


if context.is_offline_mode():
    run_offline()
else:
    run_online()

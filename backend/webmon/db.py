"""Database engine and sessions.

One async engine per process. Sessions are handed out by `session_scope` (tasks, the scheduler) or
the `get_session` request dependency; both commit at the boundary, so services never commit.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from webmon.config import Settings


def sqlite_file(database_url: str) -> Path | None:
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def prepare_sqlite_file(path: Path) -> None:
    """The folder 0700 and the file 0600, before SQLite makes them (its WAL and shared-memory files
    take the database file's mode): the file holds password hashes and chat ids. A file left
    readable by others by an older version is tightened. If the folder cannot be made, connecting
    fails later with SQLite's own clear error."""
    with contextlib.suppress(OSError):
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            mode = file.stat().st_mode
            if mode & 0o077:
                file.chmod(mode & 0o700)


def create_engine(settings: Settings) -> AsyncEngine:
    if settings.is_sqlite:
        return _create_sqlite_engine(settings.database_url)
    return create_async_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        # No ping before every use: it was a round trip and ~0.3 ms of CPU on every request. A
        # connection found dead fails its request with a 503 (is_database_unavailable), and
        # SQLAlchemy then replaces every connection older than it: after a PostgreSQL restart
        # one request per process sees the 503, the rest get fresh connections.
        pool_pre_ping=False,
        pool_recycle=1800,
        pool_timeout=10,
        # A failing statement's parameters are user input (or a password hash): never in logs.
        hide_parameters=True,
        connect_args={
            "server_settings": {"application_name": "webmon"},
            "timeout": 10,
            "command_timeout": 60,
        },
    )


def _create_sqlite_engine(database_url: str) -> AsyncEngine:
    path = sqlite_file(database_url)
    if path is not None:
        prepare_sqlite_file(path)
    engine = create_async_engine(database_url, connect_args={"timeout": 30}, hide_parameters=True)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin (see below).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        # A deferred transaction that reads and then writes fails with SQLITE_BUSY (no waiting)
        # when another connection committed in between; the API and the scheduler share the
        # file, so every transaction takes the write lock up front and waits its turn instead.
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def create_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


class Database:
    """The engine and session factory of one process."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = create_engine(settings)
        self.sessions = create_session_factory(self.engine)

    @asynccontextmanager
    async def session_scope(self) -> AsyncIterator[AsyncSession]:
        """A unit of work outside a request: commits on success, rolls back on error."""
        async with self.sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise

    async def dispose(self) -> None:
        await self.engine.dispose()


def dialect_name(session: AsyncSession) -> str:
    """Which database a session talks to ("postgresql" or "sqlite"): the SQL some steps write differs."""
    return session.get_bind().dialect.name


def is_database_unavailable(exc: BaseException) -> bool:
    """Lost connections, refused connections, a full pool, a locked SQLite file: retrying later helps."""
    if isinstance(exc, sa_exc.TimeoutError):  # the pool had no connection to give
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        if exc.connection_invalidated or isinstance(exc, (sa_exc.OperationalError, sa_exc.InterfaceError)):
            return True
        exc = exc.orig or exc
        # SQLAlchemy's asyncpg adapter wraps the driver's error in its own "Error" class; the
        # driver's (e.g. "the database system is starting up") is the cause.
        exc = exc.__cause__ or exc
    if isinstance(exc, (ConnectionError, TimeoutError)):
        return True
    name = type(exc).__name__
    # asyncpg's own connection-level errors, without importing asyncpg here.
    return name in {
        "CannotConnectNowError",
        "ConnectionDoesNotExistError",
        "ConnectionFailureError",
        "InterfaceError",
        "TooManyConnectionsError",
        "AdminShutdownError",
        "CrashShutdownError",
    }

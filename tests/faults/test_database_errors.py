"""PostgreSQL refusing connections while it starts, stops or is full is an outage (503 with
Retry-After), not a server error (500). SQLAlchemy's asyncpg adapter raises its generic `Error`
for a connection that cannot be opened, with the driver's exception as its `__cause__`: that is
the one to recognise (db.is_database_unavailable)."""

from __future__ import annotations

import asyncpg
import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy.dialects.postgresql.asyncpg import AsyncAdapt_asyncpg_connection, AsyncAdapt_asyncpg_dbapi

from webmon.db import is_database_unavailable

CONNECT_ERRORS = {
    "CannotConnectNowError": "the database system is starting up",
    "AdminShutdownError": "terminating connection due to administrator command",
    "TooManyConnectionsError": "sorry, too many clients already",
    "ConnectionDoesNotExistError": "connection was closed in the middle of operation",
}


def refused_connection(driver_error: Exception) -> sa_exc.DBAPIError:
    """The error SQLAlchemy raises when asyncpg cannot open a connection, built the way it does."""
    dbapi = AsyncAdapt_asyncpg_dbapi(asyncpg)
    try:
        try:
            raise driver_error
        except Exception as driver:
            AsyncAdapt_asyncpg_connection._handle_exception_no_connection(dbapi, driver)
    except Exception as adapted:
        return sa_exc.DBAPIError.instance(None, None, adapted, dbapi.Error)
    raise AssertionError("the adapter did not raise")


def test_the_error_is_built_as_sqlalchemy_builds_it():
    error = refused_connection(asyncpg.exceptions.CannotConnectNowError("the database system is starting up"))

    assert type(error) is sa_exc.DBAPIError
    assert type(error.orig.__cause__) is asyncpg.exceptions.CannotConnectNowError


@pytest.mark.parametrize(("name", "message"), sorted(CONNECT_ERRORS.items()))
def test_a_refused_connection_is_a_database_outage(name, message):
    assert is_database_unavailable(refused_connection(getattr(asyncpg.exceptions, name)(message)))


def test_a_genuine_query_error_is_not_an_outage():
    assert not is_database_unavailable(
        refused_connection(asyncpg.exceptions.UndefinedTableError("relation does not exist"))
    )

"""The private PostgreSQL and Redis of devkit/services.py, as the tests use them: a missing server
binary fails the test under CI=true and skips it elsewhere."""

from __future__ import annotations

import pytest

from devkit import services
from devkit.services import ServiceMissing
from tests.services import IN_CI


def _missing(error: ServiceMissing) -> None:
    if IN_CI:
        pytest.fail(str(error), pytrace=False)
    pytest.skip(str(error))


class PrivatePostgres(services.PrivatePostgres):
    def __init__(self) -> None:
        try:
            super().__init__()
        except ServiceMissing as error:
            _missing(error)


class PrivateRedis(services.PrivateRedis):
    def __init__(self) -> None:
        try:
            super().__init__()
        except ServiceMissing as error:
            _missing(error)


def pg_bin(name: str) -> str:
    try:
        return services.pg_bin(name)
    except ServiceMissing as error:
        _missing(error)
        raise

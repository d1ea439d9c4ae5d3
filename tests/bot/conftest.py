from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest

from tests.fakes.telegram_api import FakeTelegram

TOKEN = "7000000002:AAH-b0t_s3cret-Token-value-0987654321"
SECRET = TOKEN.partition(":")[2]


@pytest.fixture(autouse=True)
def token_never_logged(caplog: pytest.LogCaptureFixture):
    """Every test here runs with DEBUG logging and fails if the token shows up in it."""
    caplog.set_level(logging.DEBUG)
    yield
    formatter = logging.Formatter("%(name)s %(message)s")  # includes tracebacks
    for when in ("setup", "call", "teardown"):
        for record in caplog.get_records(when):
            assert SECRET not in formatter.format(record), f"the bot token leaked: {record.name}"


@pytest.fixture
async def tg() -> AsyncIterator[FakeTelegram]:
    async with FakeTelegram(token=TOKEN, long_poll_cap=0.2) as fake:
        yield fake

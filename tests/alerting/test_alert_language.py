"""Alerts are written in their site owner's language: the claim brings the owner's locale along
with the alert, in the same statements however many alerts and owners there are."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import timedelta
from functools import partial

import pytest
from sqlalchemy import event

from tests.conftest import TELEGRAM_TOKEN
from tests.factories import make_user, make_website
from webmon.alerting.messages import render_alert
from webmon.alerting.outbox import claim_alerts, send_due_alerts
from webmon.db import Database
from webmon.engine import CheckKind, CheckResult
from webmon.models import utcnow
from webmon.notifiers.ratelimit import NoRateLimit
from webmon.notifiers.telegram import TelegramNotifier
from webmon.runner.scheduling import Claim
from webmon.runner.store import store_results

PUBLIC_URL = "https://webmon.example.com"


@pytest.fixture
async def notifier(telegram):
    async with TelegramNotifier(TELEGRAM_TOKEN, telegram.api_url) as tg:
        yield tg


async def _owner_with_site(db: Database, *, locale: str, chat: str, name: str = "Shop") -> int:
    async with db.session_scope() as session:
        user = await make_user(session, locale=locale)
        site = await make_website(session, user, name=name, telegram_chat_id=chat, failure_threshold=1)
        return site.id


async def _fail(db: Database, *site_ids: int) -> None:
    at = utcnow()
    results = [
        (Claim(site_id, at), CheckResult(site_id, False, CheckKind.HTTP_STATUS, "HTTP 503", 503, 20, at, at, 1, None))
        for site_id in site_ids
    ]
    async with db.session_scope() as session:
        await store_results(session, results, now=at, reminder_interval=timedelta(hours=1))


@contextlib.contextmanager
def _statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


async def test_a_claimed_alert_carries_its_owners_language(db):
    russian = await _owner_with_site(db, locale="ru", chat="1")
    english = await _owner_with_site(db, locale="en", chat="2")
    await _fail(db, russian, english)

    async with db.session_scope() as session:
        claimed = await claim_alerts(session, now=utcnow())

    assert {alert.website_id: alert.locale for alert in claimed} == {russian: "ru", english: "en"}


async def test_claiming_many_owners_alerts_asks_no_more_than_claiming_one(db):
    await _fail(db, await _owner_with_site(db, locale="ru", chat="1"))
    with _statements(db) as one:
        async with db.session_scope() as session:
            assert len(await claim_alerts(session, now=utcnow())) == 1

    sites = [await _owner_with_site(db, locale=locale, chat=str(n)) for n, locale in enumerate(["ru", "en"] * 5)]
    await _fail(db, *sites)
    with _statements(db) as many:
        async with db.session_scope() as session:
            assert len(await claim_alerts(session, now=utcnow())) == 10

    assert len(many) == len(one)


async def test_a_russian_owners_site_going_down_is_told_in_russian_and_an_english_ones_in_english(
    db, notifier, telegram
):
    telegram.add_chat("100")
    telegram.add_chat("200")
    russian = await _owner_with_site(db, locale="ru", chat="100", name="Магазин")
    english = await _owner_with_site(db, locale="en", chat="200", name="Shop")
    await _fail(db, russian, english)

    await send_due_alerts(
        db, notifier, NoRateLimit(), render=partial(render_alert, public_url=PUBLIC_URL), clock=utcnow
    )

    [to_russian] = telegram.sent_to("100")
    [to_english] = telegram.sent_to("200")
    assert "<b>Магазин не работает</b>" in to_russian.text and "Код ответа:</b> 503" in to_russian.text
    assert "<b>Shop is DOWN</b>" in to_english.text and "Status code:</b> 503" in to_english.text

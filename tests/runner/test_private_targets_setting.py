"""The administrator's private-targets setting reaches the checks: the engine follows it, read
from the database every few seconds per process (not per check), and at once in `webmon serve`."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from sqlalchemy import select

from tests.api.instance_apps import instance_settings
from tests.factories import create_site, make_user, make_website, register
from tests.runner.test_serve import wait_for
from tests.targets import WORD, target_site
from webmon.app import create_app
from webmon.engine import CheckEngine, CheckSpec, EngineConfig
from webmon.instance import cache as instance_cache
from webmon.instance.cache import InstanceSettingsCache
from webmon.instance.settings import update_instance_settings
from webmon.models import WebsiteCheck, utcnow
from webmon.runner.pipeline import run_batch
from webmon.runner.scheduling import Claim


@pytest.fixture
def settings(database):
    return instance_settings(database)  # allow_private_targets not pinned: the database decides


@pytest.fixture
async def target():
    async with target_site() as site:
        yield site


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def _allow_private(db, settings, allowed: bool) -> None:
    async with db.session_scope() as session:
        user = await make_user(session)
        await update_instance_settings(
            session, settings, {"allow_private_targets": allowed}, by_user_id=user.id, now=utcnow()
        )


async def _last_check(db, website_id: int) -> WebsiteCheck:
    async with db.session_scope() as session:
        return await session.scalar(
            select(WebsiteCheck).where(WebsiteCheck.website_id == website_id).order_by(WebsiteCheck.checked_at.desc())
        )


async def test_the_engine_follows_a_change_of_allow_private_targets_on_its_next_check(target):
    spec = CheckSpec(website_id=1, url=target.serve("/"), valid_word=WORD, timeout=5)
    async with CheckEngine(EngineConfig(retries=0)) as engine:
        blocked = await engine.check(spec)
        engine.allow_private_targets = True
        allowed = await engine.check(spec)
        engine.allow_private_targets = False
        blocked_again = await engine.check(spec)

    assert (blocked.ok, blocked.kind) == (False, "BLOCKED")
    assert allowed.ok is True
    assert (blocked_again.ok, blocked_again.kind) == (False, "BLOCKED")


async def test_a_batch_checks_a_lan_site_once_the_administrator_allows_it(db, settings, target):
    async with db.session_scope() as session:
        site = await make_website(session, await make_user(session), url=target.serve("/"), valid_word=WORD)
    clock = Monotonic()
    instance = InstanceSettingsCache(settings, monotonic=clock)
    async with CheckEngine(EngineConfig(retries=0)) as engine:
        await run_batch(db, engine, [Claim(site.id, utcnow())], reminder_interval=None, instance=instance)
        before = await _last_check(db, site.id)
        await _allow_private(db, settings, True)
        clock.now += instance_cache.DEFAULT_TTL_SECONDS
        await run_batch(db, engine, [Claim(site.id, utcnow())], reminder_interval=None, instance=instance)
        after = await _last_check(db, site.id)

    assert (before.status, before.error_kind) == ("down", "BLOCKED")
    assert (after.status, after.status_code) == ("up", 200)


async def test_the_setting_is_read_once_per_few_seconds_not_per_check_or_batch(db, settings, target, monkeypatch):
    reads = []
    real = instance_cache.load_instance_settings

    async def counted(session, settings):  # type: ignore[no-untyped-def]
        reads.append(1)
        return await real(session, settings)

    monkeypatch.setattr(instance_cache, "load_instance_settings", counted)
    await _allow_private(db, settings, True)
    async with db.session_scope() as session:
        user = await make_user(session)
        sites = [await make_website(session, user, url=target.serve(f"/{n}"), valid_word=WORD) for n in range(10)]
    clock = Monotonic()
    instance = InstanceSettingsCache(settings, monotonic=clock)
    async with CheckEngine(EngineConfig(retries=0)) as engine:
        for _ in range(3):
            await run_batch(
                db, engine, [Claim(s.id, utcnow()) for s in sites], reminder_interval=None, instance=instance
            )
            clock.now += 1
        clock.now += instance_cache.DEFAULT_TTL_SECONDS
        await run_batch(db, engine, [Claim(sites[0].id, utcnow())], reminder_interval=None, instance=instance)

    assert len(reads) == 2  # 31 checks in 4 batches: one read, and one after the cache's few seconds


async def test_in_serve_a_change_in_settings_reaches_the_checks_at_once(db, settings, target):
    app = create_app(
        settings.model_copy(update={"scheduler_tick": 30, "min_check_interval": 1}), database=db, scheduler=True
    )
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client:
            admin = await register(client, "admin")
            patch = await client.patch("/api/v1/admin/settings", json={"allow_private_targets": True}, headers=admin)
            assert patch.status_code == 200
            site = await create_site(client, admin, url=target.serve("/"), valid_word=WORD, failure_threshold=1)

            async def status(expected):  # type: ignore[no-untyped-def]
                body = (await client.get(f"/api/v1/websites/{site['id']}", headers=admin)).json()
                return body if body["status"] == expected else None

            up = await wait_for(lambda: status("up"), timeout=5)
            await client.patch("/api/v1/admin/settings", json={"allow_private_targets": False}, headers=admin)
            await asyncio.sleep(1.05)  # the per-site check-now limit: one a minimum interval (1 s here)
            assert (await client.post(f"/api/v1/websites/{site['id']}/check", headers=admin)).status_code == 202
            down = await wait_for(lambda: status("down"), timeout=5)

    assert up is not None
    assert down is not None
    assert down["error_kind"] == "BLOCKED"

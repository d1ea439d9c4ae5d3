"""The administrator's Settings page in a real browser: private networks switched on from the
dashboard (a LAN site monitored without a restart), invitation links, health; keyboard and axe."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.conftest import _require, screenshot
from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.targets import WORD, target_site
from webmon.web.spa import dashboard_dir

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long password"


@pytest.fixture(scope="module")
def admin_server(tmp_path_factory) -> Iterator[str]:
    """A `webmon serve` of its own: private targets and registration left to the dashboard."""
    _require(dashboard_dir() is not None, "the dashboard is not built")
    folder = tmp_path_factory.mktemp("serve-settings")
    port = free_port()
    env = clean_env(WEBMON_MIN_CHECK_INTERVAL="1", WEBMON_SCHEDULER_TICK="1", WEBMON_ADMIN_EMAIL="admin@example.com")
    log = (folder / "serve.log").open("wb")
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)], env=env, cwd=folder, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{base}/health", process)
        yield base
    finally:
        stop(process)


@pytest.fixture
async def context(browser, admin_server):  # type: ignore[no-untyped-def]
    # bypass_csp: only so that axe can be injected; the app itself runs under its policy.
    context = await browser.new_context(base_url=admin_server, viewport={"width": 1280, "height": 900}, bypass_csp=True)
    yield context
    await context.close()


async def new_page(context):  # type: ignore[no-untyped-def]
    page = await context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    return page


async def register(page, name: str, *, path: str = "/register") -> None:  # type: ignore[no-untyped-def]
    await page.goto(path)
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("User name").fill(name)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_test_id("register-submit").click()


async def sign_in(page, name: str) -> None:  # type: ignore[no-untyped-def]
    await page.goto("/login")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_test_id("login-submit").click()
    await expect(page.get_by_test_id("nav-add-website")).to_be_visible()


async def axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    _require(AXE.exists(), "axe-core is not installed (npm install in frontend/)")
    await page.add_script_tag(path=str(AXE))
    return await page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' '))}))"""
    )


async def add_site(page, url: str) -> None:  # type: ignore[no-untyped-def]
    await page.get_by_test_id("nav-add-website").click()
    await page.get_by_label(re.compile(r"^URL")).fill(url)
    await page.get_by_label(re.compile(r"^Name")).fill("Router")
    await page.get_by_label(re.compile(r"^Keyword")).fill(WORD)
    await page.get_by_label("Check every (seconds)").fill("3600")
    await page.get_by_label(re.compile("Failures before")).fill("1")
    await page.get_by_test_id("website-submit").click()


async def test_the_administrator_allows_private_networks_from_settings_and_a_lan_site_is_monitored(context):
    page = await new_page(context)
    await register(page, "admin")
    await expect(page.get_by_test_id("nav-settings")).to_be_visible()
    async with target_site() as target:
        await add_site(page, target.serve("/"))
        error = page.get_by_text(re.compile("An administrator can allow private networks in Settings"))
        await expect(error).to_be_visible()
        await screenshot(page, "settings-01-private-refused")

        await page.get_by_test_id("nav-settings").click()
        switch = page.get_by_label(re.compile("Allow private network targets"))
        await expect(switch).not_to_be_checked()
        await switch.focus()
        await page.keyboard.press("Space")  # the keyboard is enough
        await expect(page.get_by_test_id("settings-saved")).to_contain_text("Saved")
        await expect(switch).to_be_checked()
        await screenshot(page, "settings-02-private-allowed")

        await add_site(page, target.serve("/"))
        await expect(page.get_by_test_id("site-title")).to_have_text("Router")
        await page.goto("/")
        badge = page.get_by_test_id("site-row").filter(has_text="Router").get_by_test_id("status-badge")
        for _ in range(20):
            await page.get_by_test_id("refresh").click()
            if await badge.get_attribute("data-status") == "up":
                break
            await page.wait_for_timeout(500)
        await expect(badge).to_have_attribute("data-status", "up")
    assert page.errors == []


async def test_an_invitation_link_made_in_settings_registers_someone_while_registration_is_invite_only(
    context, browser, admin_server
):
    page = await new_page(context)
    await sign_in(page, "admin")
    await page.goto("/settings")
    invite_only = page.get_by_label(re.compile("^Invitation only"))
    await invite_only.check()
    await expect(page.get_by_test_id("settings-saved")).to_contain_text("Saved")
    await page.get_by_test_id("create-invitation").click()
    link = await page.get_by_test_id("invitation-link").input_value()
    await expect(page.get_by_test_id("invitation-row")).to_have_count(1)
    await screenshot(page, "settings-03-invitation")

    assert link.startswith(f"{admin_server}/register?invitation=")
    stranger = await browser.new_context(base_url=admin_server)
    try:
        visitor = await stranger.new_page()
        await register(visitor, "uninvited")
        await expect(visitor.get_by_test_id("form-error")).to_contain_text("needs an invitation")

        await visitor.goto(link)
        await expect(visitor.get_by_test_id("invited")).to_be_visible()
        await register(visitor, "bob", path=link)
        await expect(visitor.get_by_test_id("nav-add-website")).to_be_visible()
        await expect(visitor.get_by_test_id("nav-settings")).to_have_count(0)  # bob is not the administrator
        await visitor.goto("/settings")
        await expect(visitor.get_by_test_id("settings-forbidden")).to_be_visible()
    finally:
        await stranger.close()

    await page.reload()
    await expect(page.get_by_test_id("invitation-row")).to_have_count(0)  # used up
    await page.get_by_label(re.compile("^Open")).check()
    await expect(page.get_by_test_id("settings-saved")).to_contain_text("Saved")


@pytest.mark.parametrize("scheme", ["light", "dark"])
async def test_the_settings_page_passes_axe_in_both_themes(context, scheme):
    page = await new_page(context)
    await page.emulate_media(color_scheme=scheme)
    await sign_in(page, "admin")
    await page.goto("/settings")
    await page.get_by_test_id("create-invitation").click()  # the link field and the list shown too
    await expect(page.get_by_test_id("instance-health")).to_be_visible()
    await expect(page.get_by_test_id("invitation-link")).to_be_visible()
    await screenshot(page, f"settings-axe-{scheme}")

    assert await axe_violations(page) == []


async def test_the_settings_page_does_not_scroll_sideways_on_a_phone(context):
    page = await new_page(context)
    await page.set_viewport_size({"width": 360, "height": 800})
    await sign_in(page, "admin")
    await page.goto("/settings")
    await page.get_by_test_id("create-invitation").click()
    await expect(page.get_by_test_id("invitation-link")).to_be_visible()
    await screenshot(page, "settings-phone-360")

    assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

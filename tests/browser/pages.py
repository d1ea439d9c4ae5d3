"""What the theme, axe and screenshot tests share: a `webmon serve` whose first user is the
administrator, signing up, adding a site, the header's menu on a phone, and axe-core."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.conftest import _require
from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.targets import WORD
from webmon.web.spa import dashboard_dir

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "a long password"
ADMIN = "admin"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture(scope="module")
def site_server(tmp_path_factory) -> Iterator[str]:
    """A `webmon serve` of the module's own: local targets allowed, admin@example.com administers."""
    _require(dashboard_dir() is not None, "the dashboard is not built")
    folder = tmp_path_factory.mktemp("serve-pages")
    port = free_port()
    env = clean_env(
        WEBMON_ALLOW_PRIVATE_TARGETS="true",
        WEBMON_MIN_CHECK_INTERVAL="1",
        WEBMON_SCHEDULER_TICK="1",
        WEBMON_ADMIN_EMAIL=f"{ADMIN}@example.com",
    )
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


async def signed_in(page) -> None:  # type: ignore[no-untyped-def]
    await expect(page.get_by_test_id("logout")).to_be_attached()


async def sign_up_or_in(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Registers `name` the first time, signs in after that (the server lives for the module)."""
    await page.goto("/login")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_test_id("login-submit").click()
    refused = page.get_by_test_id("form-error")
    await expect(page.get_by_test_id("logout").or_(refused)).to_be_attached()
    if await page.get_by_test_id("logout").count() == 0:
        await page.goto("/register")
        await page.get_by_label("Email").fill(f"{name}@example.com")
        await page.get_by_label("User name").fill(name)
        await page.get_by_label("Password").fill(PASSWORD)
        await page.get_by_test_id("register-submit").click()
    await signed_in(page)


async def open_nav(page, test_id: str) -> None:  # type: ignore[no-untyped-def]
    """Follows a header link; on a phone the links are behind the Menu button first."""
    menu = page.get_by_test_id("menu-button")
    if await menu.is_visible():
        await menu.click()
    await page.get_by_test_id(test_id).click()


async def add_site(page, *, url: str, name: str, interval: int = 3600) -> str:  # type: ignore[no-untyped-def]
    """Adds a site from the form and returns the path of its page."""
    await page.goto("/websites/new")
    await page.get_by_label(re.compile(r"^URL")).fill(url)
    await page.get_by_label(re.compile(r"^Name")).fill(name)
    await page.get_by_label(re.compile(r"^Keyword")).fill(WORD)
    await page.get_by_label("Check every (seconds)").fill(str(interval))
    await page.get_by_label(re.compile("Failures before")).fill("1")
    await page.get_by_test_id("website-submit").click()
    await expect(page.get_by_test_id("site-title")).to_have_text(name)
    return "/" + page.url.split("/", 3)[3]


async def choose_theme(page, theme: str) -> None:  # type: ignore[no-untyped-def]
    """Presses the header's switch (from the keyboard) until it shows `theme`."""
    switch = page.get_by_test_id("theme-switch")
    for _ in range(3):
        if await switch.get_attribute("data-theme-choice") == theme:
            break
        await switch.focus()
        await page.keyboard.press("Enter")
    await expect(switch).to_have_attribute("data-theme-choice", theme)
    await expect(page.locator("html")).to_have_attribute("data-theme", theme)


async def serious_axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def]
    """axe-core's serious and critical findings on the page as it is (the context bypasses CSP)."""
    _require(AXE.exists(), "axe-core is not installed (npm install in frontend/)")
    if not await page.evaluate("typeof window.axe !== 'undefined'"):
        await page.add_script_tag(path=str(AXE))
    found: list[dict] = await page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)}))"""
    )
    return found


async def page_background(page) -> str:  # type: ignore[no-untyped-def]
    colour: str = await page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
    return colour

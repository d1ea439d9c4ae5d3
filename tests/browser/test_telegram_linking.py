"""Linking a Telegram chat from the site form in a real browser: `webmon serve` with its in-process
bot, the fake Bot API as a process; the chat sends the link's /start, the form picks it up. Keyboard
and axe."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import expect

from tests.browser.conftest import _require, screenshot
from tests.browser.test_settings import PASSWORD, axe_violations, new_page
from tests.conftest import TELEGRAM_TOKEN
from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from webmon.web.spa import dashboard_dir

pytestmark = pytest.mark.browser
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def fake_telegram() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.telegram_api", "--port", str(port), "--token", TELEGRAM_TOKEN],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert process.stdout is not None
    assert b"listening" in process.stdout.readline()
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def telegram_server(tmp_path_factory, fake_telegram) -> Iterator[str]:
    _require(dashboard_dir() is not None, "the dashboard is not built")
    folder = tmp_path_factory.mktemp("serve-telegram")
    port = free_port()
    env = clean_env(WEBMON_TELEGRAM_BOT_TOKEN=TELEGRAM_TOKEN, WEBMON_TELEGRAM_API_URL=fake_telegram)
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
async def context(browser, telegram_server):  # type: ignore[no-untyped-def]
    # bypass_csp: only so that axe can be injected; the app itself runs under its policy.
    context = await browser.new_context(
        base_url=telegram_server, viewport={"width": 1280, "height": 900}, bypass_csp=True
    )
    yield context
    await context.close()


async def test_a_chat_is_linked_from_the_site_form_by_keyboard_and_the_page_passes_axe(context, fake_telegram):
    page = await new_page(context)
    page.on("popup", lambda popup: popup.close())  # the t.me tab Telegram would open
    await page.goto("/register")
    await page.get_by_label("Email").fill("linker@example.com")
    await page.get_by_label("User name").fill("linker")
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_test_id("register-submit").click()
    await page.get_by_test_id("nav-add-website").click()

    link_button = page.get_by_role("button", name="Link a chat")
    await link_button.focus()
    await page.keyboard.press("Enter")
    link = page.get_by_label("Link to open in Telegram")
    await expect(link).to_have_value(re.compile(r"^https://t\.me/webmon_test_bot\?start=[A-Za-z0-9_-]{32}$"))
    assert await axe_violations(page) == []
    await screenshot(page, "telegram-link-open")

    token = (await link.input_value()).rpartition("=")[2]
    async with httpx.AsyncClient() as http:  # the chat presses Start: the bot gets /start <token>
        await http.post(f"{fake_telegram}/_fake/updates", json={"chat_id": "4242", "text": f"/start {token}"})

    await expect(page.get_by_test_id("telegram-link-status")).to_contain_text("Linked", timeout=20_000)
    await expect(page.get_by_label(re.compile("^Chat$"))).to_have_value("4242")
    assert await axe_violations(page) == []
    await screenshot(page, "telegram-linked")
    assert page.errors == []  # type: ignore[attr-defined]

"""A real `webmon serve` (with the built dashboard) and Debian's Chromium driven by Playwright.

Playwright never downloads a browser here: it launches /usr/bin/chromium (`make test` installs it).
Screenshots of every page land in test-artifacts/screenshots/.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.services import IN_CI
from webmon.web.spa import dashboard_dir

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _require(condition: bool, what: str) -> None:
    if not condition:
        if IN_CI:
            pytest.fail(f"{what}; `make test` provides it", pytrace=False)
        pytest.skip(f"{what}; run `make test` to set it up")


@pytest.fixture(scope="session")
def server(tmp_path_factory) -> AsyncIterator[str]:
    _require(dashboard_dir() is not None, "the dashboard is not built")
    folder = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = clean_env(WEBMON_ALLOW_PRIVATE_TARGETS="true", WEBMON_MIN_CHECK_INTERVAL="1", WEBMON_SCHEDULER_TICK="1")
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


@pytest.fixture(scope="session")
async def browser():
    _require(Path(CHROMIUM).exists(), "Chromium is not installed")
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        await chromium.close()


async def _new_page(browser, server: str, locale: str):  # type: ignore[no-untyped-def]
    # The browser's language decides the dashboard's (navigator.languages) until the user picks one.
    context = await browser.new_context(base_url=server, viewport={"width": 1280, "height": 900}, locale=locale)
    page = await context.new_page()
    page.set_default_timeout(10_000)
    page.errors = []  # type: ignore[attr-defined]
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))  # type: ignore[attr-defined]

    async def on_dialog(dialog):  # type: ignore[no-untyped-def]
        page.dialogs.append(dialog.message)  # type: ignore[attr-defined]
        await dialog.dismiss()

    page.on("dialog", on_dialog)
    return context, page


@pytest.fixture
async def page(browser, server):
    context, page = await _new_page(browser, server, "en-US")
    yield page
    await context.close()


@pytest.fixture
async def ru_page(browser, server):
    """A browser whose language is Russian (ru-RU): the dashboard must speak Russian throughout."""
    context, page = await _new_page(browser, server, "ru-RU")
    yield page
    await context.close()


async def screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)

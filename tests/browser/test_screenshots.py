"""The README's pictures of the dashboard, made here rather than by hand: every run makes them
afresh (into a temporary folder) and checks that the committed ones in docs/screenshots/ are
there, of the same size and small. `WEBMON_UPDATE_SCREENSHOTS=1` writes the fresh ones over them.
A new language is one more entry in LOCALES (the browser's language picks it)."""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.pages import DESKTOP, PASSWORD, add_site, sign_up_or_in, site_server
from tests.targets import target_site

pytestmark = pytest.mark.browser
__all__ = ["site_server"]

SHOTS_DIR = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
LOCALES = ["en", "ru"]
THEMES = ["light", "dark"]
MAX_BYTES = 200_000
UPDATE = os.environ.get("WEBMON_UPDATE_SCREENSHOTS") == "1"
SITES = ["Shop", "Blog", "Public API", "Documentation", "Status page", "Staging", "Old landing page"]


def shot_name(locale: str, theme: str) -> str:
    return f"dashboard-{locale}-{theme}.png"


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def recompress(data: bytes) -> bytes:
    """The same image with its pixel data deflated at level 9 and nothing but the needed chunks."""
    chunks, position, pixels = [], 8, b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IDAT":
            pixels += body
        elif kind in (b"IHDR", b"PLTE", b"tRNS"):
            chunks.append((kind, body))
    chunks.append((b"IDAT", zlib.compress(zlib.decompress(pixels), 9)))
    chunks.append((b"IEND", b""))
    out = data[:8]
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return out


async def fill_account(browser, base: str, target) -> None:  # type: ignore[no-untyped-def]
    context = await browser.new_context(base_url=base, viewport=DESKTOP)
    page = await context.new_page()
    page.set_default_timeout(15_000)
    await sign_up_or_in(page, "screenshots")
    target.break_("/old")
    for name in SITES:
        path = "/old" if name == "Old landing page" else target.serve(f"/{name.split()[0].lower()}")
        url = target.url(path) if path.startswith("/") else path
        await add_site(page, url=url, name=name, interval=3600)
        if name == "Staging":
            await page.get_by_test_id("toggle-pause").click()
            await expect(page.get_by_test_id("status-badge").first).to_have_attribute("data-status", "paused")
    await page.goto("/")
    badges = page.get_by_test_id("status-badge")
    for _ in range(30):  # until every first check is in
        await page.get_by_test_id("refresh").click()
        states = [await badges.nth(i).get_attribute("data-status") for i in range(await badges.count())]
        if len(states) == len(SITES) and "pending" not in states:
            break
        await page.wait_for_timeout(500)
    await context.close()


async def sign_in_in(page, locale: str) -> None:  # type: ignore[no-untyped-def]
    """Signs the screenshots account in on a login page in `locale` (its fields found by id, not by
    their translated labels) and makes `locale` the account's language, which the dashboard follows."""
    await page.goto("/login")
    await page.locator("#login-email").fill("screenshots@example.com")
    await page.locator("#login-password").fill(PASSWORD)
    await page.get_by_test_id("login-submit").click()
    await expect(page.get_by_test_id("logout")).to_be_attached()
    answer = await page.request.patch(
        "/api/v1/auth/me", data={"locale": locale}, headers={"X-Requested-With": "XMLHttpRequest"}
    )
    assert answer.ok, await answer.text()


async def test_the_readme_pictures_are_made_by_the_browser(browser, site_server, tmp_path):
    async with target_site() as target:
        await fill_account(browser, site_server, target)
        for locale in LOCALES:
            for theme in THEMES:
                context = await browser.new_context(
                    base_url=site_server, viewport=DESKTOP, locale=locale, color_scheme=theme
                )
                page = await context.new_page()
                await sign_in_in(page, locale)
                await page.goto("/")
                await expect(page.get_by_test_id("site-row")).to_have_count(len(SITES))
                await page.wait_for_load_state("networkidle")
                fresh = tmp_path / shot_name(locale, theme)
                fresh.write_bytes(recompress(await page.screenshot()))
                await context.close()

    for locale in LOCALES:
        for theme in THEMES:
            fresh = (tmp_path / shot_name(locale, theme)).read_bytes()
            committed = SHOTS_DIR / shot_name(locale, theme)
            if UPDATE:
                SHOTS_DIR.mkdir(parents=True, exist_ok=True)
                committed.write_bytes(fresh)
            assert png_size(fresh) == (DESKTOP["width"], DESKTOP["height"])
            assert committed.exists(), f"{committed.name} is missing: run with WEBMON_UPDATE_SCREENSHOTS=1"
            assert png_size(committed.read_bytes()) == png_size(fresh), f"{committed.name} is not 1280×800"
            assert len(committed.read_bytes()) <= MAX_BYTES, f"{committed.name} is over {MAX_BYTES} bytes"

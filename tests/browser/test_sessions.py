"""Sessions in a real browser: one that ends says so on the login page; logging out ends it for good."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.async_api import expect

from tests.browser.conftest import screenshot
from tests.browser.test_dashboard import register

pytestmark = pytest.mark.browser
ENDED = "Your session has ended. Sign in again."


async def _session_cookie(page) -> str:  # type: ignore[no-untyped-def]
    cookies = await page.context.cookies()
    [value] = [cookie["value"] for cookie in cookies if cookie["name"] == "webmon_session"]
    return value


async def test_a_session_ended_elsewhere_lands_on_the_login_page_saying_so(page, server):
    name = await register(page)
    cookie = await _session_cookie(page)
    async with httpx.AsyncClient(base_url=server) as api:  # signed out from another device, say
        revoked = await api.post(
            "/api/v1/auth/logout", headers={"Cookie": f"webmon_session={cookie}", "X-Requested-With": "webmon"}
        )
    assert revoked.status_code == 204

    await page.get_by_test_id("refresh").click()  # what the dashboard's own timer does

    await expect(page).to_have_url(re.compile("/login"))
    await expect(page.get_by_role("status").filter(has_text=ENDED)).to_be_visible()
    await screenshot(page, "08-session-ended")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("Password").fill("a long password")
    await page.get_by_test_id("login-submit").click()
    await expect(page.get_by_test_id("nav-add-website")).to_be_visible()
    await expect(page.get_by_text(ENDED)).to_have_count(0)
    # The refused request shows in the console as a 401 resource error; nothing else may.
    assert [error for error in page.errors if "401" not in error] == []


async def test_a_first_visit_to_the_login_page_says_nothing_of_a_session(page):
    await page.goto("/")

    await expect(page).to_have_url(re.compile("/login"))
    await expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    await expect(page.get_by_text(ENDED)).to_have_count(0)


async def test_after_logging_out_the_old_cookie_is_worthless(page, server):
    await register(page)
    cookie = await _session_cookie(page)

    await page.get_by_test_id("logout").click()
    await expect(page).to_have_url(re.compile("/login"))
    await expect(page.get_by_text(ENDED)).to_have_count(0)  # logging out is not a session that ended

    async with httpx.AsyncClient(base_url=server) as api:
        replayed = await api.get("/api/v1/auth/me", headers={"Cookie": f"webmon_session={cookie}"})
    assert replayed.status_code == 401

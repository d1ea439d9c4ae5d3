"""Light and dark in a real browser: every page passes axe (no serious or critical finding) in both
themes, whether the system asks for one or the user picks it in the header; the pick is applied
before the app's code runs; the phone layout is compact and its header one row; the tab counts
the sites that are down."""

from __future__ import annotations

import itertools
import json
import re
from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from tests.browser.conftest import screenshot
from tests.browser.pages import (
    ADMIN,
    DESKTOP,
    PHONE,
    add_site,
    choose_theme,
    open_nav,
    page_background,
    serious_axe_violations,
    sign_up_or_in,
    site_server,
)
from tests.targets import target_site

pytestmark = pytest.mark.browser
__all__ = ["site_server"]  # the module's server fixture

LIGHT_BG = "rgb(246, 247, 249)"  # --bg of the light palette
DARK_BG = "rgb(15, 20, 25)"  # --bg of the dark palette
_users = itertools.count(1)

# (system preference, what the user picks in the header or None, the theme expected, viewport)
RUNS = {
    "system-light": ("light", None, "light", DESKTOP),
    "system-dark": ("dark", None, "dark", DESKTOP),
    "picked-light-on-dark-system": ("dark", "light", "light", DESKTOP),
    "picked-dark-on-light-system": ("light", "dark", "dark", DESKTOP),
    "phone-system-dark": ("dark", None, "dark", PHONE),
    "phone-picked-light": ("dark", "light", "light", PHONE),
}


@pytest.fixture
async def context(browser, site_server):  # type: ignore[no-untyped-def]
    # bypass_csp: only so that axe can be injected; the app itself runs under its policy.
    context = await browser.new_context(base_url=site_server, viewport=DESKTOP, bypass_csp=True)
    yield context
    await context.close()


async def new_page(context, *, scheme: str = "light", viewport: dict = DESKTOP):  # type: ignore[no-untyped-def]
    page = await context.new_page()
    page.set_default_timeout(10_000)
    await page.set_viewport_size(viewport)
    await page.emulate_media(color_scheme=scheme)
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda error: page.errors.append(str(error)))  # type: ignore[attr-defined]
    return page


@pytest.mark.parametrize("run", RUNS)
async def test_every_page_passes_axe_in_this_theme(context, run):
    scheme, picked, expected, viewport = RUNS[run]
    page = await new_page(context, scheme=scheme, viewport=viewport)
    findings: dict[str, list[dict]] = {}

    async def check(name: str) -> None:
        await page.wait_for_load_state("networkidle")
        assert await page.locator("html").get_attribute("data-theme") == (picked or "auto")
        assert await page_background(page) == (LIGHT_BG if expected == "light" else DARK_BG), name
        await screenshot(page, f"axe-{run}-{name}")
        if found := await serious_axe_violations(page):
            findings[name] = found

    await page.goto("/login")
    if picked:
        await choose_theme(page, picked)
    await check("login")
    await page.goto("/register")
    await check("register")

    async with target_site() as target:
        await sign_up_or_in(page, ADMIN)
        detail = await add_site(page, url=target.serve("/"), name=f"Shop ({run})")
        target.break_("/broken")
        await add_site(page, url=target.url("/broken"), name=f"Broken ({run})")
        await page.goto("/")
        await expect(page.get_by_test_id("site-row").filter(has_text=f"Broken ({run})")).to_be_visible()
        await check("dashboard")
        if viewport is PHONE:
            await page.get_by_test_id("menu-button").click()
            await expect(page.get_by_test_id("nav-add-website")).to_be_visible()
            await check("dashboard-menu-open")
        await page.goto(detail)
        await expect(page.get_by_test_id("check-row").first).to_be_visible(timeout=15_000)
        await check("detail")
        await page.get_by_role("button", name=re.compile("^Delete")).first.click()
        await expect(page.get_by_role("dialog")).to_be_visible()
        await check("detail-confirm-delete")
        await page.keyboard.press("Escape")
        await page.goto("/websites/new")
        await page.get_by_test_id("website-submit").click()  # the form with its errors shown
        await check("form")
        await page.goto(f"{detail}/edit")
        await check("edit")
        await page.goto("/account")
        await check("account")
        await page.goto("/settings")
        await expect(page.get_by_test_id("instance-health")).to_be_visible()
        await check("settings")
        await page.goto("/no-such-page")
        await check("not-found")

    assert findings == {}, json.dumps(findings, indent=1)
    assert page.errors == []


async def test_a_picked_theme_is_applied_before_the_app_code_runs_and_auto_follows_the_system(context):
    page = await new_page(context, scheme="light")
    await page.goto("/login")
    await choose_theme(page, "dark")

    await page.route(re.compile(r"/assets/.*\.js$"), lambda route: route.abort())  # no app at all
    await page.goto("/login")
    assert await page.locator("html").get_attribute("data-theme") == "dark"
    assert await page_background(page) == DARK_BG
    await page.unroute(re.compile(r"/assets/.*\.js$"))

    await page.goto("/login")
    await choose_theme(page, "auto")  # back to following the system, which asks for light
    assert await page_background(page) == LIGHT_BG
    await page.emulate_media(color_scheme="dark")
    assert await page_background(page) == DARK_BG
    assert await page.evaluate("localStorage.getItem('webmon.theme')") is None


def fifty_checks() -> str:
    start = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
    checks = []
    for i in range(50):
        failed = i % 10 == 3
        checks.append(
            {
                "id": 1000 - i,
                "status": "down" if failed else "up",
                "status_code": 503 if failed else 200,
                "response_time": 120 + i,
                "error_kind": "HTTP_STATUS" if failed else None,
                "error_message": "Service Unavailable" if failed else None,
                "checked_at": (start - timedelta(minutes=i)).isoformat().replace("+00:00", "Z"),
            }
        )
    return json.dumps(checks)


async def test_the_site_page_on_a_phone_is_compact_with_fifty_checks(context):
    page = await new_page(context, viewport=PHONE)
    async with target_site() as target:
        await sign_up_or_in(page, ADMIN)
        detail = await add_site(page, url=target.serve("/"), name="Fifty checks")
    # The history's first page (50 checks) without waiting 50 intervals: the API's answer is stood in.
    await page.route(
        re.compile(r"/api/v1/websites/\d+/checks"),
        lambda route: route.fulfill(status=200, content_type="application/json", body=fifty_checks()),
    )
    await page.goto(detail)
    await expect(page.get_by_test_id("check-row")).to_have_count(50)
    await page.wait_for_load_state("networkidle")
    height = await page.evaluate("document.documentElement.scrollHeight")
    await screenshot(page, "phone-390-detail-fifty-checks")
    print(f"site page at 390 px with 50 checks: {height} px tall")

    # 10,207 px before (four uptime cards, 50 five-line cards); 3,382 px with compact parts, 3,632 px
    # once the heartbeat bar and the two uPlot charts (response time, uptime) joined the page.
    assert height <= 3700, f"{height} px"
    assert await page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


async def test_the_header_is_one_row_on_a_phone_and_its_menu_works_from_the_keyboard(context):
    page = await new_page(context, viewport={"width": 390, "height": 844})
    await sign_up_or_in(page, ADMIN)
    await page.goto("/")
    rows = await page.evaluate(
        """[...document.querySelector('.app-header').children]
            .map((e) => e.getBoundingClientRect()).filter((r) => r.height > 0)
            .map((r) => [Math.round(r.top), Math.round(r.bottom)])"""
    )
    first_bottom = rows[0][1]
    assert all(top < first_bottom for top, _ in rows), f"the header wraps: {rows}"
    assert await page.evaluate("document.querySelector('.app-header').offsetHeight") < 64

    menu = page.get_by_test_id("menu-button")
    await menu.focus()
    await page.keyboard.press("Enter")
    await expect(menu).to_have_attribute("aria-expanded", "true")
    await expect(page.get_by_test_id("nav-add-website")).to_be_visible()
    await page.keyboard.press("Escape")
    await expect(menu).to_have_attribute("aria-expanded", "false")
    await expect(menu).to_be_focused()
    await open_nav(page, "nav-add-website")
    await expect(page).to_have_url(re.compile("/websites/new$"))
    await expect(page.get_by_test_id("nav-add-website")).to_be_hidden()  # closed on arrival


async def test_the_tab_title_counts_the_sites_that_are_down(context):
    page = await new_page(context)
    await sign_up_or_in(page, f"titled{next(_users)}")
    async with target_site() as target:
        await add_site(page, url=target.serve("/"), name="Will break", interval=1)
        await page.goto("/")
        await expect(page).to_have_title("Dashboard · Webmon")
        target.break_("/")
        for _ in range(20):  # a refresh at a time, as the dashboard's own timer would
            await page.get_by_test_id("refresh").click()
            if (await page.title()).startswith("(1)"):
                break
            await page.wait_for_timeout(500)
        await expect(page).to_have_title("(1) Dashboard · Webmon")

"""The dashboard in a real browser, against a real `webmon serve` checking a real local site."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from playwright.async_api import expect

from tests.browser.conftest import _require, screenshot
from tests.browser.pages import open_nav
from tests.targets import WORD, target_site

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
_users = itertools.count(1)


async def register(page, name: str | None = None) -> str:  # type: ignore[no-untyped-def]
    name = name or f"user{next(_users)}"
    await page.goto("/register")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("User name").fill(name)
    await page.get_by_label("Password").fill("a long password")
    await page.get_by_test_id("register-submit").click()
    await expect(page.get_by_test_id("logout")).to_be_attached()  # behind the Menu button on a phone
    return name


async def add_site(page, *, url: str, name: str, interval: int = 2) -> None:  # type: ignore[no-untyped-def]
    await open_nav(page, "nav-add-website")
    await page.get_by_label(re.compile(r"^URL")).fill(url)
    await page.get_by_label(re.compile(r"^Name")).fill(name)
    await page.get_by_label(re.compile(r"^Keyword")).fill(WORD)
    await page.get_by_label("Check every (seconds)").fill(str(interval))
    await page.get_by_label(re.compile("Failures before")).fill("1")
    await page.get_by_test_id("website-submit").click()
    try:
        await expect(page.get_by_test_id("site-title")).to_have_text(name)  # saved: its page opens
    except AssertionError:
        await screenshot(page, "failed-add-site")
        raise


async def test_a_user_adds_a_site_sees_it_go_down_and_finds_the_failed_check(page):
    async with target_site() as target:
        await register(page, "walkthrough")
        await screenshot(page, "01-dashboard-empty")
        await add_site(page, url=target.serve("/"), name="My shop")
        await screenshot(page, "02-after-adding")

        await page.goto("/")
        row = page.get_by_test_id("site-row").filter(has_text="My shop")
        await expect(row).to_be_visible()
        badge = row.get_by_test_id("status-badge")
        await page.get_by_test_id("refresh").click()
        await expect(badge).to_have_attribute("data-status", "up", timeout=15_000)
        await expect(badge).to_contain_text(re.compile("up", re.I))  # text, not only a colour
        bar = row.get_by_test_id("heartbeat-bar")
        await expect(bar.locator(".beat--up").first).to_be_visible()
        await bar.focus()  # one tab stop; the newest check is told at once
        await expect(bar.get_by_test_id("heartbeat-tip")).to_contain_text(re.compile(r"Up · HTTP 200 · \d+ ms"))
        await screenshot(page, "03-dashboard-up")

        target.break_("/")
        for _ in range(20):  # a refresh at a time, as the dashboard's own 30 s timer would
            await page.get_by_test_id("refresh").click()
            if await badge.get_attribute("data-status") == "down":
                break
            await page.wait_for_timeout(500)
        await expect(badge).to_have_attribute("data-status", "down")
        await expect(badge).to_contain_text(re.compile("down", re.I))
        await expect(bar.locator(".beat--down").first).to_be_visible()
        await bar.locator(".beat--down").last.hover()
        await expect(bar.get_by_test_id("heartbeat-tip")).to_contain_text("HTTP 503")
        await screenshot(page, "04-dashboard-down")

        await row.get_by_test_id("site-name").click()
        await expect(page.get_by_test_id("site-title")).to_have_text("My shop")
        failed = page.get_by_test_id("check-row").and_(page.locator('[data-status="down"]')).first
        await expect(failed).to_be_visible()
        await expect(failed.get_by_test_id("check-error")).to_contain_text("503")
        await expect(page.get_by_test_id("heartbeat-bar").locator(".beat--down").first).to_be_visible()
        await screenshot(page, "05-detail-down")

    assert page.errors == []


async def test_a_site_checked_for_the_first_minutes_has_a_chart_read_by_keyboard(page):
    async with target_site() as target:
        await register(page)
        await add_site(page, url=target.serve("/"), name="New site")
        chart = page.get_by_test_id("response-time-chart")
        for _ in range(20):  # its first checks, all in the 24 h range's newest 10-minute period
            await page.get_by_test_id("refresh").click()
            if await chart.count():
                break
            await page.wait_for_timeout(500)
        await expect(chart.locator("canvas")).to_be_visible()
        await page.wait_for_load_state("networkidle")
        # One period with checks is one point: it is drawn (a dot in the line's colour).
        assert await _pixels_of_css_colour(chart, "--chart-line") > 0
        await chart.focus()
        await page.keyboard.press("ArrowLeft")
        await expect(chart.get_by_test_id("chart-live")).to_contain_text(re.compile(r"average \d+ ms, .* up, 0 down"))
        await expect(chart.get_by_test_id("chart-tip")).to_be_visible()
        uptime = page.get_by_test_id("uptime-chart")
        await uptime.focus()
        await page.keyboard.press("ArrowLeft")
        await expect(uptime.get_by_test_id("chart-live")).to_contain_text("100 %")
        await page.get_by_role("button", name="1 h").click()
        await expect(page.get_by_role("button", name="1 h")).to_have_attribute("aria-pressed", "true")
        await expect(chart.locator("canvas")).to_be_visible()
        await screenshot(page, "08-detail-charts")
        assert await _serious_axe_violations(page) == []

        # Dark: the chart draws again in the dark theme's colours (read from CSS when it draws).
        light = await chart.evaluate("el => getComputedStyle(el).getPropertyValue('--chart-line')")
        await page.emulate_media(color_scheme="dark")
        dark = await chart.evaluate("el => getComputedStyle(el).getPropertyValue('--chart-line')")
        assert dark != light
        for _ in range(10):  # the redraw follows the media change
            if await _pixels_of_css_colour(chart, "--chart-line"):
                break
            await page.wait_for_timeout(100)
        assert await _pixels_of_css_colour(chart, "--chart-line") > 0
        await screenshot(page, "09-detail-charts-dark")
        assert await _serious_axe_violations(page) == []
        await page.goto("/")
        await expect(page.get_by_test_id("heartbeat-bar").first).to_be_visible()
        assert await _serious_axe_violations(page) == []  # the list with its bars, dark
        await page.emulate_media(color_scheme="light")
        assert await _serious_axe_violations(page) == []

    assert page.errors == []


async def _serious_axe_violations(page) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    """axe-core's serious and critical findings. Injected through the devtools protocol (evaluate),
    which the page's CSP does not govern, so the app runs under its real policy."""
    _require(AXE.exists(), "axe-core is not installed (npm install in frontend/)")
    if not await page.evaluate("() => typeof window.axe !== 'undefined'"):
        await page.evaluate(AXE.read_text() + "\n;0")
    return await page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' '))}))"""
    )

    assert page.errors == []


async def _pixels_of_css_colour(chart, variable: str) -> int:  # type: ignore[no-untyped-def]
    """How many pixels of the chart's canvas are (nearly) the colour the CSS variable names."""
    return await chart.evaluate(
        """(el, variable) => {
            const probe = document.createElement('span')
            probe.style.color = getComputedStyle(el).getPropertyValue(variable)
            el.appendChild(probe)
            const [r, g, b] = getComputedStyle(probe).color.match(/\\d+/g).map(Number)
            probe.remove()
            const canvas = el.querySelector('canvas')
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
            let n = 0
            for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 200 && Math.abs(data[i] - r) < 12 && Math.abs(data[i + 1] - g) < 12
                    && Math.abs(data[i + 2] - b) < 12) n++
            }
            return n
        }""",
        variable,
    )


async def test_a_hostile_site_name_is_shown_as_text_and_runs_nothing(page):
    hostile = "<img src=x onerror=alert(1)>"
    async with target_site() as target:
        await register(page)
        await add_site(page, url=target.serve("/"), name=hostile, interval=3600)  # its page: title checked
        await page.goto("/")
        await expect(page.get_by_test_id("site-name").first).to_have_text(hostile)

    assert page.dialogs == []
    assert await page.locator('img[src="x"]').count() == 0


async def test_deep_links_open_the_right_page_after_a_reload(page):
    async with target_site() as target:
        await register(page)
        await add_site(page, url=target.serve("/"), name="Deep link", interval=3600)  # lands on its page
        detail_url = page.url
        await page.goto("/")
        await page.goto(detail_url)  # typed into the address bar: the server must answer with the app
        await expect(page.get_by_test_id("site-title")).to_have_text("Deep link")
        await page.reload()
        await expect(page.get_by_test_id("site-title")).to_have_text("Deep link")
        assert re.search(r"/websites/\d+$", page.url)


async def test_signing_out_and_back_in(page):
    name = await register(page)
    await page.goto("/account")
    await screenshot(page, "06-account")
    await page.get_by_role("button", name=re.compile("log out", re.I)).first.click()
    await expect(page).to_have_url(re.compile("/login"))
    await screenshot(page, "07-login")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("Password").fill("a long password")
    await page.get_by_test_id("login-submit").click()
    await expect(page.get_by_test_id("nav-add-website")).to_be_visible()


@pytest.mark.parametrize("width", [360, 390])
async def test_no_page_scrolls_sideways_on_a_phone(page, width):
    await page.set_viewport_size({"width": width, "height": 800})
    async with target_site() as target:
        await register(page)
        await add_site(page, url=target.serve("/"), name="A site with a rather long name for a phone", interval=3600)
        detail = page.url.removeprefix(page.url.split("/websites/")[0])
        pages = {"dashboard": "/", "add": "/websites/new", "account": "/account", "detail": detail}
        for label, path in pages.items():
            await page.goto(path)
            await page.wait_for_load_state("networkidle")
            overflow = await page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            await screenshot(page, f"phone-{width}-{label}")
            assert overflow <= 0, f"{label} scrolls sideways by {overflow}px at {width}px"


async def test_a_shift_click_range_is_paused_with_one_bulk_request_and_tags_show_as_chips(page):
    await register(page)
    for n in range(1, 6):  # through the API, as the dashboard's session: quicker than the form
        response = await page.request.post(
            "/api/v1/websites",
            headers={"X-Requested-With": "webmon"},
            data={
                "url": f"http://127.0.0.1:9/site{n}",
                "name": f"Bulk {n}",
                "valid_word": WORD,
                "check_interval": 3600,
                "tags": ["shop", f"n{n}"],
            },
        )
        assert response.status == 201, await response.text()
    bulk_requests: list[str] = []
    page.on("request", lambda r: bulk_requests.append(r.method) if r.url.endswith("/api/v1/websites/bulk") else None)
    await page.goto("/")
    rows = page.get_by_test_id("site-row")
    await expect(rows).to_have_count(5)
    await expect(rows.nth(0).get_by_test_id("tag-chips")).to_have_text(re.compile(r"n1\s*shop"))

    await rows.nth(1).get_by_test_id("select-site").click()
    await rows.nth(3).get_by_test_id("select-site").click(modifiers=["Shift"])
    await expect(page.get_by_test_id("bulk-count")).to_have_text("3 websites selected")
    await screenshot(page, "08-dashboard-bulk-selection")
    await page.get_by_test_id("bulk-pause").click()

    await expect(page.get_by_test_id("bulk-message")).to_have_text("Paused 3 websites.")
    for i in (1, 2, 3):  # the list is read again after the answer
        await expect(rows.nth(i).get_by_test_id("status-badge")).to_have_attribute("data-status", "paused")
    for i in (0, 4):
        await expect(rows.nth(i).get_by_test_id("status-badge")).not_to_have_attribute("data-status", "paused")
    assert bulk_requests == ["POST"]

    await page.get_by_test_id("tag-filter").select_option("n2")
    await expect(rows).to_have_count(1)
    await expect(rows.first.get_by_test_id("site-name")).to_have_text("Bulk 2")
    assert page.errors == []

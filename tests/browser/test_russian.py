"""The dashboard for a browser set to Russian: Russian headings, and no English left on the pages."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.async_api import expect

from tests.browser.conftest import screenshot
from tests.targets import WORD, target_site

pytestmark = pytest.mark.browser
_users = itertools.count(1)

CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Latin words a Russian page may show: product and protocol names, and the test's own data.
ALLOWED = {
    "Webmon",
    "URL",
    "HTTP",
    "HTTPS",
    "http",
    "https",
    "TLS",
    "API",
    "DNS",
    "Telegram",
    "English",
    "EN",
    "RU",
    "Ctrl",
    "Enter",  # key names, as printed on the keys (the tag field's hint)
    "Backspace",
    "p95",
    "localhost",
    "ID",
    WORD,  # the keyword the test site serves, shown as the site's keyword
}

# What a person sees or hears: the text, labels, tooltips, placeholders and the tab title.
SHOWN = """() => {
  const parts = [document.title, document.body.innerText]
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const value = el.getAttribute(name)
      if (value) parts.push(value)
    }
  }
  return parts.join('\\n')
}"""


def english_words(text: str) -> list[str]:
    found = []
    for token in re.split(r"[\s,;:()«»“”\"'!?…·—–|]+", text):
        if not re.search(r"[A-Za-z]{2,}", token) or re.search(r"[/@\d]", token) or token.startswith("WEBMON_"):
            continue
        for part in re.split(r"[^A-Za-z0-9_]+", token):
            if re.search(r"[A-Za-z]{2,}", part) and part not in ALLOWED:
                found.append(part)
    return found


async def assert_russian(page, name: str) -> None:  # type: ignore[no-untyped-def]
    await expect(page.locator("h1").first).to_have_text(CYRILLIC)
    assert await page.evaluate("document.documentElement.lang") == "ru"
    shown = await page.evaluate(SHOWN)
    await screenshot(page, f"ru-{name}")
    assert english_words(shown) == [], f"English left on the {name} page"
    assert not page.errors  # type: ignore[attr-defined]


async def test_a_russian_browser_gets_the_whole_dashboard_in_russian(ru_page):
    page = ru_page
    name = f"anna{next(_users)}"
    await page.goto("/login")
    await expect(page.get_by_role("heading", name="Вход")).to_be_visible()
    await assert_russian(page, "login")

    await page.goto("/register")
    await expect(page.get_by_role("heading", name="Создание аккаунта")).to_be_visible()
    await assert_russian(page, "register")
    await page.get_by_label("Почта").fill(f"{name}@example.com")
    await page.get_by_label("Имя пользователя").fill(name)
    await page.get_by_label("Пароль").fill("a long password")
    await page.get_by_test_id("register-submit").click()

    await expect(page.get_by_role("heading", name="Панель")).to_be_visible()
    await expect(page.get_by_test_id("empty-state")).to_contain_text("Сайтов пока нет")
    await assert_russian(page, "dashboard-empty")

    async with target_site() as target:
        await page.get_by_test_id("nav-add-website").click()
        await expect(page.get_by_role("heading", name="Добавить сайт")).to_be_visible()
        await assert_russian(page, "form")
        await page.get_by_label(re.compile(r"^URL")).fill(target.url("/"))
        await page.get_by_label(re.compile(r"^Название")).fill("Магазин")
        await page.get_by_label(re.compile(r"^Ключевое слово")).fill(WORD)
        await page.get_by_label("Проверять каждые (секунд)").fill("2")
        await page.get_by_test_id("website-submit").click()
        await expect(page.get_by_test_id("site-title")).to_have_text("Магазин")
        # The first check lands a second or two after the page opened; the page refreshes every
        # 30 s by itself, so the test asks for a refresh, as a person would, until it is there.
        rows = page.get_by_test_id("check-row")
        for _ in range(40):
            if await rows.count():
                break
            await page.wait_for_timeout(500)
            await page.get_by_test_id("refresh").click()
        await expect(rows.first).to_be_visible()
        await expect(page.get_by_role("heading", name="История проверок")).to_be_visible()
        await assert_russian(page, "detail")

        await page.get_by_role("link", name="Панель", exact=True).first.click()
        await expect(page.get_by_test_id("site-row")).to_have_count(1)
        await expect(page.get_by_test_id("status-badge").first).to_have_text(re.compile("Работает|Ожидает"))
        await assert_russian(page, "dashboard")

    await page.get_by_role("link", name="Аккаунт").click()
    await expect(page.get_by_role("heading", name="Сменить пароль")).to_be_visible()
    await assert_russian(page, "account")


async def test_the_language_picked_in_the_header_sticks_after_signing_out(page):
    name = f"anna{next(_users)}"
    await page.goto("/register")
    await page.get_by_label("Email").fill(f"{name}@example.com")
    await page.get_by_label("User name").fill(name)
    await page.get_by_label("Password").fill("a long password")
    await page.get_by_test_id("register-submit").click()
    await expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()

    await page.get_by_label("Language").select_option("ru")
    await expect(page.get_by_role("heading", name="Панель")).to_be_visible()
    assert await page.title() == "Панель · Webmon"
    await page.get_by_test_id("logout").click()
    await expect(page.get_by_role("heading", name="Вход")).to_be_visible()
    await page.reload()
    await expect(page.get_by_role("heading", name="Вход")).to_be_visible()
    assert await page.evaluate("document.documentElement.lang") == "ru"

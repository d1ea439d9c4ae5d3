"""/docs (Swagger UI) and /redoc (ReDoc) work without internet: every script, style and icon they
load is served by Webmon itself, from the Python package (so `webmon api` has them without the
dashboard built), and their CSP allows no other origin and no inline script but Swagger UI's own."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.processes import WEBMON, clean_env, free_port, stop, wait_for_http
from tests.services import IN_CI

REFERENCE = re.compile(r"""(?:src|href)=["']([^"']+)["']""")
DOC_PAGES = ["/docs", "/redoc"]


def references(html: str) -> list[str]:
    return REFERENCE.findall(html)


@pytest.mark.parametrize("path", DOC_PAGES)
async def test_the_docs_pages_load_nothing_from_another_origin(client, path):
    response = await client.get(path)

    assert response.status_code == 200
    assert references(response.text), "the page loads its viewer from somewhere"
    assert all(url.startswith("/") and not url.startswith("//") for url in references(response.text))
    assert "https://" not in response.text and "http://" not in response.text


@pytest.mark.parametrize("path", DOC_PAGES)
async def test_every_asset_of_the_docs_pages_is_served_here(client, path):
    page = await client.get(path)

    for url in references(page.text):
        asset = await client.get(url)
        assert asset.status_code == 200, url
        kind = asset.headers["content-type"]
        if url.endswith(".js"):
            assert kind.startswith("text/javascript") and len(asset.content) > 100_000, url
        elif url.endswith(".css"):
            assert kind.startswith("text/css") and b".swagger-ui" in asset.content, url
        else:
            assert kind.startswith("image/"), url


@pytest.mark.parametrize("path", DOC_PAGES)
async def test_the_docs_policy_allows_only_this_origin_and_no_inline_script(client, path):
    policy = (await client.get(path)).headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))

    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in directives["script-src"]
    assert "http" not in policy
    assert directives["frame-ancestors"] == "'none'"


async def test_an_unknown_docs_asset_is_a_404(client):
    response = await client.get("/docs/assets/..%2F..%2Fconfig.py")

    assert response.status_code == 404


def test_the_docs_assets_come_from_an_installed_python_dependency():
    import tomllib

    from webmon.web.docs import ASSETS, ASSETS_DIR

    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "backend" / "pyproject.toml").read_text())
    assert any(d.startswith("fastapi-offline") for d in pyproject["project"]["dependencies"])
    assert all((ASSETS_DIR / name).is_file() for name in ASSETS)


@pytest.fixture
def api_only_serve(tmp_path):
    """`webmon serve` as it starts when the dashboard may not be built: the docs come with the API."""
    port = free_port()
    process = subprocess.Popen(
        [WEBMON, "serve", "--port", str(port)],
        env=clean_env(),
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_http(f"http://127.0.0.1:{port}/health", process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


@pytest.mark.parametrize(
    ("path", "rendered"),
    [("/docs", ".swagger-ui .opblock"), ("/redoc", "[data-section-id^='tag/'], [data-section-id^='operation/']")],
)
async def test_the_docs_render_in_a_browser_that_cannot_reach_the_internet(api_only_serve, path, rendered):
    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

    if not Path(CHROMIUM).exists():
        if IN_CI:
            pytest.fail("Chromium is not installed; `make test` provides it", pytrace=False)
        pytest.skip("Chromium is not installed; run `make test` to set it up")
    from playwright.async_api import async_playwright

    elsewhere: list[str] = []
    problems: list[str] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = await browser.new_page()
            page.set_default_timeout(15_000)

            async def only_here(route):  # type: ignore[no-untyped-def]
                if route.request.url.startswith(api_only_serve):
                    await route.continue_()
                else:  # no internet: anything from elsewhere fails, as it would offline
                    elsewhere.append(route.request.url)
                    await route.abort()

            await page.route("**/*", only_here)
            page.on("console", lambda message: message.type == "error" and problems.append(message.text))
            page.on("pageerror", lambda error: problems.append(str(error)))
            await page.goto(api_only_serve + path)
            await page.wait_for_selector(rendered)
        finally:
            await browser.close()

    refused = [p for p in problems if "Content Security Policy" in p]
    # ReDoc's footer shows Redocly's logo from their CDN: the policy refuses it, and nothing is lost.
    refused = [p for p in refused if not p.startswith("Loading the image 'https://cdn.redoc.ly/")]
    assert elsewhere == []
    assert refused == []

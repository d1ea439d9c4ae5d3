"""`webmon serve` serves the dashboard at `/` with history fallback, beside the API."""

from __future__ import annotations

import httpx
import pytest

from webmon.app import create_app


@pytest.fixture
def built(tmp_path):
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text(
        '<!doctype html><div id="app"></div><script src="/assets/app-1a2b.js"></script>'
    )
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log('webmon')")
    (tmp_path / "favicon.svg").write_text("<svg/>")
    (tmp_path.parent / "secret.txt").write_text("not for you")
    return tmp_path


@pytest.fixture
async def spa_client(db, settings, built):
    app = create_app(settings, database=db, dashboard=built)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://webmon.test") as client:
            yield client


@pytest.mark.parametrize("path", ["/", "/websites/12", "/websites/new", "/account", "/login?next=/"])
async def test_every_page_route_gets_the_app_so_deep_links_work(spa_client, path):
    response = await spa_client.get(path)

    assert response.status_code == 200
    assert '<div id="app">' in response.text
    assert response.headers["cache-control"] == "no-cache"


async def test_hashed_assets_are_cached_for_a_year(spa_client):
    response = await spa_client.get("/assets/app-1a2b.js")

    assert response.status_code == 200
    assert "immutable" in response.headers["cache-control"]


async def test_a_missing_asset_is_404_not_the_page(spa_client):
    assert (await spa_client.get("/assets/app-gone.js")).status_code == 404


async def test_unknown_api_routes_stay_json_404s(spa_client):
    response = await spa_client.get("/api/v1/nothing")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


@pytest.mark.parametrize("path", ["/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt"])
async def test_files_outside_the_dashboard_are_never_served(spa_client, path):
    response = await spa_client.get(path)

    assert "not for you" not in response.text


async def test_the_dashboard_has_a_strict_content_security_policy_and_security_headers(spa_client):
    response = await spa_client.get("/")

    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"


async def test_api_responses_carry_the_security_headers_too(spa_client):
    response = await spa_client.get("/health")

    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'"


async def test_the_api_docs_still_work_under_their_own_policy(spa_client):
    response = await spa_client.get("/docs")

    assert response.status_code == 200
    assert "swagger" in response.text.lower()

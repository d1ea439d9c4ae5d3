"""The API's documentation pages, /docs (Swagger UI) and /redoc (ReDoc), served with their scripts
from this package: they work without internet, and load nothing from another origin.

The assets come from the `fastapi-offline` package (Swagger UI 5 and ReDoc 2, built); the pages are
FastAPI's own. Swagger UI's page starts it with one inline script: its CSP allows that script by its
hash, not 'unsafe-inline'. ReDoc writes its styles at run time, so /redoc allows inline styles (never
inline scripts)."""

from __future__ import annotations

import base64
import hashlib
import re
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import FileResponse, HTMLResponse, Response

ASSETS_URL = "/docs/assets"
ASSETS_DIR = Path(str(files("fastapi_offline") / "static"))
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _policy(script_src: str, style_src: str) -> str:
    return (
        f"default-src 'self'; img-src 'self' data:; style-src {style_src}; script-src {script_src}; "
        "connect-src 'self'; font-src 'self'; worker-src 'self' blob:; object-src 'none'; "
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )


def inline_script_hashes(html: str) -> list[str]:
    """CSP sources ('sha256-…') for each inline <script> of a page."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    ]


def _text(response: HTMLResponse) -> str:
    return bytes(response.body).decode()


def install_docs(app: FastAPI) -> None:
    """Adds /docs, its OAuth2 redirect page, /redoc and /docs/assets/*. The app must be made with
    docs_url=None and redoc_url=None (FastAPI's own pages load from a CDN)."""
    openapi_url = app.openapi_url or "/openapi.json"
    redirect_url = app.swagger_ui_oauth2_redirect_url or "/docs/oauth2-redirect"
    favicon = f"{ASSETS_URL}/favicon.png"
    swagger = _text(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API documentation",
            oauth2_redirect_url=redirect_url,
            swagger_js_url=f"{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=favicon,
            swagger_ui_parameters=app.swagger_ui_parameters,
        )
    )
    swagger_csp = _policy(" ".join(["'self'", *inline_script_hashes(swagger)]), "'self'")
    redirect = _text(get_swagger_ui_oauth2_redirect_html())
    redirect_csp = _policy(" ".join(["'self'", *inline_script_hashes(redirect)]), "'self'")
    redoc = _text(
        get_redoc_html(
            openapi_url=openapi_url,
            title=f"{app.title} - API reference",
            redoc_js_url=f"{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=favicon,
            with_google_fonts=False,
        )
    )
    redoc_csp = _policy("'self'", "'self' 'unsafe-inline'")

    def page(body: str, csp: str) -> HTMLResponse:
        # The security-headers middleware keeps a CSP a response already has.
        return HTMLResponse(body, headers={"content-security-policy": csp, "cache-control": "no-cache"})

    # Plain Starlette routes, like FastAPI's own docs pages: outside the OpenAPI document.
    async def swagger_ui(request: Request) -> Response:
        return page(swagger, swagger_csp)

    async def swagger_ui_redirect(request: Request) -> Response:
        return page(redirect, redirect_csp)

    async def redoc_page(request: Request) -> Response:
        return page(redoc, redoc_csp)

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        media_type = ASSETS.get(name)
        if media_type is None:
            return Response("Not Found", status_code=404, media_type="text/plain")
        return FileResponse(
            ASSETS_DIR / name, media_type=media_type, headers={"cache-control": "public, max-age=86400"}
        )

    app.add_route("/docs", swagger_ui, include_in_schema=False)
    app.add_route(redirect_url, swagger_ui_redirect, include_in_schema=False)
    app.add_route("/redoc", redoc_page, include_in_schema=False)
    app.add_route(ASSETS_URL + "/{name}", asset, include_in_schema=False)

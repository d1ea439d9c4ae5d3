"""Security headers on every response; a strict Content-Security-Policy on the dashboard."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# The SPA loads only its own bundle and talks only to its own origin.
DASHBOARD_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs page loads Swagger UI from jsDelivr and starts it with an inline script.
DOCS_CSP = (
    "default-src 'self'; img-src 'self' data: https://fastapi.tiangolo.com; "
    "style-src 'self' https://cdn.jsdelivr.net; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'"

COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


def headers_for(path: str) -> dict[str, str]:
    """The security headers of a response to `path`, for responses made outside the middleware."""
    headers = {name.decode(): value.decode() for name, value in COMMON}
    headers["content-security-policy"] = policy_for(path)
    return headers


def policy_for(path: str) -> str:
    if path.startswith(("/api/", "/health", "/metrics", "/openapi.json")):
        return API_CSP
    if path.startswith("/docs"):
        return DOCS_CSP
    return DASHBOARD_CSP


# Every policy's full list of headers, built once.
_ADDED = {
    policy: [*COMMON, (b"content-security-policy", policy.encode())] for policy in (DASHBOARD_CSP, DOCS_CSP, API_CSP)
}


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = _ADDED[policy_for(scope["path"])]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.get("headers", [])
                # A response that already carries them (the 500 handler's) keeps its own.
                if not any(name == b"x-content-type-options" for name, _ in headers):
                    message["headers"] = [*headers, *added]
            await send(message)

        await self.app(scope, receive, with_headers)

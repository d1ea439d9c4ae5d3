"""A disabled account (is_active = false) can neither log in nor use a token it already has."""

from __future__ import annotations

from sqlalchemy import update

from tests.factories import DEFAULT_PASSWORD, register
from webmon.models import User


async def _disable(db, email: str) -> None:
    async with db.session_scope() as session:
        await session.execute(update(User).where(User.email == email).values(is_active=False))


async def test_a_disabled_user_cannot_log_in(client, db):
    await register(client, "alice")
    await _disable(db, "alice@example.com")

    response = await client.post(
        "/api/v1/auth/login", json={"email": "alice@example.com", "password": DEFAULT_PASSWORD}
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "This account is disabled"


async def test_a_disabled_users_tokens_stop_working_everywhere(client, db):
    headers = await register(client, "alice")
    await _disable(db, "alice@example.com")

    for method, path in [("GET", "/api/v1/auth/me"), ("GET", "/api/v1/websites"), ("POST", "/api/v1/websites")]:
        response = await client.request(method, path, headers=headers, json={})
        assert response.status_code == 401, (method, path)

"""Small factories: make what a test needs, override what it cares about."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.auth.passwords import PasswordHasher
from webmon.db import Database
from webmon.models import User, Website, utcnow

_sequence = itertools.count(1)
DEFAULT_PASSWORD = "correct horse battery"
_hasher = PasswordHasher(rounds=4)


async def make_user(session: AsyncSession, **overrides: Any) -> User:
    n = next(_sequence)
    password = overrides.pop("password", DEFAULT_PASSWORD)
    values: dict[str, Any] = {"email": f"user{n}@example.com", "username": f"user{n}"}
    values.update(overrides)
    user = User(hashed_password=await _hasher.hash(password), **values)
    session.add(user)
    await session.flush()
    return user


async def make_website(session: AsyncSession, user: User, **overrides: Any) -> Website:
    n = next(_sequence)
    values: dict[str, Any] = {
        "url": f"https://site{n}.example.com/",
        "name": f"Site {n}",
        "valid_word": "Welcome",
        "next_check_at": utcnow(),
    }
    values.update(overrides)
    website = Website(user_id=user.id, **values)
    session.add(website)
    await session.flush()
    return website


async def register(client: httpx.AsyncClient, name: str, password: str = DEFAULT_PASSWORD) -> dict[str, str]:
    """Register `name` through the API, log in, and return the Authorization header."""
    email = f"{name}@example.com"
    response = await client.post("/api/v1/auth/register", json={"email": email, "username": name, "password": password})
    assert response.status_code == 201, response.text
    return await login(client, email, password)


async def login(client: httpx.AsyncClient, email: str, password: str = DEFAULT_PASSWORD) -> dict[str, str]:
    response = await client.post("/api/v1/auth/login", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def create_site(client: httpx.AsyncClient, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {"url": "https://example.com/", "valid_word": "Example"} | fields
    response = await client.post("/api/v1/websites", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def link_chat(
    client: httpx.AsyncClient,
    db: Database,
    headers: dict[str, str],
    chat_id: str | int,
    title: str | None = None,
    *,
    telegram: Any = None,
) -> None:
    """Link a Telegram chat to the user behind `headers` the way the dashboard and the bot do:
    ask for a link, then spend its token as the bot does when the chat sends `/start <token>`.
    Given the fake Bot API, the chat becomes one it knows (it talked to the bot)."""
    from webmon.telegram.linking import link_chat_by_token

    if telegram is not None and str(chat_id) not in telegram.chats:
        telegram.add_chat(chat_id, "private" if not str(chat_id).startswith("-") else "supergroup", title)

    response = await client.post("/api/v1/telegram/link", headers=headers)
    assert response.status_code == 200, response.text
    link = response.json()
    before_expiry = datetime.fromisoformat(link["expires_at"]) - timedelta(seconds=1)
    async with db.session_scope() as session:
        outcome = await link_chat_by_token(
            session, token=link["token"], chat_id=str(chat_id), title=title, now=before_expiry
        )
    assert outcome == "linked", outcome

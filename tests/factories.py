"""Small factories: make what a test needs, override what it cares about."""

from __future__ import annotations

import itertools
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.auth.passwords import PasswordHasher
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

"""The fake Bot API also runs as its own process, steered through ``/_fake/…``.

A later stack test starts it this way; this checks that it works.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

from webmon.notifiers.base import TransportError
from webmon.notifiers.telegram import TelegramNotifier

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
async def fake_url(token: str):
    """Starts ``python -m tests.fakes.telegram_api`` on a free port; yields its URL."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.fakes.telegram_api",
        "--port",
        "0",
        "--token",
        token,
        cwd=REPO_ROOT,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        line = (await asyncio.wait_for(process.stdout.readline(), 20)).decode()
        assert "listening on " in line, line
        yield line.rsplit(" ", 1)[1].strip()
    finally:
        process.terminate()
        assert await asyncio.wait_for(process.wait(), 10) == 0


async def test_the_standalone_fake_is_steered_over_http(fake_url: str, token: str) -> None:
    async with httpx.AsyncClient(base_url=fake_url) as control, TelegramNotifier(token, fake_url) as tg:
        assert (await control.get("/_fake/health")).json() == {"ok": True}

        await control.post("/_fake/chats", json={"chat_id": "-100555", "type": "supergroup", "title": "Ops"})
        assert (await tg.get_chat("-100555")).title == "Ops"

        await control.post("/_fake/fail", json={"chat_id": "42", "kind": "blocked"})
        with pytest.raises(TransportError) as blocked:
            await tg.send_message("42", "first")
        assert blocked.value.permanent

        await tg.send_message("42", "<b>second</b>")
        sent = (await control.get("/_fake/sent")).json()
        assert [(m["chat_id"], m["text"]) for m in sent] == [("42", "<b>second</b>")]

        await control.post("/_fake/down")
        with pytest.raises(TransportError):
            await tg.send_message("42", "during the outage")
        await control.post("/_fake/up")
        await tg.send_message("42", "after")

        await control.post("/_fake/updates", json={"chat_id": "7", "text": "/start"})
        updates = (await control.get(f"/bot{token}/getUpdates")).json()["result"]
        assert updates[0]["message"]["text"] == "/start"

        await control.post("/_fake/reset")
        assert (await control.get("/_fake/sent")).json() == []

"""The Bot API methods the fake answers (getMe, getChat, sendMessage, setMyCommands, getUpdates):
what each returns, shaped like the real API's responses. Mixed into FakeTelegram, which owns the
state they read and write."""

from __future__ import annotations

import asyncio
import re
import time
from typing import Any

from aiohttp import web

from tests.fakes.telegram_wire import Chat, SentMessage, State, error_response, ok_response


class BotApiMethods:
    # Provided by FakeTelegram.
    username: str
    long_poll_cap: float
    known_chats_only: bool
    sent: list[SentMessage]
    commands: list[dict[str, Any]]
    commands_by_language: dict[str, list[dict[str, Any]]]
    chats: dict[str, Chat]
    _state: State
    _new_update: asyncio.Event
    _sent_changed: asyncio.Event
    bot_id: int  # a property of FakeTelegram (from its token)

    async def _true(self, params: dict[str, Any]) -> web.Response:
        return ok_response(True)

    def _bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "Webmon Test",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _get_me(self, params: dict[str, Any]) -> web.Response:
        return ok_response(self._bot_user())

    async def _get_chat(self, params: dict[str, Any]) -> web.Response:
        chat = self.chats.get(str(params.get("chat_id")))
        if chat is None:
            return error_response(400, "Bad Request: chat not found")
        return ok_response(
            {
                **chat.as_json(),
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )

    async def _send_message(self, params: dict[str, Any]) -> web.Response:
        chat_key = str(params.get("chat_id", ""))
        text = params.get("text")
        if not chat_key:
            return error_response(400, "Bad Request: chat_id is empty")
        if not text:
            return error_response(400, "Bad Request: message text is empty")
        chat = self.chats.get(chat_key)
        if chat is None:
            if self.known_chats_only or not re.fullmatch(r"-?\d+", chat_key):
                return error_response(400, "Bad Request: chat not found")
            chat = Chat(int(chat_key), "private" if not chat_key.startswith("-") else "group")
        message_id = self._next_message_id()
        self.sent.append(
            SentMessage(
                chat_id=str(chat.id) if not chat_key.startswith("@") else chat_key,
                text=text,
                parse_mode=params.get("parse_mode"),
                params=params,
                message_id=message_id,
                at=asyncio.get_running_loop().time(),
            )
        )
        self._sent_changed.set()
        message: dict[str, Any] = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat.as_json(),
            "text": text,
        }
        if chat.type == "channel":
            message["sender_chat"] = chat.as_json()
        else:
            message["from"] = self._bot_user()
        return ok_response(message)

    async def _set_my_commands(self, params: dict[str, Any]) -> web.Response:
        commands = params.get("commands")
        if not isinstance(commands, list):
            return error_response(400, "Bad Request: can't parse commands JSON object")
        language = params.get("language_code")
        if language:
            self.commands_by_language[str(language)] = commands
        else:
            self.commands = commands
        return ok_response(True)

    async def _get_updates(self, params: dict[str, Any]) -> web.Response:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset:
            # Asking for offset N confirms every update before it.
            self._state.updates = [u for u in self._state.updates if u["update_id"] >= offset]
        if not self._state.updates and timeout > 0:
            self._new_update.clear()
            try:
                await asyncio.wait_for(self._new_update.wait(), min(timeout, self.long_poll_cap))
            except TimeoutError:
                pass
        return ok_response(self._state.updates[:limit])

    def _next_message_id(self) -> int:
        self._state.next_message_id += 1
        return self._state.next_message_id - 1

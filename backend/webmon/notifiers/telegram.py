"""Telegram adapter on python-telegram-bot's ``Bot``: one attempt per call.

Errors are turned into :class:`TransportError` that say whether retrying can
help (after healthchecks ``hc/integrations/telegram/transport.py``).

Keeping the bot token secret
----------------------------
The token is part of every Bot API URL (``{root}/bot{token}/{method}``), and
python-telegram-bot puts it in debug logs ("Set Bot API URL"), in ``repr(bot)``
and in some exception texts.  So the ``Bot`` here is built with a stand-in
token (``"<bot id>:<redacted>"``) and a request object that swaps the real
token into the URL only at the moment httpx sends it.  httpx and httpcore log
full URLs at INFO/DEBUG, so their loggers are raised to WARNING, and any error
text that still carries the token is scrubbed.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

import httpx
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.request import HTTPXRequest

from webmon.notifiers.base import TransportError
from webmon.vocabulary import CHAT_ID_PATTERN

__all__ = [
    "DEFAULT_API_URL",
    "ChatInfo",
    "TelegramNotifier",
    "build_bot",
    "classify",
    "is_valid_chat_id",
    "make_request",
    "quiet_http_loggers",
]

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://api.telegram.org"
REDACTED = "<redacted>"
MAX_ERROR_LENGTH = 300

_CHAT_ID_RE = re.compile(CHAT_ID_PATTERN)

# 400 Bad Request descriptions that mean "this chat cannot be reached by the
# bot until someone acts"; other 400s are our own mistakes (e.g. bad HTML)
# and must not mark a user's chat broken.
_CHAT_GONE_MARKERS = (
    "chat not found",
    "user not found",
    "peer_id_invalid",
    "chat_write_forbidden",
    "chat_restricted",
    "have no rights to send",
    "not enough rights",
    "need administrator rights",
    "bot was kicked",
    "bot is not a member",
    "group chat was deactivated",
    "user is deactivated",
)

BotT = TypeVar("BotT", bound=Bot)


def is_valid_chat_id(value: str) -> bool:
    """A numeric chat id (``123``, ``-1001234567890``) or a ``@channelname``."""
    return bool(_CHAT_ID_RE.fullmatch(value.strip()))


def quiet_http_loggers() -> None:
    """httpx logs every request URL (with the token) at INFO: keep it to WARNING."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        # Set explicitly (not inherited), so a root logger at DEBUG does not bring them back.
        if logger.level < logging.WARNING:
            logger.setLevel(logging.WARNING)


def redacted_token(token: str) -> str:
    """``"123:ABC"`` → ``"123:<redacted>"``: the bot id is public, the rest is not."""
    bot_id, sep, _ = token.partition(":")
    return f"{bot_id}:{REDACTED}" if sep and bot_id.isdigit() else REDACTED


def scrub(text: str, token: str) -> str:
    return text.replace(token, redacted_token(token)) if token else text


def _mentions(exc: BaseException, token: str) -> bool:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if token in str(current) or token in repr(current):
            return True
        current = current.__cause__ or current.__context__
    return False


class _TokenRequest(HTTPXRequest):
    """An ``HTTPXRequest`` that puts the real token into the URL as late as possible."""

    def __init__(self, *, token: str, stand_in_prefix: str, real_prefix: str, **kwargs: Any):
        super().__init__(**kwargs)
        self._webmon_token = token
        self._stand_in_prefix = stand_in_prefix
        self._real_prefix = real_prefix

    async def do_request(self, url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if url.startswith(self._stand_in_prefix):
            url = self._real_prefix + url[len(self._stand_in_prefix) :]
        try:
            return await super().do_request(url, *args, **kwargs)
        except Exception as exc:
            if not _mentions(exc, self._webmon_token):
                raise
            text = scrub(str(exc), self._webmon_token)
            if isinstance(exc, TimedOut):
                raise TimedOut(text) from None
            raise NetworkError(text) from None


def make_request(
    token: str,
    api_url: str = DEFAULT_API_URL,
    *,
    pool_size: int = 8,
    read_timeout: float = 10.0,
    connect_timeout: float = 5.0,
    transport: httpx.AsyncBaseTransport | None = None,
) -> HTTPXRequest:
    """The request object for :func:`build_bot`: swaps the real token in at send time.

    ``transport`` replaces httpx's network transport (tests inject one).
    """
    root = api_url.rstrip("/")
    token = token.strip()
    return _TokenRequest(
        token=token,
        stand_in_prefix=f"{root}/bot{redacted_token(token)}/",
        real_prefix=f"{root}/bot{token}/",
        connection_pool_size=pool_size,
        read_timeout=read_timeout,
        write_timeout=read_timeout,
        connect_timeout=connect_timeout,
        pool_timeout=connect_timeout,
        httpx_kwargs={"transport": transport} if transport is not None else None,
    )


def build_bot(
    token: str,
    api_url: str = DEFAULT_API_URL,
    *,
    bot_class: type[BotT] = Bot,  # type: ignore[assignment]
    request: HTTPXRequest | None = None,
    get_updates_request: HTTPXRequest | None = None,
    **bot_kwargs: Any,
) -> BotT:
    """A ``Bot`` (or ``ExtBot``) for ``{api_url}/bot{token}/…`` that never holds the token."""
    if not token or not token.strip():
        raise ValueError("a Telegram bot token is required")
    token = token.strip()
    quiet_http_loggers()
    return bot_class(
        redacted_token(token),
        base_url=f"{api_url.rstrip('/')}/bot",
        base_file_url=f"{api_url.rstrip('/')}/file/bot",
        request=request or make_request(token, api_url),
        get_updates_request=get_updates_request or make_request(token, api_url, pool_size=1),
        **bot_kwargs,
    )


@dataclass(frozen=True, slots=True)
class ChatInfo:
    """What ``getChat`` tells us: id (as text), type (private/group/supergroup/channel), title."""

    id: str
    type: str
    title: str | None


def _seconds(value: int | float | timedelta) -> float:
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def _retry_after_seconds(exc: RetryAfter) -> float:
    # PTB 22 deprecates the int form and will return a timedelta: accept both, quietly.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _seconds(exc.retry_after)


def _describe(exc: Exception, token: str) -> str:
    text = scrub(str(exc), token) if token else str(exc)
    # PTB appends a non-JSON body (e.g. a proxy's HTML 502 page) to the message: drop it.
    text = text.split(". Parsing the server response", 1)[0]
    return text if len(text) <= MAX_ERROR_LENGTH else text[: MAX_ERROR_LENGTH - 1] + "…"


def classify(exc: Exception, *, token: str = "") -> TransportError:
    """Turn a python-telegram-bot error into a :class:`TransportError`."""
    text = _describe(exc, token)
    if isinstance(exc, RetryAfter):
        seconds = _retry_after_seconds(exc)
        return TransportError(
            f"Telegram rate limit: retry after {seconds:g} s",
            permanent=False,
            retry_after=seconds,
        )
    if isinstance(exc, ChatMigrated):
        new_id = str(exc.new_chat_id)
        return TransportError(
            f"the group was upgraded to a supergroup; its new chat id is {new_id}",
            permanent=True,
            migrate_to_chat_id=new_id,
        )
    if isinstance(exc, Forbidden):
        return TransportError(f"Telegram refused: {text}", permanent=True)
    if isinstance(exc, InvalidToken):
        return TransportError(
            "Telegram rejected the bot token (check WEBMON_TELEGRAM_BOT_TOKEN)",
            permanent=False,
        )
    if isinstance(exc, BadRequest):
        permanent = any(marker in text.lower() for marker in _CHAT_GONE_MARKERS)
        return TransportError(f"Telegram rejected the request: {text}", permanent=permanent)
    if isinstance(exc, TimedOut):
        return TransportError("Telegram did not answer in time", permanent=False)
    if isinstance(exc, TelegramError):  # NetworkError (5xx, connection), Conflict, ...
        return TransportError(f"cannot reach Telegram: {text}", permanent=False)
    return TransportError(f"unexpected error talking to Telegram: {type(exc).__name__}: {text}", permanent=False)


class TelegramNotifier:
    """Sends HTML messages through the Telegram Bot API at ``api_url``.

    One attempt per call; every failure is a :class:`TransportError`.
    Use as ``async with TelegramNotifier(token) as tg:`` or call :meth:`close`.
    """

    def __init__(
        self,
        token: str,
        api_url: str = DEFAULT_API_URL,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._token = token.strip()
        # One request object for everything: this bot never calls getUpdates.
        self._request = make_request(self._token, api_url, transport=transport)
        self._bot: Bot = build_bot(self._token, api_url, request=self._request, get_updates_request=self._request)

    def __repr__(self) -> str:
        return f"TelegramNotifier(token={redacted_token(self._token)!r})"

    async def send_message(self, chat_id: str, html: str) -> None:
        try:
            await self._bot.send_message(
                chat_id=chat_id,
                text=html,
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        except Exception as exc:
            raise self._error(exc) from None

    async def get_chat(self, chat_id: str) -> ChatInfo:
        try:
            chat = await self._bot.get_chat(chat_id=chat_id)
        except Exception as exc:
            raise self._error(exc) from None
        title = chat.title or chat.full_name or (f"@{chat.username}" if chat.username else None)
        return ChatInfo(id=str(chat.id), type=str(chat.type), title=title)

    async def get_me(self) -> str:
        """The bot's username (without the ``@``)."""
        try:
            me = await self._bot.get_me()
        except Exception as exc:
            raise self._error(exc) from None
        return me.username or ""

    async def close(self) -> None:
        await self._request.shutdown()

    async def __aenter__(self) -> TelegramNotifier:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    def _error(self, exc: Exception) -> TransportError:
        error = classify(exc, token=self._token)
        log.debug("Telegram call failed: %r", error)
        return error

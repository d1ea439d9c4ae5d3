"""The bot as a python-telegram-bot ``Application`` with long polling.

``build_application`` wires the handlers; the caller injects how to find the
websites that alert a chat, how to spend a link token (``/start <token>``, the
dashboard's "Link a chat") and the language of the account a chat is linked to,
so nothing here touches the database.  A reply is in that account's language,
else in the sender's Telegram language, else English.  ``run_bot`` runs polling
inside the caller's event loop until told to stop, so ``webmon bot`` and ``webmon serve`` can both use it.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, TypeAlias

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import InvalidToken, TelegramError
from telegram.ext import Application, ApplicationBuilder, CommandHandler, ContextTypes, ExtBot, filters

from webmon.bot.replies import (
    ChatWebsite,
    LinkRequest,
    help_text,
    link_failed_text,
    link_text,
    start_text,
    status_text,
    status_unavailable_text,
)
from webmon.i18n import messages_for, supported_locale
from webmon.notifiers.telegram import DEFAULT_API_URL, build_bot, make_request
from webmon.vocabulary import DEFAULT_LOCALE, LOCALES

__all__ = [
    "BOT_COMMANDS",
    "LinkChat",
    "LocaleForChat",
    "WebsitesForChat",
    "bot_commands",
    "build_application",
    "run_bot",
]

# python-telegram-bot's Application is generic over six types this bot leaves at their defaults.
BotApplication: TypeAlias = "Application[Any, Any, Any, Any, Any, Any]"

log = logging.getLogger(__name__)

WebsitesForChat = Callable[[str], Awaitable[list[ChatWebsite]]]
# Spends the token for the chat; answers linked | already_linked | expired | used | unknown.
LinkChat = Callable[[LinkRequest], Awaitable[str]]
# The language of the account a chat is linked to, or None when no account has linked it.
LocaleForChat = Callable[[str], Awaitable[str | None]]


def bot_commands(locale: str) -> tuple[BotCommand, ...]:
    words = messages_for(locale)
    return (
        BotCommand("start", words.command_start),
        BotCommand("status", words.command_status),
        BotCommand("help", words.command_help),
    )


BOT_COMMANDS = bot_commands(DEFAULT_LOCALE)

# Commands count in private chats, groups, and channels (posts there are channel_post).
_COMMAND_UPDATES = filters.UpdateType.MESSAGE | filters.UpdateType.CHANNEL_POST
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


def build_application(
    token: str,
    api_url: str = DEFAULT_API_URL,
    *,
    websites_for_chat: WebsitesForChat,
    public_url: str,
    link_chat: LinkChat | None = None,
    locale_for_chat: LocaleForChat | None = None,
) -> BotApplication:
    """The bot application; run it with :func:`run_bot` (or ``application.run_polling()``)."""
    bot = build_bot(
        token,
        api_url,
        bot_class=ExtBot,
        request=make_request(token, api_url),
        # Long polls hold the connection open: Bot.get_updates adds the poll timeout.
        get_updates_request=make_request(token, api_url, pool_size=1),
    )
    application = ApplicationBuilder().bot(bot).post_init(set_commands).build()

    async def reply(update: Update, text: str) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        await chat.send_message(text, parse_mode=ParseMode.HTML, link_preview_options=_NO_PREVIEW)

    async def language(update: Update) -> str:
        """The language of the account the chat is linked to; for a chat nobody linked, the sender's."""
        chat = update.effective_chat
        if chat is not None and locale_for_chat is not None:
            try:
                linked = await locale_for_chat(str(chat.id))
            except Exception:
                log.warning("could not look up the language of chat %s", chat.id, exc_info=True)
                linked = None
            if linked:
                return supported_locale(linked)
        sender = update.effective_user
        return supported_locale(sender.language_code if sender is not None else None)

    async def on_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        if not context.args:
            locale = await language(update)
            await reply(update, start_text(chat_id=chat.id, chat_type=chat.type, public_url=public_url, locale=locale))
            return
        if link_chat is None:
            await reply(update, link_text("unknown", public_url=public_url, locale=await language(update)))
            return
        title = chat.title or chat.full_name or (f"@{chat.username}" if chat.username else None)
        request = LinkRequest(token=context.args[0], chat_id=str(chat.id), chat_type=str(chat.type), title=title)
        try:
            outcome = await link_chat(request)
        except Exception:
            log.exception("could not link chat %s", chat.id)
            await reply(update, link_failed_text(locale=await language(update)))
            return
        # Asked after linking: a chat just linked answers in its new owner's language.
        await reply(update, link_text(outcome, public_url=public_url, locale=await language(update)))

    async def on_status(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        chat = update.effective_chat
        if chat is None:
            return
        locale = await language(update)
        try:
            websites = await websites_for_chat(str(chat.id))
        except Exception:
            log.exception("could not look up the websites of chat %s", chat.id)
            await reply(update, status_unavailable_text(locale=locale))
            return
        await reply(update, status_text(websites, public_url=public_url, locale=locale))

    async def on_help(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await reply(update, help_text(public_url=public_url, locale=await language(update)))

    application.add_handler(CommandHandler("start", on_start, filters=_COMMAND_UPDATES))
    application.add_handler(CommandHandler("status", on_status, filters=_COMMAND_UPDATES))
    application.add_handler(CommandHandler("help", on_help, filters=_COMMAND_UPDATES))
    application.add_error_handler(_log_error)
    return application


async def set_commands(application: BotApplication) -> None:
    """``setMyCommands`` so Telegram offers the commands, described in each language Webmon speaks
    (English for everyone else); cosmetic, so a failure only warns."""
    try:
        for locale in LOCALES:
            language_code = None if locale == DEFAULT_LOCALE else locale
            await application.bot.set_my_commands(list(bot_commands(locale)), language_code=language_code)
    except TelegramError as exc:
        log.warning("could not register the bot's commands: %s", exc)


async def _log_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    log.error("the Telegram bot failed to handle an update: %s", context.error, exc_info=context.error)


async def run_bot(
    application: BotApplication,
    *,
    stop: asyncio.Event | None = None,
    poll_timeout: float = 10.0,
    handle_signals: bool = False,
    max_startup_delay: float = 60.0,
) -> None:
    """Poll for updates until ``stop`` is set (or the task is cancelled).

    Telegram being unreachable at startup is retried with backoff; a rejected
    token is raised.  ``handle_signals`` makes SIGINT/SIGTERM set ``stop``
    (for ``webmon bot`` under ``asyncio.run``).
    """
    stop = stop or asyncio.Event()
    if handle_signals:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)

    if not await _initialize(application, stop, max_startup_delay):
        await application.bot.shutdown()  # close what a half-done initialize opened
        return
    try:
        if application.post_init is not None:
            await application.post_init(application)
        assert application.updater is not None
        await application.updater.start_polling(
            timeout=timedelta(seconds=poll_timeout),
            bootstrap_retries=5,
            allowed_updates=[Update.MESSAGE, Update.CHANNEL_POST],
        )
        await application.start()
        me = application.bot.username
        log.info("Telegram bot @%s is polling for updates", me)
        await stop.wait()
    finally:
        if application.updater is not None and application.updater.running:
            await application.updater.stop()
        if application.running:
            await application.stop()
        await application.shutdown()


async def _initialize(application: BotApplication, stop: asyncio.Event, max_delay: float) -> bool:
    delay = 1.0
    while not stop.is_set():
        try:
            await application.initialize()  # calls getMe
            return True
        except InvalidToken:
            raise InvalidToken("Telegram rejected the bot token (check WEBMON_TELEGRAM_BOT_TOKEN)") from None
        except TelegramError as exc:
            log.warning("cannot reach Telegram (%s); retrying in %.0f s", exc, delay)
            try:
                await asyncio.wait_for(stop.wait(), delay)
            except TimeoutError:
                pass
            delay = min(delay * 2, max_delay)
    return False

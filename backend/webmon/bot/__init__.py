"""The Telegram bot: links a chat (``/start <token>``) and lists its websites (``/status``)."""

from webmon.bot.app import BOT_COMMANDS, build_application, run_bot
from webmon.bot.replies import ChatWebsite, LinkRequest

__all__ = ["BOT_COMMANDS", "ChatWebsite", "LinkRequest", "build_application", "run_bot"]

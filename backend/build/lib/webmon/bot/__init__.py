"""The Telegram bot: tells a chat its id (``/start``) and its websites (``/status``)."""

from webmon.bot.app import BOT_COMMANDS, build_application, run_bot
from webmon.bot.replies import ChatWebsite

__all__ = ["BOT_COMMANDS", "ChatWebsite", "build_application", "run_bot"]

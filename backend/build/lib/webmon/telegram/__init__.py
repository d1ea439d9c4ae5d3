"""Telegram as the API uses it: is it configured, which bot, can it reach a chat."""

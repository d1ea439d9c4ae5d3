"""Logging and process-wide tuning for every Webmon process."""

from __future__ import annotations

import gc
import logging


def tune_gc() -> None:
    """Fewer cyclic-GC passes: a checking process keeps thousands of aiohttp objects alive, and
    the default thresholds made the collector 10-20 % of its CPU (bench/README.md). What exists
    at start-up (imports, settings) is frozen out of every later pass."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


# Loggers that write SQL parameters or result rows (password hashes, e-mails, chat ids): aiosqlite
# logs every call with its arguments at DEBUG, SQLAlchemy's engine logs statements, parameters
# and rows once its logger is enabled (a DEBUG root enables it). Never below WARNING, whatever
# WEBMON_LOG_LEVEL says: SECURITY.md promises no hash and no address in a log line.
SQL_LOGGERS = ("aiosqlite", "asyncpg", "sqlalchemy.engine", "sqlalchemy.pool", "sqlalchemy.orm")
# python-telegram-bot logs every Bot API call with its parameters and answer at DEBUG (chat ids,
# message texts, users' names): INFO at most.
TELEGRAM_LOGGERS = ("telegram",)


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        force=True,
    )
    # httpx logs every request URL at INFO, and Telegram URLs carry the bot token.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in SQL_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    for name in TELEGRAM_LOGGERS:
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))
    if level != "DEBUG":
        # Celery logs every task received and finished: several lines a second at scale.
        for name in ("celery.worker.strategy", "celery.app.trace"):
            logging.getLogger(name).setLevel(logging.WARNING)

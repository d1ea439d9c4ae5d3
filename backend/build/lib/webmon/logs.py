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


def configure_logging(level: str = "INFO") -> None:
    logging.basicConfig(
        level=level,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        force=True,
    )
    # httpx logs every request URL at INFO, and Telegram URLs carry the bot token.
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    if level != "DEBUG":
        # Celery logs every task received and finished: several lines a second at scale.
        for name in ("celery.worker.strategy", "celery.app.trace"):
            logging.getLogger(name).setLevel(logging.WARNING)

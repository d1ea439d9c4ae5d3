"""The Celery app: `celery -A webmon.worker worker|beat` (or `webmon worker|beat`).

The app is built on first use of `webmon.worker.app` (or `get_app()`), never at import: the API
process imports this package for `worker.connections`, which makes the one app it needs.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from celery import Celery


@cache
def get_app() -> Celery:
    from webmon.config import get_settings
    from webmon.worker.celery_app import create_celery

    return create_celery(get_settings())


def __getattr__(name: str) -> Celery:
    # `celery -A webmon.worker` and `from webmon.worker import app` read the attribute.
    if name == "app":
        return get_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["app", "get_app"]

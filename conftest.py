"""Repository-wide pytest hooks.

- The secrets guard watches every response and log line of the whole suite (tests/secrets_guard.py).
- Tests marked `soak` (long fault and fuzz runs) are deselected unless WEBMON_SOAK=1 (`make soak`).
"""

from __future__ import annotations

import os

import pytest

pytest_plugins = ["tests.secrets_guard"]

SOAK = os.environ.get("WEBMON_SOAK", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "soak: a long run for `make soak` (WEBMON_SOAK=1); deselected otherwise")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SOAK:
        return
    soak = [item for item in items if item.get_closest_marker("soak")]
    if soak:
        config.hook.pytest_deselected(items=soak)
        items[:] = [item for item in items if not item.get_closest_marker("soak")]

"""The check engine's configuration, from Webmon's settings."""

from __future__ import annotations

from webmon import __version__
from webmon.config import Settings
from webmon.engine import EngineConfig


def engine_config(settings: Settings) -> EngineConfig:
    return EngineConfig(
        max_body_bytes=settings.max_body_bytes,
        concurrency=settings.check_concurrency,
        allow_private_targets=settings.allow_private_targets,
        user_agent=f"Mozilla/5.0 (compatible; Webmon/{__version__}; +{str(settings.public_url).rstrip('/')})",
    )

"""`GET /meta`: what a form or a script needs to know about this server, without signing in."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from sqlalchemy import select

from webmon import __version__
from webmon.api.deps import SessionDep, SettingsDep
from webmon.instance.schemas import MetaOut
from webmon.instance.settings import load_instance_settings
from webmon.models import User

router = APIRouter(tags=["instance"])


@router.get("/meta", response_model=MetaOut, summary="This server's version, limits and registration mode")
async def meta(session: SessionDep, settings: SettingsDep, response: Response) -> dict[str, Any]:
    instance = await load_instance_settings(session, settings)
    response.headers["Cache-Control"] = "no-cache"
    return {
        "version": __version__,
        "registration": instance.registration,
        "setup_required": await session.scalar(select(User.id).limit(1)) is None,
        "min_check_interval": settings.min_check_interval,
        "max_websites_per_user": settings.max_websites_per_user,
        "allow_private_targets": instance.allow_private_targets,
        "telegram_enabled": settings.telegram_enabled,
    }

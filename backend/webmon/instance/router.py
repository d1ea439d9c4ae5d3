"""The instance's routes: the administrator's API (`/admin/...`: settings, invitations, health;
anyone else gets 403), and the public `GET /meta` (what a form or a script needs to know about
this server, without signing in)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Request, Response, status
from sqlalchemy import func, select

from webmon import __version__
from webmon.api.deps import Account, ClockDep, CurrentUser, SessionDep, SettingsDep
from webmon.api.operations import health_report
from webmon.api.state import request_state
from webmon.errors import Conflict
from webmon.instance import invitations
from webmon.instance.admin import require_admin
from webmon.instance.schemas import (
    AdminHealthOut,
    InstanceSettingsOut,
    InstanceSettingsPatch,
    InvitationCreated,
    InvitationIn,
    InvitationOut,
    MetaOut,
)
from webmon.instance.settings import load_instance_settings, update_instance_settings
from webmon.models import InstanceInvitation, User, Website

router = APIRouter(prefix="/admin", tags=["instance administration"])
meta_router = APIRouter(tags=["instance"])


async def get_admin(user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Account:
    await require_admin(session, settings, user.id)
    return user


AdminUser = Annotated[Account, Depends(get_admin)]
InvitationId = Annotated[int, Path(ge=1, le=2_147_483_647)]  # an INTEGER column: larger is a 422, not a 500


@router.get("/settings", response_model=InstanceSettingsOut)
async def read_settings(_admin: AdminUser, session: SessionDep, settings: SettingsDep) -> dict[str, Any]:
    return (await load_instance_settings(session, settings)).as_dict()


@router.patch("/settings", response_model=InstanceSettingsOut, responses={422: {"description": "a locked setting"}})
async def change_settings(
    body: InstanceSettingsPatch,
    admin: AdminUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    request: Request,
) -> dict[str, Any]:
    """Takes effect at once in every API process (they read the table on use) and within seconds
    in the check pipeline (it re-reads it every few seconds; `webmon serve` at once)."""
    changes = {field: value for field, value in body.model_dump(exclude_unset=True).items() if value is not None}
    current = await update_instance_settings(session, settings, changes, by_user_id=admin.id, now=clock())
    request_state(request).instance_settings_changed()
    return current.as_dict()


def _invitation_out(invitation: InstanceInvitation, now: datetime) -> InvitationOut:
    state: Literal["pending", "used", "expired"] = (
        "used" if invitation.used_at is not None else "expired" if invitation.expires_at <= now else "pending"
    )
    return InvitationOut(
        id=invitation.id,
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
        used_at=invitation.used_at,
        status=state,
    )


_DEFAULT_INVITATION = InvitationIn()  # the body is optional: no body, the default lifetime


@router.post("/invitations", status_code=status.HTTP_201_CREATED, response_model=InvitationCreated)
async def create_invitation(
    admin: AdminUser,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    response: Response,
    body: InvitationIn = _DEFAULT_INVITATION,
) -> InvitationCreated:
    """A one-time invitation to register; the token is shown only in this answer."""
    if (await load_instance_settings(session, settings)).registration == "closed":
        raise Conflict("Registration is closed, so invitations would not work: set registration to invite first")
    lifetime = timedelta(hours=body.expires_in_hours)
    made = await invitations.create_invitation(session, created_by_id=admin.id, now=clock(), lifetime=lifetime)
    response.headers["Cache-Control"] = "no-store"
    return InvitationCreated(
        id=made.invitation.id,
        url=invitations.register_url(str(settings.public_url), made.token),
        token=made.token,
        expires_at=made.invitation.expires_at,
    )


@router.get("/invitations", response_model=list[InvitationOut])
async def list_invitations(_admin: AdminUser, session: SessionDep, clock: ClockDep) -> list[InvitationOut]:
    now = clock()
    return [_invitation_out(invitation, now) for invitation in await invitations.list_invitations(session)]


@router.delete("/invitations/{invitation_id}", status_code=status.HTTP_204_NO_CONTENT)
async def revoke_invitation(invitation_id: InvitationId, _admin: AdminUser, session: SessionDep) -> Response:
    await invitations.revoke_invitation(session, invitation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/health", response_model=AdminHealthOut)
async def instance_health(_admin: AdminUser, session: SessionDep, request: Request) -> dict[str, Any]:
    """What `/health` reports, and how many accounts and sites this instance has."""
    users = await session.scalar(select(func.count()).select_from(User))
    sites = (
        await session.execute(
            select(
                func.count(),
                func.count().filter(Website.is_active.is_(True)),
                func.count().filter(Website.is_active.is_(True), Website.status == "down"),
            ).select_from(Website)
        )
    ).one()
    # Only reads so far; end the request's transaction before the health check opens its own
    # connection: on SQLite every transaction holds the write lock, and the check would wait on it.
    await session.commit()
    report = await health_report(request_state(request))
    return {
        **report,
        "version": __version__,
        "counts": {"users": users or 0, "websites": sites[0], "active_websites": sites[1], "down_websites": sites[2]},
    }


@meta_router.get("/meta", response_model=MetaOut, summary="This server's version, limits and registration mode")
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

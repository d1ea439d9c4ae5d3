"""The instance settings the administrator may change from the dashboard, and where each value
comes from: the environment (`WEBMON_...`, `.env`) when it is set there, else the database's
`instance_settings` table, else the default of `config.Settings`.

A value set in the environment is *locked*: the dashboard shows it and cannot change it, so an
operator who pinned `WEBMON_ALLOW_PRIVATE_TARGETS=false` keeps that promise whatever an
administrator clicks. "Set in the environment" is what pydantic-settings read from a source
(`Settings.model_fields_set`), not a value that merely equals the default.

Plain reads and writes on a session the caller owns; nothing here commits, nothing imports the API.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, get_args

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from webmon.config import Settings
from webmon.errors import InvalidField
from webmon.models import InstanceSetting

log = logging.getLogger("webmon.instance")

Registration = Literal["open", "invite", "closed"]
REGISTRATION_MODES: tuple[str, ...] = get_args(Registration)
# What the dashboard may change, in the order the API lists them.
EDITABLE = ("allow_private_targets", "registration")


@dataclass(frozen=True, slots=True)
class InstanceSettings:
    allow_private_targets: bool
    registration: Registration
    locked: frozenset[str]  # names set in the environment: read-only here

    def as_dict(self) -> dict[str, Any]:
        return {
            "allow_private_targets": self.allow_private_targets,
            "registration": self.registration,
            "locked": [name for name in EDITABLE if name in self.locked],
        }


def environment_name(field: str) -> str:
    return f"WEBMON_{field.upper()}"


def locked_fields(settings: Settings) -> frozenset[str]:
    return frozenset(name for name in EDITABLE if name in settings.model_fields_set)


def _valid(field: str, value: Any) -> bool:
    if field == "allow_private_targets":
        return isinstance(value, bool)
    if field == "registration":
        return value in REGISTRATION_MODES
    return False


def resolve(settings: Settings, stored: dict[str, Any]) -> InstanceSettings:
    """The effective settings from the environment and the stored values (pure)."""
    locked = locked_fields(settings)
    values: dict[str, Any] = {}
    for field in EDITABLE:
        value = getattr(settings, field)
        if field not in locked and field in stored:
            if _valid(field, stored[field]):
                value = stored[field]
            else:  # hand-edited or from a newer version: the default is safer than a guess
                log.warning("ignoring an invalid stored value of %s", field)
        values[field] = value
    return InstanceSettings(locked=locked, **values)


async def stored_values(session: AsyncSession) -> dict[str, Any]:
    rows = await session.execute(
        select(InstanceSetting.key, InstanceSetting.value).where(InstanceSetting.key.in_(EDITABLE))
    )
    values: dict[str, Any] = {}
    for key, text in rows:
        try:
            values[key] = json.loads(text)
        except ValueError:
            log.warning("ignoring an unreadable stored value of %s", key)
    return values


async def load_instance_settings(session: AsyncSession, settings: Settings) -> InstanceSettings:
    if len(locked_fields(settings)) == len(EDITABLE):
        return resolve(settings, {})  # everything pinned by the environment: no query
    return resolve(settings, await stored_values(session))


async def update_instance_settings(
    session: AsyncSession, settings: Settings, changes: dict[str, Any], *, by_user_id: int, now: datetime
) -> InstanceSettings:
    """Store `changes` (already validated by the schema). A field set in the environment is a 422
    naming it: the environment wins, and saying so beats silently ignoring the change."""
    locked = locked_fields(settings)
    for field in changes:
        if field in locked:
            raise InvalidField(
                field,
                f"is set by the environment ({environment_name(field)}) and cannot be changed here; "
                "change or remove it there and restart Webmon",
                kind="locked_by_environment",
            )
    insert = postgresql_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    for field, value in changes.items():
        row = {"key": field, "value": json.dumps(value), "updated_at": now, "updated_by_id": by_user_id}
        statement = insert(InstanceSetting).values(**row)
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[InstanceSetting.key],
                set_={"value": statement.excluded.value, "updated_at": now, "updated_by_id": by_user_id},
            )
        )
    return await load_instance_settings(session, settings)

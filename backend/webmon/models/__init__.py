"""All tables; importing this package registers them on `Base.metadata` (Alembic reads it)."""

from webmon.models.auth_session import AuthSession
from webmon.models.base import Base, UTCDateTime, utcnow
from webmon.models.check import WebsiteCheck
from webmon.models.instance import InstanceInvitation, InstanceSetting, RateWindow
from webmon.models.notification import Notification
from webmon.models.rollup import DailyRollup, HourlyRollup
from webmon.models.state_change import StateChange
from webmon.models.telegram import TelegramChat, TelegramLinkToken
from webmon.models.uptime import UptimeBase
from webmon.models.user import User
from webmon.models.website import Website
from webmon.models.website_tag import WebsiteTag

__all__ = [
    "AuthSession",
    "Base",
    "DailyRollup",
    "HourlyRollup",
    "InstanceInvitation",
    "InstanceSetting",
    "Notification",
    "RateWindow",
    "StateChange",
    "TelegramChat",
    "TelegramLinkToken",
    "UTCDateTime",
    "UptimeBase",
    "User",
    "Website",
    "WebsiteCheck",
    "WebsiteTag",
    "utcnow",
]

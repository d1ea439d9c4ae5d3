from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime


class AuthSession(Base):
    """One sign-in: the dashboard's cookie or one bearer token (auth/sessions.py).

    `id` is an HMAC of a random secret under the signing key: the cookie holds the secret, a
    bearer token names the id in its signed `sid` claim; a copy of this table gives neither. Logging out sets
    `revoked_at`; deleting the user deletes its sessions.
    """

    __tablename__ = "auth_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # cookie | token
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Moved forward as the session is used, at most once a minute.
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The latest moment the session can last, however much it is used.
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

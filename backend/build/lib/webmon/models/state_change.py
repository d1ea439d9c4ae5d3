from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, text
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, BigIntId, UTCDateTime


class StateChange(Base):
    """An alert the policy decided: a site went down, recovered, or is still down (reminder).

    Written in the same transaction as the check that caused it, so nothing decided is lost; the
    notifier sends from these rows (the outbox), claiming each with a lease so that two senders
    never send one row twice and a sender that died is retried after its lease runs out.
    """

    __tablename__ = "state_changes"
    __table_args__ = (
        Index("ix_state_changes_website_id_at", "website_id", "at"),
        # The sender's sweep reads only rows still to deliver.
        Index(
            "ix_state_changes_undelivered",
            "id",
            postgresql_where=text("delivery IN ('pending', 'sending')"),
            sqlite_where=text("delivery IN ('pending', 'sending')"),
        ),
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))  # down | recovered | reminder
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UTCDateTime)  # when the deciding check was made
    outage_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reason: Mapped[str | None] = mapped_column(String(24))  # the failing check's kind
    detail: Mapped[str | None] = mapped_column(String(500))  # the failing check's message
    status_code: Mapped[int | None] = mapped_column(SmallInteger)

    # Delivery (the outbox side): pending -> sending (leased) -> sent | failed | skipped.
    delivery: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempts: Mapped[int] = mapped_column(SmallInteger, default=0, server_default="0")
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    error: Mapped[str | None] = mapped_column(String(500))

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base, UTCDateTime


class WebsiteCheck(Base):
    """One stored check: by far the largest table, so every byte counts.

    - Narrow columns: milliseconds as int4, the status code as int2, text only when a check failed;
      `checked_at` first, so PostgreSQL packs the row without alignment padding.
    - No surrogate id and no primary-key index: a site has at most one check per slot (storing is
      a compare-and-set on `websites.last_slot_at`), and the API names a check by its time.
    - On PostgreSQL the table is partitioned by day (runner/partitions.py): retention drops a day
      at once instead of deleting rows, and the one index is on `website_id` alone, which B-tree
      deduplication stores in a few bytes per check; a site's newest checks are read from the
      newest partitions first. SQLite keeps one table with a (website_id, checked_at) index and
      trims it in chunks by age.
    """

    __tablename__ = "website_checks"
    __table_args__ = (
        Index("ix_website_checks_website_id", "website_id").ddl_if(dialect="postgresql"),
        Index("ix_website_checks_website_id_checked_at", "website_id", "checked_at").ddl_if(dialect="sqlite"),
        Index("ix_website_checks_checked_at", "checked_at").ddl_if(dialect="sqlite"),
        {"postgresql_partition_by": "RANGE (checked_at)"},
    )
    # The ORM needs an identity; the database enforces none (see above).
    __mapper_args__ = {"primary_key": ["website_id", "checked_at"]}

    checked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"))
    response_time: Mapped[int | None] = mapped_column(Integer)  # milliseconds
    status_code: Mapped[int | None] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(8))  # "up" | "down"
    error_kind: Mapped[str | None] = mapped_column(String(24))  # DNS, TIMEOUT, HTTP_STATUS, ...
    error_message: Mapped[str | None] = mapped_column(String(500))

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from webmon.models.base import Base
from webmon.vocabulary import TAG_MAX_LENGTH


class WebsiteTag(Base):
    """One tag of one website, stored in lower case: what `?tag=` filters and `/websites/tags`
    counts. `websites.tags` holds the same tags comma-joined for the list (the hot read) to show
    without another query; websites/tags.py writes both in the same transaction."""

    __tablename__ = "website_tags"
    __table_args__ = (
        # `?tag=x`: the sites with that tag, in one index range.
        Index("ix_website_tags_tag_website_id", "tag", "website_id"),
    )

    website_id: Mapped[int] = mapped_column(ForeignKey("websites.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(TAG_MAX_LENGTH), primary_key=True)

"""Tags on websites: a website_tags table, and the same tags comma-joined on the website's row.

`website_tags (website_id, tag)` is what `?tag=` filters (index on (tag, website_id)) and what the
account's tag counts read. The list shows each row's tags from `websites.tags`, a copy written in
the same transaction, so the hottest read gets them without another query or a subquery per row.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("websites", sa.Column("tags", sa.String(length=660), server_default="", nullable=False))
    op.create_table(
        "website_tags",
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("tag", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["website_id"], ["websites.id"], name=op.f("fk_website_tags_website_id_websites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("website_id", "tag", name=op.f("pk_website_tags")),
    )
    op.create_index("ix_website_tags_tag_website_id", "website_tags", ["tag", "website_id"])


def downgrade() -> None:
    op.drop_index("ix_website_tags_tag_website_id", table_name="website_tags")
    op.drop_table("website_tags")
    op.drop_column("websites", "tags")  # SQLite 3.35+ drops a column in place

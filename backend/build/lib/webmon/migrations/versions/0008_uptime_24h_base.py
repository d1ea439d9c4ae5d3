"""uptime_24h_base: each site's last 24 complete hours, summed hourly for the list endpoint.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "uptime_24h_base",
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("until", sa.DateTime(timezone=True), nullable=False),
        sa.Column("up_ms", sa.BigInteger(), nullable=False),
        sa.Column("down_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["website_id"], ["websites.id"], name=op.f("fk_uptime_24h_base_website_id_websites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("website_id", name=op.f("pk_uptime_24h_base")),
    )


def downgrade() -> None:
    op.drop_table("uptime_24h_base")

"""Hourly rollups of checks per website.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

HISTOGRAM_BUCKETS = 14


def upgrade() -> None:
    counters = [
        sa.Column(name, sa.BigInteger() if name in {"up_ms", "down_ms", "rt_sum"} else sa.Integer(), nullable=False)
        for name in ("checks", "failures", "up_ms", "down_ms", "rt_count", "rt_sum", "rt_max")
    ]
    histogram = [sa.Column(f"h{index}", sa.Integer(), nullable=False) for index in range(HISTOGRAM_BUCKETS)]
    op.create_table(
        "check_rollups_hourly",
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("hour", sa.DateTime(timezone=True), nullable=False),
        *counters,
        *histogram,
        sa.ForeignKeyConstraint(
            ["website_id"],
            ["websites.id"],
            name=op.f("fk_check_rollups_hourly_website_id_websites"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("website_id", "hour", name=op.f("pk_check_rollups_hourly")),
    )


def downgrade() -> None:
    op.drop_table("check_rollups_hourly")

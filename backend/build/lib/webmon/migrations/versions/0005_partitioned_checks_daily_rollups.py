"""website_checks without a surrogate id, partitioned by day on PostgreSQL; daily rollups.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)
COPY_COLUMNS = "checked_at, website_id, response_time, status_code, status, error_kind, error_message"
DAYS_AHEAD = 7


def _check_columns() -> list[sa.Column]:
    return [
        sa.Column("checked_at", TIMESTAMP, nullable=False),
        sa.Column("website_id", sa.Integer(), nullable=False),
        sa.Column("response_time", sa.Integer(), nullable=True),
        sa.Column("status_code", sa.SmallInteger(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("error_kind", sa.String(length=24), nullable=True),
        sa.Column("error_message", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(
            ["website_id"], ["websites.id"], name="fk_website_checks_website_id_websites", ondelete="CASCADE"
        ),
    ]


def _partition(day: date) -> str:
    start = datetime.combine(day, time(), UTC)
    end = start + timedelta(days=1)
    return (
        f'CREATE TABLE IF NOT EXISTS "website_checks_p{day:%Y%m%d}" PARTITION OF website_checks '
        f"FOR VALUES FROM ('{start.isoformat()}') TO ('{end.isoformat()}')"
    )


def _upgrade_postgresql() -> None:
    op.execute("ALTER TABLE website_checks RENAME TO website_checks_old")
    op.execute(
        "ALTER TABLE website_checks_old RENAME CONSTRAINT fk_website_checks_website_id_websites TO fk_website_checks_old_website"
    )
    op.create_table("website_checks", *_check_columns(), postgresql_partition_by="RANGE (checked_at)")
    op.create_index("ix_website_checks_website_id", "website_checks", ["website_id"])
    bind = op.get_bind()
    oldest = bind.execute(sa.text("SELECT min(checked_at) FROM website_checks_old")).scalar()
    today = datetime.now(UTC).date()
    first = min(oldest.astimezone(UTC).date(), today) if oldest else today
    day = first
    while day <= today + timedelta(days=DAYS_AHEAD):
        op.execute(_partition(day))
        day += timedelta(days=1)
    op.execute(f"INSERT INTO website_checks ({COPY_COLUMNS}) SELECT {COPY_COLUMNS} FROM website_checks_old")
    op.execute("DROP TABLE website_checks_old")


def _upgrade_sqlite() -> None:
    op.create_table("website_checks_new", *_check_columns())
    op.execute(f"INSERT INTO website_checks_new ({COPY_COLUMNS}) SELECT {COPY_COLUMNS} FROM website_checks")
    op.drop_table("website_checks")
    op.rename_table("website_checks_new", "website_checks")
    op.create_index("ix_website_checks_website_id_checked_at", "website_checks", ["website_id", "checked_at"])
    op.create_index("ix_website_checks_checked_at", "website_checks", ["checked_at"])


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _upgrade_postgresql()
    else:
        _upgrade_sqlite()

    counters = [
        sa.Column(name, sa.BigInteger() if name in {"up_ms", "down_ms", "rt_sum"} else sa.Integer(), nullable=False)
        for name in ("checks", "failures", "up_ms", "down_ms", "rt_count", "rt_sum", "rt_max")
    ]
    histogram = [sa.Column(f"h{index}", sa.Integer(), nullable=False) for index in range(14)]
    op.create_table(
        "check_rollups_daily",
        sa.Column("day", TIMESTAMP, nullable=False),
        sa.Column("website_id", sa.Integer(), nullable=False),
        *counters,
        *histogram,
        sa.ForeignKeyConstraint(
            ["website_id"], ["websites.id"], name=op.f("fk_check_rollups_daily_website_id_websites"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("website_id", "day", name=op.f("pk_check_rollups_daily")),
    )


def downgrade() -> None:
    raise NotImplementedError("0005 is one-way: restore a backup taken before upgrading to go back")

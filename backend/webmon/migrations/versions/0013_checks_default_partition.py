"""A DEFAULT partition for website_checks (PostgreSQL).

Without one, a check whose day has no partition yet (upkeep stopped for longer than the week made
ahead, or the clock stepped) could not be stored, and its whole batch rolled back with it: the
sites' status, their state changes and their alerts. Such checks now land in
`website_checks_default`; upkeep moves them into their day's partition when it makes it, and
`/health` says degraded while any are there. SQLite has no partitions: nothing to do.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE TABLE IF NOT EXISTS website_checks_default PARTITION OF website_checks DEFAULT")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Its checks would be lost with it: keep them in a plain table for whoever downgrades.
        op.execute("ALTER TABLE website_checks DETACH PARTITION website_checks_default")
        op.execute("ALTER TABLE website_checks_default RENAME TO website_checks_unpartitioned")

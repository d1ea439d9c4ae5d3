"""Let the per-check update of a website be a HOT update.

Every stored check updates its website's row. PostgreSQL can do that in place ("HOT", no new
index entries) only when no indexed column changes and the page has room. `last_check` changes
on every check, and nothing reads websites by it, so the seed's index on it made each check write
an entry into all five indexes of the table; it goes. A fill factor of 70 leaves room on each
page for the new row versions.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_websites_last_check", table_name="websites")
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE websites SET (fillfactor = 70)")
        op.execute("ALTER TABLE check_rollups_hourly SET (fillfactor = 70)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE check_rollups_hourly RESET (fillfactor)")
        op.execute("ALTER TABLE websites RESET (fillfactor)")
    op.create_index("ix_websites_last_check", "websites", ["last_check"])

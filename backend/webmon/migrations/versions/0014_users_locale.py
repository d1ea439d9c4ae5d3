"""users.locale: the account's language, for the dashboard, the alerts and the bot.

Every existing account speaks English, as Webmon did until now; the API accepts the languages of
`webmon.vocabulary.LOCALES`. A plain column added in place on both databases (SQLite adds a NOT
NULL column with a default without rebuilding the table).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("users", sa.Column("locale", sa.String(8), nullable=False, server_default="en"))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("locale")

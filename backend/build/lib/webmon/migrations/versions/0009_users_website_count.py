"""users.website_count, kept by triggers.

The dashboard's list says how many sites an account has on every refresh. Counting them each
time cost PostgreSQL 5-6 ms at 10,000 sites (every page of websites is updated by checks, so the
count could not be answered from the index alone). A trigger keeps the number on the user's row,
whatever inserts or deletes the site.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

POSTGRESQL_FUNCTION = """
CREATE FUNCTION webmon_count_websites() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE users SET website_count = website_count + 1 WHERE id = NEW.user_id;
        RETURN NEW;
    END IF;
    UPDATE users SET website_count = website_count - 1 WHERE id = OLD.user_id;
    RETURN OLD;
END
$$
"""


def upgrade() -> None:
    op.add_column("users", sa.Column("website_count", sa.Integer(), server_default="0", nullable=False))
    op.execute("UPDATE users SET website_count = (SELECT count(*) FROM websites WHERE websites.user_id = users.id)")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRESQL_FUNCTION)
        op.execute(
            "CREATE TRIGGER websites_counted AFTER INSERT OR DELETE ON websites "
            "FOR EACH ROW EXECUTE FUNCTION webmon_count_websites()"
        )
    else:
        op.execute(
            "CREATE TRIGGER websites_counted_insert AFTER INSERT ON websites BEGIN "
            "UPDATE users SET website_count = website_count + 1 WHERE id = NEW.user_id; END"
        )
        op.execute(
            "CREATE TRIGGER websites_counted_delete AFTER DELETE ON websites BEGIN "
            "UPDATE users SET website_count = website_count - 1 WHERE id = OLD.user_id; END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER websites_counted ON websites")
        op.execute("DROP FUNCTION webmon_count_websites()")
    else:
        op.execute("DROP TRIGGER websites_counted_insert")
        op.execute("DROP TRIGGER websites_counted_delete")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("website_count")

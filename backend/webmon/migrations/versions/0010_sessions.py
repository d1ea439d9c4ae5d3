"""Server-side sessions (auth_sessions), and user ids SQLite never hands out twice.

Every sign-in (the dashboard's cookie, or a bearer token) now has a row, so that a session can
last while it is used, end on its own and be revoked by logging out. On SQLite the users table
is rebuilt with AUTOINCREMENT: without it a deleted user's id went to the next account.

The rebuild follows SQLite's procedure for table changes: it needs foreign keys off (as `webmon
migrate` runs it; see env.py), or dropping the old table would delete every website with it. With
foreign keys on and accounts in the table, it stops rather than lose them.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TIMESTAMP = sa.DateTime(timezone=True)

_USERS_COLUMNS = (
    "id, email, username, hashed_password, balance, is_active, token_version, created_at, updated_at, website_count"
)
_USERS_TABLE = """
CREATE TABLE {name} (
    id INTEGER NOT NULL CONSTRAINT pk_users PRIMARY KEY{autoincrement},
    email VARCHAR(320) NOT NULL,
    username VARCHAR(50) NOT NULL,
    hashed_password VARCHAR(255) NOT NULL,
    balance NUMERIC(12, 2) DEFAULT '0' NOT NULL,
    is_active BOOLEAN DEFAULT true NOT NULL,
    token_version INTEGER DEFAULT '0' NOT NULL,
    created_at DATETIME DEFAULT CURRENT_TIMESTAMP NOT NULL,
    updated_at DATETIME,
    website_count INTEGER DEFAULT '0' NOT NULL,
    CONSTRAINT uq_users_email UNIQUE (email)
)
"""
# Migration 0009's triggers name `users`: SQLite refuses to rename a table while a trigger names
# one that is missing, so they are dropped for the rebuild and made again after it.
_WEBSITE_TRIGGERS = (
    "CREATE TRIGGER websites_counted_insert AFTER INSERT ON websites BEGIN "
    "UPDATE users SET website_count = website_count + 1 WHERE id = NEW.user_id; END",
    "CREATE TRIGGER websites_counted_delete AFTER DELETE ON websites BEGIN "
    "UPDATE users SET website_count = website_count - 1 WHERE id = OLD.user_id; END",
)


def _rebuild_sqlite_users(*, autoincrement: bool) -> None:
    bind = op.get_bind()
    foreign_keys_on = bind.exec_driver_sql("PRAGMA foreign_keys").scalar()
    if foreign_keys_on and bind.exec_driver_sql("SELECT count(*) FROM users").scalar():
        raise RuntimeError(
            "Rebuilding the users table with SQLite foreign keys on would delete every website: "
            "run `webmon migrate`, which runs migrations with foreign keys off."
        )
    op.execute("DROP TRIGGER IF EXISTS websites_counted_insert")
    op.execute("DROP TRIGGER IF EXISTS websites_counted_delete")
    op.execute(_USERS_TABLE.format(name="users_rebuilt", autoincrement=" AUTOINCREMENT" if autoincrement else ""))
    op.execute(f"INSERT INTO users_rebuilt ({_USERS_COLUMNS}) SELECT {_USERS_COLUMNS} FROM users")
    op.execute("DROP TABLE users")
    op.execute("ALTER TABLE users_rebuilt RENAME TO users")
    op.execute("CREATE UNIQUE INDEX uq_users_username_lower ON users (lower(username))")
    for trigger in _WEBSITE_TRIGGERS:
        op.execute(trigger)
    problems = bind.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if problems:
        raise RuntimeError(f"the users table rebuild broke foreign keys: {problems[:5]}")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # (Inserting the existing ids sets AUTOINCREMENT's counter to the highest one.)
        _rebuild_sqlite_users(autoincrement=True)
    op.create_table(
        "auth_sessions",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
        sa.Column("expires_at", TIMESTAMP, nullable=False),
        sa.Column("revoked_at", TIMESTAMP, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_auth_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_auth_sessions")),
    )
    op.create_index(op.f("ix_auth_sessions_user_id"), "auth_sessions", ["user_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_auth_sessions_user_id"), table_name="auth_sessions")
    op.drop_table("auth_sessions")
    if op.get_bind().dialect.name == "sqlite":
        _rebuild_sqlite_users(autoincrement=False)
        op.execute("DELETE FROM sqlite_sequence WHERE name = 'users'")

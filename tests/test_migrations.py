"""One Alembic history builds the same schema as the models, on PostgreSQL and on SQLite."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from webmon.migrations import make_include_object
from webmon.models import Base


def _differences(connection):
    context = MigrationContext.configure(
        connection,
        opts={
            "compare_type": True,
            "render_as_batch": True,
            "include_object": make_include_object(connection.dialect.name),
        },
    )
    diffs = compare_metadata(context, Base.metadata)
    # SQLite cannot reflect expression indexes (lower(username)); test_auth covers what it does.
    return [d for d in diffs if not (d[0] in {"add_index", "remove_index"} and d[1].name == "uq_users_username_lower")]


@pytest.mark.filterwarnings("ignore:.*expression-based index")
async def test_the_migrated_schema_matches_the_models(database):
    async with database.engine.connect() as connection:
        diffs = await connection.run_sync(_differences)

    assert diffs == []


async def test_the_migrations_create_every_table_and_index(database):
    def names(connection):
        inspector = inspect(connection)
        return {
            table: sorted(index["name"] for index in inspector.get_indexes(table))
            for table in ("websites", "website_checks")
        }

    async with database.engine.connect() as connection:
        indexes = await connection.run_sync(names)

    assert indexes["websites"] == [
        "ix_websites_next_check_at_active",
        "ix_websites_status",
        "ix_websites_user_id_id",
    ]
    if database.engine.dialect.name == "postgresql":
        # One deduplicated index; retention drops daily partitions (runner/partitions.py).
        assert indexes["website_checks"] == ["ix_website_checks_website_id"]
    else:
        assert indexes["website_checks"] == ["ix_website_checks_checked_at", "ix_website_checks_website_id_checked_at"]


@pytest.mark.parametrize("backend", ["sqlite"])
def test_migrate_upgrades_an_empty_sqlite_file_from_sync_code(tmp_path, backend):
    from webmon.migrations import upgrade_to_head

    upgrade_to_head(f"sqlite+aiosqlite:///{tmp_path}/fresh.db")
    upgrade_to_head(f"sqlite+aiosqlite:///{tmp_path}/fresh.db")  # a second run is a no-op

    assert (tmp_path / "fresh.db").stat().st_size > 0


def test_upgrading_links_every_chat_a_users_sites_already_alert(tmp_path):
    """Nobody's alerts stop: the chats in use before linking existed become linked chats."""
    import sqlite3

    from alembic import command
    from alembic.script import ScriptDirectory

    from webmon.migrations import alembic_config, upgrade_to_head

    url = f"sqlite+aiosqlite:///{tmp_path}/old.db"
    script = ScriptDirectory.from_config(alembic_config(url))
    [linking] = [r for r in script.walk_revisions() if r.path.endswith("_telegram_chat_links.py")]
    command.upgrade(alembic_config(url), linking.down_revision)
    with sqlite3.connect(tmp_path / "old.db") as connection:
        for user_id in (1, 2):
            connection.execute(
                "INSERT INTO users (id, email, username, hashed_password) VALUES (?, ?, ?, '-')",
                (user_id, f"u{user_id}@example.com", f"u{user_id}"),
            )
        for n, (user_id, chat) in enumerate([(1, "555"), (1, "555"), (1, "@ops"), (2, "555"), (2, None)]):
            connection.execute(
                "INSERT INTO websites (user_id, url, name, valid_word, telegram_chat_id, next_check_at) "
                "VALUES (?, ?, ?, 'x', ?, '2026-01-01 00:00:00')",
                (user_id, f"https://{n}.example.com/", f"Site {n}", chat),
            )

    upgrade_to_head(url)

    with sqlite3.connect(tmp_path / "old.db") as connection:
        linked = connection.execute("SELECT user_id, chat_id FROM telegram_chats ORDER BY user_id, chat_id").fetchall()
    assert linked == [(1, "555"), (1, "@ops"), (2, "555")]

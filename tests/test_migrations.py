"""One Alembic history builds the same schema as the models, on PostgreSQL and on SQLite."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from tests.conftest import make_settings
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


# -- 0010: sessions, and user ids that are never handed out twice --------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
async def empty_database_url(request, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/webmon.db"
        return
    from tests.services import create_scratch_database, drop_scratch_database

    url = await create_scratch_database()
    try:
        yield url
    finally:
        await drop_scratch_database(url)


async def _migrate(url: str, revision: str) -> None:
    """As `webmon migrate` does it (sync code, its own engine), off the event loop."""
    import asyncio

    from alembic import command

    from webmon.migrations import alembic_config

    await asyncio.to_thread(command.upgrade, alembic_config(url), revision)


def _head() -> str:
    from alembic.script import ScriptDirectory

    from webmon.migrations import alembic_config

    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


async def _run(url: str, *statements: str) -> list[list[tuple]]:
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            if connection.dialect.name == "sqlite":
                await connection.exec_driver_sql("PRAGMA foreign_keys=ON")
            results = []
            for statement in statements:
                result = await connection.execute(text(statement))
                results.append([tuple(row) for row in result] if result.returns_rows else [])
            return results
    finally:
        await engine.dispose()


_ACCOUNTS_AT_0009 = (
    # Ids as the database hands them out on a fresh database: 1, 2, 3.
    "INSERT INTO users (email, username, hashed_password, token_version) VALUES "
    "('alice@example.com', 'alice', 'x', 0), ('bob@example.com', 'Bob', 'y', 3), ('carol@example.com', 'carol', 'z', 0)",
    "INSERT INTO websites (user_id, url, name, valid_word) VALUES "
    "(1, 'https://a.example/', 'A', 'ok'), (1, 'https://b.example/', 'B', 'ok'), (2, 'https://c.example/', 'C', 'ok')",
)


async def test_0010_keeps_every_account_and_website_of_a_0009_database(empty_database_url):
    url = empty_database_url
    await _migrate(url, "0009")
    await _run(url, *_ACCOUNTS_AT_0009)

    await _migrate(url, "head")

    users, websites, version = await _run(
        url,
        "SELECT id, email, username, token_version, website_count FROM users ORDER BY id",
        "SELECT user_id, url FROM websites ORDER BY url",
        "SELECT version_num FROM alembic_version",
    )
    assert users == [
        (1, "alice@example.com", "alice", 0, 2),
        (2, "bob@example.com", "Bob", 3, 1),
        (3, "carol@example.com", "carol", 0, 0),
    ]
    assert websites == [(1, "https://a.example/"), (1, "https://b.example/"), (2, "https://c.example/")]
    assert version == [(_head(),)]


async def test_after_0010_a_deleted_users_id_goes_to_no_new_account(empty_database_url):
    url = empty_database_url
    await _migrate(url, "0009")
    await _run(url, *_ACCOUNTS_AT_0009)
    await _migrate(url, "head")

    (_, _, [(new_id,)]) = await _run(
        url,
        "DELETE FROM users WHERE id = 3",
        "INSERT INTO users (email, username, hashed_password) VALUES ('dave@example.com', 'dave', 'w')",
        "SELECT id FROM users WHERE username = 'dave'",
    )

    assert new_id == 4


async def test_after_0010_the_rebuilt_users_table_keeps_its_rules_and_triggers(empty_database_url):
    from sqlalchemy.exc import IntegrityError

    url = empty_database_url
    await _migrate(url, "0009")
    await _run(url, *_ACCOUNTS_AT_0009)
    await _migrate(url, "head")

    [counts] = (
        await _run(
            url,
            "INSERT INTO websites (user_id, url, name, valid_word) VALUES (3, 'https://d.example/', 'D', 'ok')",
            "DELETE FROM websites WHERE url = 'https://a.example/'",
            "SELECT id, website_count FROM users ORDER BY id",
        )
    )[2:]
    assert counts == [(1, 1), (2, 1), (3, 1)]
    with pytest.raises(IntegrityError):  # usernames stay unique whatever their case
        await _run(url, "INSERT INTO users (email, username, hashed_password) VALUES ('b2@example.com', 'BOB', 'q')")
    with pytest.raises(IntegrityError):  # and emails unique
        await _run(url, "INSERT INTO users (email, username, hashed_password) VALUES ('bob@example.com', 'bob2', 'q')")
    # Deleting an account still deletes its websites and its sessions.
    remaining = await _run(
        url,
        "INSERT INTO auth_sessions (id, user_id, kind, created_at, last_seen_at, expires_at) "
        "VALUES ('s1', 1, 'cookie', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
        "DELETE FROM users WHERE id = 1",
        "SELECT count(*) FROM websites WHERE user_id = 1",
        "SELECT count(*) FROM auth_sessions",
    )
    assert remaining[2:] == [[(0,)], [(0,)]]


async def test_0010_refuses_to_rebuild_sqlites_users_with_foreign_keys_on_rather_than_lose_websites(tmp_path):
    from webmon.db import Database
    from webmon.migrations import upgrade_connection_to_head

    url = f"sqlite+aiosqlite:///{tmp_path}/webmon.db"
    await _migrate(url, "0009")
    await _run(url, *_ACCOUNTS_AT_0009)
    database = Database(make_settings(url))  # Webmon's own engine turns foreign keys on
    try:
        with pytest.raises(RuntimeError, match="foreign keys"):
            async with database.engine.begin() as connection:
                await connection.run_sync(upgrade_connection_to_head)
    finally:
        await database.dispose()

    [websites, version] = await _run(url, "SELECT count(*) FROM websites", "SELECT version_num FROM alembic_version")
    assert websites == [(3,)] and version == [("0009",)]


async def test_0011_adds_the_instance_tables_and_its_downgrade_removes_them(empty_database_url):
    import asyncio

    from alembic import command

    from webmon.migrations import alembic_config

    url = empty_database_url
    await _migrate(url, "0011")
    await _run(
        url,
        "INSERT INTO instance_settings (key, value, updated_at) VALUES ('registration', '\"invite\"', CURRENT_TIMESTAMP)",
        "INSERT INTO rate_windows (key, started_at, hits) VALUES ('check-now:site:1', CURRENT_TIMESTAMP, 1)",
    )
    [stored] = await _run(url, "SELECT key, value FROM instance_settings")

    await asyncio.to_thread(command.downgrade, alembic_config(url), "0010")
    tables = "SELECT count(*) FROM {} WHERE name IN ('instance_settings', 'instance_invitations', 'rate_windows')"
    catalog = "sqlite_master" if url.startswith("sqlite") else "(SELECT tablename AS name FROM pg_tables) AS t"
    [[(left,)]] = await _run(url, tables.format(catalog))
    await _migrate(url, "head")

    assert stored == [("registration", '"invite"')]
    assert left == 0


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


# -- 0014: the account's language -------------------------------------------------------------------


async def test_0014_gives_every_existing_account_english(empty_database_url):
    url = empty_database_url
    await _migrate(url, "0013")
    await _run(url, *_ACCOUNTS_AT_0009)

    await _migrate(url, "0014")

    [locales] = await _run(url, "SELECT email, locale FROM users ORDER BY id")
    assert locales == [("alice@example.com", "en"), ("bob@example.com", "en"), ("carol@example.com", "en")]

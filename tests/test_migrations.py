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

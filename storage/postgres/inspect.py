"""`python -m bot check` on PostgreSQL: facts about the database, changing nothing.

The connection is a read-only session: nothing is created or migrated, as `check`
promises on SQLite (storage/maintenance.py), and the facts are the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import asyncpg

from storage.errors import StorageError
from storage.postgres import place_of
from storage.postgres.migrate import bundled_migrations, schema_version


@dataclass(frozen=True)
class PostgresReport:
    """Facts about a PostgreSQL database; the caller words them."""

    place: str  # host and database name, never the password
    schema_version: int
    latest_version: int
    stories: int
    servers: int

    @property
    def too_new(self) -> bool:
        return self.schema_version > self.latest_version

    @property
    def pending_migrations(self) -> int:
        return max(0, self.latest_version - self.schema_version)


async def _count(connection: asyncpg.Connection, table: str) -> int:
    if not await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", table):
        return 0  # an empty database: the bot creates its tables at start
    return int(await connection.fetchval(f"SELECT count(*) FROM {table}"))


async def inspect_postgres(dsn: str) -> PostgresReport:
    """Read the schema version and a few counts; raise StorageError with one line."""
    latest = max((m.version for m in bundled_migrations()), default=0)
    try:
        connection = await asyncpg.connect(
            dsn, timeout=10, server_settings={"default_transaction_read_only": "on"}
        )
    except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise StorageError(f"cannot connect to PostgreSQL ({place_of(dsn)}): {exc}") from None
    try:
        return PostgresReport(
            place_of(dsn),
            await schema_version(connection),
            latest,
            await _count(connection, "stories"),
            await _count(connection, "guild_settings"),
        )
    except (asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise StorageError(f"cannot read the PostgreSQL database: {exc}") from None
    finally:
        await connection.close()

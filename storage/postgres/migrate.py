"""Numbered SQL migrations on PostgreSQL, safe when several processes start at once.

Each migration is one transaction that first takes a transaction-level advisory lock
(`pg_advisory_xact_lock`), then reads the applied version from `schema_migrations`,
applies the next file only if it is still pending, and records it. Two processes
starting together on an empty database therefore queue on the lock and the second finds
the work done: every file is applied once, with no error (creating the version table
happens under the same lock, since concurrent `CREATE TABLE IF NOT EXISTS` can fail).
A failing file is rolled back whole and reported in one line; a database whose version
is newer than the code is refused in one line, and nothing is written to it.

File naming and sequence rules are the SQLite runner's (`storage.migrate`).
"""

from __future__ import annotations

import logging
import re
from importlib import resources

import asyncpg

from storage.errors import MigrationError, SchemaTooNewError
from storage.migrate import Migration, check_sequence

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
_START_TRANSACTION = re.compile(r"^\s*START\s+TRANSACTION\b", re.IGNORECASE | re.MULTILINE)

# The advisory lock's key: the bytes "xpit-mig" as a (positive) bigint. Any other use of
# advisory locks in this database must pick another key.
MIGRATION_LOCK_KEY = int.from_bytes(b"xpit-mig", "big")

_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)
"""


def bundled_migrations() -> list[Migration]:
    """The migrations shipped in `storage/postgres/migrations/`, in order."""
    folder = resources.files("storage.postgres").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return check_migrations(found)


def check_migrations(migrations: list[Migration]) -> list[Migration]:
    """The SQLite rules (1, 2, 3…, no transaction control) plus PostgreSQL's spelling."""
    ordered = check_sequence(migrations)
    for migration in ordered:
        if _START_TRANSACTION.search(migration.sql):
            raise MigrationError(f"migration {migration.name} must not control transactions itself")
    return ordered


async def schema_version(connection: asyncpg.Connection) -> int:
    """The newest applied migration (0 for an empty database)."""
    exists = await connection.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
    if not exists:
        return 0
    return int(await connection.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations"))


async def apply_migrations(
    connection: asyncpg.Connection, migrations: list[Migration] | None = None
) -> int:
    """Bring the schema up to the newest migration; returns the resulting version."""
    ordered = bundled_migrations() if migrations is None else check_migrations(migrations)
    latest = ordered[-1].version if ordered else 0
    while True:
        async with connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK_KEY)
            current = await schema_version(connection)
            if current > latest:
                raise SchemaTooNewError(
                    f"the PostgreSQL database has schema version {current} but this bot only "
                    f"knows up to {latest}: run a newer version of the bot (the database was "
                    "left untouched)"
                )
            if current == latest:
                return current
            await connection.execute(_VERSION_TABLE)
            migration = ordered[current]  # versions are 1, 2, 3…: the next pending one
            try:
                await connection.execute(migration.sql)
            except asyncpg.PostgresError as exc:
                raise MigrationError(
                    f"migration {migration.name} failed and was rolled back: {exc}"
                ) from None
            await connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
        log.info("Applied PostgreSQL migration %s", migration.name)

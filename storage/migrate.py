"""Numbered SQL migrations, tracked with `PRAGMA user_version`.

Each migration runs inside one script that begins, applies the file, bumps
`user_version` and commits; on any error it is rolled back, so a failed migration leaves
the file exactly as it was. (`executescript()` commits an open transaction before it
runs, which is why BEGIN and COMMIT live inside the script.) Migration files must not
contain BEGIN, COMMIT or ROLLBACK themselves.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from importlib import resources

import aiosqlite

from storage.errors import MigrationError, SchemaTooNewError

log = logging.getLogger(__name__)

_FILE_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
# A trigger body's BEGIN ... END is fine; a transaction statement is not.
_TRANSACTION_CONTROL = re.compile(
    r"^\s*(BEGIN(\s+(DEFERRED|IMMEDIATE|EXCLUSIVE))?(\s+TRANSACTION)?\s*;|COMMIT\b|ROLLBACK\b"
    r"|END\s+TRANSACTION\b|SAVEPOINT\b|RELEASE\b)",
    re.IGNORECASE | re.MULTILINE,
)


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    sql: str


def bundled_migrations() -> list[Migration]:
    """The migrations shipped in `storage/migrations/`, in order."""
    folder = resources.files("storage").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = _FILE_NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return check_sequence(found)


def check_sequence(migrations: list[Migration]) -> list[Migration]:
    """Sort and insist on 1, 2, 3... with no gap, no duplicate, no transaction control."""
    ordered = sorted(migrations, key=lambda m: m.version)
    for expected, migration in enumerate(ordered, start=1):
        if migration.version != expected:
            raise MigrationError(
                f"migration {migration.name} is out of sequence (expected {expected})"
            )
        if _TRANSACTION_CONTROL.search(migration.sql):
            raise MigrationError(f"migration {migration.name} must not control transactions itself")
    return ordered


async def schema_version(connection: aiosqlite.Connection) -> int:
    async with connection.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


async def refuse_newer_schema(connection: aiosqlite.Connection, migrations: list[Migration]) -> int:
    """Raise before anything writes to a file from a newer bot; returns its version."""
    latest = max((m.version for m in migrations), default=0)
    current = await schema_version(connection)
    if current > latest:
        raise SchemaTooNewError(
            f"the database has schema version {current} but this bot only knows up to "
            f"{latest}: run a newer version of the bot (the file was left untouched)"
        )
    return current


async def apply_migrations(connection: aiosqlite.Connection, migrations: list[Migration]) -> int:
    """Bring the schema up to the newest migration; returns the resulting version."""
    ordered = check_sequence(migrations)
    current = await refuse_newer_schema(connection, ordered)
    for migration in ordered:
        if migration.version <= current:
            continue
        script = (
            f"BEGIN IMMEDIATE;\n{migration.sql}\n"
            f"PRAGMA user_version = {migration.version:d};\nCOMMIT;\n"
        )
        try:
            await connection.executescript(script)
        except sqlite3.Error as exc:
            if connection.in_transaction:
                await connection.execute("ROLLBACK")
            raise MigrationError(
                f"migration {migration.name} failed and was rolled back: {exc}"
            ) from None
        log.info("Applied database migration %s", migration.name)
    return await schema_version(connection)

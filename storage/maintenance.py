"""Operator tools on the SQLite file, without the bot running or with it running.

`inspect_database` opens the file read-only (it creates nothing and migrates nothing) and
`backup_database` makes a consistent copy through SQLite's online backup API, so neither
needs the `sqlite3` program, which many servers lack. Both are synchronous: they run
from the command line, never inside the bot's event loop.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from storage.errors import StorageError
from storage.migrate import bundled_migrations


@dataclass(frozen=True)
class DatabaseReport:
    """Facts about a database file; the caller words them."""

    path: Path
    exists: bool
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


def latest_schema_version() -> int:
    return max((m.version for m in bundled_migrations()), default=0)


def _read_only(path: Path) -> sqlite3.Connection:
    """A connection that writes nothing: not the file, nor any file beside it.

    mode=ro never writes the database, but on a WAL database it still creates the -wal
    and -shm files when they are missing; created by root, they would then lock out a
    bot running as its own user. With no -wal file the bot is not running (it keeps one
    while it is) and the main file holds every commit, so it is read as immutable.
    """
    options = "mode=ro"
    if not path.with_name(f"{path.name}-wal").exists():
        options += "&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=5)


def _count(connection: sqlite3.Connection, table: str, column: str = "*") -> int:
    try:
        row = connection.execute(f"SELECT count({column}) FROM {table}").fetchone()
    except sqlite3.OperationalError:  # an older schema without that table yet
        return 0
    return int(row[0])


def inspect_database(path: Path) -> DatabaseReport:
    """Read the schema version and a few counts; raise StorageError with one line."""
    latest = latest_schema_version()
    if not path.exists():
        return DatabaseReport(path, False, 0, latest, 0, 0)
    if path.is_dir():
        raise StorageError(f"{path} is a folder, not a database file")
    try:
        with contextlib.closing(_read_only(path)) as connection:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            stories = _count(connection, "stories")
            servers = _count(connection, "guild_settings")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"cannot read the database at {path}: {exc}") from None
    return DatabaseReport(path, True, version, latest, stories, servers)


def backup_database(source: Path, destination: Path) -> DatabaseReport:
    """Copy `source` to `destination` consistently, even while the bot writes to it.

    The copy is written beside the destination and renamed into place once SQLite's
    integrity check passes, so a failed backup never leaves a half file under the
    name an operator would restore from. An existing destination is never overwritten.
    """
    if not source.is_file():
        raise StorageError(f"there is no database at {source} to back up")
    if destination.exists():
        raise StorageError(f"{destination} already exists: choose a new name (nothing was written)")
    if not destination.parent.is_dir():
        raise StorageError(f"the folder {destination.parent} does not exist")
    partial = destination.with_name(f".{destination.name}.partial")
    try:
        with (
            contextlib.closing(_read_only(source)) as src,
            contextlib.closing(sqlite3.connect(partial)) as dst,
        ):
            src.backup(dst)  # one step: a single read transaction, so one consistent moment
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise StorageError(f"the copy failed SQLite's integrity check: {verdict}")
        os.replace(partial, destination)
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"cannot back up {source}: {exc}") from None
    except OSError as exc:
        raise StorageError(f"cannot write {destination}: {exc.strerror or exc}") from None
    finally:
        partial.unlink(missing_ok=True)
    return inspect_database(destination)

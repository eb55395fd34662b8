"""The operator's command line: `python -m bot [run|demo|invite|check|backup]`.

With no subcommand it runs the bot, as it always did. `--help` and `--version` are
answered by argparse before any setting is read, so they never start the bot, even
beside a `.env`. Every command ends with an `ExitCode` (see `bot.run`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.i18n import count
from bot.invite import invite_url
from bot.run import ExitCode, run_until_stopped
from bot.settings import Settings, SettingsError, load_settings
from bot.version import __version__
from storage.errors import StorageError
from storage.maintenance import DatabaseReport, backup_database, inspect_database
from storage.postgres import place_of

PROG = "experience-it"

EPILOG = """exit codes:
  0  done (or stopped on purpose)
  1  failed: network, database or an unexpected error (a restart may help)
  2  a setting is missing or malformed, `check` found a problem, or another bot
     process already runs on the SQLite database (fix it first)
  3  Discord rejected DISCORD_TOKEN (reset it in the developer portal; do not restart)

Settings come from the environment and .env: DISCORD_TOKEN, DATABASE_PATH, DATABASE_URL,
LOG_LEVEL, DEV_GUILD_ID, DISCORD_API_BASE and DISCORD_GATEWAY_URL (see the README)."""


def say(line: str) -> None:
    sys.stdout.write(line + "\n")


def complain(line: str) -> None:
    sys.stderr.write(f"{PROG}: {line}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bot",
        description="Experience It: a Discord bot for customer-experience stories.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="run the bot until stopped (the default)")
    demo = commands.add_parser(
        "demo", help="run the bot against a local Discord stand-in; no token needed"
    )
    demo.add_argument(
        "--output",
        type=Path,
        default=Path("experience-it-demo.html"),
        help="where to write the transcript (default: %(default)s)",
    )
    demo.add_argument("--seed", type=int, default=7, help="the demo's random seed")
    invite = commands.add_parser("invite", help="print the link that adds the bot to a server")
    invite.add_argument(
        "--application-id",
        type=int,
        help="the application id (default: read from DISCORD_TOKEN)",
    )
    commands.add_parser(
        "check", help="check the settings, the token's shape and the database; change nothing"
    )
    backup = commands.add_parser(
        "backup", help="copy the database consistently, even while the bot runs"
    )
    backup.add_argument("destination", type=Path, metavar="DEST", help="the new file to write")
    backup.add_argument(
        "--database", type=Path, help="the database to copy (default: DATABASE_PATH)"
    )
    copy = commands.add_parser(
        "copy-to-postgres",
        help="copy the SQLite database into an empty PostgreSQL database (stop the bot first)",
    )
    copy.add_argument(
        "url", nargs="?", metavar="DATABASE_URL", help="postgresql://... (default: DATABASE_URL)"
    )
    copy.add_argument(
        "--database", type=Path, help="the SQLite file to copy (default: DATABASE_PATH)"
    )
    return parser


def _settings() -> Settings | None:
    try:
        return load_settings()
    except SettingsError as exc:
        for problem in exc.problems:
            complain(problem)
        return None


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "demo":
        from bot.demo.runner import run_demo  # the stand-in is only loaded for the demo

        return run_demo(args.output, seed=args.seed)
    if args.command == "invite":
        return _invite(args.application_id)
    if args.command == "check":
        return _check()
    if args.command == "backup":
        return _backup(args.destination, args.database)
    if args.command == "copy-to-postgres":
        return _copy_to_postgres(args.url or os.environ.get("DATABASE_URL"), args.database)
    settings = _settings()
    if settings is None:
        return ExitCode.SETTINGS
    return run_until_stopped(settings)


def _invite(application_id: int | None) -> int:
    if application_id is None:
        settings = _settings()
        if settings is None:
            return ExitCode.SETTINGS
        application_id = settings.application_id
        if application_id is None:
            complain(
                "cannot read the application id from DISCORD_TOKEN: pass --application-id "
                "(General Information page of the developer portal)"
            )
            return ExitCode.SETTINGS
    say(invite_url(application_id))
    return ExitCode.OK


def describe_database(report: DatabaseReport) -> str:
    if not report.exists:
        return f"database: {report.path} does not exist yet; the bot creates it at start"
    if report.too_new:
        return (
            f"database: {report.path} has schema version {report.schema_version}, newer than "
            f"this bot knows ({report.latest_version}): run a newer version of the bot"
        )
    state = (
        "up to date"
        if report.pending_migrations == 0
        else f"{count('en', 'n-migrations', report.pending_migrations)} will run at the next start"
    )
    return (
        f"database: {report.path}, schema version {report.schema_version} ({state}); "
        f"{count('en', 'n-stories', report.stories)}, "
        f"{count('en', 'n-servers', report.servers)} configured"
    )


def creation_problem(path: Path) -> str | None:
    """Why the bot could not create its database at `path`, or None if it could."""
    existing = path.parent
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        return f"cannot create {path}: {existing} is a file, not a folder"
    if not os.access(existing, os.W_OK | os.X_OK):
        return f"cannot create {path}: the folder {existing} is not writable by this user"
    return None


def _check() -> int:
    """One line per finding; nothing is created, migrated or sent to Discord."""
    settings = _settings()
    if settings is None:
        complain("database: not checked until the settings above are fixed")
        return ExitCode.SETTINGS
    target = settings.discord_api_base or "discord.com"
    say(f"settings: ok (log level {settings.log_level}, Discord at {target})")
    application_id = settings.application_id
    if application_id is not None:
        say(f"token: shaped like a bot token for application {application_id}")
    if settings.database_url is not None:
        return _check_postgres(settings.database_url.get_secret_value())
    try:
        report = inspect_database(settings.database_path)
    except StorageError as exc:
        complain(f"database: {exc}")
        return ExitCode.SETTINGS
    line = describe_database(report)
    blocker = None if report.exists else creation_problem(settings.database_path)
    if blocker is not None:
        complain(f"database: {blocker}")
        return ExitCode.SETTINGS
    if report.too_new:
        complain(line)
        return ExitCode.SETTINGS
    say(line)
    return ExitCode.OK


def _check_postgres(dsn: str) -> int:
    from storage.postgres.inspect import inspect_postgres  # asyncpg only when used

    try:
        report = asyncio.run(inspect_postgres(dsn))
    except StorageError as exc:
        complain(f"database: {exc}")
        return ExitCode.SETTINGS
    if report.too_new:
        complain(
            f"database: PostgreSQL {report.place} has schema version {report.schema_version}, "
            f"newer than this bot knows ({report.latest_version}): run a newer version of the bot"
        )
        return ExitCode.SETTINGS
    state = (
        "up to date"
        if report.pending_migrations == 0
        else f"{count('en', 'n-migrations', report.pending_migrations)} will run at the next start"
    )
    say(
        f"database: PostgreSQL {report.place}, schema version {report.schema_version} "
        f"({state}); {count('en', 'n-stories', report.stories)}, "
        f"{count('en', 'n-servers', report.servers)} configured"
    )
    return ExitCode.OK


PG_BACKUP = (
    "backup copies the SQLite file, but DATABASE_URL is set: back PostgreSQL up with "
    'pg_dump (e.g. pg_dump --format=custom --file=DEST "$DATABASE_URL"); README, PostgreSQL'
)


def _backup(destination: Path, database: Path | None) -> int:
    if database is None:
        settings = _settings()
        if settings is None:
            return ExitCode.SETTINGS
        if settings.database_url is not None:
            complain(PG_BACKUP)
            return ExitCode.SETTINGS
        database = settings.database_path
    try:
        report = backup_database(database, destination)
    except StorageError as exc:
        complain(f"backup failed: {exc}")
        return ExitCode.FAILED
    say(
        f"backed up {database} to {destination} (schema version {report.schema_version}, "
        f"{count('en', 'n-stories', report.stories)}; integrity check ok)"
    )
    return ExitCode.OK


def _copy_to_postgres(dsn: str | None, database: Path | None) -> int:
    """Copy the SQLite file into an empty PostgreSQL database; one line per table."""
    from storage.postgres.copy_from_sqlite import CopyRefused, copy_sqlite_to_postgres
    from storage.process_lock import DatabaseInUse

    if not dsn:
        complain("copy-to-postgres needs the PostgreSQL address: DATABASE_URL=postgresql://...")
        return ExitCode.SETTINGS
    if database is None:
        settings = _settings()
        if settings is None:
            return ExitCode.SETTINGS
        database = settings.database_path
    try:
        copied = asyncio.run(copy_sqlite_to_postgres(database, dsn))
    except (CopyRefused, DatabaseInUse) as exc:
        complain(f"nothing copied: {exc}")
        return ExitCode.SETTINGS
    except StorageError as exc:
        complain(f"nothing copied: {exc}")
        return ExitCode.FAILED
    for table in copied:
        say(f"  {table.table}: {table.rows:,} rows")
    total = sum(table.rows for table in copied)
    say(
        f"copied {len(copied)} tables ({total:,} rows) from {database} to {place_of(dsn)}; "
        "every table's count checked. Set DATABASE_URL to run the bot on it."
    )
    return ExitCode.OK

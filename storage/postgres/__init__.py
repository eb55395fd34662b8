"""The PostgreSQL backend (issue 10): `DATABASE_URL=postgresql://...` selects it.

`database.py` (connections with SQLite's API and write discipline), `dialect.py` (the
shared SQL's placeholders), `migrate.py` (numbered migrations under an advisory lock),
`repositories/` (where PostgreSQL's SQL differs), `assemble.py` (the `Storage`).

This module imports no driver: the settings and the command line use it without asyncpg.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit


def place_of(dsn: str) -> str:
    """A PostgreSQL address without its password, for messages and logs."""
    parts = urlsplit(dsn)
    database = parts.path.lstrip("/") or "(default)"
    host = parts.hostname or parse_qs(parts.query).get("host", ["local socket"])[0]
    return f"database {database} on {host}"


def dsn_password(dsn: str) -> str | None:
    """The password inside a DSN (user:password@ or ?password=), to redact from logs."""
    parts = urlsplit(dsn)
    if parts.password:
        return parts.password
    return parse_qs(parts.query).get("password", [None])[0]

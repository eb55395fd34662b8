"""The PostgreSQL backend (issue 10): `DATABASE_URL=postgresql://...` will select it.

`database.py` (connections with SQLite's API and write discipline), `dialect.py` (the
shared SQL's placeholders), `migrate.py` (numbered migrations under an advisory lock),
`repositories/` (where PostgreSQL's SQL differs), `assemble.py` (the `Storage`).

This module imports no driver: settings can say what is missing without asyncpg.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

# Repositories not yet checked on PostgreSQL: their claims need leases across processes
# (issue 10). Until this is empty, DATABASE_URL is refused (bot/settings.py).
NOT_YET_PORTED: tuple[str, ...] = ("deliveries",)


def not_ready_reason() -> str | None:
    """Why DATABASE_URL cannot be used yet, in one line; None once it can."""
    if not NOT_YET_PORTED:
        return None
    return (
        "DATABASE_URL cannot be used yet: the PostgreSQL storage still lacks the "
        f"{' and '.join(NOT_YET_PORTED)} repositories (issue 10); unset DATABASE_URL to "
        "run on SQLite at DATABASE_PATH"
    )


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

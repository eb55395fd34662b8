"""The PostgreSQL backend (issue 10): `DATABASE_URL=postgresql://...` will select it.

`database.py` (connections with SQLite's API and write discipline), `dialect.py` (the
shared SQL's placeholders), `migrate.py` (numbered migrations under an advisory lock),
`repositories/` (where PostgreSQL's SQL differs), `assemble.py` (the `Storage`).

This module imports no driver: settings can say what is missing without asyncpg.
"""

from __future__ import annotations

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

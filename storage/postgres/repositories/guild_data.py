"""A whole server's data on PostgreSQL: only the catalog listing its tables differs."""

from __future__ import annotations

from storage.repositories.guild_data import SqliteGuildDataRepository


class PostgresGuildDataRepository(SqliteGuildDataRepository):
    # Ordinary tables of the bot's schema with a guild_id column (views and dropped
    # columns excluded), by name as on SQLite.
    guild_tables_sql = (
        "SELECT c.relname::text FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
        "WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace "
        "AND a.attname = 'guild_id' AND NOT a.attisdropped ORDER BY c.relname"
    )

"""The outbox on PostgreSQL: only reading a note's story from its JSON facts differs.

`facts` is JSON text on both engines (the values a note is worded from); PostgreSQL
reads a key with `->>` on the text cast to jsonb, SQLite with `json_extract`. The
claims' leases and fencing tokens are the shared SQL's: every write runs under the
database's one write lock, on both engines.
"""

from __future__ import annotations

from storage.repositories.deliveries import SqliteDeliveryRepository


class PostgresDeliveryRepository(SqliteDeliveryRepository):
    fact_story_id_sql = "CAST(CAST(facts AS jsonb) ->> 'story_id' AS BIGINT)"

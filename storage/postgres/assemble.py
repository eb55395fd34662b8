"""Assembles the PostgreSQL-backed `Storage`: the services cannot tell which engine runs.

Most repositories are the SQLite ones running their same SQL on PostgreSQL (the
connections of `PostgresDatabase` answer like aiosqlite's, `storage.postgres.dialect`
translates placeholders); where the engines spell something differently a subclass in
`storage/postgres/repositories/` overrides just that. The contract tests in
`tests/storage/` run every repository on both engines.

The claims of scheduled work (a week's digest, an outbox delivery) are leases with
fencing tokens in the shared SQL (PostgreSQL migrations 0002 and 0003), so several
processes may share the database.

The SQLite repositories are typed with SQLite's `Database`; `PostgresDatabase` has the
same API (transaction, reading, fetch_one, fetch_all, checkpoint, close, data_version,
writes_queued, reads_queued), so it is handed to them as one (`_shaped`). The contract
tests are what proves the shapes agree.
"""

from __future__ import annotations

from typing import cast

from storage.database import Database
from storage.postgres.database import PostgresDatabase
from storage.postgres.repositories.brand_upkeep import PostgresBrandUpkeepRepository
from storage.postgres.repositories.deliveries import PostgresDeliveryRepository
from storage.postgres.repositories.guild_data import PostgresGuildDataRepository
from storage.postgres.repositories.week_summary import PostgresWeekSummaryRepository
from storage.repositories.audit_log import SqliteAuditLogRepository
from storage.repositories.brand_merges import SqliteBrandMergeRepository
from storage.repositories.brands import SqliteBrandRepository
from storage.repositories.digests import SqliteDigestRepository
from storage.repositories.guild_settings import SqliteGuildSettingsRepository
from storage.repositories.leaderboard import SqliteLeaderboardRepository
from storage.repositories.members import SqliteMemberDataRepository
from storage.repositories.meta import SqliteMetaRepository
from storage.repositories.moderation import SqliteModerationRepository
from storage.repositories.notices import SqliteNoticeRepository
from storage.repositories.stories import SqliteStoryRepository
from storage.repositories.web_pages import SqliteWebPageRepository
from storage.repositories.web_reads import SqliteWebReadRepository
from storage.sqlite import Storage


def _shaped(database: PostgresDatabase) -> Database:
    """The PostgreSQL database, for repositories typed with SQLite's (same API)."""
    return cast(Database, database)


async def open_postgres_storage(dsn: str) -> Storage:
    """Connect, migrate, and build every repository on the PostgreSQL database at `dsn`."""
    database = await PostgresDatabase.open(dsn)
    return storage_on(database)


def storage_on(database: PostgresDatabase) -> Storage:
    shaped = _shaped(database)
    return Storage(
        database=shaped,
        meta=SqliteMetaRepository(shaped),
        guild_settings=SqliteGuildSettingsRepository(shaped),
        brands=SqliteBrandRepository(shaped),
        stories=SqliteStoryRepository(shaped),
        members=SqliteMemberDataRepository(shaped),
        leaderboard=SqliteLeaderboardRepository(shaped),
        audit_log=SqliteAuditLogRepository(shaped),
        digests=SqliteDigestRepository(shaped),
        week_summary=PostgresWeekSummaryRepository(shaped),
        brand_upkeep=PostgresBrandUpkeepRepository(shaped),
        brand_merges=SqliteBrandMergeRepository(shaped),
        guild_data=PostgresGuildDataRepository(shaped),
        moderation=SqliteModerationRepository(shaped),
        notices=SqliteNoticeRepository(shaped),
        deliveries=PostgresDeliveryRepository(shaped),
        web_pages=SqliteWebPageRepository(shaped),
        web_reads=SqliteWebReadRepository(shaped),
    )

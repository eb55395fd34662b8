"""Assembles the SQLite-backed repositories behind the storage interfaces."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.database import Database
from storage.interfaces import (
    AuditLogRepository,
    BrandMergeRepository,
    BrandRepository,
    BrandUpkeepRepository,
    DigestRepository,
    GuildDataRepository,
    GuildSettingsRepository,
    LeaderboardRepository,
    MemberDataRepository,
    MetaRepository,
    ModerationRepository,
    NoticeRepository,
    StoryRepository,
    WebPageRepository,
    WebReadRepository,
    WeekSummaryRepository,
)
from storage.repositories.audit_log import SqliteAuditLogRepository
from storage.repositories.brand_merges import SqliteBrandMergeRepository
from storage.repositories.brand_upkeep import SqliteBrandUpkeepRepository
from storage.repositories.brands import SqliteBrandRepository
from storage.repositories.digests import SqliteDigestRepository
from storage.repositories.guild_data import SqliteGuildDataRepository
from storage.repositories.guild_settings import SqliteGuildSettingsRepository
from storage.repositories.leaderboard import SqliteLeaderboardRepository
from storage.repositories.members import SqliteMemberDataRepository
from storage.repositories.meta import SqliteMetaRepository
from storage.repositories.moderation import SqliteModerationRepository
from storage.repositories.notices import SqliteNoticeRepository
from storage.repositories.stories import SqliteStoryRepository
from storage.repositories.web_pages import SqliteWebPageRepository
from storage.repositories.web_reads import SqliteWebReadRepository
from storage.repositories.week_summary import SqliteWeekSummaryRepository


@dataclass(frozen=True)
class Storage:
    """Every repository the bot uses, sharing one database."""

    database: Database
    meta: MetaRepository
    guild_settings: GuildSettingsRepository
    brands: BrandRepository
    stories: StoryRepository
    members: MemberDataRepository
    leaderboard: LeaderboardRepository
    audit_log: AuditLogRepository
    digests: DigestRepository
    week_summary: WeekSummaryRepository
    brand_upkeep: BrandUpkeepRepository
    brand_merges: BrandMergeRepository
    guild_data: GuildDataRepository
    moderation: ModerationRepository
    notices: NoticeRepository
    web_pages: WebPageRepository
    web_reads: WebReadRepository

    async def close(self) -> None:
        await self.database.close()


async def open_storage(path: Path) -> Storage:
    """Open and migrate the database file, then build the repositories on it."""
    database = await Database.open(path)
    return Storage(
        database=database,
        meta=SqliteMetaRepository(database),
        guild_settings=SqliteGuildSettingsRepository(database),
        brands=SqliteBrandRepository(database),
        stories=SqliteStoryRepository(database),
        members=SqliteMemberDataRepository(database),
        leaderboard=SqliteLeaderboardRepository(database),
        audit_log=SqliteAuditLogRepository(database),
        digests=SqliteDigestRepository(database),
        week_summary=SqliteWeekSummaryRepository(database),
        brand_upkeep=SqliteBrandUpkeepRepository(database),
        brand_merges=SqliteBrandMergeRepository(database),
        guild_data=SqliteGuildDataRepository(database),
        moderation=SqliteModerationRepository(database),
        notices=SqliteNoticeRepository(database),
        web_pages=SqliteWebPageRepository(database),
        web_reads=SqliteWebReadRepository(database),
    )

"""What the bot needs from storage, independent of the database engine.

Cogs and services depend on these protocols only: the SQLite and PostgreSQL backends
both implement them, and no cog or service knows which one runs.

One module per area; everything is re-exported here, so callers import from
`storage.interfaces`.
"""

from storage.interfaces.boards import (
    DigestRepository,
    LeaderboardRepository,
    WebPageRepository,
    WebReadRepository,
    WeekSummaryRepository,
)
from storage.interfaces.brands import BrandMergeRepository, BrandRepository, BrandUpkeepRepository
from storage.interfaces.deliveries import DeliveryRepository
from storage.interfaces.servers import (
    AuditLogRepository,
    GuildDataRepository,
    GuildSettingsRepository,
    MetaRepository,
    ModerationRepository,
)
from storage.interfaces.stories import MemberDataRepository, NoticeRepository, StoryRepository

__all__ = [
    "AuditLogRepository",
    "BrandMergeRepository",
    "BrandRepository",
    "BrandUpkeepRepository",
    "DeliveryRepository",
    "DigestRepository",
    "GuildDataRepository",
    "GuildSettingsRepository",
    "LeaderboardRepository",
    "MemberDataRepository",
    "MetaRepository",
    "ModerationRepository",
    "NoticeRepository",
    "StoryRepository",
    "WebPageRepository",
    "WebReadRepository",
    "WeekSummaryRepository",
]

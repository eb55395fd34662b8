from datetime import UTC, datetime
from pathlib import Path

from bot.domain.guild_settings import GuildSettings, ReviewMode
from storage.sqlite import open_storage

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


async def test_unknown_server_has_defaults(tmp_path: Path) -> None:
    storage = await open_storage(tmp_path / "bot.db")
    try:
        settings = await storage.guild_settings.get(42)
    finally:
        await storage.close()
    assert settings == GuildSettings(guild_id=42)


async def test_saved_settings_survive_a_reopen(tmp_path: Path) -> None:
    path = tmp_path / "bot.db"
    storage = await open_storage(path)
    wanted = GuildSettings(
        guild_id=42,
        stories_channel_id=1001,
        review_mode=ReviewMode.REVIEW,
        timezone="America/Toronto",
        digest_weekday=4,
        digest_hour=17,
        quiet_week_post=False,
        prior_weight=4.5,
    )
    await storage.guild_settings.save(wanted, NOW)
    await storage.guild_settings.save(wanted.model_copy(update={"min_stories": 3}), NOW)
    await storage.close()

    reopened = await open_storage(path)
    try:
        assert await reopened.guild_settings.get(42) == wanted.model_copy(update={"min_stories": 3})
        assert await reopened.guild_settings.get(43) == GuildSettings(guild_id=43)
    finally:
        await reopened.close()

"""A server's data over its life: export on request, and erasure after the bot leaves.

When the bot is removed from a server the data is kept for the server's grace period
(`retention_days`, so a mistaken kick loses nothing), then purged: every row, followed by
a checkpoint so the erased text is not left in the write-ahead log. Purge rounds handle
each server on its own: one server's failure is logged and the others still go.
"""

from __future__ import annotations

import gzip
import logging
from collections.abc import Collection
from dataclasses import dataclass

from bot.clock import Clock
from bot.domain.guild_export import stories_csv, stories_json
from bot.domain.moderators import AuditEntry
from bot.domain.shards import Owns, every_guild
from bot.errors import UserFacingError
from bot.phrase import Phrase
from storage.sqlite import Storage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportFile:
    filename: str
    data: bytes


@dataclass(frozen=True)
class GuildExport:
    files: list[ExportFile]
    story_count: int

    @property
    def compressed(self) -> bool:
        return any(f.filename.endswith(".gz") for f in self.files)


@dataclass(frozen=True)
class PurgeRound:
    """What one round did: servers purged (with row counts) and servers that failed."""

    purged: dict[int, dict[str, int]]
    failed: list[int]


class ExportRefused(UserFacingError):
    """A server export that cannot be made, as a catalog key (`server-export-…`): the
    error path words it in the moderator's language."""

    def __init__(self, key: str) -> None:
        super().__init__(Phrase.of(key))


def fit_attachments(files: list[ExportFile], size_limit: int) -> list[ExportFile]:
    """Gzip every file over Discord's attachment limit; UserFacingError if one still is."""
    fitted: list[ExportFile] = []
    for file in files:
        if len(file.data) > size_limit:
            file = ExportFile(file.filename + ".gz", gzip.compress(file.data, mtime=0))
        if len(file.data) > size_limit:
            raise ExportRefused("server-export-too-large")
        fitted.append(file)
    return fitted


class LifecycleService:
    def __init__(self, storage: Storage, clock: Clock) -> None:
        self._storage = storage
        self._clock = clock

    # --- export ----------------------------------------------------------------------

    async def export(self, guild_id: int, moderator_id: int, size_limit: int) -> GuildExport:
        """The server's stories as CSV and JSON files, audited as "export"."""
        now = self._clock()
        items = await self._storage.guild_data.export_stories(guild_id)
        if not items:
            raise ExportRefused("server-export-nothing")
        stamp = now.strftime("%Y%m%d-%H%M%S")
        files = fit_attachments(
            [
                ExportFile(f"stories-{guild_id}-{stamp}.csv", stories_csv(items)),
                ExportFile(f"stories-{guild_id}-{stamp}.json", stories_json(items, guild_id, now)),
            ],
            size_limit,
        )
        export = GuildExport(files, len(items))
        await self._storage.audit_log.record(
            AuditEntry(
                guild_id=guild_id,
                moderator_id=moderator_id,
                action="export",
                details={
                    "stories": export.story_count,
                    "files": [f.filename for f in files],
                    "bytes": sum(len(f.data) for f in files),
                },
                created_at=now,
            )
        )
        log.info(
            "Guild %s exported %d stories for moderator %s",
            guild_id,
            export.story_count,
            moderator_id,
        )
        return export

    # --- departure and return --------------------------------------------------------

    async def bot_left(self, guild_id: int) -> None:
        await self._storage.guild_data.mark_left(guild_id, self._clock())
        log.info("Removed from guild %s: its data is kept for its grace period", guild_id)

    async def bot_returned(self, guild_id: int) -> None:
        if await self._storage.guild_data.mark_returned(guild_id):
            log.info("Back in guild %s: its data is kept", guild_id)

    async def reconcile(self, present: Collection[int], owns: Owns = every_guild) -> None:
        """Catch up on removals and returns that happened while the bot was offline.

        `present` must be every server this process's shards are in (available or not),
        as the gateway's READY lists them: a server with data that is not among them was
        left. `owns` says which servers those shards serve at all: a server of another
        shard is absent from READY without having been left, so it is never marked left
        here (on a database shared by shard processes that would purge their data).
        """
        departed = {d.guild_id for d in await self._storage.guild_data.departures()}
        known = {g for g in await self._storage.guild_data.known_guild_ids() if owns(g)}
        for guild_id in sorted(known - set(present) - departed):
            await self.bot_left(guild_id)
        for guild_id in sorted(departed & set(present)):
            await self.bot_returned(guild_id)

    # --- purge -----------------------------------------------------------------------

    async def purge_due(self, owns: Owns = every_guild) -> PurgeRound:
        """Purge every server it `owns` whose grace period is over; each on its own."""
        now = self._clock()
        purged: dict[int, dict[str, int]] = {}
        failed: list[int] = []
        for departure in await self._storage.guild_data.departures():
            if not departure.is_due(now) or not owns(departure.guild_id):
                continue
            try:
                counts = await self._storage.guild_data.purge(departure.guild_id, now)
            except Exception:
                log.exception("Purging guild %s failed; it is tried again", departure.guild_id)
                failed.append(departure.guild_id)
                continue
            if counts is None:
                continue  # it came back in the meantime
            purged[departure.guild_id] = counts
            log.info(
                "Purged guild %s (left %s, kept %d days): %s",
                departure.guild_id,
                departure.left_at.isoformat(),
                departure.retention_days,
                ", ".join(f"{table} {n}" for table, n in sorted(counts.items())),
            )
        if purged:
            # Erased pages are overwritten (secure_delete); the checkpoint empties the WAL.
            await self._storage.database.checkpoint()
        return PurgeRound(purged, failed)

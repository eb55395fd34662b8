"""The review queue and moderators' decisions on stories.

`act` reads the story, decides (bot.domain.curation), changes it, resolves its reports,
writes the audit entry and the author's notice, and promises to the outbox what the change
means in Discord (the post, its removal, the author's DM), in one transaction: a change
never lands without its record or its promises, and a second click sees the first
one's result.
"""

from __future__ import annotations

from datetime import datetime

import aiosqlite

from bot.domain.curation import (
    Decision,
    ModAction,
    StoryReport,
    author_notice,
    decide,
    story_gone,
)
from bot.domain.moderators import AuditEntry
from bot.domain.stories import Story, StoryStatus
from storage.database import Database
from storage.records import ActionResult, DeliveryKind
from storage.repositories.audit_log import insert_audit_entry
from storage.repositories.brands import drop_brand_if_unused
from storage.repositories.notices import insert_notice
from storage.repositories.promises import enqueue_story_delivery, enqueue_story_removal
from storage.rows import STORY_COLUMNS, STORY_FROM, from_epoch, story_from_row, to_epoch

_UPDATABLE = frozenset({"status", "hidden_reason", "published_at", "highlighted"})
_UNSEEN = (StoryStatus.HIDDEN, StoryStatus.PENDING)
_OPEN_REPORTS = "SELECT count(*) FROM story_reports WHERE story_id = ? AND resolved_at IS NULL"


def _column(value: object) -> object:
    if isinstance(value, StoryStatus):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return to_epoch(value)
    return value


async def _story(connection: aiosqlite.Connection, story_id: int) -> Story | None:
    async with connection.execute(
        f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.id = ?", (story_id,)
    ) as cursor:
        row = await cursor.fetchone()
    return None if row is None else story_from_row(row)


async def _count(connection: aiosqlite.Connection, sql: str, story_id: int) -> int:
    async with connection.execute(sql, (story_id,)) as cursor:
        row = await cursor.fetchone()
    return int(row[0]) if row else 0


class SqliteModerationRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def queue_ids(self, guild_id: int) -> list[int]:
        """Stories needing a decision, oldest first: pending, or with open reports."""
        rows = await self._db.fetch_all(
            "SELECT s.id FROM stories s WHERE s.guild_id = ? AND (s.status = 'pending' OR "
            "EXISTS (SELECT 1 FROM story_reports r WHERE r.story_id = s.id "
            "AND r.resolved_at IS NULL)) ORDER BY s.id",
            (guild_id,),
        )
        return [int(r[0]) for r in rows]

    async def open_reports(self, story_id: int) -> list[StoryReport]:
        """A story's unresolved reports, oldest first."""
        rows = await self._db.fetch_all(
            "SELECT story_id, reporter_id, reason, created_at FROM story_reports "
            "WHERE story_id = ? AND resolved_at IS NULL ORDER BY created_at, reporter_id",
            (story_id,),
        )
        reports = []
        for row in rows:
            created_at = from_epoch(row["created_at"])
            assert created_at is not None, "created_at is NOT NULL"
            reports.append(
                StoryReport(
                    story_id=row["story_id"],
                    reporter_id=row["reporter_id"],
                    reason=row["reason"],
                    created_at=created_at,
                )
            )
        return reports

    async def act(
        self,
        *,
        guild_id: int,
        story_id: int,
        created_at: datetime | None,
        action: ModAction,
        moderator_id: int,
        reason: str | None,
        server_name: str,
        now: datetime,
    ) -> ActionResult:
        """Apply a moderator's action, audited, with the author's notice; all or nothing.

        `created_at` pins the story a button was made for: SQLite can give a deleted
        story's id to the next new one. Raises UserFacingError (nothing changed) when the
        story is gone, belongs to another server, or the action does not apply.
        """
        async with self._db.transaction() as connection:
            before = await _story(connection, story_id)
            if (
                before is None
                or before.guild_id != guild_id
                or (created_at is not None and before.created_at != created_at)
            ):
                raise story_gone(story_id)
            open_reports = await _count(connection, _OPEN_REPORTS, story_id)
            decision = decide(action, before, open_reports, reason, now)
            if decision.delete or decision.changes.get("status") in _UNSEEN:
                await enqueue_story_removal(connection, story_id, to_epoch(now))
            resolved = await self._apply(connection, before, decision, now)
            if (
                decision.changes.get("status") is StoryStatus.PUBLISHED
                and before.status is not StoryStatus.PUBLISHED
            ):
                # A new delivery with its own nonce: an earlier post may be deleted already.
                await enqueue_story_delivery(
                    connection, DeliveryKind.STORY_POST, guild_id, story_id, to_epoch(now)
                )
            audit_id = await insert_audit_entry(
                connection,
                AuditEntry(
                    guild_id=guild_id,
                    moderator_id=moderator_id,
                    action=action.value,
                    story_id=story_id,
                    brand_id=before.brand_id,
                    reason=reason,
                    details=_details(before, decision, resolved),
                    created_at=now,
                ),
            )
            after = None if decision.delete else await _story(connection, story_id)
            told = author_notice(action, before, decision, reason, server_name)
            notice = None
            if told is not None:
                what, facts = told
                notice = await insert_notice(
                    connection,
                    guild_id=guild_id,
                    user_id=before.author_id,
                    what=what,
                    facts=facts,
                    now=now,
                )
        return ActionResult(action, before, after, audit_id, resolved, notice)

    async def _apply(
        self, connection: aiosqlite.Connection, story: Story, decision: Decision, now: datetime
    ) -> int:
        """Write the decision; returns how many open reports it resolved."""
        resolved = 0
        if decision.resolve_reports or decision.delete:
            cursor = await connection.execute(
                "UPDATE story_reports SET resolved_at = ? WHERE story_id = ? "
                "AND resolved_at IS NULL",
                (to_epoch(now), story.id),
            )
            resolved = cursor.rowcount
        if decision.delete:
            await connection.execute("DELETE FROM stories WHERE id = ?", (story.id,))
            await drop_brand_if_unused(connection, story.brand_id)
            return resolved
        unknown = set(decision.changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        if decision.changes:
            values = {k: _column(v) for k, v in decision.changes.items()}
            assignments = ", ".join(f"{name} = :{name}" for name in values)
            await connection.execute(
                f"UPDATE stories SET {assignments} WHERE id = :story_id",
                {**values, "story_id": story.id},
            )
        if "highlighted" in decision.changes:
            # A new highlight (also a re-highlight after an unhighlight) is featured by
            # the next digest again, newest first; an unhighlighted story by none.
            await connection.execute(
                "UPDATE stories SET highlight_featured = NULL, highlighted_at = ? WHERE id = ?",
                (to_epoch(now) if decision.changes["highlighted"] else None, story.id),
            )
        return resolved

    async def set_post(self, story_id: int, channel_id: int | None, message_id: int | None) -> None:
        """Where the story's channel post is now (None: it has none)."""
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE stories SET channel_id = ?, message_id = ? WHERE id = ?",
                (channel_id, message_id, story_id),
            )


def _details(before: Story, decision: Decision, resolved: int) -> dict[str, object]:
    details: dict[str, object] = {"status": before.status.value}
    new_status = decision.changes.get("status")
    if isinstance(new_status, StoryStatus):
        details["new_status"] = new_status.value
    if "highlighted" in decision.changes:
        details["highlighted"] = bool(decision.changes["highlighted"])
    if decision.delete:
        # No headline or author here: forget-me must be able to erase a member's words.
        details["deleted"] = True
    if resolved:
        details["reports_resolved"] = resolved
    return details

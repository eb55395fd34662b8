"""Stories: creation (with their brand), follow-up answers, status, and a member's own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.domain.stories import HIDDEN_BY_REPORTS, Story, StoryStatus
from bot.domain.submission import Resolution, StoryKind, StorySubmission
from bot.domain.touchpoints import Touchpoint
from bot.errors import UserFacingError
from storage.database import Database, fetch_row
from storage.records import CreatedStory, DeliveryKind, Vote
from storage.repositories.brands import drop_brand_if_unused, find_brand_id, resolve_brand_id
from storage.repositories.promises import (
    enqueue_mod_note,
    enqueue_story_delivery,
    enqueue_story_removal,
)
from storage.repositories.story_promises import (
    hide_if_published,
    promise_after_edit,
    promise_vote_count,
)
from storage.rows import STORY_COLUMNS, STORY_FROM, story_from_row, to_epoch


async def _add_touchpoints(
    connection: aiosqlite.Connection, story_id: int, touchpoints: Sequence[Touchpoint]
) -> None:
    await connection.executemany(
        "INSERT INTO story_touchpoints (story_id, touchpoint) VALUES (?, ?)",
        [(story_id, t.value) for t in touchpoints],
    )


async def _insert_touchpoints(
    connection: aiosqlite.Connection, story_id: int, touchpoints: Sequence[Touchpoint]
) -> None:
    await connection.execute("DELETE FROM story_touchpoints WHERE story_id = ?", (story_id,))
    await _add_touchpoints(connection, story_id, touchpoints)


# Posting times older than this are never needed (the daily cap looks back 24 hours).
_POSTING_LOG_KEEP = 2 * 24 * 3600


class SqliteStoryRepository:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(
        self,
        *,
        guild_id: int,
        author_id: int,
        submission: StorySubmission,
        brand_key: str,
        status: StoryStatus,
        interaction_id: int,
        now: datetime,
    ) -> CreatedStory:
        """Store a story and, if its brand is new to the server, the brand: all or nothing."""
        stamp = to_epoch(now)
        async with self._db.transaction() as connection:
            existing = await fetch_row(
                connection, "SELECT id FROM stories WHERE interaction_id = ?", (interaction_id,)
            )
            is_new_brand = False
            if existing is not None:
                story_id = int(existing[0])
            else:
                brand_id = await find_brand_id(connection, guild_id, brand_key)
                if brand_id is None:
                    cursor = await connection.execute(
                        "INSERT INTO brands (guild_id, name, name_key, created_at) "
                        "VALUES (?, ?, ?, ?)",
                        (guild_id, submission.brand, brand_key, stamp),
                    )
                    brand_id = int(cursor.lastrowid or 0)
                    is_new_brand = True
                cursor = await connection.execute(
                    "INSERT INTO stories (guild_id, author_id, brand_id, kind, headline, body, "
                    "rating, product, anonymous, status, interaction_id, created_at, "
                    "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        guild_id,
                        author_id,
                        brand_id,
                        submission.kind.value,
                        submission.headline,
                        submission.body,
                        submission.rating,
                        submission.product,
                        int(submission.anonymous),
                        status.value,
                        interaction_id,
                        stamp,
                        stamp if status is StoryStatus.PUBLISHED else None,
                    ),
                )
                story_id = int(cursor.lastrowid or 0)
                await _add_touchpoints(connection, story_id, submission.touchpoints)  # a new id
                # Every member's old times go, not only this one's: the log stays small.
                await connection.execute(
                    "DELETE FROM posting_log WHERE posted_at < ?",
                    (stamp - _POSTING_LOG_KEEP,),
                )
                await connection.execute(
                    "INSERT INTO posting_log (guild_id, author_id, posted_at) VALUES (?, ?, ?)",
                    (guild_id, author_id, stamp),
                )
        story = await self.get(story_id)
        assert story is not None
        return CreatedStory(story, existing is None, is_new_brand)

    async def by_interaction(self, interaction_id: int) -> Story | None:
        """The story a form submission created, if Discord delivers it again."""
        row = await self._db.fetch_one(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.interaction_id = ?",
            (interaction_id,),
        )
        return None if row is None else story_from_row(row)

    async def get(self, story_id: int) -> Story | None:
        row = await self._db.fetch_one(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.id = ?", (story_id,)
        )
        return None if row is None else story_from_row(row)

    async def by_author(
        self, guild_id: int, author_id: int, *, offset: int = 0, limit: int = 10
    ) -> tuple[list[Story], int]:
        """A page of the member's stories in this server, newest first, and the total."""
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.guild_id = ? AND s.author_id = ? "
            "ORDER BY s.created_at DESC, s.id DESC LIMIT ? OFFSET ?",
            (guild_id, author_id, limit, offset),
        )
        total = await self._db.fetch_one(
            "SELECT count(*) FROM stories WHERE guild_id = ? AND author_id = ?",
            (guild_id, author_id),
        )
        return [story_from_row(r) for r in rows], int(total[0]) if total else 0

    async def posting_times(self, guild_id: int, author_id: int, since: datetime) -> list[datetime]:
        """When the member posted stories in this server since `since` (for the limits).

        Read from the posting log, not the stories: a deleted story still counted.
        """
        rows = await self._db.fetch_all(
            "SELECT posted_at FROM posting_log WHERE guild_id = ? AND author_id = ? "
            "AND posted_at >= ? ORDER BY posted_at",
            (guild_id, author_id, to_epoch(since)),
        )
        return [datetime.fromtimestamp(r[0], tz=since.tzinfo) for r in rows]

    async def recent_posters(self, guild_id: int, since: datetime) -> set[int]:
        """Who posted a story in this server since `since` (the posting log's authors)."""
        rows = await self._db.fetch_all(
            "SELECT DISTINCT author_id FROM posting_log WHERE guild_id = ? AND posted_at >= ?",
            (guild_id, to_epoch(since)),
        )
        return {int(r[0]) for r in rows}

    async def update(self, story_id: int, **changes: Any) -> Story | None:
        """Change follow-up answers, kind, rating, status or post location."""
        allowed = {
            "recommend",
            "resolution",
            "rating",
            "kind",
            "status",
            "hidden_reason",
            "channel_id",
            "message_id",
            "published_at",
            "highlighted",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise ValueError(f"cannot update {sorted(unknown)}")
        values = {k: _to_column(v) for k, v in changes.items()}
        if values:
            assignments = ", ".join(f"{name} = :{name}" for name in values)
            async with self._db.transaction() as connection:
                await connection.execute(
                    f"UPDATE stories SET {assignments} WHERE id = :story_id",
                    {**values, "story_id": story_id},
                )
        return await self.get(story_id)

    async def update_draft(self, story_id: int, **answers: Any) -> bool:
        """Record follow-up answers, only while the story is still a draft.

        Once published its post shows what was answered; a late click must not change
        the story behind the post. False when it is no longer a draft.
        """
        allowed = {"recommend", "resolution", "rating", "kind"}
        unknown = set(answers) - allowed
        if unknown:
            raise ValueError(f"cannot answer {sorted(unknown)}")
        values = {k: _to_column(v) for k, v in answers.items()}
        assignments = ", ".join(f"{name} = :{name}" for name in values)
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                f"UPDATE stories SET {assignments} WHERE id = :story_id AND status = 'draft'",
                {**values, "story_id": story_id},
            )
            return cursor.rowcount == 1

    async def set_touchpoints(self, story_id: int, touchpoints: Sequence[Touchpoint]) -> None:
        async with self._db.transaction() as connection:
            await _insert_touchpoints(connection, story_id, touchpoints)

    async def leave_draft(
        self, story_id: int, status: StoryStatus, published_at: datetime | None
    ) -> bool:
        """Move a draft to `status`; False if it had already left the draft state.

        Publishing promises the story's post in the same transaction (the outbox); going to
        review promises the moderators' note.
        """
        async with self._db.transaction() as connection:
            row = await fetch_row(
                connection,
                "UPDATE stories SET status = ?, published_at = ? WHERE id = ? AND status = 'draft' "
                "RETURNING guild_id, created_at",
                (status.value, None if published_at is None else to_epoch(published_at), story_id),
            )
            if row is not None and status is StoryStatus.PUBLISHED:
                # The post is promised in the same transaction that publishes: a crash
                # right after cannot leave a published story without its post.
                await enqueue_story_delivery(
                    connection, DeliveryKind.STORY_POST, int(row[0]), story_id, int(row[1])
                )
            elif row is not None and status is StoryStatus.PENDING:
                await enqueue_mod_note(
                    connection, int(row[0]), "review_waiting", {"story_id": story_id}, int(row[1])
                )
            return row is not None

    async def hide_if_published(self, story_id: int, reason: str) -> bool:
        """Hide a published story; False if it was not published (already hidden, kept).

        Taking its post down is promised in the same transaction.
        """
        async with self._db.transaction() as connection:
            return await hide_if_published(connection, story_id, reason)

    async def has_reported(self, story_id: int, reporter_id: int) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM story_reports WHERE story_id = ? AND reporter_id = ?",
            (story_id, reporter_id),
        )
        return row is not None

    async def move_to_brand(self, story_id: int, brand_id: int) -> Story | None:
        """Re-file a story; a brand it leaves behind with no story at all is removed.

        A brand merged away since the caller looked it up stands for the brand it went
        into, so the story follows it there (never onto a merged brand).
        """
        async with self._db.transaction() as connection:
            row = await fetch_row(
                connection, "SELECT brand_id FROM stories WHERE id = ?", (story_id,)
            )
            if row is None:
                return None
            old_brand = int(row[0])
            live_brand = await resolve_brand_id(connection, brand_id)
            if live_brand is None:
                raise UserFacingError.of("brand-gone-meanwhile")
            brand_id = live_brand
            await connection.execute(
                "UPDATE stories SET brand_id = ? WHERE id = ?", (brand_id, story_id)
            )
            if old_brand != brand_id:
                await drop_brand_if_unused(connection, old_brand)
        return await self.get(story_id)

    async def edit(
        self,
        story_id: int,
        submission: StorySubmission,
        now: datetime,
        *,
        back_to_review: bool = False,
    ) -> Story | None:
        """Replace the member's own words (not the brand, kind or anonymity).

        What the edit means in Discord is promised in the same transaction: the post
        shows the new words (an edit, or a post if it has none yet), or, when the story
        goes `back_to_review`, the post comes down and the moderators get a note.
        """
        async with self._db.transaction() as connection:
            await connection.execute(
                "UPDATE stories SET headline = ?, body = ?, rating = ?, product = ?, "
                "edited_at = ? WHERE id = ?",
                (
                    submission.headline,
                    submission.body,
                    submission.rating,
                    submission.product,
                    to_epoch(now),
                    story_id,
                ),
            )
            await _insert_touchpoints(connection, story_id, submission.touchpoints)
            await promise_after_edit(connection, story_id, to_epoch(now), back_to_review)
        return await self.get(story_id)

    async def delete(self, story_id: int) -> Story | None:
        """Delete a story with its votes, reports and touchpoints; returns what it was.

        Taking its post down is promised in the same transaction.
        """
        story = await self.get(story_id)
        if story is None:
            return None
        async with self._db.transaction() as connection:
            await enqueue_story_removal(connection, story_id, to_epoch(datetime.now(UTC)))
            cursor = await connection.execute("DELETE FROM stories WHERE id = ?", (story_id,))
            if cursor.rowcount == 0:
                return None
            await drop_brand_if_unused(connection, story.brand_id)
        return story

    async def drafts_created_before(self, cutoff: datetime) -> list[Story]:
        """Drafts whose member walked away from the follow-ups."""
        rows = await self._db.fetch_all(
            f"SELECT {STORY_COLUMNS} FROM {STORY_FROM} WHERE s.status = 'draft' "
            "AND s.created_at < ? ORDER BY s.id",
            (to_epoch(cutoff),),
        )
        return [story_from_row(r) for r in rows]

    async def toggle_vote(self, story_id: int, user_id: int, now: datetime) -> tuple[bool, int]:
        """Add or remove the reader's Relatable vote; returns (voted now, total)."""
        vote = await self.vote(story_id, user_id, now)
        return vote.voted, vote.count

    async def vote(self, story_id: int, user_id: int, now: datetime) -> Vote:
        """Toggle the reader's vote, promising the post's new count in the same transaction."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM story_votes WHERE story_id = ? AND user_id = ?", (story_id, user_id)
            )
            voted = cursor.rowcount == 0
            if voted:
                await connection.execute(
                    "INSERT INTO story_votes (story_id, user_id, created_at) VALUES (?, ?, ?)",
                    (story_id, user_id, to_epoch(now)),
                )
            row = await fetch_row(
                connection, "SELECT count(*) FROM story_votes WHERE story_id = ?", (story_id,)
            )
            edit = await promise_vote_count(connection, story_id, now)
        return Vote(voted, int(row[0]) if row else 0, edit)

    async def add_report(
        self, story_id: int, reporter_id: int, reason: str, now: datetime
    ) -> tuple[bool, int]:
        """Record a report (one per reader per story); returns (added, open reports)."""
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO story_reports (story_id, reporter_id, reason, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                (story_id, reporter_id, reason, to_epoch(now)),
            )
            added = cursor.rowcount == 1
            async with connection.execute(
                "SELECT count(*) FROM story_reports WHERE story_id = ? AND resolved_at IS NULL",
                (story_id,),
            ) as count_cursor:
                row = await count_cursor.fetchone()
        return added, int(row[0]) if row else 0

    async def report(
        self, story_id: int, reporter_id: int, reason: str, now: datetime, *, hide_at: int
    ) -> tuple[bool, int, bool]:
        """Record a reader's report; at `hide_at` open reports the story is hidden.

        Returns (added, open reports, hidden now). The moderators' note (and the post's
        removal, when it is hidden now) are promised in the same transaction.
        """
        async with self._db.transaction() as connection:
            cursor = await connection.execute(
                "INSERT INTO story_reports (story_id, reporter_id, reason, created_at) "
                "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING "
                "(SELECT guild_id FROM stories WHERE id = story_id)",
                (story_id, reporter_id, reason, to_epoch(now)),
            )
            added = await cursor.fetchone()
            await cursor.close()
            async with connection.execute(
                "SELECT count(*) FROM story_reports WHERE story_id = ? AND resolved_at IS NULL",
                (story_id,),
            ) as count_cursor:
                row = await count_cursor.fetchone()
            open_reports = int(row[0]) if row else 0
            if added is None:
                return False, open_reports, False
            hidden = open_reports >= hide_at and await hide_if_published(
                connection, story_id, HIDDEN_BY_REPORTS
            )
            facts: dict[str, str | int] = {
                "story_id": story_id,
                "reporter_id": reporter_id,
                "reason": reason,
                "reports": open_reports,
                "hidden": int(hidden),
            }
            await enqueue_mod_note(connection, int(added[0]), "reported", facts, to_epoch(now))
        return True, open_reports, hidden


def _to_column(value: object) -> object:
    if isinstance(value, StoryKind | Resolution | StoryStatus):
        return value.value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return to_epoch(value)
    return value

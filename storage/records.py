"""What repositories hand back besides domain models: results of multi-step writes.

Engine-neutral, so the interfaces in storage/interfaces/ (and both backends)
depend on these, not on the SQLite modules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.domain.curation import ModAction, Notice
from bot.domain.stories import Brand, Story


@dataclass(frozen=True)
class BrandMerge:
    """One merge as recorded; `undone_at` is None while it stands."""

    id: int
    guild_id: int
    from_brand_id: int
    into_brand_id: int
    from_name: str
    into_name: str | None  # None if the survivor is gone
    story_count: int  # stories it moved that still exist
    moderator_id: int
    reason: str | None
    created_at: datetime
    undone_at: datetime | None


@dataclass(frozen=True)
class MergeResult:
    merge_id: int
    merged: Brand  # as it was before the merge
    into: Brand
    story_ids: tuple[int, ...]
    aliases: tuple[str, ...]  # the merged brand's former aliases, now the survivor's


@dataclass(frozen=True)
class UnmergeResult:
    merge_id: int
    restored: Brand
    into: Brand
    story_ids: tuple[int, ...]  # moved back
    kept_on_into: int  # recorded stories no longer on the survivor (deleted, moved)
    aliases: tuple[str, ...]  # given back


@dataclass(frozen=True)
class RenameResult:
    before: Brand
    after: Brand
    story_ids: tuple[int, ...]  # every story of the brand: their posts show its name


class DigestStatus(StrEnum):
    CLAIMED = "claimed"  # being posted (or the poster crashed: recover before re-sending)
    POSTED = "posted"
    FAILED = "failed"  # retried later, with back-off
    SKIPPED = "skipped"  # nothing to post (quiet week and the server chose silence)


@dataclass(frozen=True)
class DigestRecord:
    guild_id: int
    week: str
    status: DigestStatus
    claimed_at: datetime
    attempts: int
    channel_id: int | None
    message_id: int | None
    leaderboard: str | None
    error: str | None
    # While `claimed`: when the poster's lease ends unless renewed.
    lease_until: datetime | None = None


@dataclass(frozen=True)
class Claim:
    """A lease on posting one server's week; `recovering` means check the channel first.

    The lease is `owner`'s until `lease_until` (renewed while posting). `fence` grows at
    every claim and takeover: every statement that records the outcome checks it, so a
    poster whose lease was taken over can no longer write.
    """

    guild_id: int
    week: str
    attempts: int
    recovering: bool
    fence: int
    owner: str
    lease_until: datetime
    # Wall-clock ms of the first attempt (None for claims older than this field).
    since_ms: int | None = None


@dataclass(frozen=True)
class ActionResult:
    action: ModAction
    before: Story
    after: Story | None  # None: deleted
    audit_id: int
    reports_resolved: int
    notice: Notice | None


@dataclass(frozen=True)
class CreatedStory:
    story: Story
    is_new_story: bool  # False: the same interaction was delivered twice
    is_new_brand: bool


class DeliveryKind(StrEnum):
    """What the bot promised to put in a channel (see bot/services/delivery.py)."""

    STORY_POST = "story_post"
    POST_EDIT = "post_edit"
    POST_REMOVAL = "post_removal"
    FAILURE_NOTE = "failure_note"
    MOD_NOTE = "mod_note"
    MEMBER_NOTICE = "member_notice"


@dataclass(frozen=True)
class Vote:
    """A Relatable vote toggled, and the post edit it promised: (delivery id, version)."""

    voted: bool
    count: int
    edit: tuple[int, int] | None


class LeaseLost(Exception):
    """Another process claimed this delivery since: this one may neither send nor record."""


@dataclass(frozen=True)
class Delivery:
    """One promise waiting in the outbox: facts only, rendered when delivered."""

    id: int
    guild_id: int
    kind: DeliveryKind
    story_id: int | None
    channel_id: int | None
    message_id: int | None
    version: int
    due_at_ms: int
    attempts: int
    attempt_started_ms: int | None
    parked_reason: str | None
    released: bool  # released from parking: part of a backlog, sent at a gentle pace
    last_error: str | None
    note: str | None = None  # mod_note: what happened
    facts: dict[str, str | int] = field(default_factory=dict)  # mod_note: its values
    notice_id: int | None = None  # member_notice: the notice it delivers
    claim_owner: str | None = None
    claim_until_ms: int | None = None
    claim_token: int = 0  # grows on every claim: the fencing token


@dataclass(frozen=True)
class ParkedDeliveries:
    """A server's deliveries waiting for the moderators, and why."""

    count: int
    reason: str


@dataclass(frozen=True)
class PostedDigest:
    """A weekly digest as it was posted: its week, span and the lists it showed (JSON)."""

    week: str
    start: datetime
    end: datetime
    leaderboard: str | None

"""The message model: what a message holds, what a user would see, and its payload."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from .guilds import User
from .snowflakes import JSON, snowflake_time


@dataclass
class Attachment:
    id: int
    filename: str
    data: bytes
    content_type: str | None = None
    description: str | None = None

    def payload(self, channel_id: int) -> JSON:
        url = f"https://cdn.standin.invalid/attachments/{channel_id}/{self.id}/{self.filename}"
        data: JSON = {
            "id": str(self.id),
            "filename": self.filename,
            "size": len(self.data),
            "url": url,
            "proxy_url": url,
        }
        if self.content_type:
            data["content_type"] = self.content_type
        if self.description:
            data["description"] = self.description
        return data


MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7


@dataclass
class Message:
    """One message as the stand-in stores it (what a user would see)."""

    id: int
    channel_id: int
    author: User
    content: str = ""
    embeds: list[JSON] = field(default_factory=list)
    components: list[JSON] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    allowed_mentions: JSON | None = None
    nonce: str | int | None = None
    flags: int = 0
    guild_id: int | None = None
    message_reference: JSON | None = None
    webhook_id: int | None = None
    interaction_id: int | None = None
    interaction_user_id: int | None = None
    type: int = 0
    edited_at: str | None = None
    deleted: bool = False
    reactions: dict[str, set[int]] = field(default_factory=dict)
    created_at: float = field(default_factory=time.monotonic)
    revisions: list[JSON] = field(default_factory=list)
    """Every state the message was shown in (content, embeds, components), oldest first:
    an edited message (a follow-up question answered) keeps what was seen before."""

    @property
    def ephemeral(self) -> bool:
        return bool(self.flags & MESSAGE_FLAG_EPHEMERAL)

    @property
    def loading(self) -> bool:
        return bool(self.flags & MESSAGE_FLAG_LOADING)

    def can_ping(self) -> bool:
        """Whether the effective allowed_mentions would let *any* mention ping.

        Without allowed_mentions Discord parses everything in the content, so that counts as
        "can ping" too. A reply may ping its target unless replied_user is false.
        """
        am = self.allowed_mentions
        if am is None:
            return True
        if am.get("parse") or am.get("users") or am.get("roles"):
            return True
        return bool(self.message_reference and am.get("replied_user", True))

    def embed_text(self) -> str:
        """All human-visible embed text joined, handy for assertions."""
        parts: list[str] = []
        for embed in self.embeds:
            parts.extend(str(embed.get(k, "")) for k in ("title", "description"))
            for f in embed.get("fields", []) or []:
                parts.extend((str(f.get("name", "")), str(f.get("value", ""))))
            parts.append(str((embed.get("footer") or {}).get("text", "")))
            parts.append(str((embed.get("author") or {}).get("name", "")))
        return "\n".join(p for p in parts if p)

    def iter_components(self) -> list[JSON]:
        """Every interactive component (leaves), depth first."""
        return list(_walk_components(self.components))

    def payload(self, app_id: int | None = None) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "channel_id": str(self.channel_id),
            "type": self.type,
            "author": self.author.payload(),
            "content": self.content,
            "timestamp": snowflake_time(self.id),
            "edited_timestamp": self.edited_at,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [a.payload(self.channel_id) for a in self.attachments],
            "embeds": self.embeds,
            "components": self.components,
            "pinned": False,
            "flags": self.flags,
        }
        if self.guild_id is not None:
            data["guild_id"] = str(self.guild_id)
        if self.nonce is not None:
            data["nonce"] = self.nonce
        if self.reactions:
            data["reactions"] = [
                {
                    "emoji": {"id": None, "name": name},
                    "count": len(users),
                    "count_details": {"burst": 0, "normal": len(users)},
                    "me": self.author.id in users,
                    "me_burst": False,
                    "burst_colors": [],
                }
                for name, users in self.reactions.items()
                if users
            ]
        if self.webhook_id is not None:
            data["webhook_id"] = str(self.webhook_id)
            data["application_id"] = str(app_id or self.webhook_id)
        if self.message_reference is not None:
            data["message_reference"] = self.message_reference
        return data


def _walk_components(components: list[JSON]) -> Any:
    for comp in components:
        children = list(comp.get("components") or [])
        children += [comp[k] for k in ("component", "accessory") if isinstance(comp.get(k), dict)]
        if children:
            yield from _walk_components(children)
        else:
            yield comp

"""The stand-in's world: users, guilds, channels, roles, messages, as plain data.

Kept free of networking so that REST, gateway and actors share one source of truth and
serialise it to the payload shapes discord.py parses.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

DISCORD_EPOCH_MS = 1420070400000

JSON = dict[str, Any]


class Perm:
    """Permission bits the stand-in reasons about (Discord's values)."""

    CREATE_INSTANT_INVITE = 1 << 0
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    USE_APPLICATION_COMMANDS = 1 << 31
    SEND_MESSAGES_IN_THREADS = 1 << 38
    ALL = (1 << 51) - 1

    EVERYONE_DEFAULT = (
        CREATE_INSTANT_INVITE
        | ADD_REACTIONS
        | VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | USE_EXTERNAL_EMOJIS
        | CHANGE_NICKNAME
        | USE_APPLICATION_COMMANDS
        | SEND_MESSAGES_IN_THREADS
    )
    BOT_ROLE = (
        VIEW_CHANNEL
        | SEND_MESSAGES
        | EMBED_LINKS
        | ATTACH_FILES
        | READ_MESSAGE_HISTORY
        | ADD_REACTIONS
        | USE_EXTERNAL_EMOJIS
        | SEND_MESSAGES_IN_THREADS
    )


class SnowflakeGenerator:
    """Makes realistic, strictly increasing snowflakes (timestamp + increment)."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)
        self._last = 0

    def next(self) -> int:
        ms = int(time.time() * 1000) - DISCORD_EPOCH_MS
        value = (ms << 22) | (1 << 17) | (next(self._counter) & 0xFFF)
        if value <= self._last:
            value = self._last + 1
        self._last = value
        return value


def iso_now() -> str:
    return datetime.now(UTC).isoformat()


def snowflake_time(snowflake: int) -> str:
    ms = (snowflake >> 22) + DISCORD_EPOCH_MS
    return datetime.fromtimestamp(ms / 1000, UTC).isoformat()


@dataclass
class User:
    id: int
    username: str
    bot: bool = False
    global_name: str | None = None
    dms_closed: bool = False
    """When True, the bot's DMs to this user fail with 403 code 50007."""

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "username": self.username,
            "discriminator": "0",
            "global_name": self.global_name,
            "avatar": None,
            "bot": self.bot,
            "system": False,
            "public_flags": 0,
            "flags": 0,
            "banner": None,
            "accent_color": None,
            "avatar_decoration_data": None,
            "primary_guild": None,
            "collectibles": None,
        }

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0
    managed: bool = False
    bot_id: int | None = None

    def payload(self) -> JSON:
        data: JSON = {
            "id": str(self.id),
            "name": self.name,
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
            "hoist": False,
            "icon": None,
            "unicode_emoji": None,
            "position": self.position,
            "permissions": str(self.permissions),
            "managed": self.managed,
            "mentionable": False,
            "flags": 0,
        }
        if self.bot_id is not None:
            data["tags"] = {"bot_id": str(self.bot_id)}
        return data


@dataclass
class Overwrite:
    id: int
    type: int  # 0 role, 1 member
    allow: int = 0
    deny: int = 0

    def payload(self) -> JSON:
        return {
            "id": str(self.id),
            "type": self.type,
            "allow": str(self.allow),
            "deny": str(self.deny),
        }


@dataclass
class Channel:
    id: int
    name: str
    type: int = 0  # 0 guild text, 1 DM
    guild_id: int | None = None
    position: int = 0
    overwrites: list[Overwrite] = field(default_factory=list)
    recipient_id: int | None = None
    last_message_id: int | None = None

    def payload(self, users: dict[int, User] | None = None) -> JSON:
        if self.type == 1:
            recipients = []
            if users is not None and self.recipient_id in users:
                recipients = [users[self.recipient_id].payload()]
            return {
                "id": str(self.id),
                "type": 1,
                "last_message_id": _opt_str(self.last_message_id),
                "recipients": recipients,
                "flags": 0,
            }
        return {
            "id": str(self.id),
            "type": self.type,
            "guild_id": str(self.guild_id),
            "name": self.name,
            "position": self.position,
            "permission_overwrites": [o.payload() for o in self.overwrites],
            "parent_id": None,
            "topic": None,
            "nsfw": False,
            "rate_limit_per_user": 0,
            "last_message_id": _opt_str(self.last_message_id),
            "flags": 0,
        }


@dataclass
class Member:
    user: User
    role_ids: list[int]
    joined_at: str = field(default_factory=iso_now)
    nick: str | None = None

    def payload(self, *, with_user: bool = True) -> JSON:
        data: JSON = {
            "roles": [str(r) for r in self.role_ids],
            "joined_at": self.joined_at,
            "nick": self.nick,
            "avatar": None,
            "banner": None,
            "premium_since": None,
            "deaf": False,
            "mute": False,
            "pending": False,
            "flags": 0,
            "communication_disabled_until": None,
        }
        if with_user:
            data["user"] = self.user.payload()
        return data


@dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[str, Role] = field(default_factory=dict)
    channels: dict[str, Channel] = field(default_factory=dict)
    members: dict[int, Member] = field(default_factory=dict)
    joined_at: str = field(default_factory=iso_now)

    @property
    def everyone(self) -> Role:
        return self.roles["everyone"]

    def role_by_id(self, role_id: int) -> Role | None:
        return next((r for r in self.roles.values() if r.id == role_id), None)

    def channel_by_id(self, channel_id: int) -> Channel | None:
        return next((c for c in self.channels.values() if c.id == channel_id), None)

    def base_permissions(self, user_id: int) -> int:
        if user_id == self.owner_id:
            return Perm.ALL
        member = self.members.get(user_id)
        perms = self.everyone.permissions
        if member is not None:
            for role_id in member.role_ids:
                role = self.role_by_id(role_id)
                if role is not None:
                    perms |= role.permissions
        if perms & Perm.ADMINISTRATOR:
            return Perm.ALL
        return perms

    def channel_permissions(self, user_id: int, channel: Channel) -> int:
        """Discord's documented overwrite algorithm: @everyone, then roles, then member."""
        perms = self.base_permissions(user_id)
        if perms == Perm.ALL:
            return perms
        member = self.members.get(user_id)
        role_ids = set(member.role_ids) if member else set()
        by_id = {o.id: o for o in channel.overwrites}
        everyone = by_id.get(self.id)
        if everyone is not None:
            perms = (perms & ~everyone.deny) | everyone.allow
        allow = deny = 0
        for ow in channel.overwrites:
            if ow.type == 0 and ow.id in role_ids:
                allow |= ow.allow
                deny |= ow.deny
        perms = (perms & ~deny) | allow
        own = by_id.get(user_id)
        if own is not None and own.type == 1:
            perms = (perms & ~own.deny) | own.allow
        if not perms & Perm.VIEW_CHANNEL:
            return 0
        return perms

    def create_payload(self, users: dict[int, User]) -> JSON:
        """The GUILD_CREATE payload, with everything discord.py caches."""
        return {
            "id": str(self.id),
            "name": self.name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "banner": None,
            "description": None,
            "owner_id": str(self.owner_id),
            "region": None,
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "roles": [r.payload() for r in self.roles.values()],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "application_id": None,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "public_updates_channel_id": None,
            "safety_alerts_channel_id": None,
            "vanity_url_code": None,
            "premium_tier": 0,
            "premium_subscription_count": 0,
            "preferred_locale": "en-US",
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "max_members": 500000,
            "joined_at": self.joined_at,
            "large": False,
            "unavailable": False,
            "member_count": len(self.members),
            "voice_states": [],
            "members": [m.payload() for m in self.members.values()],
            "channels": [c.payload() for c in self.channels.values()],
            "threads": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def preview_payload(self) -> JSON:
        data = self.create_payload({})
        for key in ("members", "channels", "threads", "presences", "voice_states"):
            data.pop(key)
        return data


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


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)


@dataclass
class World:
    """Everything the fake Discord knows about."""

    ids: SnowflakeGenerator
    bot_user: User
    app_id: int
    users: dict[int, User] = field(default_factory=dict)
    guilds: dict[int, Guild] = field(default_factory=dict)
    dm_channels: dict[int, Channel] = field(default_factory=dict)  # by recipient user id
    messages: dict[int, list[Message]] = field(default_factory=dict)  # by channel id

    def all_channels(self) -> dict[int, Channel]:
        found: dict[int, Channel] = {c.id: c for c in self.dm_channels.values()}
        for guild in self.guilds.values():
            found.update({c.id: c for c in guild.channels.values()})
        return found

    def channel(self, channel_id: int) -> Channel | None:
        return self.all_channels().get(channel_id)

    def guild_of(self, channel: Channel) -> Guild | None:
        return None if channel.guild_id is None else self.guilds.get(channel.guild_id)

    def find_message(self, message_id: int) -> Message | None:
        for msgs in self.messages.values():
            for msg in msgs:
                if msg.id == message_id and not msg.deleted:
                    return msg
        return None

    def add_user(self, username: str, *, bot: bool = False) -> User:
        user = User(self.ids.next(), username, bot=bot, global_name=username.title())
        self.users[user.id] = user
        return user

    def dm_channel_for(self, user: User) -> Channel:
        channel = self.dm_channels.get(user.id)
        if channel is None:
            channel = Channel(self.ids.next(), name="", type=1, recipient_id=user.id)
            self.dm_channels[user.id] = channel
        return channel

    def add_guild(
        self,
        name: str,
        owner: User,
        *,
        members: dict[str, User],
        moderators: tuple[str, ...] = ("moderator",),
        channel_names: tuple[str, ...] = ("general", "stories", "digest", "mods", "locked"),
    ) -> Guild:
        """A guild shaped like the project's target community; the bot is always a member."""
        gid = self.ids.next()
        guild = Guild(gid, name, owner.id)
        guild.roles["everyone"] = Role(gid, "@everyone", Perm.EVERYONE_DEFAULT, position=0)
        guild.roles["moderator"] = Role(
            self.ids.next(),
            "Moderator",
            Perm.EVERYONE_DEFAULT | Perm.MANAGE_GUILD | Perm.MANAGE_MESSAGES,
            position=1,
        )
        guild.roles["bot"] = Role(
            self.ids.next(), self.bot_user.username, Perm.BOT_ROLE, 2, True, self.bot_user.id
        )
        guild.members[owner.id] = Member(owner, [])
        for key, user in members.items():
            roles = [guild.roles["moderator"].id] if key in moderators else []
            guild.members[user.id] = Member(user, roles)
        guild.members[self.bot_user.id] = Member(self.bot_user, [guild.roles["bot"].id])
        for pos, cname in enumerate(channel_names):
            channel = Channel(self.ids.next(), cname, 0, gid, pos)
            if cname == "locked":
                channel.overwrites.append(
                    Overwrite(guild.roles["bot"].id, 0, deny=Perm.SEND_MESSAGES)
                )
            if cname == "mods":
                channel.overwrites.extend(
                    [
                        Overwrite(gid, 0, deny=Perm.VIEW_CHANNEL),
                        Overwrite(guild.roles["moderator"].id, 0, allow=Perm.VIEW_CHANNEL),
                        Overwrite(guild.roles["bot"].id, 0, allow=Perm.VIEW_CHANNEL),
                    ]
                )
            guild.channels[cname] = channel
        self.guilds[gid] = guild
        return guild

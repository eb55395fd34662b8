"""The stand-in's world: users, guilds, channels, roles, messages, as plain data.

Kept free of networking so that REST, gateway and actors share one source of truth and
serialise it to the payload shapes discord.py parses. The model lives in small modules
(snowflakes, guilds, messages); this module ties it together in World and re-exports it
so ``from standin.state import ...`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .guilds import Channel, Guild, Member, Overwrite, Perm, Role, User
from .messages import MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, Attachment, Message
from .snowflakes import DISCORD_EPOCH_MS, JSON, SnowflakeGenerator, iso_now, snowflake_time

__all__ = [
    "DISCORD_EPOCH_MS",
    "JSON",
    "MESSAGE_FLAG_EPHEMERAL",
    "MESSAGE_FLAG_LOADING",
    "Attachment",
    "Channel",
    "Guild",
    "Member",
    "Message",
    "Overwrite",
    "Perm",
    "Role",
    "SnowflakeGenerator",
    "User",
    "World",
    "iso_now",
    "snowflake_time",
]


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
        guild_id: int | None = None,
    ) -> Guild:
        """A guild shaped like the project's target community; the bot is always a member.

        `guild_id` gives it a known id (a benchmark's database already holds its rows).
        """
        if guild_id is not None and guild_id in self.guilds:
            raise ValueError(f"guild {guild_id} already exists")
        gid = self.ids.next() if guild_id is None else guild_id
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

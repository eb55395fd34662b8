"""What every kind of actor action shares: Discord's type numbers, where the user acts,
resolving users/roles/channels/attachments into payloads, and building and sending an
interaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import StandInError
from .interactions import InteractionRecord, InteractionResult
from .state import JSON, Attachment, Channel, Guild, Message, Perm, Role, User

if TYPE_CHECKING:
    from .server import StandIn

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
BUTTON, STRING_SELECT, TEXT_INPUT, USER_SELECT, ROLE_SELECT = 2, 3, 4, 5, 6
MENTIONABLE_SELECT, CHANNEL_SELECT, TEXT_DISPLAY, LABEL, FILE_UPLOAD = 7, 8, 10, 18, 19
RADIO_GROUP, CHECKBOX_GROUP, CHECKBOX = 21, 22, 23
LINK_STYLE, PREMIUM_STYLE = 5, 6


@dataclass
class Where:
    channel: Channel
    guild: Guild | None


class ActorBase:
    """A user of the stand-in's world; the action mixins build on these helpers."""

    def __init__(
        self,
        standin: StandIn,
        user: User,
        guild: Guild,
        *,
        dm: bool = False,
        locale: str = "en-US",
    ) -> None:
        self.standin = standin
        self.user = user
        self.guild = guild
        self.dm = dm
        # The language of this user's Discord client, sent with each interaction.
        self.locale = locale

    def __repr__(self) -> str:
        where = "DM" if self.dm else self.guild.name
        return f"<Actor {self.user.username} in {where}>"

    @property
    def id(self) -> int:
        return self.user.id

    def _resolve_user(self, value: User | str, resolved: JSON, where: Where) -> str:
        user = value if isinstance(value, User) else self.standin.users.get(value)
        if user is None:
            raise StandInError(f"no user {value!r}")
        resolved.setdefault("users", {})[str(user.id)] = user.payload()
        if where.guild is not None and user.id in where.guild.members:
            member = where.guild.members[user.id].payload(with_user=False)
            member["permissions"] = str(where.guild.channel_permissions(user.id, where.channel))
            resolved.setdefault("members", {})[str(user.id)] = member
        return str(user.id)

    def _resolve_role(self, role: Role, resolved: JSON) -> str:
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)

    def _resolve_channel(self, value: Any, spec: JSON, resolved: JSON, name: str) -> str:
        channel = value if isinstance(value, Channel) else self.guild.channels.get(str(value))
        if channel is None:
            raise StandInError(f"{name}: no channel {value!r}")
        types = spec.get("channel_types")
        if types and channel.type not in types:
            raise StandInError(f"{name}: Discord only offers channel types {types}")
        data = {
            "id": str(channel.id),
            "name": channel.name,
            "type": channel.type,
            "permissions": str(self.guild.channel_permissions(self.user.id, channel)),
            "parent_id": None,
            "guild_id": str(self.guild.id),
        }
        resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)

    def _resolve_attachment(self, value: Any, resolved: JSON, where: Where, name: str) -> str:
        if not (isinstance(value, tuple) and len(value) == 2):
            raise StandInError(f"{name} takes (filename, bytes)")
        filename, data = value
        att = Attachment(self.standin.ids.next(), str(filename), bytes(data))
        resolved.setdefault("attachments", {})[str(att.id)] = att.payload(where.channel.id)
        return str(att.id)

    def _where(self, channel: str | Channel | None) -> Where:
        if self.dm:
            return Where(self.standin.world.dm_channel_for(self.user), None)
        if channel is None:
            channel = "general"
        if isinstance(channel, str):
            if channel not in self.guild.channels:
                raise StandInError(f"no channel #{channel} in {self.guild.name}")
            channel = self.guild.channels[channel]
        perms = self.guild.channel_permissions(self.user.id, channel)
        if not perms & Perm.VIEW_CHANNEL:
            raise StandInError(f"{self.user.username} cannot see #{channel.name}")
        return Where(channel, self.guild)

    def _record(
        self, itype: int, data: JSON, where: Where, *, source: Message | None = None
    ) -> InteractionRecord:
        guild = where.guild
        record = self.standin.new_interaction(
            {
                "type": itype,
                "user": self.user,
                "channel_id": where.channel.id,
                "guild_id": guild.id if guild else None,
                "payload": {},
                "source_message": source,
            }
        )
        payload: JSON = {
            "id": str(record.id),
            "application_id": str(self.standin.app_id),
            "type": itype,
            "data": data,
            "token": record.token,
            "version": 1,
            "locale": self.locale,
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(where.channel.id),
        }
        bot_id = self.standin.bot_user.id
        if guild is not None:
            channel = where.channel.payload()
            channel["permissions"] = str(guild.channel_permissions(self.user.id, where.channel))
            member = guild.members.get(self.user.id)
            if member is None:
                raise StandInError(f"{self.user.username} is not a member of {guild.name}")
            member_data = member.payload()
            member_data["permissions"] = channel["permissions"]
            payload.update(
                {
                    "guild_id": str(guild.id),
                    "guild": {
                        "id": str(guild.id),
                        "locale": guild.preferred_locale,
                        "features": [],
                    },
                    "guild_locale": guild.preferred_locale,
                    "channel": channel,
                    "member": member_data,
                    "app_permissions": str(guild.channel_permissions(bot_id, where.channel)),
                    "authorizing_integration_owners": {"0": str(guild.id)},
                    "context": 0,
                }
            )
        else:
            payload.update(
                {
                    "channel": where.channel.payload(self.standin.world.users),
                    "user": self.user.payload(),
                    "app_permissions": str(Perm.BOT_ROLE),
                    "authorizing_integration_owners": {"0": "0"},
                    "context": 1,
                }
            )
        record.payload = payload
        return record

    async def _send(
        self, record: InteractionRecord, wait: bool, within: float | None
    ) -> InteractionResult:
        await self.standin.send_interaction(record)
        result = InteractionResult(record)
        if wait:
            limit = within if within is not None else self.standin.interaction_deadline + 1.0
            await result.wait_for_response(limit)
        return result


def int_or(obj: JSON, key: str, default: int) -> int:
    """discord.py sends unset bounds as explicit nulls."""
    value = obj.get(key)
    return default if value is None else int(value)

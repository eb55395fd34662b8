"""What goes wrong on Discord, on demand: injected error answers, a permission removed
from the bot in a channel, a busy channel burying the bot's messages.

A mixin of StandIn, kept apart so that the server module stays about running the fake.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .faults import Fault, FaultInjector
from .state import Channel, Message, Overwrite, User

if TYPE_CHECKING:
    from .clock import StandInClock
    from .gateway import Gateway
    from .state import Guild, World

GUILD_MESSAGES_INTENT = 1 << 9


class DiscordTrouble:
    """Fault injection, permission changes and chatter (StandIn provides the attributes)."""

    if TYPE_CHECKING:
        app_id: int
        clock: StandInClock
        faults: FaultInjector
        gateway: Gateway
        guild: Guild
        users: dict[str, User]
        world: World

        @property
        def bot_user(self) -> User: ...
        @property
        def channels(self) -> dict[str, Channel]: ...
        async def dispatch(self, event: str, data: Any) -> None: ...
        def new_message(self, channel: Channel, author: User) -> Message: ...
        def store_message(self, msg: Message) -> None: ...

    def fail_next(
        self,
        method: str,
        path: str,
        *,
        status: int = 500,
        times: int = 1,
        after_store: bool = False,
        body: Any = None,
        code: int | None = None,
        retry_after: float = 0.25,
        is_global: bool = False,
        via: bool = True,
    ) -> Fault:
        """Make the next ``times`` matching requests fail with ``status``.

        ``path`` is relative to /api/v10, either a template ("/channels/{channel_id}/messages")
        or a regex. With ``after_store`` the request takes effect first (message stored), then
        the error is returned, like a 5xx after Discord accepted the write. The answer is
        Discord's: ``code`` picks the JSON error code (403 → 50013 Missing Permissions,
        50001 Missing Access, ...); a 429 carries ``retry_after`` in its body, the
        ``Retry-After`` and ``X-RateLimit-*`` headers and, unless ``via=False`` (what
        discord.py takes for a Cloudflare ban), a ``Via`` header.
        """
        return self.faults.add(
            method,
            path,
            status=status,
            times=times,
            after_store=after_store,
            body=body,
            code=code,
            retry_after=retry_after,
            is_global=is_global,
            via=via,
        )

    def fail_for(
        self,
        seconds: float,
        method: str,
        path: str,
        *,
        status: int = 500,
        after_store: bool = False,
        body: Any = None,
        code: int | None = None,
        retry_after: float = 0.25,
        via: bool = True,
    ) -> Fault:
        """Make every matching request fail for the next ``seconds`` of stand-in time.

        "Discord answers 500 for 30 s": ``fail_for(30, "POST", "/channels/{channel_id}/messages")``.
        Move ``clock`` forward to end the outage early (``standin.clock.advance(30)``).
        """
        return self.faults.add(
            method,
            path,
            status=status,
            times=None,
            seconds=seconds,
            after_store=after_store,
            body=body,
            code=code,
            retry_after=retry_after,
            via=via,
        )

    async def revoke_bot_permission(self, channel: Channel, permission: int) -> None:
        """Deny the bot ``permission`` (a ``Perm`` bit) in ``channel`` with a member overwrite,
        as a moderator editing the channel would; CHANNEL_UPDATE tells the bot."""
        overwrite = self._bot_overwrite(channel)
        overwrite.allow &= ~permission
        overwrite.deny |= permission
        await self._channel_updated(channel)

    async def restore_bot_permission(self, channel: Channel, permission: int) -> None:
        """Undo ``revoke_bot_permission`` (only the bot's own overwrite; role overwrites stay)."""
        overwrite = self._bot_overwrite(channel)
        overwrite.deny &= ~permission
        if not overwrite.allow and not overwrite.deny:
            channel.overwrites.remove(overwrite)
        await self._channel_updated(channel)

    def _bot_overwrite(self, channel: Channel) -> Overwrite:
        for overwrite in channel.overwrites:
            if overwrite.type == 1 and overwrite.id == self.bot_user.id:
                return overwrite
        overwrite = Overwrite(self.bot_user.id, 1)
        channel.overwrites.append(overwrite)
        return overwrite

    async def _channel_updated(self, channel: Channel) -> None:
        if self.gateway.serves(channel.guild_id):
            await self.dispatch("CHANNEL_UPDATE", channel.payload(self.world.users))

    async def chatter(
        self, channel: str | Channel, count: int, *, author: str = "alice"
    ) -> list[Message]:
        """Fill ``channel`` with ``count`` ordinary messages from a member (oldest first).

        MESSAGE_CREATE is dispatched only if the bot asked for the GUILD_MESSAGES intent,
        as Discord does; either way the messages are in the channel's history.
        """
        target = self.channels[channel] if isinstance(channel, str) else channel
        user = self.users[author]
        wants_events = bool((self.gateway.intents or 0) & GUILD_MESSAGES_INTENT)
        made: list[Message] = []
        for number in range(1, count + 1):
            msg = self.new_message(target, user)
            msg.content = f"{author} chatting, message {number} of {count}"
            self.store_message(msg)
            made.append(msg)
            if wants_events and self.gateway.serves(target.guild_id):
                await self.dispatch("MESSAGE_CREATE", msg.payload(self.app_id))
        return made

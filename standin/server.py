"""StandIn: the loopback Discord an unmodified discord.py bot logs in to during e2e tests."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from types import TracebackType
from typing import Any

import discord
import yarl
from aiohttp import web

from . import spec
from .actors import Actor
from .clock import StandInClock
from .errors import StandInError
from .faults import FaultInjector
from .gateway import Gateway
from .interactions import InteractionRecord, wait_until
from .rest import RequestRecord, RestApi
from .state import (
    JSON,
    Channel,
    Guild,
    Member,
    Message,
    Role,
    SnowflakeGenerator,
    User,
    World,
)
from .trouble import DiscordTrouble

_log = logging.getLogger(__name__)

DEFAULT_TOKEN = "standin.bot.token"
NONCE_WINDOW_SECONDS = 300.0  # Discord documents "the past few minutes"


@contextlib.contextmanager
def patch_discord(api_base: str, gateway_url: str) -> Iterator[None]:
    """Point discord.py (REST, webhooks, gateway) at the stand-in; restore afterwards."""
    old_base = discord.http.Route.BASE
    old_gateway = discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    discord.http.Route.BASE = api_base
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)
    try:
        yield
    finally:
        discord.http.Route.BASE = old_base
        discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = old_gateway


class StandIn(DiscordTrouble):
    """A fake Discord: world state, REST API, gateway, validation and user-side helpers.

    Start it with ``async with StandIn() as standin:`` and run a bot with
    ``async with standin.running(bot):``.
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        guild_name: str = "Experience It",
        interaction_deadline: float = 3.0,
        privileged_intents: bool = False,
    ) -> None:
        self.token = token
        self.interaction_deadline = interaction_deadline
        self.privileged_intents = privileged_intents
        self.ids = SnowflakeGenerator()
        bot_user = User(self.ids.next(), "experience-it", bot=True, global_name=None)
        self.app_id = bot_user.id  # as for every modern Discord app
        self.app_flags = 1 << 23  # APPLICATION_COMMAND_BADGE; no privileged-intent flags
        self.world = World(self.ids, bot_user, self.app_id)
        self.world.users[bot_user.id] = bot_user
        self.users: dict[str, User] = {"bot": bot_user}
        for name in ("owner", "moderator", "alice", "bob"):
            self.users[name] = self.world.add_user(name)
        members = {k: v for k, v in self.users.items() if k not in ("bot", "owner")}
        self.guild: Guild = self.world.add_guild(guild_name, self.users["owner"], members=members)
        self.violations: list[str] = []
        self.requests: list[RequestRecord] = []
        self.clock = StandInClock()
        self.nonce_window = NONCE_WINDOW_SECONDS
        """How long Discord's ``enforce_nonce`` de-duplication lasts (stand-in clock seconds)."""
        self.deduplicated = 0
        """How many message POSTs were answered with an earlier message (same nonce)."""
        self.faults = FaultInjector(self.clock.now)
        self.accepted_then_failed: set[tuple[str, str]] = set()
        """(method, path) of requests that took effect but were answered with an injected
        error: a client retrying them is doing the right thing, not breaking a rule."""
        self.commands: dict[int | None, list[JSON]] = {}
        self.interactions: dict[int, InteractionRecord] = {}
        self.ephemeral_messages: dict[int, Message] = {}
        self.gateway = Gateway(self)
        self.rest = RestApi(self)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> StandIn:
        spec.warm_up()
        app = web.Application()
        app.router.add_get("/gateway", self.gateway.handle)
        app.router.add_route("*", "/api/v10/{tail:.*}", self.rest.handle)
        app.router.add_route("*", "/{tail:.*}", self._unknown)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        for sock in site._server.sockets if site._server is not None else ():  # type: ignore[attr-defined]
            self.port = int(sock.getsockname()[1])
        _log.info("stand-in listening on %s", self.base_url)
        return self

    async def stop(self) -> None:
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> StandIn:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _unknown(self, request: web.Request) -> web.Response:
        self.record_violation(f"{request.method} {request.path}: not under /api/v10")
        return web.json_response({"code": 0, "message": "404: Not Found"}, status=404)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    def patch(self) -> contextlib.AbstractContextManager[None]:
        return patch_discord(self.api_base, self.gateway_url)

    @contextlib.asynccontextmanager
    async def running(
        self,
        bot: discord.Client,
        *,
        ready_timeout: float = 5.0,
        guild_ready_timeout: float | None = 0.05,
    ) -> AsyncIterator[discord.Client]:
        """Run ``bot`` against the stand-in until the block ends, then close it cleanly.

        discord.py waits ``guild_ready_timeout`` (2 s by default) after the last GUILD_CREATE
        before firing on_ready; the stand-in sends every guild at once, so a short wait is
        safe and keeps tests fast. Pass None to keep the bot's own value.
        """
        if guild_ready_timeout is not None:
            bot._connection.guild_ready_timeout = guild_ready_timeout
        with self.patch():
            task = asyncio.create_task(bot.start(self.token), name="standin-bot")
            try:
                await self._wait_ready(bot, task, ready_timeout)
                yield bot
            finally:
                await bot.close()
                try:
                    await asyncio.wait_for(task, timeout=5.0)
                except Exception:
                    _log.exception("bot task ended with an error")

    async def _wait_ready(
        self, bot: discord.Client, task: asyncio.Task[None], within: float
    ) -> None:
        waiter = asyncio.create_task(bot.wait_until_ready())
        done, _ = await asyncio.wait({waiter, task}, timeout=within, return_when="FIRST_COMPLETED")
        if waiter not in done:
            waiter.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiter
            if task in done and task.exception() is not None:
                raise StandInError(f"the bot failed to start: {task.exception()!r}")
            raise StandInError(f"the bot was not ready within {within}s")

    def application_payload(self) -> JSON:
        """GET /oauth2/applications/@me: a bot-owned, non-public-endpoint application."""
        return {
            "id": str(self.app_id),
            "name": self.bot_user.username,
            "icon": None,
            "description": "",
            "summary": "",
            "type": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": self.users["owner"].payload(),
            "team": None,
            "verify_key": "0" * 64,
            "flags": self.app_flags,
            "bot": self.bot_user.payload(),
            "interactions_endpoint_url": None,
            "redirect_uris": [],
            "install_params": {"scopes": ["bot", "applications.commands"], "permissions": "0"},
            "integration_types_config": {"0": {}},
            "approximate_guild_count": len(self.world.guilds),
        }

    # ------------------------------------------------------------------ violations

    def record_violation(self, message: str) -> None:
        _log.warning("VIOLATION: %s", message)
        self.violations.append(message)

    def take_violations(self) -> list[str]:
        """Return and clear the violations (for tests that provoke them on purpose)."""
        found, self.violations = self.violations, []
        return found

    async def wait_for_violation(self, within: float = 3.0) -> list[str]:
        """Wait until at least one violation was recorded (for provoked-violation tests)."""
        await wait_until(
            lambda: bool(self.violations),
            within,
            lambda: f"expected a violation within {within}s, none was recorded",
        )
        return list(self.violations)

    # ------------------------------------------------------------------ world helpers

    @property
    def bot_user(self) -> User:
        return self.world.bot_user

    @property
    def channels(self) -> dict[str, Channel]:
        return self.guild.channels

    @property
    def roles(self) -> dict[str, Role]:
        return self.guild.roles

    def user(self, name: str, guild: Guild | None = None) -> Actor:
        """An actor: a guild member who can run commands, click, fill modals."""
        if name not in self.users:
            raise StandInError(f"no user {name!r}; known: {sorted(self.users)}")
        return Actor(self, self.users[name], guild or self.guild)

    def add_user(self, name: str, *, guild: Guild | None = None) -> User:
        user = self.world.add_user(name)
        self.users[name] = user
        target = guild or self.guild
        target.members[user.id] = Member(user, [])
        return user

    async def add_guild(
        self,
        name: str,
        *,
        owner: str = "owner",
        guild_id: int | None = None,
        system_channel: str | None = None,
        preferred_locale: str = "en-US",
    ) -> Guild:
        """A second (third…) guild with the same layout; announced if the bot is online.

        `guild_id` picks its id, e.g. one a benchmark's database already has stories for;
        ``system_channel`` names the channel Discord posts join messages in (none by default);
        ``preferred_locale`` is the server's language (a Community setting).
        """
        members = {k: v for k, v in self.users.items() if k not in ("bot", owner)}
        guild = self.world.add_guild(name, self.users[owner], members=members, guild_id=guild_id)
        if system_channel is not None:
            guild.system_channel_id = guild.channels[system_channel].id
        guild.preferred_locale = preferred_locale
        if self.gateway.serves(guild.id):
            await self.announce_join(guild)
        return guild

    async def announce_join(self, guild: Guild) -> None:
        """The bot was just added to ``guild``: GUILD_CREATE as Discord sends it for a join.

        Such a payload carries no ``unavailable`` key; discord.py tells a join
        (``on_guild_join``) from a server coming back after an outage (``unavailable:
        false``, ``on_guild_available``) by exactly that.
        """
        self.world.guilds[guild.id] = guild
        payload = guild.create_payload(self.world.users)
        payload.pop("unavailable", None)
        await self.dispatch("GUILD_CREATE", payload)

    async def remove_bot_from_guild(self, guild_id: int) -> None:
        """The bot was kicked / the guild deleted: GUILD_DELETE without ``unavailable``."""
        self.world.guilds.pop(guild_id, None)
        if self.gateway.serves(guild_id):
            await self.dispatch("GUILD_DELETE", {"id": str(guild_id)})

    async def delete_channel(self, channel: Channel) -> None:
        guild = self.world.guild_of(channel)
        if guild is not None:
            guild.channels = {k: c for k, c in guild.channels.items() if c.id != channel.id}
        await self.dispatch("CHANNEL_DELETE", channel.payload())

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a gateway DISPATCH (op 0) with the next sequence number."""
        await self.gateway.dispatch(event, data)

    async def wait_until_connected(self, within: float = 5.0) -> None:
        try:
            await asyncio.wait_for(self.gateway.ready.wait(), within)
        except TimeoutError:
            raise StandInError(f"no bot identified on the gateway within {within}s") from None

    # ------------------------------------------------------------------ messages

    def new_message(self, channel: Channel, author: User) -> Message:
        guild_id = channel.guild_id
        msg = Message(self.ids.next(), channel.id, author, guild_id=guild_id)
        msg.created_at = self.clock.now()
        return msg

    def store_message(self, msg: Message) -> None:
        if msg.ephemeral:
            self.ephemeral_messages[msg.id] = msg
            return
        self.world.messages.setdefault(msg.channel_id, []).append(msg)
        channel = self.world.channel(msg.channel_id)
        if channel is not None:
            channel.last_message_id = msg.id

    def messages(self, channel: int | str | Channel) -> list[Message]:
        """Visible (non-ephemeral, not deleted) messages of a channel, oldest first."""
        if isinstance(channel, str):
            channel = self.channels[channel]
        channel_id = channel.id if isinstance(channel, Channel) else channel
        return [m for m in self.world.messages.get(channel_id, []) if not m.deleted]

    def dms(self, user: str | User) -> list[Message]:
        """Messages the bot sent to ``user`` in DMs."""
        target = self.users[user] if isinstance(user, str) else user
        channel = self.world.dm_channels.get(target.id)
        return [] if channel is None else self.messages(channel.id)

    def registered_commands(self, guild_id: int | None = None) -> list[JSON]:
        """Command definitions as the bot last bulk-registered them (global if no guild)."""
        return list(self.commands.get(guild_id, []))

    async def wait_for_commands(
        self, guild_id: int | None = None, within: float = 5.0
    ) -> list[JSON]:
        await wait_until(
            lambda: guild_id in self.commands,
            within,
            lambda: f"the bot registered no commands (guild={guild_id}) within {within}s",
        )
        return self.registered_commands(guild_id)

    async def wait_for_message(
        self, channel: int | str | Channel, *, count: int = 1, within: float = 3.0
    ) -> list[Message]:
        """Wait until ``channel`` shows at least ``count`` messages."""
        await wait_until(
            lambda: len(self.messages(channel)) >= count,
            within,
            lambda: (
                f"expected {count} message(s) in {channel!r}, saw {len(self.messages(channel))}"
            ),
        )
        return self.messages(channel)

    # ------------------------------------------------------------------ interactions

    def new_interaction(self, record_kwargs: dict[str, Any]) -> InteractionRecord:
        interaction_id = self.ids.next()
        token = "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48)
        record = InteractionRecord(id=interaction_id, token=token, **record_kwargs)
        self.interactions[interaction_id] = record
        return record

    async def send_interaction(self, record: InteractionRecord) -> None:
        record.dispatched_at = time.monotonic()
        await self.dispatch("INTERACTION_CREATE", record.payload)

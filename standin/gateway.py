"""The gateway half: HELLO, IDENTIFY, heartbeats, READY + GUILD_CREATE, later dispatches.

Several connections at once, routed as Discord shards them: a connection identifies as
shard ``[id, count]`` (no ``shard`` means ``[0, 1]``) and receives only the guilds, and the
events and interactions of the guilds, with ``(guild_id >> 22) % count == id``; events
outside any guild (DMs) go to shard 0. A shard id outside ``0 … count-1`` is closed with
4010 "Invalid shard", as Discord does.

One live session per shard: a new IDENTIFY for a shard that already has one closes the
older connection (4000), which is what a restarted or reconnecting bot needs. (Discord
tolerates two sessions of one shard for a while; tests that need that come with the
rolling-restart work of issue 10.)

Frames are plain-text JSON; discord.py only runs its zlib decompressor on binary frames.
RESUME is answered with INVALID_SESSION(false), which makes discord.py re-identify.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

from .errors import StandInError

if TYPE_CHECKING:
    from .server import StandIn

_log = logging.getLogger(__name__)

DISPATCH, HEARTBEAT, IDENTIFY, RESUME, RECONNECT, INVALID_SESSION, HELLO, HEARTBEAT_ACK = (
    0,
    1,
    2,
    6,
    7,
    9,
    10,
    11,
)
HEARTBEAT_INTERVAL_MS = 41250
PRIVILEGED_INTENTS = {
    1 << 1: "GUILD_MEMBERS",
    1 << 8: "GUILD_PRESENCES",
    1 << 15: "MESSAGE_CONTENT",
}
# Events whose payload is the guild itself (its id is "id", not "guild_id").
_GUILD_EVENTS = frozenset({"GUILD_CREATE", "GUILD_UPDATE", "GUILD_DELETE"})


def shard_of(guild_id: int | None, shard_count: int) -> int:
    """Discord's routing rule; events outside any guild belong to shard 0."""
    return 0 if guild_id is None else (guild_id >> 22) % shard_count


def guild_of_event(event: str, data: Any) -> int | None:
    """The guild a dispatch concerns, read from its payload (None for DMs and the like)."""
    if not isinstance(data, dict):
        return None
    raw = data.get("id") if event in _GUILD_EVENTS else data.get("guild_id")
    return int(raw) if raw is not None else None


@dataclass(eq=False)
class GatewaySession:
    """One websocket connection; it owns a shard once it has identified."""

    ws: web.WebSocketResponse
    shard_id: int = 0
    shard_count: int = 1
    identified: bool = False
    sequence: int = 0
    session_id: str | None = None
    intents: int | None = None
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def live(self) -> bool:
        return self.identified and not self.ws.closed

    def owns(self, guild_id: int | None) -> bool:
        return shard_of(guild_id, self.shard_count) == self.shard_id


class Gateway:
    """Every bot connection, one per shard; `ready` is set while every shard is connected."""

    def __init__(self, core: StandIn) -> None:
        self.core = core
        self.sessions: list[GatewaySession] = []
        self.ready = asyncio.Event()
        self.identify_count = 0
        self.delivered: Counter[tuple[int, str]] = Counter()
        """How many dispatches of each event went to each shard id: (shard_id, event)."""
        self.recommended_shards = 1
        """What ``GET /gateway/bot`` answers as ``shards`` (an AutoShardedBot without a
        ``shard_count`` asks for it)."""

    # ------------------------------------------------------------------ what tests read

    def live_sessions(self) -> list[GatewaySession]:
        return [s for s in self.sessions if s.live]

    @property
    def ws(self) -> web.WebSocketResponse | None:
        """The most recently identified live connection (the only one without shards)."""
        live = self.live_sessions()
        return live[-1].ws if live else None

    @property
    def intents(self) -> int | None:
        live = self.live_sessions()
        return live[-1].intents if live else None

    def connected_shards(self) -> dict[int, int]:
        """Shard id -> shard count of every live session."""
        return {s.shard_id: s.shard_count for s in self.live_sessions()}

    def shards_ready(self, shard_ids: Iterable[int]) -> bool:
        connected = self.connected_shards()
        return all(shard_id in connected for shard_id in shard_ids)

    def serves(self, guild_id: int | None) -> bool:
        """Whether some live session receives this guild's events."""
        return any(s.owns(guild_id) for s in self.live_sessions())

    # ------------------------------------------------------------------ connections

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        _log.info("gateway connection from %s (%s)", request.remote, request.query_string)
        session = GatewaySession(ws)
        self.sessions.append(session)
        try:
            await self._send(
                session, {"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}}
            )
            async for msg in ws:
                if msg.type is not WSMsgType.TEXT:
                    if msg.type is WSMsgType.ERROR:
                        _log.warning("gateway socket error: %s", ws.exception())
                    continue
                try:
                    frame = json.loads(msg.data)
                except ValueError:
                    self.core.record_violation(f"gateway: frame is not JSON: {msg.data[:100]!r}")
                    continue
                await self._on_frame(session, frame)
        finally:
            self.sessions.remove(session)
            self._refresh_ready()
        _log.info(
            "gateway connection of shard %s/%s closed (%s)",
            session.shard_id,
            session.shard_count,
            ws.close_code,
        )
        return ws

    def _refresh_ready(self) -> None:
        """Ready while every shard of the newest shard count has a live session."""
        live = self.live_sessions()
        if live and self.shards_ready(range(live[-1].shard_count)):
            self.ready.set()
        else:
            self.ready.clear()

    async def _on_frame(self, session: GatewaySession, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data = frame.get("d")
        if op == HEARTBEAT:
            await self._send(session, {"op": HEARTBEAT_ACK})
        elif op == IDENTIFY:
            await self._identify(session, data if isinstance(data, dict) else {})
        elif op == RESUME:
            await self._send(session, {"op": INVALID_SESSION, "d": False})
        elif op in (3, 4, 8, 31):  # presence, voice state, request members, soundboard
            _log.debug("gateway op %s ignored", op)
        else:
            self.core.record_violation(f"gateway: unknown opcode {op!r}")

    async def _identify(self, session: GatewaySession, data: dict[str, Any]) -> None:
        ws = session.ws
        if data.get("token") != self.core.token:
            _log.warning("IDENTIFY with a wrong token")
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        if session.identified:
            self.core.record_violation("gateway: IDENTIFY sent twice on one connection")
            await ws.close(code=4005, message=b"Already authenticated.")
            return
        shard = _read_shard(data.get("shard"))
        if shard is None:
            self.core.record_violation(f"gateway: IDENTIFY with an invalid shard {data['shard']!r}")
            await ws.close(code=4010, message=b"Invalid shard.")
            return
        intents = int(data.get("intents") or 0)
        wanted = [name for bit, name in PRIVILEGED_INTENTS.items() if intents & bit]
        if wanted and not self.core.privileged_intents:
            self.core.record_violation(
                f"gateway: IDENTIFY asks for privileged intents {wanted} that the app lacks"
            )
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        for older in self.live_sessions():
            if older.shard_id == shard[0]:
                older.identified = False
                await older.ws.close(code=4000, message=b"replaced by a new connection")
        session.shard_id, session.shard_count = shard
        session.intents = intents
        session.sequence = 0
        session.session_id = secrets.token_hex(16)
        session.identified = True
        self.identify_count += 1
        guilds = [g for g in list(self.core.world.guilds.values()) if session.owns(g.id)]
        await self._dispatch_to(session, "READY", self._ready_payload(session, guilds))
        for guild in guilds:
            await self._dispatch_to(
                session, "GUILD_CREATE", guild.create_payload(self.core.world.users)
            )
        self._refresh_ready()

    def _ready_payload(self, session: GatewaySession, guilds: list[Any]) -> dict[str, Any]:
        payload: dict[str, Any] = {
            "v": 10,
            "user": self.core.bot_user.payload(),
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "session_id": session.session_id,
            "session_type": "normal",
            "resume_gateway_url": self.core.gateway_url,
            "application": {"id": str(self.core.app_id), "flags": self.core.app_flags},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "user_settings": {},
            "auth": {},
        }
        if session.shard_count > 1 or session.shard_id:
            payload["shard"] = [session.shard_id, session.shard_count]
        return payload

    # ------------------------------------------------------------------ sending

    async def dispatch(self, event: str, data: Any) -> None:
        """Send an event to the session(s) of the shard its guild belongs to."""
        guild_id = guild_of_event(event, data)
        targets = [s for s in self.live_sessions() if s.owns(guild_id)]
        if not targets:
            where = "" if guild_id is None else f" for guild {guild_id}"
            raise StandInError(
                f"cannot dispatch {event}: the bot is not connected to the gateway{where}"
            )
        for session in targets:
            await self._dispatch_to(session, event, data)

    async def _dispatch_to(self, session: GatewaySession, event: str, data: Any) -> None:
        session.sequence += 1
        self.delivered[(session.shard_id, event)] += 1
        frame = {"op": DISPATCH, "t": event, "s": session.sequence, "d": data}
        await self._send(session, frame)

    async def _send(self, session: GatewaySession, frame: dict[str, Any]) -> None:
        frame.setdefault("s", None)
        frame.setdefault("t", None)
        frame.setdefault("d", None)
        async with session.send_lock:
            await session.ws.send_str(json.dumps(frame))

    async def reconnect(self) -> None:
        """Ask every connection to reconnect (op 7), as Discord does during rolling restarts."""
        for session in self.live_sessions():
            await self._send(session, {"op": RECONNECT})

    async def close(self) -> None:
        for session in list(self.sessions):
            if not session.ws.closed:
                await session.ws.close(code=1001, message=b"stand-in shutting down")


def _read_shard(raw: object) -> tuple[int, int] | None:
    """``[id, count]`` from IDENTIFY (absent: ``(0, 1)``); None if Discord would refuse it."""
    if raw is None:
        return (0, 1)
    if not isinstance(raw, list) or len(raw) != 2:
        return None
    shard_id, count = raw
    if not all(isinstance(n, int) and not isinstance(n, bool) for n in (shard_id, count)):
        return None
    if count < 1 or not 0 <= shard_id < count:
        return None
    return (shard_id, count)

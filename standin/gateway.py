"""The gateway half: HELLO, IDENTIFY, heartbeats, READY + GUILD_CREATE, later dispatches.

Frames are plain-text JSON; discord.py only runs its zlib decompressor on binary frames.
RESUME is answered with INVALID_SESSION(false), which makes discord.py re-identify.
"""

from __future__ import annotations

import asyncio
import json
import logging
import secrets
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


class Gateway:
    """One bot connection at a time (the stand-in does not shard)."""

    def __init__(self, core: StandIn) -> None:
        self.core = core
        self.ws: web.WebSocketResponse | None = None
        self.sequence = 0
        self.session_id: str | None = None
        self.intents: int | None = None
        self.ready = asyncio.Event()
        self.identify_count = 0
        self._send_lock = asyncio.Lock()

    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        _log.info("gateway connection from %s (%s)", request.remote, request.query_string)
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=4000, message=b"replaced by a new connection")
        self.ws = ws
        self.ready.clear()
        await self._send(ws, {"op": HELLO, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}})
        async for msg in ws:
            if msg.type is not WSMsgType.TEXT:
                if msg.type is WSMsgType.ERROR:
                    _log.warning("gateway socket error: %s", ws.exception())
                continue
            try:
                await self._on_frame(ws, json.loads(msg.data))
            except ValueError:
                self.core.record_violation(f"gateway: frame is not JSON: {msg.data[:100]!r}")
        if self.ws is ws:
            self.ready.clear()
        _log.info("gateway connection closed (%s)", ws.close_code)
        return ws

    async def _on_frame(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        op = frame.get("op")
        data = frame.get("d")
        if op == HEARTBEAT:
            await self._send(ws, {"op": HEARTBEAT_ACK})
        elif op == IDENTIFY:
            await self._identify(ws, data if isinstance(data, dict) else {})
        elif op == RESUME:
            await self._send(ws, {"op": INVALID_SESSION, "d": False})
        elif op in (3, 4, 8, 31):  # presence, voice state, request members, soundboard
            _log.debug("gateway op %s ignored", op)
        else:
            self.core.record_violation(f"gateway: unknown opcode {op!r}")

    async def _identify(self, ws: web.WebSocketResponse, data: dict[str, Any]) -> None:
        if data.get("token") != self.core.token:
            _log.warning("IDENTIFY with a wrong token")
            await ws.close(code=4004, message=b"Authentication failed.")
            return
        intents = int(data.get("intents") or 0)
        wanted = [name for bit, name in PRIVILEGED_INTENTS.items() if intents & bit]
        if wanted and not self.core.privileged_intents:
            self.core.record_violation(
                f"gateway: IDENTIFY asks for privileged intents {wanted} that the app lacks"
            )
            await ws.close(code=4014, message=b"Disallowed intent(s).")
            return
        self.intents = intents
        self.identify_count += 1
        self.sequence = 0
        self.session_id = secrets.token_hex(16)
        await self.dispatch(
            "READY",
            {
                "v": 10,
                "user": self.core.bot_user.payload(),
                "guilds": [{"id": str(g), "unavailable": True} for g in self.core.world.guilds],
                "session_id": self.session_id,
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
            },
        )
        for guild in list(self.core.world.guilds.values()):
            await self.dispatch("GUILD_CREATE", guild.create_payload(self.core.world.users))
        self.ready.set()

    async def dispatch(self, event: str, data: Any) -> None:
        ws = self.ws
        if ws is None or ws.closed:
            raise StandInError(f"cannot dispatch {event}: the bot is not connected to the gateway")
        self.sequence += 1
        await self._send(ws, {"op": DISPATCH, "t": event, "s": self.sequence, "d": data})

    async def _send(self, ws: web.WebSocketResponse, frame: dict[str, Any]) -> None:
        frame.setdefault("s", None)
        frame.setdefault("t", None)
        frame.setdefault("d", None)
        async with self._send_lock:
            await ws.send_str(json.dumps(frame))

    async def reconnect(self) -> None:
        """Ask the bot to reconnect (op 7), as Discord does during rolling restarts."""
        if self.ws is not None and not self.ws.closed:
            await self._send(self.ws, {"op": RECONNECT})

    async def close(self) -> None:
        if self.ws is not None and not self.ws.closed:
            await self.ws.close(code=1001, message=b"stand-in shutting down")

"""REST routes for the bot's identity, the gateway URL, guild lookups and slash-command
registration.
"""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from .http_util import json_response, no_content
from .rest_base import ApiError, Ctx, RouteBase
from .state import JSON

_log = logging.getLogger(__name__)


class GuildRoutes(RouteBase):
    # ------------------------------------------------------------------ identity

    async def get_me(self, ctx: Ctx) -> web.Response:
        data = self.core.bot_user.payload()
        data.update({"verified": True, "mfa_enabled": False, "locale": "en-US", "email": None})
        return json_response(data)

    async def get_application(self, ctx: Ctx) -> web.Response:
        return json_response(self.core.application_payload())

    async def get_gateway(self, ctx: Ctx) -> web.Response:
        data: JSON = {"url": self.core.gateway_url}
        if ctx.path.endswith("/bot"):
            data["shards"] = self.core.gateway.recommended_shards
            data["session_start_limit"] = {
                "total": 1000,
                "remaining": 999,
                "reset_after": 0,
                "max_concurrency": 1,
            }
        return json_response(data)

    # ------------------------------------------------------------------ guilds

    def _guild(self, ctx: Ctx) -> Any:
        guild = self.core.world.guilds.get(int(ctx.params["guild_id"]))
        if guild is None:
            raise ApiError(404, 10004, "Unknown Guild")
        return guild

    async def get_guild(self, ctx: Ctx) -> web.Response:
        guild = self._guild(ctx)
        data = guild.preview_payload()
        data["approximate_member_count"] = len(guild.members)
        return json_response(data)

    async def get_guild_channels(self, ctx: Ctx) -> web.Response:
        guild = self._guild(ctx)
        return json_response([c.payload() for c in guild.channels.values()])

    async def get_guild_roles(self, ctx: Ctx) -> web.Response:
        return json_response([r.payload() for r in self._guild(ctx).roles.values()])

    async def get_member(self, ctx: Ctx) -> web.Response:
        member = self._guild(ctx).members.get(int(ctx.params["user_id"]))
        if member is None:
            raise ApiError(404, 10007, "Unknown Member")
        return json_response(member.payload())

    async def leave_guild(self, ctx: Ctx) -> web.Response:
        guild = self._guild(ctx)
        await self.core.remove_bot_from_guild(guild.id)
        return no_content()

    # ------------------------------------------------------------------ commands

    async def get_commands(self, ctx: Ctx) -> web.Response:
        self._check_app(ctx)
        guild_id = int(ctx.params["guild_id"]) if "guild_id" in ctx.params else None
        return json_response(self.core.commands.get(guild_id, []))

    async def put_commands(self, ctx: Ctx) -> web.Response:
        self._check_app(ctx)
        guild_id = int(ctx.params["guild_id"]) if "guild_id" in ctx.params else None
        if guild_id is not None and guild_id not in self.core.world.guilds:
            raise ApiError(403, 50001, "Missing Access")
        commands = ctx.json if isinstance(ctx.json, list) else []
        previous = {(c["name"], c.get("type", 1)): c for c in self.core.commands.get(guild_id, [])}
        stored: list[JSON] = []
        for cmd in commands:
            old = previous.get((cmd["name"], cmd.get("type", 1)))
            stored.append(self._command_payload(cmd, guild_id, old))
        self.core.commands[guild_id] = stored
        _log.info("commands registered (guild=%s): %s", guild_id, [c["name"] for c in stored])
        return json_response(stored)

    def _check_app(self, ctx: Ctx) -> None:
        if int(ctx.params["app_id"]) != self.core.app_id:
            raise ApiError(403, 50001, "Missing Access", "application id is not the bot's")

    def _command_payload(self, cmd: JSON, guild_id: int | None, old: JSON | None) -> JSON:
        data: JSON = {
            "type": 1,
            "description": "",
            "options": [],
            "default_member_permissions": None,
            "nsfw": False,
        }
        data.update({k: v for k, v in cmd.items() if v is not None})
        data["id"] = old["id"] if old else str(self.core.ids.next())
        data["application_id"] = str(self.core.app_id)
        data["version"] = str(self.core.ids.next())
        if guild_id is not None:
            data["guild_id"] = str(guild_id)
        if "contexts" not in data and guild_id is None:
            data["contexts"] = None
        return data

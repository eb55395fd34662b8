"""The REST half of the stand-in: one catch-all aiohttp handler and a small route table.

Every request goes through the same pipeline: auth, body parsing, OpenAPI validation,
route-specific hard limits, fault injection, the handler itself. Problems with what the bot
sent become violations and get Discord's 400 "Invalid Form Body" answer.

The handlers live in route-group modules (rest_guilds, rest_messages, rest_interactions)
on top of rest_base; this module holds the route table and the pipeline.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

from . import limits, spec
from .errors import discord_error, form_errors
from .http_util import ParsedBody, json_response, parse_body
from .interactions import AUTOCOMPLETE_RESULT, CHANNEL_MESSAGE, MODAL, UPDATE_MESSAGE
from .limits import Path
from .rest_base import ApiError, BodyProblems, Ctx, number_components
from .rest_guilds import GuildRoutes
from .rest_interactions import InteractionRoutes
from .rest_messages import MessageRoutes

if TYPE_CHECKING:
    from .server import StandIn

__all__ = [
    "ApiError",
    "BodyProblems",
    "Ctx",
    "Handler",
    "RequestRecord",
    "RestApi",
    "limits_for",
    "number_components",
]

_log = logging.getLogger(__name__)

Handler = Callable[[Ctx], Awaitable[web.Response]]


@dataclass
class RequestRecord:
    """One request as the stand-in saw it (tests may assert retries, bodies, ...)."""

    method: str
    path: str
    template: str | None
    body: Any
    status: int = 0
    files: list[str] = field(default_factory=list)


def _route(pattern: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\{(\w+)\}", r"(?P<\1>[^/]+)", pattern) + "$")


class RestApi(GuildRoutes, MessageRoutes, InteractionRoutes):
    def __init__(self, core: StandIn) -> None:
        super().__init__(core)
        # What the OpenAPI checks cost the stand-in (benchmarks report it).
        self.validation_seconds = 0.0
        self.validations = 0
        w = "/webhooks/{app_id}/{token}"
        table: list[tuple[str, str, Handler]] = [
            ("GET", "/users/@me", self.get_me),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway),
            ("POST", "/users/@me/channels", self.create_dm),
            ("DELETE", "/users/@me/guilds/{guild_id}", self.leave_guild),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self.get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("GET", "/channels/{channel_id}/messages", self.list_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            ("POST", "/channels/{channel_id}/typing", self.typing),
            (
                "PUT",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me",
                self.add_reaction,
            ),
            (
                "DELETE",
                "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/{user_id}",
                self.remove_reaction,
            ),
            ("GET", "/applications/{app_id}/commands", self.get_commands),
            ("PUT", "/applications/{app_id}/commands", self.put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self.get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self.put_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self.callback),
            ("POST", w, self.followup),
            ("GET", w + "/messages/{message_id}", self.get_webhook_message),
            ("PATCH", w + "/messages/{message_id}", self.edit_webhook_message),
            ("DELETE", w + "/messages/{message_id}", self.delete_webhook_message),
        ]
        self.routes = [(m, _route(p), h) for m, p, h in table]

    # ------------------------------------------------------------------ pipeline

    async def handle(self, request: web.Request) -> web.Response:
        arrived_at = time.monotonic()  # before parsing: the bot's time ends here
        method = request.method
        path = "/" + request.match_info.get("tail", "")
        body = await parse_body(request)
        template = spec.match_path(path)
        record = RequestRecord(method, path, template, body.json, files=list(body.files))
        self.core.requests.append(record)
        response = await self._pipeline(request, method, path, template, body, arrived_at)
        record.status = response.status
        return response

    async def _pipeline(
        self,
        request: web.Request,
        method: str,
        path: str,
        template: str | None,
        body: ParsedBody,
        arrived_at: float,
    ) -> web.Response:
        where = f"{method} {_redact(path)}"
        found = self._find(method, path)
        if found is None:
            self.core.record_violation(f"{where}: no such route in the stand-in / Discord API")
            return json_response(discord_error(0, "404: Not Found"), 404)
        handler, params = found
        if not self._authorised(request, path):
            return json_response(discord_error(0, "401: Unauthorized"), 401)
        problems = list(body.problems)
        if template is not None and method in ("POST", "PUT", "PATCH"):
            problems += self._spec_problems(template, method, body)
            problems = _merge(problems, limits_for(template, method, body.json))
        if problems:
            return self._reject(where, problems)
        fault = self.core.faults.take(method, path, after_store=False)
        if fault is not None:
            _log.info("injected %s before %s", fault.status, where)
            return fault.response()
        ctx = Ctx(request, method, path, params, body, arrived_at)
        try:
            response = await handler(ctx)
        except BodyProblems as exc:
            return self._reject(where, exc.problems)
        except ApiError as exc:
            if exc.violation:
                self.core.record_violation(f"{where}: {exc.violation}")
            return json_response(discord_error(exc.code, exc.message), exc.status)
        fault = self.core.faults.take(method, path, after_store=True)
        if fault is not None:
            _log.info("injected %s after %s took effect", fault.status, where)
            self.core.accepted_then_failed.add((method, path))
            return fault.response()
        return response

    def _find(self, method: str, path: str) -> tuple[Handler, dict[str, str]] | None:
        for route_method, regex, handler in self.routes:
            if route_method == method:
                match = regex.match(path)
                if match:
                    return handler, match.groupdict()
        return None

    def _authorised(self, request: web.Request, path: str) -> bool:
        if path.startswith(("/interactions/", "/webhooks/")):
            return True  # authorised by the interaction token in the path
        return request.headers.get("Authorization") == f"Bot {self.core.token}"

    def _spec_problems(
        self, template: str, method: str, body: ParsedBody
    ) -> list[tuple[Path, str]]:
        if not body.has_body:
            if spec.body_required(template, method):
                return [((), "request body is required")]
            return []
        if body.multipart and body.json is None:
            return [(("payload_json",), "multipart request without payload_json")]
        began = time.perf_counter()
        found = spec.validate_body(template, method, body.json)
        self.validation_seconds += time.perf_counter() - began
        self.validations += 1
        return [(p.path, p.message) for p in found]

    def _reject(self, where: str, problems: list[tuple[Path, str]]) -> web.Response:
        for path, message in problems:
            at = "/".join(str(p) for p in path) or "<body>"
            self.core.record_violation(f"{where}: {at}: {message}")
        return json_response(form_errors(problems), 400)


_TOKEN_PATH = re.compile(r"^/(interactions|webhooks)/(\d+)/[^/]+")


def _redact(path: str) -> str:
    """Interaction tokens are long and useless in a violation message."""
    return _TOKEN_PATH.sub(r"/\1/\2/<token>", path)


def limits_for(template: str, method: str, body: Any) -> list[tuple[Path, str]]:
    """Discord's hard limits for the endpoints the bot writes to."""
    if isinstance(body, list):
        if template.endswith("/commands") and method == "PUT":
            return limits.check_commands(body)
        return []
    if not isinstance(body, dict):
        return []
    if template.endswith("/callback"):
        data = body.get("data") if isinstance(body.get("data"), dict) else {}
        assert isinstance(data, dict)
        rtype = body.get("type")
        found: list[tuple[Path, str]] = []
        if rtype in (CHANNEL_MESSAGE, UPDATE_MESSAGE):
            found = limits.check_message(data)
        elif rtype == MODAL:
            found = limits.check_modal(data)
        elif rtype == AUTOCOMPLETE_RESULT:
            found = limits.check_choices(data.get("choices") or [])
        return [(("data", *p), m) for p, m in found]
    if template.endswith("/commands") and method == "POST":
        return limits.check_command(body)
    if template.startswith(("/channels/{channel_id}/messages", "/webhooks/{webhook_id}")):
        return limits.check_message(body)
    return []


def _merge(
    spec_problems: list[tuple[Path, str]], limit_problems: list[tuple[Path, str]]
) -> list[tuple[Path, str]]:
    """Both layers often flag the same field; keep the limits' plainer wording there."""
    limited = {p for p, _ in limit_problems}
    return [sp for sp in spec_problems if sp[0] not in limited] + limit_problems

"""The REST half of the stand-in: one catch-all aiohttp handler and a small route table.

Every request goes through the same pipeline: auth, body parsing, OpenAPI validation,
route-specific hard limits, fault injection, the handler itself. Problems with what the bot
sent become violations and get Discord's 400 "Invalid Form Body" answer.
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
from .http_util import ParsedBody, UploadedFile, json_response, no_content, parse_body
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    AUTOCOMPLETE_RESULT,
    CHANNEL_MESSAGE,
    DEFERRED_CHANNEL_MESSAGE,
    DEFERRED_UPDATE_MESSAGE,
    MESSAGE_COMPONENT,
    MODAL,
    MODAL_SUBMIT,
    UPDATE_MESSAGE,
    InteractionRecord,
)
from .limits import Path
from .state import (
    JSON,
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    Attachment,
    Channel,
    Message,
    Perm,
    iso_now,
)

if TYPE_CHECKING:
    from .server import StandIn

_log = logging.getLogger(__name__)

NONCE_WINDOW_SECONDS = 300.0
Handler = Callable[["Ctx"], Awaitable[web.Response]]


class ApiError(Exception):
    """Answer with a Discord error; optionally also record a violation."""

    def __init__(self, status: int, code: int, message: str, violation: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.violation = status, code, message, violation


class BodyProblems(Exception):
    def __init__(self, problems: list[tuple[Path, str]]):
        super().__init__("; ".join(m for _, m in problems))
        self.problems = problems


@dataclass
class Ctx:
    request: web.Request
    method: str
    path: str
    params: dict[str, str]
    body: ParsedBody

    @property
    def json(self) -> Any:
        return self.body.json

    def obj(self) -> JSON:
        data = self.body.json
        return data if isinstance(data, dict) else {}

    def query_flag(self, name: str) -> bool:
        return self.request.query.get(name, "").lower() in ("1", "true")


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


class RestApi:
    def __init__(self, core: StandIn) -> None:
        self.core = core
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
        method = request.method
        path = "/" + request.match_info.get("tail", "")
        body = await parse_body(request)
        template = spec.match_path(path)
        record = RequestRecord(method, path, template, body.json, files=list(body.files))
        self.core.requests.append(record)
        response = await self._pipeline(request, method, path, template, body)
        record.status = response.status
        return response

    async def _pipeline(
        self, request: web.Request, method: str, path: str, template: str | None, body: ParsedBody
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
            return json_response(fault.body, fault.status)
        ctx = Ctx(request, method, path, params, body)
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
            return json_response(fault.body, fault.status)
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
        return [(p.path, p.message) for p in spec.validate_body(template, method, body.json)]

    def _reject(self, where: str, problems: list[tuple[Path, str]]) -> web.Response:
        for path, message in problems:
            at = "/".join(str(p) for p in path) or "<body>"
            self.core.record_violation(f"{where}: {at}: {message}")
        return json_response(form_errors(problems), 400)

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
            data["shards"] = 1
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

    # ------------------------------------------------------------------ channels

    def _channel(self, ctx: Ctx, *, need: int = Perm.VIEW_CHANNEL) -> Channel:
        channel = self.core.world.channel(int(ctx.params["channel_id"]))
        if channel is None:
            raise ApiError(404, 10003, "Unknown Channel")
        guild = self.core.world.guild_of(channel)
        if guild is not None:
            perms = guild.channel_permissions(self.core.bot_user.id, channel)
            if not perms & Perm.VIEW_CHANNEL:
                raise ApiError(403, 50001, "Missing Access")
            if perms & need != need:
                raise ApiError(403, 50013, "Missing Permissions")
        return channel

    def _message(self, channel: Channel, ctx: Ctx) -> Message:
        message_id = int(ctx.params["message_id"])
        for msg in self.core.world.messages.get(channel.id, []):
            if msg.id == message_id and not msg.deleted:
                return msg
        raise ApiError(404, 10008, "Unknown Message")

    async def get_channel(self, ctx: Ctx) -> web.Response:
        return json_response(self._channel(ctx).payload(self.core.world.users))

    async def typing(self, ctx: Ctx) -> web.Response:
        self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
        return no_content()

    async def create_dm(self, ctx: Ctx) -> web.Response:
        recipient = ctx.obj().get("recipient_id")
        user = self.core.world.users.get(int(recipient)) if recipient is not None else None
        if user is None:
            raise ApiError(400, 50033, "Invalid Recipient(s)", "DM to an unknown user")
        channel = self.core.world.dm_channel_for(user)
        return json_response(channel.payload(self.core.world.users))

    async def list_messages(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        query = ctx.request.query
        limit = int(query.get("limit", "50"))
        if not 1 <= limit <= 100:
            raise BodyProblems([(("limit",), "limit must be 1-100")])
        msgs = [m for m in self.core.world.messages.get(channel.id, []) if not m.deleted]
        if "before" in query:
            msgs = [m for m in msgs if m.id < int(query["before"])]
        if "after" in query:
            msgs = [m for m in msgs if m.id > int(query["after"])]
            msgs = msgs[:limit]
        msgs = sorted(msgs, key=lambda m: m.id, reverse=True)[:limit]
        return json_response([m.payload(self.core.app_id) for m in msgs])

    async def get_message(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        return json_response(self._message(channel, ctx).payload(self.core.app_id))

    async def create_message(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES)
        body = ctx.obj()
        self._check_message_body(body, ctx.body.files, creating=True)
        if channel.type == 1:
            recipient = self.core.world.users.get(channel.recipient_id or 0)
            if recipient is not None and recipient.dms_closed:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            previous = self._nonce_match(channel.id, nonce)
            if previous is not None:
                _log.info("nonce %r repeated in %s: returning the first message", nonce, channel.id)
                return json_response(previous.payload(self.core.app_id))
        msg = self.core.new_message(channel, self.core.bot_user)
        self._apply_message_body(msg, body, ctx.body.files, creating=True)
        msg.nonce = nonce
        msg.message_reference = body.get("message_reference")
        self.core.store_message(msg)
        return json_response(msg.payload(self.core.app_id))

    def _nonce_match(self, channel_id: int, nonce: Any) -> Message | None:
        now = time.monotonic()
        for msg in self.core.world.messages.get(channel_id, []):
            fresh = now - msg.created_at < NONCE_WINDOW_SECONDS
            if msg.nonce is not None and str(msg.nonce) == str(nonce) and fresh:
                return msg
        return None

    async def edit_message(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx)
        msg = self._message(channel, ctx)
        if msg.author.id != self.core.bot_user.id:
            raise ApiError(403, 50005, "Cannot edit a message authored by another user")
        body = ctx.obj()
        self._check_message_body(body, ctx.body.files, creating=False)
        self._apply_message_body(msg, body, ctx.body.files, creating=False)
        msg.edited_at = iso_now()
        return json_response(msg.payload(self.core.app_id))

    async def delete_message(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx)
        msg = self._message(channel, ctx)
        guild = self.core.world.guild_of(channel)
        if msg.author.id != self.core.bot_user.id and guild is not None:
            perms = guild.channel_permissions(self.core.bot_user.id, channel)
            if not perms & Perm.MANAGE_MESSAGES:
                raise ApiError(403, 50013, "Missing Permissions")
        msg.deleted = True
        return no_content()

    async def add_reaction(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        msg = self._message(channel, ctx)
        msg.reactions.setdefault(ctx.params["emoji"], set()).add(self.core.bot_user.id)
        return no_content()

    async def remove_reaction(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx)
        msg = self._message(channel, ctx)
        user_id = ctx.params["user_id"]
        uid = self.core.bot_user.id if user_id == "@me" else int(user_id)
        msg.reactions.get(ctx.params["emoji"], set()).discard(uid)
        return no_content()

    # ------------------------------------------------------------------ message bodies

    def _check_message_body(
        self, body: JSON, files: dict[str, UploadedFile], *, creating: bool
    ) -> None:
        problems: list[tuple[Path, str]] = []
        if creating:
            fields = ("content", "embeds", "components", "sticker_ids", "poll")
            if not any(body.get(k) for k in fields) and not files:
                problems.append(((), "Cannot send an empty message (50006)"))
        if problems:
            raise BodyProblems(problems)

    def _apply_message_body(
        self, msg: Message, body: JSON, files: dict[str, UploadedFile], *, creating: bool
    ) -> None:
        if "content" in body:
            msg.content = body.get("content") or ""
        if "embeds" in body:
            msg.embeds = [dict(e, type=e.get("type", "rich")) for e in body.get("embeds") or []]
        if "components" in body:
            msg.components = number_components(body.get("components") or [])
        if "allowed_mentions" in body or creating:
            msg.allowed_mentions = body.get("allowed_mentions")
        if "flags" in body and body.get("flags") is not None:
            keep = msg.flags & (MESSAGE_FLAG_EPHEMERAL | MESSAGE_FLAG_LOADING)
            msg.flags = keep | int(body["flags"])
        msg.attachments = self._attachments(msg.attachments, body, files)

    def _attachments(
        self, existing: list[Attachment], body: JSON, files: dict[str, UploadedFile]
    ) -> list[Attachment]:
        if "attachments" not in body:
            return existing + [self._attachment(f, None) for f in files.values()]
        out: list[Attachment] = []
        by_id = {a.id: a for a in existing}
        for item in body.get("attachments") or []:
            ident = int(item.get("id", -1))
            if ident in by_id:
                out.append(by_id[ident])
            elif f"files[{ident}]" in files:
                out.append(self._attachment(files[f"files[{ident}]"], item))
            else:
                raise BodyProblems([(("attachments",), f"attachment id {ident} has no file part")])
        return out

    def _attachment(self, upload: UploadedFile, item: JSON | None) -> Attachment:
        item = item or {}
        return Attachment(
            self.core.ids.next(),
            str(item.get("filename") or upload.filename),
            upload.data,
            upload.content_type,
            item.get("description"),
        )

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

    # ------------------------------------------------------------------ interactions

    def _record(self, interaction_id: int, token: str) -> InteractionRecord:
        record = self.core.interactions.get(interaction_id)
        if record is None or record.token != token:
            raise ApiError(404, 10062, "Unknown interaction", "callback for an unknown interaction")
        return record

    def _record_by_token(self, ctx: Ctx) -> InteractionRecord:
        if int(ctx.params["app_id"]) != self.core.app_id:
            raise ApiError(404, 10015, "Unknown Webhook", "webhook id is not the application id")
        for record in self.core.interactions.values():
            if record.token == ctx.params["token"]:
                return record
        raise ApiError(404, 10015, "Unknown Webhook", "webhook call with an unknown token")

    async def callback(self, ctx: Ctx) -> web.Response:
        record = self._record(int(ctx.params["interaction_id"]), ctx.params["token"])
        body = ctx.obj()
        rtype = int(body.get("type", 0))
        if record.responded:
            raise ApiError(
                400,
                40060,
                "Interaction has already been acknowledged.",
                f"second response (type {rtype}) to interaction {record.id}, "
                f"already answered with type {record.response_type}",
            )
        elapsed = time.monotonic() - record.dispatched_at
        if elapsed > self.core.interaction_deadline:
            raise ApiError(
                404,
                10062,
                "Unknown interaction",
                f"first response to interaction {record.id} came after {elapsed:.2f}s "
                f"(limit {self.core.interaction_deadline}s)",
            )
        self._check_response_type(record, rtype)
        data = body.get("data") or {}
        message = self._apply_callback(record, rtype, data, ctx.body.files)
        record.response_type = rtype
        record.callback_body = body
        inner: JSON = {
            "id": str(record.id),
            "type": record.type,
            "activity_instance_id": None,
            "response_message_id": None,
            "response_message_loading": rtype == DEFERRED_CHANNEL_MESSAGE,
            "response_message_ephemeral": bool(message and message.ephemeral),
        }
        result: JSON = {"interaction": inner}
        if message is not None:
            inner["response_message_id"] = str(message.id)
            result["resource"] = {"type": rtype, "message": message.payload(self.core.app_id)}
        if not ctx.query_flag("with_response"):
            return no_content()
        return json_response(result)

    def _check_response_type(self, record: InteractionRecord, rtype: int) -> None:
        allowed = {
            APPLICATION_COMMAND: {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, MODAL},
            MESSAGE_COMPONENT: {
                CHANNEL_MESSAGE,
                DEFERRED_CHANNEL_MESSAGE,
                DEFERRED_UPDATE_MESSAGE,
                UPDATE_MESSAGE,
                MODAL,
            },
            AUTOCOMPLETE: {AUTOCOMPLETE_RESULT},
            MODAL_SUBMIT: {
                CHANNEL_MESSAGE,
                DEFERRED_CHANNEL_MESSAGE,
                DEFERRED_UPDATE_MESSAGE,
                UPDATE_MESSAGE,
            },
        }.get(record.type, set())
        if rtype not in allowed:
            why = "a modal cannot answer a modal submit" if rtype == MODAL else "not allowed"
            raise ApiError(
                400,
                50035,
                "Invalid Form Body",
                f"response type {rtype} to interaction type {record.type}: {why}",
            )
        if rtype in (DEFERRED_UPDATE_MESSAGE, UPDATE_MESSAGE) and record.source_message is None:
            raise ApiError(
                400, 50035, "Invalid Form Body", f"response type {rtype} but no message to update"
            )

    def _apply_callback(
        self, record: InteractionRecord, rtype: int, data: JSON, files: dict[str, UploadedFile]
    ) -> Message | None:
        if rtype == MODAL:
            record.modal = {**data, "components": number_components(data.get("components") or [])}
            return None
        if rtype == AUTOCOMPLETE_RESULT:
            record.choices = list(data.get("choices") or [])
            return None
        if rtype == CHANNEL_MESSAGE:
            self._check_message_body(data, files, creating=True)
            msg = self._interaction_message(record, data, files)
            record.original = msg
            return msg
        if rtype == DEFERRED_CHANNEL_MESSAGE:
            flags = MESSAGE_FLAG_LOADING | (int(data.get("flags") or 0) & MESSAGE_FLAG_EPHEMERAL)
            msg = self._interaction_message(record, {"flags": flags}, {})
            record.original = msg
            return msg
        assert record.source_message is not None
        record.original = record.source_message
        if rtype == UPDATE_MESSAGE:
            self._apply_message_body(record.source_message, data, files, creating=False)
            record.source_message.edited_at = iso_now()
        return record.source_message

    def _interaction_message(
        self, record: InteractionRecord, data: JSON, files: dict[str, UploadedFile]
    ) -> Message:
        channel = self.core.world.channel(record.channel_id)
        assert channel is not None
        msg = self.core.new_message(channel, self.core.bot_user)
        msg.webhook_id = self.core.app_id
        msg.interaction_id = record.id
        msg.interaction_user_id = record.user.id
        msg.type = 20 if record.type == APPLICATION_COMMAND else 0
        flags = int(data.get("flags") or 0)
        self._apply_message_body(msg, {**data, "flags": 0}, files, creating=True)
        msg.flags = flags
        self.core.store_message(msg)
        return msg

    async def followup(self, ctx: Ctx) -> web.Response:
        record = self._record_by_token(ctx)
        if not record.responded:
            raise ApiError(
                404, 10015, "Unknown Webhook", f"followup before responding to {record.id}"
            )
        body = ctx.obj()
        self._check_message_body(body, ctx.body.files, creating=True)
        original = record.original
        if (
            record.response_type == DEFERRED_CHANNEL_MESSAGE
            and original is not None
            and original.loading
        ):
            # Discord turns the first followup after a "thinking" defer into the original.
            self._apply_message_body(original, body, ctx.body.files, creating=True)
            original.flags &= ~MESSAGE_FLAG_LOADING
            original.edited_at = iso_now()
            msg = original
        else:
            msg = self._interaction_message(record, body, ctx.body.files)
            record.followups.append(msg)
        if not ctx.query_flag("wait"):
            return no_content()
        return json_response(msg.payload(self.core.app_id))

    def _webhook_message(self, record: InteractionRecord, ctx: Ctx) -> Message:
        ident = ctx.params["message_id"]
        if ident == "@original":
            if record.original is None:
                raise ApiError(404, 10008, "Unknown Message", "@original before any response")
            return record.original
        for msg in record.followups:
            if msg.id == int(ident):
                return msg
        if record.original is not None and record.original.id == int(ident):
            return record.original
        raise ApiError(404, 10008, "Unknown Message", f"webhook message {ident} is not ours")

    async def get_webhook_message(self, ctx: Ctx) -> web.Response:
        record = self._record_by_token(ctx)
        return json_response(self._webhook_message(record, ctx).payload(self.core.app_id))

    async def edit_webhook_message(self, ctx: Ctx) -> web.Response:
        record = self._record_by_token(ctx)
        msg = self._webhook_message(record, ctx)
        body = ctx.obj()
        self._check_message_body(body, ctx.body.files, creating=False)
        self._apply_message_body(msg, body, ctx.body.files, creating=False)
        msg.flags &= ~MESSAGE_FLAG_LOADING
        msg.edited_at = iso_now()
        if msg is record.original:
            record.original_edits += 1
        return json_response(msg.payload(self.core.app_id))

    async def delete_webhook_message(self, ctx: Ctx) -> web.Response:
        record = self._record_by_token(ctx)
        self._webhook_message(record, ctx).deleted = True
        return no_content()


def number_components(components: list[Any]) -> list[Any]:
    """Give every component a numeric ``id`` as Discord does when it stores them."""
    counter = [0]
    used: set[int] = set()

    def collect(items: list[Any]) -> None:
        for comp in items:
            if isinstance(comp, dict):
                if isinstance(comp.get("id"), int):
                    used.add(comp["id"])
                collect(_children(comp))

    def assign(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for comp in items:
            if not isinstance(comp, dict):
                out.append(comp)
                continue
            comp = dict(comp)
            if not isinstance(comp.get("id"), int):
                counter[0] += 1
                while counter[0] in used:
                    counter[0] += 1
                comp["id"] = counter[0]
            if isinstance(comp.get("components"), list):
                comp["components"] = assign(comp["components"])
            for key in ("component", "accessory"):
                if isinstance(comp.get(key), dict):
                    comp[key] = assign([comp[key]])[0]
            out.append(comp)
        return out

    collect(components)
    return assign(components)


def _children(comp: JSON) -> list[Any]:
    kids = list(comp.get("components") or [])
    kids += [comp[k] for k in ("component", "accessory") if isinstance(comp.get(k), dict)]
    return kids


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

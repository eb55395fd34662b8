"""REST routes for channels and their messages: DMs, history, send/edit/delete, reactions."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from aiohttp import web

from .http_util import json_response, no_content
from .rest_base import ApiError, BodyProblems, Ctx, RouteBase
from .state import Channel, Message, Perm, iso_now

_log = logging.getLogger(__name__)


class MessageRoutes(RouteBase):
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
        """Discord's history page: newest first, whichever anchor is used.

        ``before``: the ``limit`` newest messages older than it; ``after``: the ``limit``
        messages right after it (the oldest ones), still newest first, which is why
        discord.py's after-strategy continues from ``data[0]``; ``around``: the message
        itself (if it exists) with up to ``limit // 2`` newer and the rest older ones.
        The three anchors are mutually exclusive (a violation if mixed).
        """
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        query = ctx.request.query
        limit = _int_param(query, "limit", 50)
        if not 1 <= limit <= 100:
            raise BodyProblems([(("limit",), "limit must be 1-100")])
        anchors = [k for k in ("before", "after", "around") if k in query]
        if len(anchors) > 1:
            raise BodyProblems([((anchors[1],), f"{' and '.join(anchors)} are mutually exclusive")])
        msgs = sorted(
            (m for m in self.core.world.messages.get(channel.id, []) if not m.deleted),
            key=lambda m: m.id,
        )
        if "before" in query:
            pivot = _int_param(query, "before", 0)
            msgs = [m for m in msgs if m.id < pivot][-limit:]
        elif "after" in query:
            pivot = _int_param(query, "after", 0)
            msgs = [m for m in msgs if m.id > pivot][:limit]
        elif "around" in query:
            pivot = _int_param(query, "around", 0)
            newer = [m for m in msgs if m.id > pivot][: limit // 2]
            older = [m for m in msgs if m.id <= pivot][-(limit - len(newer)) :]
            msgs = older + newer
        else:
            msgs = msgs[-limit:]
        return json_response([m.payload(self.core.app_id) for m in reversed(msgs)])

    async def get_message(self, ctx: Ctx) -> web.Response:
        channel = self._channel(ctx, need=Perm.VIEW_CHANNEL | Perm.READ_MESSAGE_HISTORY)
        return json_response(self._message(channel, ctx).payload(self.core.app_id))

    async def create_message(self, ctx: Ctx) -> web.Response:
        need = Perm.VIEW_CHANNEL | Perm.SEND_MESSAGES
        if ctx.body.files:
            need |= Perm.ATTACH_FILES
        channel = self._channel(ctx, need=need)
        body = ctx.obj()
        self._check_message_body(body, ctx.body.files, creating=True)
        if channel.type == 1:
            recipient = self.core.world.users.get(channel.recipient_id or 0)
            if recipient is not None and recipient.dms_closed:
                raise ApiError(403, 50007, "Cannot send messages to this user")
        nonce = body.get("nonce")
        if nonce is not None and body.get("enforce_nonce"):
            previous = self._nonce_match(channel.id, self.core.bot_user.id, nonce)
            if previous is not None:
                _log.info("nonce %r repeated in %s: returning the first message", nonce, channel.id)
                self.core.deduplicated += 1
                return json_response(previous.payload(self.core.app_id))
        msg = self.core.new_message(channel, self.core.bot_user)
        self._apply_message_body(msg, body, ctx.body.files, creating=True)
        msg.nonce = nonce
        msg.message_reference = body.get("message_reference")
        self.core.store_message(msg)
        return json_response(msg.payload(self.core.app_id))

    def _nonce_match(self, channel_id: int, author_id: int, nonce: Any) -> Message | None:
        """Discord's ``enforce_nonce``: same author, same nonce, within the window."""
        now = self.core.clock.now()
        for msg in self.core.world.messages.get(channel_id, []):
            fresh = now - msg.created_at < self.core.nonce_window
            same = msg.author.id == author_id and str(msg.nonce) == str(nonce)
            if msg.nonce is not None and same and fresh:
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


def _int_param(query: Mapping[str, str], name: str, default: int) -> int:
    """A query integer; Discord answers 400 to a non-number, so that is a violation too."""
    raw = query.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError:
        raise BodyProblems([((name,), f"{name} must be an integer, got {raw!r}")]) from None

"""REST routes for interactions: the callback, followups and the webhook's messages.

Enforces the interaction rules a real bot trips over: one response only, within the
deadline, of a type allowed for that interaction.
"""

from __future__ import annotations

import time

from aiohttp import web

from .http_util import UploadedFile, json_response, no_content
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
from .rest_base import ApiError, Ctx, RouteBase, number_components
from .state import JSON, MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, Message, iso_now


class InteractionRoutes(RouteBase):
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
        if record.first_callback_at is None:
            record.first_callback_at = ctx.arrived_at or time.monotonic()
        body = ctx.obj()
        rtype = int(body.get("type", 0))
        if record.responded:
            retried = (ctx.method, ctx.path) in self.core.accepted_then_failed
            raise ApiError(
                400,
                40060,
                "Interaction has already been acknowledged.",
                None  # discord.py retrying a callback that was taken, then answered 5xx
                if retried
                else f"second response (type {rtype}) to interaction {record.id}, "
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

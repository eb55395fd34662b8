"""Buttons, select menus and modals, used only as the bot showed them."""

from __future__ import annotations

from typing import Any

from .actor_base import (
    BUTTON,
    CHANNEL_SELECT,
    CHECKBOX,
    CHECKBOX_GROUP,
    FILE_UPLOAD,
    LABEL,
    LINK_STYLE,
    MENTIONABLE_SELECT,
    PREMIUM_STYLE,
    RADIO_GROUP,
    ROLE_SELECT,
    STRING_SELECT,
    TEXT_DISPLAY,
    TEXT_INPUT,
    USER_SELECT,
    ActorBase,
    Where,
    int_or,
)
from .errors import StandInError
from .interactions import MESSAGE_COMPONENT, MODAL_SUBMIT, InteractionResult, Modal
from .state import JSON, Message, Role, User


class ComponentActions(ActorBase):
    """Clicking buttons, picking in select menus, filling and submitting modals."""

    async def click(
        self,
        message: Message,
        button: str,
        /,
        *,
        wait: bool = True,
        within: float | None = None,
    ) -> InteractionResult:
        """Click the button labelled (or with custom_id) ``button`` on ``message``."""
        comp = self._component(message, button, (BUTTON,))
        if comp.get("style") in (LINK_STYLE, PREMIUM_STYLE) or "custom_id" not in comp:
            raise StandInError(f"button {button!r} opens a link; it sends no interaction")
        data = {"custom_id": comp["custom_id"], "component_type": BUTTON}
        return await self._component_interaction(message, data, wait, within)

    async def select(
        self,
        message: Message,
        select: str,
        values: list[Any],
        /,
        *,
        wait: bool = True,
        within: float | None = None,
    ) -> InteractionResult:
        """Pick ``values`` in the select menu with that custom_id or placeholder."""
        types = (STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT)
        comp = self._component(message, select, types)
        where = self._where_for_message(message)
        resolved: JSON = {}
        picked = self._select_values(comp, values, resolved, where, select)
        data: JSON = {"custom_id": comp["custom_id"], "component_type": comp["type"]}
        data["values"] = picked
        if resolved:
            data["resolved"] = resolved
        return await self._component_interaction(message, data, wait, within)

    def _select_values(
        self, comp: JSON, values: list[Any], resolved: JSON, where: Where, what: str
    ) -> list[str]:
        lo = int_or(comp, "min_values", 1)
        hi = int_or(comp, "max_values", 1)
        if not lo <= len(values) <= hi:
            raise StandInError(f"select {what!r} takes {lo}-{hi} values, got {len(values)}")
        ctype = comp["type"]
        if ctype == STRING_SELECT:
            allowed = [o["value"] for o in comp.get("options") or []]
            for v in values:
                if v not in allowed:
                    raise StandInError(f"select {what!r} has no option {v!r}; options: {allowed}")
            return [str(v) for v in values]
        out: list[str] = []
        for v in values:
            if ctype == USER_SELECT or (ctype == MENTIONABLE_SELECT and isinstance(v, User)):
                out.append(self._resolve_user(v, resolved, where))
            elif ctype == CHANNEL_SELECT:
                spec = {"channel_types": comp.get("channel_types"), "name": what}
                out.append(self._resolve_channel(v, spec, resolved, what))
            else:
                role = v if isinstance(v, Role) else self.guild.roles.get(str(v))
                if role is None:
                    raise StandInError(f"no role {v!r}")
                out.append(self._resolve_role(role, resolved))
        return out

    def _component(self, message: Message, key: str, types: tuple[int, ...]) -> JSON:
        if message.deleted:
            raise StandInError(f"message {message.id} was deleted")
        if message.ephemeral and message.interaction_user_id != self.user.id:
            raise StandInError(
                f"{self.user.username} cannot see ephemeral message {message.id} "
                "(only the user who triggered it can)"
            )
        candidates = [c for c in message.iter_components() if c.get("type") in types]
        for comp in candidates:
            if key in (comp.get("custom_id"), comp.get("label"), comp.get("placeholder")):
                if comp.get("disabled"):
                    raise StandInError(f"component {key!r} is disabled")
                return comp
        seen = [c.get("label") or c.get("placeholder") or c.get("custom_id") for c in candidates]
        raise StandInError(f"message {message.id} has no component {key!r}; it has {seen}")

    async def _component_interaction(
        self, message: Message, data: JSON, wait: bool, within: float | None
    ) -> InteractionResult:
        where = self._where_for_message(message)
        record = self._record(MESSAGE_COMPONENT, data, where, source=message)
        record.payload["message"] = message.payload(self.standin.app_id)
        return await self._send(record, wait, within)

    def _where_for_message(self, message: Message) -> Where:
        channel = self.standin.world.channel(message.channel_id)
        if channel is None:
            raise StandInError(f"message {message.id} is in an unknown channel")
        return Where(channel, self.standin.world.guild_of(channel))

    # ------------------------------------------------------------------ modals

    async def submit_modal(
        self,
        modal: Modal,
        values: dict[str, Any],
        /,
        *,
        wait: bool = True,
        within: float | None = None,
    ) -> InteractionResult:
        """Fill the modal's fields (keys: label or custom_id) and press Submit."""
        if modal.user.id != self.user.id:
            raise StandInError(f"the modal was shown to {modal.user.username}, not to you")
        remaining = dict(values)
        origin = modal.interaction
        channel = self.standin.world.channel(origin.channel_id)
        assert channel is not None
        where = Where(channel, self.standin.world.guilds.get(origin.guild_id or 0))
        resolved: JSON = {}
        components = [
            self._submit_component(c, remaining, resolved, where) for c in modal.components
        ]
        if remaining:
            labels = [f.get("_label") or f.get("custom_id") for f in modal.fields()]
            raise StandInError(
                f"modal {modal.title!r} has no field(s) {sorted(remaining)}; {labels}"
            )
        data: JSON = {"custom_id": modal.custom_id, "components": components}
        if resolved:
            data["resolved"] = resolved
        record = self._record(MODAL_SUBMIT, data, where, source=origin.source_message)
        record.guild_id = origin.guild_id
        if origin.source_message is not None:
            record.payload["message"] = origin.source_message.payload(self.standin.app_id)
        return await self._send(record, wait, within)

    def _submit_component(
        self, comp: JSON, values: dict[str, Any], resolved: JSON, where: Where
    ) -> JSON:
        ctype = comp.get("type")
        if ctype == 1:
            inner = [
                self._submit_leaf(c, c.get("label"), values, resolved, where)
                for c in comp.get("components") or []
            ]
            return {"type": 1, "id": comp.get("id"), "components": inner}
        if ctype == LABEL:
            leaf = self._submit_leaf(comp["component"], comp.get("label"), values, resolved, where)
            return {"type": LABEL, "id": comp.get("id"), "component": leaf}
        if ctype == TEXT_DISPLAY:
            return {"type": TEXT_DISPLAY, "id": comp.get("id")}
        raise StandInError(f"modal component type {ctype} is not supported by the stand-in")

    def _submit_leaf(
        self,
        comp: JSON,
        label: str | None,
        values: dict[str, Any],
        resolved: JSON,
        where: Where,
    ) -> JSON:
        custom_id = comp.get("custom_id")
        key = next((k for k in (label, custom_id) if k is not None and k in values), None)
        given = values.pop(key) if key is not None else None
        name = label or custom_id
        ctype = comp.get("type")
        required = comp.get("required", True)
        out: JSON = {"type": ctype, "id": comp.get("id"), "custom_id": custom_id}
        if ctype == TEXT_INPUT:
            text = comp.get("value") or "" if given is None else given
            if not isinstance(text, str):
                raise StandInError(f"field {name!r} takes text")
            lo, hi = int_or(comp, "min_length", 0), int_or(comp, "max_length", 4000)
            if required and not text:
                raise StandInError(f"field {name!r} is required; Discord blocks Submit")
            if text and not lo <= len(text) <= hi:
                raise StandInError(f"field {name!r} needs {lo}-{hi} characters, got {len(text)}")
            out["value"] = text
        elif ctype in (STRING_SELECT, USER_SELECT, ROLE_SELECT, MENTIONABLE_SELECT, CHANNEL_SELECT):
            picked = list(given or [])
            if not picked and required is False:
                out["values"] = []
            else:
                out["values"] = self._select_values(comp, picked, resolved, where, str(name))
        elif ctype == RADIO_GROUP:
            allowed = [o.get("value") for o in comp.get("options") or []]
            if given is None and required:
                raise StandInError(f"radio group {name!r} is required")
            if given is not None and given not in allowed:
                raise StandInError(f"radio group {name!r} has no option {given!r}: {allowed}")
            out["value"] = given
        elif ctype == CHECKBOX_GROUP:
            allowed = [o.get("value") for o in comp.get("options") or []]
            picked = list(given or [])
            for v in picked:
                if v not in allowed:
                    raise StandInError(f"checkbox group {name!r} has no option {v!r}: {allowed}")
            lo = int_or(comp, "min_values", 1 if required else 0)
            hi = int_or(comp, "max_values", len(allowed))
            if not lo <= len(picked) <= hi:
                raise StandInError(f"checkbox group {name!r} takes {lo}-{hi} values")
            out["values"] = picked
        elif ctype == CHECKBOX:
            out["value"] = bool(comp.get("default", False) if given is None else given)
        elif ctype == FILE_UPLOAD:
            files = list(given or [])
            ids: list[str] = []
            for item in files:
                ids.append(self._resolve_attachment(item, resolved, where, str(name)))
            if required and not ids:
                raise StandInError(f"file upload {name!r} is required")
            out["values"] = ids
        else:
            raise StandInError(f"modal field type {ctype} is not supported by the stand-in")
        return out

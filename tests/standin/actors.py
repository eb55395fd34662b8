"""Acting as a person: build interactions only from what the bot registered or showed.

Anything a real Discord client would not let the user do (an option the command lacks, a
button that is not on the message, someone else's ephemeral message) raises StandInError,
which fails the test; it is not a bot violation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .errors import StandInError
from .interactions import (
    APPLICATION_COMMAND,
    AUTOCOMPLETE,
    MESSAGE_COMPONENT,
    MODAL_SUBMIT,
    InteractionRecord,
    InteractionResult,
    Modal,
)
from .state import JSON, Attachment, Channel, Guild, Message, Perm, Role, User

if TYPE_CHECKING:
    from .server import StandIn

ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
STRING, INTEGER, BOOLEAN, USER, CHANNEL, ROLE, MENTIONABLE, NUMBER, ATTACHMENT = range(3, 12)
BUTTON, STRING_SELECT, TEXT_INPUT, USER_SELECT, ROLE_SELECT = 2, 3, 4, 5, 6
MENTIONABLE_SELECT, CHANNEL_SELECT, TEXT_DISPLAY, LABEL, FILE_UPLOAD = 7, 8, 10, 18, 19
RADIO_GROUP, CHECKBOX_GROUP, CHECKBOX = 21, 22, 23
LINK_STYLE, PREMIUM_STYLE = 5, 6


@dataclass
class _Where:
    channel: Channel
    guild: Guild | None


class Actor:
    """A user of the stand-in's world, acting through Discord's UI."""

    def __init__(self, standin: StandIn, user: User, guild: Guild, *, dm: bool = False) -> None:
        self.standin = standin
        self.user = user
        self.guild = guild
        self.dm = dm

    def __repr__(self) -> str:
        where = "DM" if self.dm else self.guild.name
        return f"<Actor {self.user.username} in {where}>"

    @property
    def id(self) -> int:
        return self.user.id

    def in_dm(self) -> Actor:
        """The same user, acting from their DM with the bot (no guild, context 1)."""
        return Actor(self.standin, self.user, self.guild, dm=True)

    def in_guild(self, guild: Guild) -> Actor:
        return Actor(self.standin, self.user, guild)

    # ------------------------------------------------------------------ slash commands

    async def run_command(
        self,
        command: str,
        /,
        *,
        in_channel: str | Channel | None = None,
        wait: bool = True,
        within: float | None = None,
        options: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> InteractionResult:
        """Run ``/command [group] [sub]`` with options (kwargs, or ``options`` for odd names)."""
        values = {**(options or {}), **kwargs}
        where = self._where(in_channel)
        cmd, path_options, leaf = self._lookup(command)
        resolved: JSON = {}
        built = self._build_options(leaf, values, resolved, where, command)
        data = self._command_data(cmd, path_options, built, resolved)
        record = self._record(APPLICATION_COMMAND, data, where)
        return await self._send(record, wait, within)

    async def autocomplete(
        self,
        command: str,
        option: str,
        typed: str,
        /,
        *,
        in_channel: str | Channel | None = None,
        within: float | None = None,
        **filled: Any,
    ) -> list[JSON]:
        """Type ``typed`` into ``option``; return the choices the bot offered."""
        where = self._where(in_channel)
        cmd, path_options, leaf = self._lookup(command)
        spec = self._option_spec(leaf, option, command)
        if not spec.get("autocomplete"):
            raise StandInError(f"option {option!r} of /{command} has no autocomplete")
        resolved: JSON = {}
        built = self._build_options(leaf, filled, resolved, where, command, check_required=False)
        built.append({"name": option, "type": spec["type"], "value": typed, "focused": True})
        data = self._command_data(cmd, path_options, built, resolved)
        record = self._record(AUTOCOMPLETE, data, where)
        result = await self._send(record, True, within)
        return result.choices

    def _lookup(self, command: str) -> tuple[JSON, list[str], JSON]:
        parts = command.strip().lstrip("/").split()
        if not parts:
            raise StandInError("empty command name")
        cmd = self._find_command(parts[0])
        node: JSON = cmd
        for depth, name in enumerate(parts[1:], start=1):
            subs = [o for o in node.get("options") or [] if o.get("type") in (1, 2)]
            found = next((o for o in subs if o.get("name") == name), None)
            if found is None:
                names = [o.get("name") for o in subs]
                raise StandInError(
                    f"/{' '.join(parts[:depth])} has no subcommand {name!r}; registered: {names}"
                )
            node = found
        if any(o.get("type") in (1, 2) for o in node.get("options") or []):
            raise StandInError(f"/{command} is a group; name a subcommand")
        return cmd, parts[1:], node

    def _find_command(self, name: str) -> JSON:
        pools: list[list[JSON]] = []
        if not self.dm:
            pools.append(self.standin.registered_commands(self.guild.id))
        pools.append(self.standin.registered_commands(None))
        for pool in pools:
            for cmd in pool:
                if cmd.get("name") == name and cmd.get("type", 1) == 1:
                    if self.dm and not _usable_in_dm(cmd):
                        raise StandInError(
                            f"/{name} is not offered in DMs (contexts={cmd.get('contexts')}, "
                            f"dm_permission={cmd.get('dm_permission')})"
                        )
                    if not self.dm:
                        self._check_member_permissions(cmd)
                    return cmd
        known = sorted({str(c.get("name")) for pool in pools for c in pool})
        raise StandInError(f"the bot registered no /{name} here; registered: {known}")

    def _check_member_permissions(self, cmd: JSON) -> None:
        required = cmd.get("default_member_permissions")
        if required is None:
            return
        perms = self.guild.base_permissions(self.user.id)
        need = int(required)
        if perms & need != need:
            raise StandInError(
                f"{self.user.username} cannot see /{cmd.get('name')}: "
                f"default_member_permissions={need} not granted"
            )

    def _option_spec(self, leaf: JSON, name: str, command: str) -> JSON:
        for opt in leaf.get("options") or []:
            if opt.get("name") == name:
                return dict(opt)
        names = [o.get("name") for o in leaf.get("options") or []]
        raise StandInError(f"/{command} has no option {name!r}; registered: {names}")

    def _build_options(
        self,
        leaf: JSON,
        values: dict[str, Any],
        resolved: JSON,
        where: _Where,
        command: str,
        *,
        check_required: bool = True,
    ) -> list[JSON]:
        specs = {o["name"]: o for o in leaf.get("options") or []}
        for name in values:
            if name not in specs:
                raise StandInError(
                    f"/{command} has no option {name!r}; registered: {sorted(specs)}"
                )
        built: list[JSON] = []
        for name, spec in specs.items():
            if name not in values or values[name] is None:
                if check_required and spec.get("required"):
                    raise StandInError(f"/{command} requires option {name!r}")
                continue
            value = self._option_value(spec, values[name], resolved, where, command)
            built.append({"name": name, "type": spec["type"], "value": value})
        return built

    def _option_value(
        self, spec: JSON, value: Any, resolved: JSON, where: _Where, command: str
    ) -> Any:
        otype = spec["type"]
        name = f"/{command} {spec['name']}"
        if otype == STRING:
            if not isinstance(value, str):
                raise StandInError(f"{name} takes text, got {value!r}")
            lo, hi = _num(spec, "min_length", 0), _num(spec, "max_length", 6000)
            if not lo <= len(value) <= hi:
                raise StandInError(f"{name}: Discord only accepts {lo}-{hi} characters")
        elif otype == INTEGER:
            if isinstance(value, bool) or not isinstance(value, int):
                raise StandInError(f"{name} takes an integer, got {value!r}")
        elif otype == NUMBER:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise StandInError(f"{name} takes a number, got {value!r}")
        elif otype == BOOLEAN and not isinstance(value, bool):
            raise StandInError(f"{name} takes True/False, got {value!r}")
        if otype in (INTEGER, NUMBER):
            low, high = spec.get("min_value"), spec.get("max_value")
            if (low is not None and value < low) or (high is not None and value > high):
                raise StandInError(f"{name}: Discord only accepts {low}..{high}")
        choices = spec.get("choices") or []
        if choices and value not in [c["value"] for c in choices]:
            raise StandInError(f"{name} must be one of {[c['value'] for c in choices]}")
        if otype in (USER, MENTIONABLE) and isinstance(value, User | str):
            if isinstance(value, str) and otype == MENTIONABLE and value in self.guild.roles:
                return self._resolve_role(self.guild.roles[value], resolved)
            return self._resolve_user(value, resolved, where)
        if otype in (ROLE, MENTIONABLE):
            role = value if isinstance(value, Role) else self.guild.roles.get(str(value))
            if role is None:
                raise StandInError(f"{name}: no role {value!r}")
            return self._resolve_role(role, resolved)
        if otype == CHANNEL:
            return self._resolve_channel(value, spec, resolved, name)
        if otype == ATTACHMENT:
            return self._resolve_attachment(value, resolved, where, name)
        return value

    def _resolve_user(self, value: User | str, resolved: JSON, where: _Where) -> str:
        user = value if isinstance(value, User) else self.standin.users.get(value)
        if user is None:
            raise StandInError(f"no user {value!r}")
        resolved.setdefault("users", {})[str(user.id)] = user.payload()
        if where.guild is not None and user.id in where.guild.members:
            member = where.guild.members[user.id].payload(with_user=False)
            member["permissions"] = str(where.guild.channel_permissions(user.id, where.channel))
            resolved.setdefault("members", {})[str(user.id)] = member
        return str(user.id)

    def _resolve_role(self, role: Role, resolved: JSON) -> str:
        resolved.setdefault("roles", {})[str(role.id)] = role.payload()
        return str(role.id)

    def _resolve_channel(self, value: Any, spec: JSON, resolved: JSON, name: str) -> str:
        channel = value if isinstance(value, Channel) else self.guild.channels.get(str(value))
        if channel is None:
            raise StandInError(f"{name}: no channel {value!r}")
        types = spec.get("channel_types")
        if types and channel.type not in types:
            raise StandInError(f"{name}: Discord only offers channel types {types}")
        data = {
            "id": str(channel.id),
            "name": channel.name,
            "type": channel.type,
            "permissions": str(self.guild.channel_permissions(self.user.id, channel)),
            "parent_id": None,
            "guild_id": str(self.guild.id),
        }
        resolved.setdefault("channels", {})[str(channel.id)] = data
        return str(channel.id)

    def _resolve_attachment(self, value: Any, resolved: JSON, where: _Where, name: str) -> str:
        if not (isinstance(value, tuple) and len(value) == 2):
            raise StandInError(f"{name} takes (filename, bytes)")
        filename, data = value
        att = Attachment(self.standin.ids.next(), str(filename), bytes(data))
        resolved.setdefault("attachments", {})[str(att.id)] = att.payload(where.channel.id)
        return str(att.id)

    def _command_data(
        self, cmd: JSON, path: list[str], options: list[JSON], resolved: JSON
    ) -> JSON:
        nested = options
        if path:
            inner: JSON = {"type": SUB_COMMAND, "name": path[-1], "options": options}
            if len(path) == 2:
                inner = {"type": SUB_COMMAND_GROUP, "name": path[0], "options": [inner]}
            nested = [inner]
        data: JSON = {"id": cmd["id"], "name": cmd["name"], "type": 1}
        if nested:
            data["options"] = nested
        if resolved:
            data["resolved"] = resolved
        if cmd.get("guild_id"):
            data["guild_id"] = cmd["guild_id"]
        return data

    # ------------------------------------------------------------------ components

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
        self, comp: JSON, values: list[Any], resolved: JSON, where: _Where, what: str
    ) -> list[str]:
        lo = _num(comp, "min_values", 1)
        hi = _num(comp, "max_values", 1)
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

    def _where_for_message(self, message: Message) -> _Where:
        channel = self.standin.world.channel(message.channel_id)
        if channel is None:
            raise StandInError(f"message {message.id} is in an unknown channel")
        return _Where(channel, self.standin.world.guild_of(channel))

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
        where = _Where(channel, self.standin.world.guilds.get(origin.guild_id or 0))
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
        self, comp: JSON, values: dict[str, Any], resolved: JSON, where: _Where
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
        where: _Where,
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
            lo, hi = _num(comp, "min_length", 0), _num(comp, "max_length", 4000)
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
            lo = _num(comp, "min_values", 1 if required else 0)
            hi = _num(comp, "max_values", len(allowed))
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

    # ------------------------------------------------------------------ common

    def _where(self, channel: str | Channel | None) -> _Where:
        if self.dm:
            return _Where(self.standin.world.dm_channel_for(self.user), None)
        if channel is None:
            channel = "general"
        if isinstance(channel, str):
            if channel not in self.guild.channels:
                raise StandInError(f"no channel #{channel} in {self.guild.name}")
            channel = self.guild.channels[channel]
        perms = self.guild.channel_permissions(self.user.id, channel)
        if not perms & Perm.VIEW_CHANNEL:
            raise StandInError(f"{self.user.username} cannot see #{channel.name}")
        return _Where(channel, self.guild)

    def _record(
        self, itype: int, data: JSON, where: _Where, *, source: Message | None = None
    ) -> InteractionRecord:
        guild = where.guild
        record = self.standin.new_interaction(
            {
                "type": itype,
                "user": self.user,
                "channel_id": where.channel.id,
                "guild_id": guild.id if guild else None,
                "payload": {},
                "source_message": source,
            }
        )
        payload: JSON = {
            "id": str(record.id),
            "application_id": str(self.standin.app_id),
            "type": itype,
            "data": data,
            "token": record.token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "entitlement_sku_ids": [],
            "attachment_size_limit": ATTACHMENT_SIZE_LIMIT,
            "channel_id": str(where.channel.id),
        }
        bot_id = self.standin.bot_user.id
        if guild is not None:
            channel = where.channel.payload()
            channel["permissions"] = str(guild.channel_permissions(self.user.id, where.channel))
            member = guild.members.get(self.user.id)
            if member is None:
                raise StandInError(f"{self.user.username} is not a member of {guild.name}")
            member_data = member.payload()
            member_data["permissions"] = channel["permissions"]
            payload.update(
                {
                    "guild_id": str(guild.id),
                    "guild": {"id": str(guild.id), "locale": "en-US", "features": []},
                    "guild_locale": "en-US",
                    "channel": channel,
                    "member": member_data,
                    "app_permissions": str(guild.channel_permissions(bot_id, where.channel)),
                    "authorizing_integration_owners": {"0": str(guild.id)},
                    "context": 0,
                }
            )
        else:
            payload.update(
                {
                    "channel": where.channel.payload(self.standin.world.users),
                    "user": self.user.payload(),
                    "app_permissions": str(Perm.BOT_ROLE),
                    "authorizing_integration_owners": {"0": "0"},
                    "context": 1,
                }
            )
        record.payload = payload
        return record

    async def _send(
        self, record: InteractionRecord, wait: bool, within: float | None
    ) -> InteractionResult:
        await self.standin.send_interaction(record)
        result = InteractionResult(record)
        if wait:
            limit = within if within is not None else self.standin.interaction_deadline + 1.0
            await result.wait_for_response(limit)
        return result


def _usable_in_dm(cmd: JSON) -> bool:
    contexts = cmd.get("contexts")
    if contexts is not None:
        return 1 in contexts
    return cmd.get("dm_permission") is not False


def _num(obj: JSON, key: str, default: int) -> int:
    """discord.py sends unset bounds as explicit nulls."""
    value = obj.get(key)
    return default if value is None else int(value)

"""Slash commands and autocomplete, built only from what the bot registered."""

from __future__ import annotations

from typing import Any

from .actor_base import (
    ATTACHMENT,
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    STRING,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
    ActorBase,
    Where,
    int_or,
)
from .errors import StandInError
from .interactions import APPLICATION_COMMAND, AUTOCOMPLETE, InteractionResult
from .state import JSON, Channel, Role, User


class CommandActions(ActorBase):
    """Running ``/command [group] [sub]`` and typing into autocompleted options."""

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
        where: Where,
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
        self, spec: JSON, value: Any, resolved: JSON, where: Where, command: str
    ) -> Any:
        otype = spec["type"]
        name = f"/{command} {spec['name']}"
        if otype == STRING:
            if not isinstance(value, str):
                raise StandInError(f"{name} takes text, got {value!r}")
            lo, hi = int_or(spec, "min_length", 0), int_or(spec, "max_length", 6000)
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


def _usable_in_dm(cmd: JSON) -> bool:
    contexts = cmd.get("contexts")
    if contexts is not None:
        return 1 in contexts
    return cmd.get("dm_permission") is not False

"""Sync application commands only when their definitions changed.

Discord rate-limits command uploads and a restart loop would hit that quickly; the
fingerprint of what was last uploaded (per application and scope) lives in storage.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Sequence
from typing import Any

import discord
from discord import app_commands

from storage.interfaces import MetaRepository

log = logging.getLogger(__name__)


def fingerprint(payload: Sequence[dict[str, Any]]) -> str:
    canonical = json.dumps(list(payload), sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


async def command_payload(
    tree: app_commands.CommandTree[Any], guild: discord.abc.Snowflake | None = None
) -> list[dict[str, Any]]:
    """What `tree.sync` uploads, localisations included: a changed translation changes
    the fingerprint, so it is uploaded once, like any other change."""
    commands = tree.get_commands(guild=guild)
    translator = tree.translator
    if translator is None:
        return [command.to_dict(tree) for command in commands]
    return [await command.get_translated_payload(tree, translator) for command in commands]


async def sync_if_changed(
    tree: app_commands.CommandTree[Any],
    application_id: int,
    meta: MetaRepository,
    guild_id: int | None = None,
) -> bool:
    """Upload the command tree if it differs from the last upload; True if it did."""
    guild = discord.Object(guild_id) if guild_id is not None else None
    if guild is not None:
        tree.copy_global_to(guild=guild)
    payload = await command_payload(tree, guild)
    key = f"commands:{application_id}:{guild_id if guild_id is not None else 'global'}"
    current = fingerprint(payload)
    if await meta.get(key) == current:
        log.info("Application commands unchanged since the last sync; not syncing")
        return False
    synced = await tree.sync(guild=guild)
    await meta.set(key, current)
    log.info("Synced %d application commands (%s)", len(synced), key.rsplit(":", 1)[1])
    return True

"""Acting as a person: build interactions only from what the bot registered or showed.

Anything a real Discord client would not let the user do (an option the command lacks, a
button that is not on the message, someone else's ephemeral message) raises StandInError,
which fails the test; it is not a bot violation.

The actions live in small modules: actor_commands (slash commands, autocomplete),
actor_components (buttons, selects, modals) and actor_base (what they share).
"""

from __future__ import annotations

from .actor_base import (
    ATTACHMENT,
    ATTACHMENT_SIZE_LIMIT,
    BOOLEAN,
    BUTTON,
    CHANNEL,
    CHANNEL_SELECT,
    CHECKBOX,
    CHECKBOX_GROUP,
    FILE_UPLOAD,
    INTEGER,
    LABEL,
    LINK_STYLE,
    MENTIONABLE,
    MENTIONABLE_SELECT,
    NUMBER,
    PREMIUM_STYLE,
    RADIO_GROUP,
    ROLE,
    ROLE_SELECT,
    STRING,
    STRING_SELECT,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    TEXT_DISPLAY,
    TEXT_INPUT,
    USER,
    USER_SELECT,
)
from .actor_commands import CommandActions
from .actor_components import ComponentActions
from .state import Guild

__all__ = [
    "ATTACHMENT",
    "ATTACHMENT_SIZE_LIMIT",
    "BOOLEAN",
    "BUTTON",
    "CHANNEL",
    "CHANNEL_SELECT",
    "CHECKBOX",
    "CHECKBOX_GROUP",
    "FILE_UPLOAD",
    "INTEGER",
    "LABEL",
    "LINK_STYLE",
    "MENTIONABLE",
    "MENTIONABLE_SELECT",
    "NUMBER",
    "PREMIUM_STYLE",
    "RADIO_GROUP",
    "ROLE",
    "ROLE_SELECT",
    "STRING",
    "STRING_SELECT",
    "SUB_COMMAND",
    "SUB_COMMAND_GROUP",
    "TEXT_DISPLAY",
    "TEXT_INPUT",
    "USER",
    "USER_SELECT",
    "Actor",
]


class Actor(CommandActions, ComponentActions):
    """A user of the stand-in's world, acting through Discord's UI."""

    def in_dm(self) -> Actor:
        """The same user, acting from their DM with the bot (no guild, context 1)."""
        return Actor(self.standin, self.user, self.guild, dm=True, locale=self.locale)

    def in_guild(self, guild: Guild) -> Actor:
        return Actor(self.standin, self.user, guild, locale=self.locale)

    def speaking(self, locale: str) -> Actor:
        """The same user with their Discord client in another language (e.g. "fr")."""
        return Actor(self.standin, self.user, self.guild, dm=self.dm, locale=locale)

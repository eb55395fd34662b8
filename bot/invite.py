"""The invite link: exactly the permissions the bot uses, and nothing more.

The per-channel checks of `/storymod setup` ask for a subset of these (a test keeps the
two in step). Direct messages to a server's owner need no permission at all.
"""

from __future__ import annotations

import base64
import binascii

import discord

# Server-wide permissions asked for in the invite; each one's reason:
REQUIRED_PERMISSIONS = discord.Permissions(
    view_channel=True,  # see the channels chosen in setup
    send_messages=True,  # story posts, the digest, the moderators' notes, the welcome note
    embed_links=True,  # every post is an embed
    attach_files=True,  # the digest's chart image
    read_message_history=True,  # after a crash, look for a digest post before re-sending it
)
SCOPES = ("bot", "applications.commands")


def invite_url(application_id: int) -> str:
    """The OAuth2 link a server owner opens to add the bot with its permissions."""
    scopes = "+".join(SCOPES)
    return (
        "https://discord.com/oauth2/authorize"
        f"?client_id={application_id}&scope={scopes}&permissions={REQUIRED_PERMISSIONS.value}"
    )


def application_id_from_token(token: str) -> int | None:
    """The bot's id, which a bot token starts with (base64 of the decimal id), or None.

    For every application made since 2020 the bot user's id is the application id, so
    `invite` needs no second setting.
    """
    first = token.split(".", 1)[0]
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return int(decoded) if decoded.isdigit() and 15 <= len(decoded) <= 21 else None

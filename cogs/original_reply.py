"""A handle on an interaction's first reply that outlives the interaction, cheaply.

A view waiting minutes for its member (the follow-up questions wait up to 10) must still
edit its private reply when it times out. Keeping the whole `discord.Interaction` for
that holds its decoded payload, member, channel and message until then: ~3 KB per
waiting view, thousands of them during bursts (issue 9). Editing the reply needs only the
interaction's webhook (application id + token, valid 15 minutes) and Discord's
`@original` message alias, exactly what `Interaction.edit_original_response` sends.
"""

from __future__ import annotations

from typing import Any, cast

import discord

# Discord's alias for an interaction's first reply in the webhook message routes;
# discord.py types message ids as int but only formats them into the path.
_ORIGINAL = cast(int, "@original")


class OriginalReply:
    """Edits the first reply of an interaction whose object is gone."""

    __slots__ = ("_webhook",)

    def __init__(self, interaction: discord.Interaction[Any]) -> None:
        self._webhook = interaction.followup

    async def edit(self, **changes: Any) -> None:
        """Same request as `Interaction.edit_original_response(**changes)`."""
        await self._webhook.edit_message(_ORIGINAL, **changes)

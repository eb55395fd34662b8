"""Where discord.py finds Discord: discord.com unless the operator points it elsewhere.

discord.py 2.7 reads its REST base and gateway address from two class attributes
(it never asks `/gateway/bot`), so pointing the bot at a local Discord stand-in (the
demo, the benchmarks, the crash tests that run `python -m bot` as its own process)
means setting both before it connects. One process, one Discord.
"""

from __future__ import annotations

import discord
import yarl


def use_discord_at(api_base: str, gateway_url: str) -> None:
    """Send every REST call to `api_base` (…/api/v10) and connect to `gateway_url`."""
    discord.http.Route.BASE = api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url)

"""Raw HTTP against the stand-in, for tests that must see one answer exactly as sent
(status, headers, JSON) without discord.py's retries in between."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aiohttp

from standin import StandIn


@dataclass
class RawAnswer:
    status: int
    headers: dict[str, str]
    json: Any


async def raw(standin: StandIn, method: str, path: str, **kwargs: Any) -> RawAnswer:
    """One request as the bot would send it (its token), answered once."""
    headers = {"Authorization": f"Bot {standin.token}"}
    async with (
        aiohttp.ClientSession() as session,
        session.request(method, standin.api_base + path, headers=headers, **kwargs) as resp,
    ):
        body = await resp.json(content_type=None) if resp.content_length != 0 else None
        return RawAnswer(resp.status, dict(resp.headers), body)

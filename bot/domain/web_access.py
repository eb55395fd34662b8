"""Who can read a server's web pages: an opt-in, an unguessable address, indexing.

The address is a capability: whoever has it can read the pages, nobody can guess it
(128 random bits, URL-safe), and a moderator can replace it, which makes the old one
answer 404 at once. Search engines are told `noindex` unless moderators allow indexing.
"""

from __future__ import annotations

import re
import secrets
from datetime import datetime

from pydantic import BaseModel, ConfigDict

__all__ = ["TOKEN_BYTES", "WebAccess", "looks_like_token", "new_token"]

TOKEN_BYTES = 16  # 128 bits
_TOKEN = re.compile(r"[A-Za-z0-9_-]{22}")


class WebAccess(BaseModel):
    model_config = ConfigDict(frozen=True)

    guild_id: int
    token: str
    enabled: bool
    indexable: bool
    updated_at: datetime


def new_token() -> str:
    """A fresh address part: 22 URL-safe characters from the OS's secure random source."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def looks_like_token(text: str) -> bool:
    """Cheap shape check before any database lookup (a 404 for anything else)."""
    return _TOKEN.fullmatch(text) is not None

"""Bot tokens shaped like Discord's (three dot-separated parts, the first the bot's id)."""

from __future__ import annotations

import base64

APPLICATION_ID = 1234567890123456789


def fake_bot_token(application_id: int = APPLICATION_ID) -> str:
    first = base64.urlsafe_b64encode(str(application_id).encode()).decode().rstrip("=")
    return f"{first}.GxYzAb.{'k' * 38}"

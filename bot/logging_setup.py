"""Logging for the process: discord.py's formatter, plus a filter that redacts secrets.

discord.py logs request URLs (which carry interaction tokens) and whole gateway events
(which carry them too) at DEBUG. Rather than trusting every logger to behave, every
record is scrubbed on its way out, whatever level the operator picks.
"""

from __future__ import annotations

import logging
import re

import discord

# Interaction and webhook tokens in REST paths: /interactions/<id>/<token>/callback,
# /webhooks/<application id>/<token>...
_PATH_TOKEN = re.compile(r"(/(?:interactions|webhooks)/\d+/)[A-Za-z0-9_.\-]{20,}")
# "token": "..." inside logged JSON or dict reprs (gateway INTERACTION_CREATE, IDENTIFY).
_FIELD_TOKEN = re.compile(r"""(['"]token['"]\s*:\s*['"])[^'"]+(['"])""")
# Interaction tokens are base64 of "interaction:..." wherever they appear.
_INTERACTION_TOKEN = re.compile(r"aW50ZXJhY3Rpb24[A-Za-z0-9_.\-]+")
# Bot tokens: three base64url parts separated by dots.
_BOT_TOKEN_SHAPE = re.compile(r"[MNO][A-Za-z\d_-]{23,25}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}")
# Database passwords in connection addresses: postgresql://user:password@host and
# ?password=... (asyncpg and operators' own lines may print a DSN), whatever their length.
_DSN_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*(@)")
_QUERY_PASSWORD = re.compile(r"([?&]password=)[^&\s'\"]*")

REDACTED = "[redacted]"
_MIN_SECRET_LENGTH = 8


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove every token-shaped string and every known secret from `text`."""
    for secret in secrets:
        # A short "secret" is no real token, and replacing it would mangle every line.
        if len(secret) >= _MIN_SECRET_LENGTH:
            text = text.replace(secret, REDACTED)
    text = _PATH_TOKEN.sub(rf"\1{REDACTED}", text)
    text = _FIELD_TOKEN.sub(rf"\1{REDACTED}\2", text)
    text = _INTERACTION_TOKEN.sub(REDACTED, text)
    text = _DSN_PASSWORD.sub(rf"\1{REDACTED}\2", text)
    text = _QUERY_PASSWORD.sub(rf"\1{REDACTED}", text)
    return _BOT_TOKEN_SHAPE.sub(REDACTED, text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's final message (and traceback) without secrets."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._secrets = secrets

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage(), self._secrets)
        record.args = None
        if record.exc_info:
            formatted = logging.Formatter().formatException(record.exc_info)
            record.exc_text = redact(formatted, self._secrets)
            record.exc_info = None
        return True


def setup_logging(level: int, *, secrets: tuple[str, ...] = ()) -> None:
    """Configure the root logger once, through discord.py's own helper."""
    discord.utils.setup_logging(level=level, root=True)
    install_redaction(secrets)


def install_redaction(secrets: tuple[str, ...] = ()) -> None:
    """Attach the redacting filter to every handler of the root logger."""
    redacting = RedactingFilter(secrets)
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(redacting)

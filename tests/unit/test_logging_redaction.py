import logging

import pytest

from bot.logging_setup import REDACTED, RedactingFilter, redact

BOT_TOKEN = "MTIzNDU2Nzg5MDEyMzQ1Njc4OQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"
INTERACTION_TOKEN = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmFiY2RlZmdoaWprbG1ub3BxcnN0dXZ3eHl6"


@pytest.mark.parametrize(
    "line",
    [
        f"POST https://discord.com/api/v10/interactions/123/{INTERACTION_TOKEN}/callback",
        f"PATCH /api/v10/webhooks/9876/{INTERACTION_TOKEN}/messages/@original",
        f"event {{'t': 'INTERACTION_CREATE', 'd': {{'token': '{INTERACTION_TOKEN}'}}}}",
        f'{{"op": 2, "d": {{"token": "{BOT_TOKEN}"}}}}',
        f"Authorization: Bot {BOT_TOKEN}",
    ],
)
def test_tokens_are_removed(line: str) -> None:
    cleaned = redact(line, (BOT_TOKEN,))
    assert INTERACTION_TOKEN not in cleaned
    assert BOT_TOKEN not in cleaned
    assert REDACTED in cleaned


def test_an_unusual_secret_is_removed_by_value() -> None:
    assert redact("token is s3cret-value-here", ("s3cret-value-here",)) == f"token is {REDACTED}"


def test_ordinary_text_is_left_alone() -> None:
    line = "Synced 5 application commands (global) for guild 123456789012345678"
    assert redact(line, ("short",)) == line


def test_filter_scrubs_arguments_and_tracebacks(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.redaction")
    caplog.handler.addFilter(RedactingFilter((BOT_TOKEN,)))
    with caplog.at_level(logging.DEBUG, logger="test.redaction"):
        logger.debug("GET /webhooks/1/%s/messages/@original", INTERACTION_TOKEN)
        try:
            raise RuntimeError(f"bad token {BOT_TOKEN}")
        except RuntimeError:
            logger.exception("failed")
    assert INTERACTION_TOKEN not in caplog.text
    assert BOT_TOKEN not in caplog.text
    assert "failed" in caplog.text


@pytest.mark.parametrize(
    ("line", "password"),
    [
        ("connecting to postgresql://bot:pw@db.example.org/bot", "pw"),
        ("dsn='postgres://bot:Tr0ub4dor&3@10.0.0.5:5432/xp'", "Tr0ub4dor&3"),
        ("postgresql:///bot?host=/run/pg&password=hunter2&sslmode=off", "hunter2"),
    ],
)
def test_database_passwords_are_removed_whatever_their_length(line: str, password: str) -> None:
    cleaned = redact(line)
    assert password not in cleaned
    assert REDACTED in cleaned
    assert "bot" in cleaned  # the user and the database stay: they help an operator

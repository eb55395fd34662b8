"""Process settings, read once at start-up from the environment and `.env`.

Every problem is reported as one plain line an operator can act on, never as a
pydantic traceback: the bot is often started by people who are not Python developers.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from bot.domain.shards import shard_settings_problem
from bot.invite import application_id_from_token

LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"]

DEFAULT_DATABASE_PATH = Path("data") / "experience-it.db"

_HINTS: dict[str, str] = {
    "DISCORD_TOKEN": (
        "DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in .env "
        "(see .env.example) or in the environment"
    ),
}


BAD_TOKEN_SHAPE = (
    "it does not look like a bot token (three parts separated by "
    "dots). Copy it from the Bot page of the Discord developer portal (Reset Token), not "
    "the client secret or the public key"
)
_TOKEN_PARTS = re.compile(r"^[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{20,}$")


def looks_like_bot_token(token: str) -> bool:
    """Shape only: whether Discord accepts it is known when the bot logs in."""
    return bool(_TOKEN_PARTS.match(token)) and application_id_from_token(token) is not None


class SettingsError(Exception):
    """Raised with one human sentence per invalid or missing setting."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class Settings(BaseSettings):
    """What the operator configures; everything per-server lives in the database."""

    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        env_ignore_empty=True,
        extra="ignore",
        case_sensitive=False,
    )

    # A local Discord stand-in instead of discord.com (the demo, benchmarks, crash
    # tests): both or neither. Declared before the token, whose check depends on them.
    discord_api_base: Annotated[str, Field(pattern=r"^https?://")] | None = None
    discord_gateway_url: Annotated[str, Field(pattern=r"^wss?://")] | None = None
    discord_token: SecretStr
    database_path: Path = DEFAULT_DATABASE_PATH
    # PostgreSQL instead of the SQLite file (README, "PostgreSQL"); secret: it may hold
    # the database password.
    database_url: SecretStr | None = None
    log_level: LogLevel = "INFO"
    dev_guild_id: Annotated[int, Field(gt=0)] | None = None
    # The opt-in web pages: served only when WEB_PORT is set. PUBLIC_URL is the address
    # people reach them at (behind the operator's HTTPS proxy, usually).
    web_port: Annotated[int, Field(ge=1, le=65535)] | None = None
    web_host: str = "127.0.0.1"
    public_url: Annotated[str, Field(pattern=r"^https?://[^\s]+$")] | None = None
    # Sharding (README, "Shards"): the total number of shards across every process, and
    # the ones this process runs (all of them when only the count is set).
    shard_count: Annotated[int, Field(gt=0)] | None = None
    shard_ids: Annotated[tuple[int, ...] | None, NoDecode] = None
    # Test-only (crash tests of several processes): the clock is read from this file and
    # the scheduled rounds wake every fraction of a second. Never set it in production.
    test_clock_file: Path | None = None

    @field_validator("discord_token")
    @classmethod
    def _token_is_plausible(cls, value: SecretStr, info: ValidationInfo) -> SecretStr:
        """Catch a pasted client secret or public key before any file is created.

        A local Discord (the demo, the tests) accepts any token, so only a token meant
        for discord.com must look like one: three dot-separated parts, the first being
        the bot's id.
        """
        token = value.get_secret_value().strip()
        if not token or any(ch.isspace() for ch in token):
            raise ValueError("must be a single word without spaces")
        if info.data.get("discord_api_base") is None and not looks_like_bot_token(token):
            raise ValueError(BAD_TOKEN_SHAPE)
        return SecretStr(token)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("shard_ids", mode="before")
    @classmethod
    def _comma_separated_ids(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [part.strip() for part in value.split(",")]
        if not parts or not all(part.isdigit() for part in parts):
            raise ValueError("must be shard numbers separated by commas, e.g. 0,1")
        return tuple(int(part) for part in parts)

    @model_validator(mode="after")
    def _shards_fit(self) -> Settings:
        problem = shard_settings_problem(self.shard_count, self.shard_ids)
        if problem is not None:
            raise ValueError(problem)
        return self

    @field_validator("database_url")
    @classmethod
    def _postgres_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None:
            return None
        url = value.get_secret_value().strip()
        if not url.startswith(("postgresql://", "postgres://")):
            raise ValueError(
                "must start with postgresql:// "
                "(e.g. postgresql://bot:password@db.example.org/experience_it)"
            )
        return SecretStr(url)

    @model_validator(mode="after")
    def _endpoint_pair(self) -> Settings:
        if (self.discord_api_base is None) != (self.discord_gateway_url is None):
            raise ValueError("DISCORD_API_BASE and DISCORD_GATEWAY_URL go together: set both")
        return self

    @model_validator(mode="after")
    def _public_url_needs_a_port(self) -> Settings:
        if self.public_url is not None and self.web_port is None:
            raise ValueError("PUBLIC_URL is set but WEB_PORT is not: set WEB_PORT to serve pages")
        return self

    @property
    def web_address(self) -> str | None:
        """Where the pages are reached: PUBLIC_URL, else this machine's WEB_PORT."""
        if self.web_port is None:
            return None
        return (self.public_url or f"http://localhost:{self.web_port}").rstrip("/")

    @property
    def application_id(self) -> int | None:
        return application_id_from_token(self.discord_token.get_secret_value())

    @property
    def log_level_number(self) -> int:
        return logging.getLevelNamesMapping()[self.log_level]


def load_settings(env_file: Path | None = Path(".env")) -> Settings:
    """Build settings or raise `SettingsError` listing every problem at once."""
    try:
        return Settings(_env_file=env_file)
    except ValidationError as exc:
        raise SettingsError([_describe(error) for error in exc.errors()]) from None


def _describe(error: object) -> str:
    assert isinstance(error, dict)
    if not error.get("loc"):  # a rule across settings says which ones itself
        return str(error.get("msg", "settings are invalid")).removeprefix("Value error, ")
    name = str(error["loc"][0]).upper() if error.get("loc") else "settings"
    if error.get("type") == "missing" and name in _HINTS:
        return _HINTS[name]
    if error.get("type") == "missing":
        return f"{name} is not set"
    message = str(error.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ")
    return f"{name} is invalid: {message}"

from pathlib import Path

import pytest

from bot.settings import DEFAULT_DATABASE_PATH, SettingsError, load_settings
from tests.tokens import APPLICATION_ID, fake_bot_token

TOKEN = fake_bot_token()

SETTING_NAMES = (
    "DISCORD_TOKEN",
    "DATABASE_PATH",
    "LOG_LEVEL",
    "DEV_GUILD_ID",
    "DISCORD_API_BASE",
    "DISCORD_GATEWAY_URL",
    "WEB_PORT",
    "WEB_HOST",
    "PUBLIC_URL",
    "SHARD_COUNT",
    "SHARD_IDS",
    "DATABASE_URL",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SETTING_NAMES:
        monkeypatch.delenv(name, raising=False)


def test_missing_token_says_what_to_set_and_where() -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert caught.value.problems == [
        "DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in .env "
        "(see .env.example) or in the environment"
    ]


def test_reads_dotenv_file_and_applies_defaults(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text(f"DISCORD_TOKEN={TOKEN}\nLOG_LEVEL=debug\nDEV_GUILD_ID=\n")
    settings = load_settings(env_file=env)
    assert settings.discord_token.get_secret_value() == TOKEN
    assert settings.application_id == APPLICATION_ID
    assert settings.log_level == "DEBUG"
    assert settings.dev_guild_id is None
    assert settings.database_path == DEFAULT_DATABASE_PATH


def test_token_never_shows_in_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = load_settings(env_file=None)
    assert TOKEN not in repr(settings)
    assert TOKEN not in str(settings.model_dump())


def test_every_bad_setting_is_reported_on_its_own_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "two words")
    monkeypatch.setenv("LOG_LEVEL", "loud")
    monkeypatch.setenv("DEV_GUILD_ID", "not-a-number")
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    problems = caught.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("DISCORD_TOKEN is invalid")
    assert problems[1].startswith("LOG_LEVEL is invalid")
    assert problems[2].startswith("DEV_GUILD_ID is invalid")
    assert all("\n" not in p for p in problems)
    assert "two words" not in " ".join(problems)


def test_negative_guild_id_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DEV_GUILD_ID", "-5")
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert caught.value.problems[0].startswith("DEV_GUILD_ID is invalid")


def test_a_local_discord_needs_both_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "abc")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:5000/api/v10")
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert caught.value.problems == [
        "DISCORD_API_BASE and DISCORD_GATEWAY_URL go together: set both"
    ]
    monkeypatch.setenv("DISCORD_GATEWAY_URL", "ws://127.0.0.1:5000/gateway")
    assert load_settings(env_file=None).discord_gateway_url == "ws://127.0.0.1:5000/gateway"


@pytest.mark.parametrize(
    "token",
    [
        "abc.def.ghi",  # too short to be a bot token
        "k" * 64,  # a client secret: one part
        "0123456789abcdef" * 4,  # a public key
        "bm90LWFuLWlk.GxYzAb." + "k" * 38,  # first part is not the bot's id
    ],
)
def test_a_token_not_shaped_like_a_bot_token_is_refused(
    monkeypatch: pytest.MonkeyPatch, token: str
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", token)
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    (problem,) = caught.value.problems
    assert problem.startswith("DISCORD_TOKEN is invalid: it does not look like a bot token")
    assert token not in problem


def test_a_local_discord_accepts_any_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", "standin.bot.token")
    monkeypatch.setenv("DISCORD_API_BASE", "http://127.0.0.1:5000/api/v10")
    monkeypatch.setenv("DISCORD_GATEWAY_URL", "ws://127.0.0.1:5000/gateway")
    settings = load_settings(env_file=None)
    assert settings.application_id is None


def test_the_web_pages_are_off_unless_web_port_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    assert load_settings(env_file=None).web_address is None
    monkeypatch.setenv("WEB_PORT", "8080")
    settings = load_settings(env_file=None)
    assert (settings.web_host, settings.web_address) == ("127.0.0.1", "http://localhost:8080")
    monkeypatch.setenv("PUBLIC_URL", "https://stories.example.org/")
    assert load_settings(env_file=None).web_address == "https://stories.example.org"


@pytest.mark.parametrize(
    ("env", "problem"),
    [
        ({"WEB_PORT": "0"}, "WEB_PORT is invalid"),
        ({"WEB_PORT": "70000"}, "WEB_PORT is invalid"),
        ({"WEB_PORT": "80", "PUBLIC_URL": "stories.example.org"}, "PUBLIC_URL is invalid"),
        ({"PUBLIC_URL": "https://stories.example.org"}, "PUBLIC_URL is set but WEB_PORT is not"),
    ],
)
def test_bad_web_settings_are_explained(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], problem: str
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert any(p.startswith(problem) for p in caught.value.problems), caught.value.problems


@pytest.fixture
def valid_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)


@pytest.mark.usefixtures("valid_token")
def test_shards_default_to_one_process_for_everything() -> None:
    settings = load_settings(env_file=None)
    assert (settings.shard_count, settings.shard_ids) == (None, None)


@pytest.mark.usefixtures("valid_token")
def test_shard_ids_are_read_from_a_comma_separated_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHARD_COUNT", "4")
    monkeypatch.setenv("SHARD_IDS", "2, 3")
    settings = load_settings(env_file=None)
    assert (settings.shard_count, settings.shard_ids) == (4, (2, 3))
    monkeypatch.delenv("SHARD_IDS")
    assert load_settings(env_file=None).shard_ids is None  # every shard of the count


@pytest.mark.usefixtures("valid_token")
@pytest.mark.parametrize(
    ("count", "ids", "problem"),
    [
        (
            None,
            "0",
            "SHARD_IDS needs SHARD_COUNT: set SHARD_COUNT to the total number of "
            "shards across every process",
        ),
        ("2", "0,2", "SHARD_IDS lists shard 2, but with SHARD_COUNT=2 shards are numbered 0 to 1"),
        ("3", "1,1", "SHARD_IDS lists shard 1 twice: list each shard once"),
        ("2", "0;1", "SHARD_IDS is invalid: must be shard numbers separated by commas, e.g. 0,1"),
        ("2", "-1", "SHARD_IDS is invalid: must be shard numbers separated by commas, e.g. 0,1"),
        ("2", "0,", "SHARD_IDS is invalid: must be shard numbers separated by commas, e.g. 0,1"),
        ("0", None, "SHARD_COUNT is invalid: Input should be greater than 0"),
        (
            "two",
            None,
            "SHARD_COUNT is invalid: Input should be a valid integer, unable to "
            "parse string as an integer",
        ),
    ],
)
def test_bad_shard_settings_are_one_clear_line(
    monkeypatch: pytest.MonkeyPatch, count: str | None, ids: str | None, problem: str
) -> None:
    if count is not None:
        monkeypatch.setenv("SHARD_COUNT", count)
    if ids is not None:
        monkeypatch.setenv("SHARD_IDS", ids)
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert caught.value.problems == [problem]


def test_a_postgres_database_url_is_accepted_and_kept_secret(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", "postgresql://bot:hunter2@db.example.org/bot")
    settings = load_settings(env_file=None)
    assert settings.database_url is not None
    assert "hunter2" not in repr(settings)
    assert settings.database_url.get_secret_value().endswith("@db.example.org/bot")


def test_a_database_url_that_is_not_postgres_says_what_it_should_be(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    monkeypatch.setenv("DATABASE_URL", "mysql://bot:hunter2@db.example.org/bot")
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert caught.value.problems == [
        "DATABASE_URL is invalid: must start with postgresql:// "
        "(e.g. postgresql://bot:password@db.example.org/experience_it)"
    ]
    assert "hunter2" not in " ".join(caught.value.problems)

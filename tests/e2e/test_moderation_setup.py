"""/storymod setup end to end: who may use it, what it stores, what it reports, the audit.

Discord itself hides `/storymod` from members without Manage Server (default permissions)
and from DMs (contexts). A server admin can override the first in Server Settings →
Integrations, so the bot checks again; `Overridden` models such a member, `FromDm` a
client that still sends the command from a DM, to prove the second line of defence.
"""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest

from bot.domain.guild_settings import GuildSettings, ReviewMode
from bot.domain.moderators import AuditEntry
from standin import Actor, Message, Role, StandInError
from standin.interactions import wait_until
from standin.state import Overwrite, Perm
from tests.e2e.bypass import from_dm, overridden
from tests.e2e.conftest import App

MANAGE_GUILD = 1 << 5
REFUSED = "Only moderators can do that"


async def add_helper_role(app: App) -> Role:
    """A role without any moderator permission, created while the bot is online."""
    role = Role(app.standin.ids.next(), "Story Helpers", Perm.EVERYONE_DEFAULT, position=1)
    app.standin.guild.roles["helpers"] = role
    await app.standin.dispatch(
        "GUILD_ROLE_CREATE", {"guild_id": str(app.guild_id), "role": role.payload()}
    )
    guild = app.bot.get_guild(app.guild_id)
    assert guild is not None
    await wait_until(lambda: guild.get_role(role.id) is not None, 3.0, lambda: "role not cached")
    return role


def set_roles(app: App, name: str, roles: list[int]) -> None:
    """Change a member's roles in the stand-in: the next interaction carries them."""
    app.standin.guild.members[app.standin.users[name].id].role_ids = roles


async def settings(app: App) -> GuildSettings:
    return await app.storage.guild_settings.get(app.guild_id)


async def audit(app: App) -> list[AuditEntry]:
    return await app.storage.audit_log.recent(app.guild_id)


def db_rows(app: App, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    with sqlite3.connect(app.db_path) as connection:
        return connection.execute(sql, params).fetchall()


async def open_panel(actor: Actor, **options: Any) -> Message:
    result = await actor.run_command("storymod setup", **options)
    message = await result.wait_for_message()
    assert result.ephemeral
    return message


# --- registration and Discord's own gate ---------------------------------------------


async def test_storymod_is_a_guild_only_group_behind_manage_server(app: App) -> None:
    command = next(c for c in app.standin.registered_commands() if c["name"] == "storymod")
    assert int(command["default_member_permissions"]) == MANAGE_GUILD
    assert command["contexts"] == [0]
    setup = next(o for o in command["options"] if o["name"] == "setup")
    options = {o["name"]: o for o in setup["options"]}
    assert set(options) == {
        "stories_channel",
        "digest_channel",
        "mod_channel",
        "moderator_role",
        "review_mode",
        "digest_weekday",
        "digest_hour",
        "timezone",
        "leaderboard_size",
        "min_stories",
        "prior_weight",
        "cooldown_minutes",
        "daily_cap",
        "report_threshold",
        "quiet_week_post",
        "retention_days",
    }
    assert not any(o.get("required") for o in options.values())
    for name in ("stories_channel", "digest_channel", "mod_channel"):
        assert options[name]["channel_types"] == [0, 5]  # text and announcement channels
    assert options["timezone"]["autocomplete"] is True
    assert [c["value"] for c in options["review_mode"]["choices"]] == ["open", "review"]
    assert [c["name"] for c in options["digest_weekday"]["choices"]] == [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
    assert (options["digest_hour"]["min_value"], options["digest_hour"]["max_value"]) == (0, 23)
    assert (options["cooldown_minutes"]["min_value"], options["cooldown_minutes"]["max_value"]) == (
        0,
        1440,
    )


async def test_discord_hides_storymod_from_members_and_dms(app: App) -> None:
    with pytest.raises(StandInError, match="default_member_permissions"):
        await app.standin.user("alice").run_command("storymod setup")
    with pytest.raises(StandInError, match="not offered in DMs"):
        await app.standin.user("moderator").in_dm().run_command("storymod setup")


# --- the permission matrix: the bot's own check --------------------------------------


@pytest.mark.parametrize("who", ["owner", "moderator", "helper"])
async def test_moderators_may_change_settings(app: App, who: str) -> None:
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    set_roles(app, "bob", [role.id])
    actor = {
        "owner": app.standin.user("owner"),
        "moderator": app.standin.user("moderator"),
        # Bob has no moderator permission, only the configured role.
        "helper": overridden(app, "bob"),
    }[who]

    panel = await open_panel(actor, digest_hour=7)

    assert "Digest hour: 00:00 → 07:00" in panel.embed_text()
    assert (await settings(app)).digest_hour == 7
    [entry] = await audit(app)
    assert entry.moderator_id == actor.id
    assert entry.details == {"digest_hour": {"old": 0, "new": 7}}


@pytest.mark.parametrize("how", ["member", "dm", "other role"])
async def test_everyone_else_is_refused_and_nothing_changes(app: App, how: str) -> None:
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    before = await settings(app)
    if how == "other role":  # Bob holds a role, but not the configured one
        other = await add_helper_role(app)
        set_roles(app, "bob", [other.id])
        actor: Actor = overridden(app, "bob")
    elif how == "dm":
        actor = from_dm(app, "moderator")
    else:
        actor = overridden(app, "alice")

    result = await actor.run_command("storymod setup", digest_hour=7, timezone="Europe/Paris")
    message = await result.wait_for_message()

    assert result.ephemeral
    expected = "only works inside a server" if how == "dm" else REFUSED
    assert expected in message.content
    assert not message.embeds
    assert await settings(app) == before
    assert await audit(app) == []


# --- showing and changing settings ---------------------------------------------------


async def test_setup_without_options_shows_the_defaults_and_what_is_missing(app: App) -> None:
    panel = await open_panel(app.standin.user("moderator"))

    text = panel.embed_text()
    assert "Current settings" in text
    assert "⚠️ Stories channel\nNot set: stories are saved but not posted" in text
    assert "`/storymod setup stories_channel:`" in text
    assert "⚠️ Digest channel\nNot set: the weekly digest is not posted" in text
    assert "Review mode: open" in text
    assert "Mondays at 00:00 (UTC)" in text
    assert "Top 5 each way; a brand needs 2 stories; prior weight 3" in text
    assert "Each member: 5 stories a day, at least 5 minutes apart" in text
    assert [c.get("label") or c.get("placeholder") for c in panel.iter_components()] == [
        "Post stories in…",
        "Time zone…",
        "Check again",
    ]
    assert not panel.can_ping()
    assert db_rows(app, "SELECT count(*) FROM guild_settings") == [(0,)]
    assert await audit(app) == []


async def test_every_option_is_saved_shown_and_audited(app: App) -> None:
    role = await add_helper_role(app)
    moderator = app.standin.user("moderator")

    panel = await open_panel(
        moderator,
        stories_channel="stories",
        digest_channel="digest",
        mod_channel="mods",
        moderator_role="helpers",
        review_mode="review",
        digest_weekday=4,
        digest_hour=17,
        timezone="america/toronto",
        leaderboard_size=7,
        min_stories=3,
        prior_weight=4.5,
        cooldown_minutes=10,
        daily_cap=3,
        report_threshold=5,
        quiet_week_post=False,
    )

    stored = await settings(app)
    assert stored == GuildSettings(
        guild_id=app.guild_id,
        stories_channel_id=app.channel_id("stories"),
        digest_channel_id=app.channel_id("digest"),
        mod_channel_id=app.channel_id("mods"),
        moderator_role_id=role.id,
        review_mode=ReviewMode.REVIEW,
        digest_weekday=4,
        digest_hour=17,
        timezone="America/Toronto",
        leaderboard_size=7,
        min_stories=3,
        prior_weight=4.5,
        cooldown_seconds=600,
        daily_cap=3,
        report_threshold=5,
        quiet_week_post=False,
    )
    text = panel.embed_text()
    assert "Saved:" in text
    assert "Time zone: UTC → America/Toronto" in text
    assert f"Stories channel: not set → <#{app.channel_id('stories')}>" in text
    assert "Fridays at 17:00 (America/Toronto)" in text
    assert "everything is set up" in text
    assert not panel.can_ping()

    [entry] = await audit(app)
    assert entry.action == "settings"
    assert entry.moderator_id == moderator.id
    assert entry.created_at == app.clock()
    assert entry.details is not None
    assert len(entry.details) == 15
    assert entry.details["timezone"] == {"old": "UTC", "new": "America/Toronto"}
    assert entry.details["cooldown_seconds"] == {"old": 300, "new": 600}
    assert entry.details["moderator_role_id"] == {"old": None, "new": role.id}
    assert db_rows(app, "SELECT action, moderator_id FROM audit_log") == [
        ("settings", moderator.id)
    ]

    # The same values again: nothing to record. One more change: only it is recorded.
    again = await open_panel(moderator, digest_hour=17)
    assert "Nothing changed" in again.embed_text()
    assert len(await audit(app)) == 1
    app.clock.advance(minutes=1)
    await open_panel(moderator, quiet_week_post=True)
    newest = (await audit(app))[0]
    assert newest.details == {"quiet_week_post": {"old": False, "new": True}}


async def test_channels_the_bot_cannot_use_are_reported(app: App) -> None:
    # The digest needs Attach Files for its chart: take it away from the bot's role.
    digest = app.standin.channels["digest"]
    digest.overwrites.append(Overwrite(app.standin.roles["bot"].id, 0, deny=Perm.ATTACH_FILES))
    await app.standin.dispatch("CHANNEL_UPDATE", digest.payload())

    panel = await open_panel(
        app.standin.user("moderator"), stories_channel="locked", digest_channel="digest"
    )

    # Saved anyway (a moderator may fix the permissions next), and said clearly.
    stored = await settings(app)
    assert stored.stories_channel_id == app.channel_id("locked")
    assert stored.digest_channel_id == app.channel_id("digest")
    text = panel.embed_text()
    locked = app.channel_id("locked")
    # Without Send Messages, Discord allows no embeds either: both are reported.
    assert f"⚠️ Stories channel\nI lack Send Messages and Embed Links in <#{locked}>" in text
    digest_id = app.channel_id("digest")
    assert f"⚠️ Digest channel\nI lack Attach Files in <#{digest_id}>, so the weekly" in text
    assert "everything is set up" not in text


async def test_a_digest_channel_without_read_message_history_is_reported(app: App) -> None:
    # After a crash the poster reads the channel for its digest before re-sending:
    # without the history it could not tell, so setup must say so.
    digest = app.standin.channels["digest"]
    digest.overwrites.append(
        Overwrite(app.standin.roles["bot"].id, 0, deny=Perm.READ_MESSAGE_HISTORY)
    )
    await app.standin.dispatch("CHANNEL_UPDATE", digest.payload())

    panel = await open_panel(app.standin.user("moderator"), digest_channel="digest")

    digest_id = app.channel_id("digest")
    assert (
        f"⚠️ Digest channel\nI lack Read Message History in <#{digest_id}>, so the weekly"
        in panel.embed_text()
    )


async def test_a_deleted_moderator_role_is_reported(app: App) -> None:
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    del app.standin.guild.roles["helpers"]
    await app.standin.dispatch(
        "GUILD_ROLE_DELETE", {"guild_id": str(app.guild_id), "role_id": str(role.id)}
    )

    panel = await open_panel(app.standin.user("moderator"))

    assert "⚠️ Moderator role\nDeleted: only members with Manage Server" in panel.embed_text()


@pytest.mark.parametrize(
    "options",
    [
        {"timezone": "Mars/Olympus_Mons", "digest_hour": 5, "stories_channel": "stories"},
        {"moderator_role": "everyone", "review_mode": "review"},
    ],
    ids=["unknown zone", "everyone as moderator role"],
)
async def test_one_bad_value_changes_nothing(app: App, options: dict[str, Any]) -> None:
    result = await app.standin.user("moderator").run_command("storymod setup", **options)
    message = await result.wait_for_message()

    assert result.ephemeral
    assert message.content.startswith("Nothing was changed")
    assert ("not a time zone" in message.content) or ("@everyone cannot" in message.content)
    assert await settings(app) == GuildSettings(guild_id=app.guild_id)
    assert db_rows(app, "SELECT count(*) FROM guild_settings") == [(0,)]
    assert await audit(app) == []


async def test_timezone_autocomplete_puts_the_best_match_first(app: App) -> None:
    moderator = app.standin.user("moderator")
    choices = await moderator.autocomplete("storymod setup", "timezone", "toronto")
    assert choices[0] == {"name": "America/Toronto", "value": "America/Toronto"}
    many = await moderator.autocomplete("storymod setup", "timezone", "a")
    assert len(many) == 25
    assert (await moderator.autocomplete("storymod setup", "timezone", ""))[0]["value"] == "UTC"


# --- the panel's components ----------------------------------------------------------


async def test_the_panel_sets_the_channel_and_the_zone(app: App) -> None:
    moderator = app.standin.user("moderator")
    panel = await open_panel(moderator)

    picked = await moderator.select(panel, "Post stories in…", ["stories"])
    panel = await picked.wait_for_message()
    assert picked.kind == "update"
    assert (await settings(app)).stories_channel_id == app.channel_id("stories")
    assert "⚠️ Stories channel" not in panel.embed_text()

    opened = await moderator.click(panel, "Time zone…")
    submitted = await moderator.submit_modal(
        opened.modal, {"Time zone (IANA name)": "europe/paris"}
    )
    panel = await submitted.wait_for_message()
    assert "Time zone: UTC → Europe/Paris" in panel.embed_text()
    assert (await settings(app)).timezone == "Europe/Paris"

    refused = await moderator.click(panel, "Time zone…")
    bad = await moderator.submit_modal(refused.modal, {"Time zone (IANA name)": "Atlantis"})
    assert "not a time zone" in (await bad.wait_for_message()).content
    assert (await settings(app)).timezone == "Europe/Paris"

    entries = await audit(app)
    assert [e.details for e in reversed(entries)] == [
        {"stories_channel_id": {"old": None, "new": app.channel_id("stories")}},
        {"timezone": {"old": "UTC", "new": "Europe/Paris"}},
    ]
    assert all(e.moderator_id == moderator.id for e in entries)


async def test_a_member_demoted_mid_flow_is_refused_by_every_component(app: App) -> None:
    role = await add_helper_role(app)
    await app.configure(moderator_role_id=role.id)
    set_roles(app, "bob", [role.id])
    bob = overridden(app, "bob")
    panel = await open_panel(bob)
    modal = (await bob.click(panel, "Time zone…")).modal
    before = await settings(app)

    set_roles(app, "bob", [])  # an admin takes the role away while the panel is open

    for attempt in (
        bob.select(panel, "Post stories in…", ["stories"]),
        bob.click(panel, "Time zone…"),
        bob.click(panel, "Check again"),
        bob.submit_modal(modal, {"Time zone (IANA name)": "Europe/Paris"}),
    ):
        result = await attempt
        message = await result.wait_for_message()
        assert result.kind == "message"  # a new private reply, the panel is untouched
        assert message.ephemeral
        assert REFUSED in message.content
    assert await settings(app) == before
    assert await audit(app) == []


async def test_a_moderator_who_loses_manage_server_is_refused_by_the_panel(app: App) -> None:
    moderator = app.standin.user("moderator")
    panel = await open_panel(moderator)
    set_roles(app, "moderator", [])

    result = await moderator.select(panel, "Post stories in…", ["stories"])

    assert REFUSED in (await result.wait_for_message()).content
    assert await settings(app) == GuildSettings(guild_id=app.guild_id)
    assert await audit(app) == []

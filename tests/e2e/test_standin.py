"""Tests of the Discord stand-in itself, driven by a tiny throwaway discord.py bot."""

from __future__ import annotations

import asyncio
import io
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import discord
import pytest
import pytest_asyncio
from discord import app_commands
from discord.ext import commands

from tests.standin import StandIn, StandInError
from tests.standin import spec as standin_spec
from tests.standin.fixtures import assert_no_violations, standin  # noqa: F401  (fixture)

_log = logging.getLogger(__name__)


class Knobs:
    """Per-test switches the tiny bot reads, so one bot can misbehave on demand."""

    def __init__(self) -> None:
        self.modal_title = "Tell a story"
        self.custom_id = "relatable"
        self.rows = 1
        self.content = "pong"
        self.delay = 0.0
        self.respond_twice = False
        self.ephemeral = False
        self.attach = False
        self.bot: commands.Bot | None = None
        self.guild_id: int | None = None
        self.stories_id = 0

    @property
    def http(self) -> discord.http.HTTPClient:
        assert self.bot is not None
        return self.bot.http


class StoryModal(discord.ui.Modal):
    headline: discord.ui.Label[Any] = discord.ui.Label(
        text="Headline", component=discord.ui.TextInput(custom_id="headline", max_length=100)
    )
    body: discord.ui.TextInput[Any] = discord.ui.TextInput(
        label="Story", custom_id="body", style=discord.TextStyle.long, required=False
    )

    def __init__(self, knobs: Knobs) -> None:
        super().__init__(title=knobs.modal_title, custom_id="story-modal")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        text_input = self.headline.component
        assert isinstance(text_input, discord.ui.TextInput)
        await interaction.response.send_message(
            f"Saved: {text_input.value} / {self.body.value or '-'}",
            allowed_mentions=discord.AllowedMentions.none(),
        )


class VoteView(discord.ui.View):
    def __init__(self, knobs: Knobs) -> None:
        super().__init__(timeout=30)
        for row in range(knobs.rows):
            custom_id = knobs.custom_id if row == 0 else f"{knobs.custom_id}-{row}"
            button: discord.ui.Button[VoteView] = discord.ui.Button(
                label="Relatable" if row == 0 else f"Row {row}", custom_id=custom_id, row=row
            )
            button.callback = self.on_click  # type: ignore[method-assign]
            self.add_item(button)

    async def on_click(self, interaction: discord.Interaction) -> None:
        await interaction.response.edit_message(content="Thanks for voting!", view=None)


def make_bot(knobs: Knobs) -> commands.Bot:
    intents = discord.Intents.none()
    intents.guilds = True
    bot = commands.Bot(command_prefix="!", intents=intents, help_command=None)

    @bot.tree.command(name="ping", description="Reply with pong")
    async def ping(interaction: discord.Interaction) -> None:
        if knobs.delay:
            await asyncio.sleep(knobs.delay)
        files = [discord.File(io.BytesIO(b"png"), "chart.png")] if knobs.attach else []
        await interaction.response.send_message(
            knobs.content,
            files=files,
            view=VoteView(knobs),
            ephemeral=knobs.ephemeral,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        if knobs.respond_twice:
            try:
                await interaction.response.send_message("again")
            except discord.InteractionResponded:
                # discord.py guards this locally; go around it like a buggy bot would
                adapter = discord.webhook.async_.async_context.get()
                params = discord.webhook.async_.interaction_response_params(4, {"content": "x"})
                await adapter.create_interaction_response(
                    interaction.id,
                    interaction.token,
                    session=interaction._session,
                    params=params,
                )

    @bot.tree.command(name="story", description="Share a story")
    async def story(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(StoryModal(knobs))

    @bot.tree.command(name="brand", description="Look up a brand")
    @app_commands.describe(name="Brand name")
    async def brand(interaction: discord.Interaction, name: str, anonymous: bool = False) -> None:
        await interaction.response.defer(thinking=True, ephemeral=anonymous)
        await interaction.followup.send(f"Brand: {name}")

    @brand.autocomplete("name")
    async def brand_autocomplete(
        interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        brands = ["Air Canada", "Air France", "Bell"]
        return [
            app_commands.Choice(name=b, value=b) for b in brands if current.lower() in b.lower()
        ]

    @bot.tree.command(name="say", description="Post in a channel")
    async def say(
        interaction: discord.Interaction, channel: discord.TextChannel, text: str
    ) -> None:
        try:
            await channel.send(text, nonce=f"say-{interaction.id}")
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"Forbidden: {exc.code}", ephemeral=True)
            return
        except discord.HTTPException as exc:
            await interaction.response.send_message(f"Error: {exc.status}", ephemeral=True)
            return
        await interaction.response.send_message("Posted", ephemeral=True)

    add_rich_commands(bot, knobs)

    async def setup_hook() -> None:
        await bot.tree.sync()
        if knobs.guild_id is not None:
            await bot.tree.sync(guild=discord.Object(knobs.guild_id))

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


class FormModal(discord.ui.Modal, title="Details"):
    intro: discord.ui.TextDisplay[Any] = discord.ui.TextDisplay("Tell us more")
    touchpoint: discord.ui.Label[Any] = discord.ui.Label(
        text="Touchpoint",
        component=discord.ui.Select(
            custom_id="touchpoint",
            options=[discord.SelectOption(label=x, value=x.lower()) for x in ("Phone", "Store")],
        ),
    )
    mood: discord.ui.Label[Any] = discord.ui.Label(
        text="Mood",
        component=discord.ui.RadioGroup(
            custom_id="mood",
            options=[discord.RadioGroupOption(label=x, value=x) for x in ("good", "bad")],
        ),
    )
    tags: discord.ui.Label[Any] = discord.ui.Label(
        text="Tags",
        component=discord.ui.CheckboxGroup(
            custom_id="tags",
            required=False,
            options=[discord.CheckboxGroupOption(label=x, value=x) for x in ("fast", "kind")],
        ),
    )
    consent: discord.ui.Label[Any] = discord.ui.Label(
        text="Publish?", component=discord.ui.Checkbox(custom_id="consent")
    )

    async def on_submit(self, interaction: discord.Interaction) -> None:
        parts = [
            self.touchpoint.component.values,  # type: ignore[attr-defined]
            self.mood.component.value,  # type: ignore[attr-defined]
            self.tags.component.values,  # type: ignore[attr-defined]
            self.consent.component.value,  # type: ignore[attr-defined]
        ]
        await interaction.response.send_message(repr(parts), ephemeral=True)


class CardView(discord.ui.LayoutView):
    def __init__(self) -> None:
        super().__init__(timeout=30)
        button: discord.ui.Button[CardView] = discord.ui.Button(
            label="Helpful", custom_id="helpful"
        )
        button.callback = self.on_click  # type: ignore[method-assign]
        section = discord.ui.Section(discord.ui.TextDisplay("A story card"), accessory=button)
        self.add_item(discord.ui.Container(section))

    async def on_click(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("noted", ephemeral=True)


def add_rich_commands(bot: commands.Bot, knobs: Knobs) -> None:
    """Commands exercising groups, guild scope, files, DMs, new modal and layout components."""
    review = app_commands.Group(name="review", description="Reviews")

    @review.command(name="great", description="A great experience")
    @app_commands.choices(
        channel_kind=[
            app_commands.Choice(name="Phone", value=1),
            app_commands.Choice(name="Web", value=2),
        ]
    )
    async def great(
        interaction: discord.Interaction,
        brand: str,
        who: discord.Member,
        channel_kind: int = 1,
        anonymous: bool = False,
    ) -> None:
        embed = discord.Embed(title=brand, description=f"by {who.display_name} via {channel_kind}")
        await interaction.response.send_message(embed=embed, ephemeral=anonymous)

    bot.tree.add_command(review)

    @bot.tree.command(name="form", description="Fill the details form")
    async def form(interaction: discord.Interaction) -> None:
        await interaction.response.send_modal(FormModal())

    @bot.tree.command(name="card", description="Post a layout card")
    async def card(interaction: discord.Interaction) -> None:
        await interaction.response.send_message(view=CardView())

    @bot.tree.command(name="upload", description="Post a file and DM the user")
    @app_commands.guild_only()
    async def upload(interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        channel = interaction.guild.get_channel(knobs.stories_id)
        assert isinstance(channel, discord.TextChannel)
        await channel.send("file", file=discord.File(io.BytesIO(b"hello"), "note.txt"))
        try:
            await interaction.user.send("thanks!")
        except discord.Forbidden as exc:
            await interaction.response.send_message(f"dm failed {exc.code}", ephemeral=True)
            return
        await interaction.response.send_message("done", ephemeral=True)

    if knobs.guild_id is not None:

        @bot.tree.command(
            name="setup", description="Guild setup", guild=discord.Object(knobs.guild_id)
        )
        @app_commands.default_permissions(manage_guild=True)
        async def setup(interaction: discord.Interaction, digest: discord.TextChannel) -> None:
            await interaction.response.send_message(f"digest -> {digest.name}", ephemeral=True)


@pytest_asyncio.fixture
async def knobs() -> Knobs:
    return Knobs()


@pytest_asyncio.fixture
async def online(standin: StandIn, knobs: Knobs) -> AsyncIterator[StandIn]:  # noqa: F811
    knobs.guild_id = standin.guild.id
    knobs.stories_id = standin.channels["stories"].id
    bot = make_bot(knobs)
    knobs.bot = bot
    async with standin.running(bot):
        await standin.wait_for_commands()
        yield standin


async def test_bot_logs_in_and_registers_commands(online: StandIn) -> None:
    names = sorted(c["name"] for c in online.registered_commands())
    assert names == ["brand", "card", "form", "ping", "review", "say", "story", "upload"]
    assert [c["name"] for c in online.registered_commands(online.guild.id)] == ["setup"]
    assert all(
        c["id"] and c["application_id"] == str(online.app_id) for c in online.registered_commands()
    )
    assert online.gateway.identify_count == 1


async def test_run_command_reply_is_visible(online: StandIn) -> None:
    result = await online.user("alice").run_command("ping")
    assert result.kind == "message"
    message = await result.wait_for_message()
    assert message.content == "pong"
    assert not message.ephemeral
    assert not message.can_ping()
    assert online.messages("general") == [message]


def post_route(channel_id: int) -> discord.http.Route:
    return discord.http.Route("POST", "/channels/{channel_id}/messages", channel_id=channel_id)


async def wait_for_violations(server: StandIn) -> list[str]:
    await server.wait_for_violation()
    return server.take_violations()


async def test_modal_round_trip(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command("story")
    assert result.kind == "modal"
    modal = result.modal
    assert modal.title == "Tell a story"
    assert [f["_label"] for f in modal.fields()] == ["Headline", "Story"]
    submitted = await alice.submit_modal(modal, {"Headline": "Lost bag", "body": "At YUL"})
    message = await submitted.wait_for_message()
    assert message.content == "Saved: Lost bag / At YUL"
    with pytest.raises(StandInError, match="required"):
        await alice.submit_modal(modal, {"Story": "no headline"})
    with pytest.raises(StandInError, match="shown to alice"):
        await online.user("bob").submit_modal(modal, {"Headline": "x"})


async def test_button_click_updates_message(online: StandIn) -> None:
    message = await (await online.user("alice").run_command("ping")).wait_for_message()
    clicked = await online.user("bob").click(message, "Relatable")
    assert clicked.kind == "update"
    assert message.content == "Thanks for voting!"
    assert message.components == []
    with pytest.raises(StandInError, match="no component"):
        await online.user("bob").click(message, "Relatable")


async def test_ephemeral_message_only_clickable_by_its_user(online: StandIn, knobs: Knobs) -> None:
    knobs.ephemeral = True
    result = await online.user("alice").run_command("ping")
    message = await result.wait_for_message()
    assert result.ephemeral
    assert message.ephemeral
    assert online.messages("general") == []
    with pytest.raises(StandInError, match="ephemeral"):
        await online.user("bob").click(message, "Relatable")
    await online.user("alice").click(message, "Relatable")
    assert message.content == "Thanks for voting!"


async def test_defer_then_followup_and_autocomplete(online: StandIn) -> None:
    alice = online.user("alice")
    choices = await alice.autocomplete("brand", "name", "air")
    assert [c["name"] for c in choices] == ["Air Canada", "Air France"]
    result = await alice.run_command("brand", name="Air Canada", anonymous=True)
    assert result.kind == "deferred"
    message = await result.wait_for_message()
    assert message.content == "Brand: Air Canada"
    assert message.ephemeral
    with pytest.raises(StandInError, match="no option 'colour'"):
        await alice.run_command("brand", name="x", colour="red")
    with pytest.raises(StandInError, match="requires option 'name'"):
        await alice.run_command("brand")
    with pytest.raises(StandInError, match="no /nope"):
        await alice.run_command("nope")


async def test_dm_context_payload(online: StandIn) -> None:
    result = await online.user("alice").in_dm().run_command("ping")
    message = await result.wait_for_message()
    assert message.content == "pong"
    assert online.dms("alice") == [message]


async def test_locked_channel_is_forbidden_and_nonce_dedupes(online: StandIn) -> None:
    alice = online.user("alice")
    denied = await alice.run_command("say", channel="locked", text="hi")
    assert (await denied.wait_for_message()).content == "Forbidden: 50013"
    ok = await alice.run_command("say", channel="stories", text="hello")
    assert (await ok.wait_for_message()).content == "Posted"
    assert [m.content for m in online.messages("stories")] == ["hello"]


async def test_nonce_duplicate_returns_first_message(online: StandIn, knobs: Knobs) -> None:
    channel = online.channels["digest"]
    body = {"content": "weekly", "nonce": "w-1", "enforce_nonce": True}
    first = await knobs.http.request(post_route(channel.id), json=body)
    second = await knobs.http.request(post_route(channel.id), json=body)
    assert first["id"] == second["id"]
    assert len(online.messages(channel)) == 1


async def test_5xx_after_accept_is_retried_without_double_post(
    online: StandIn, knobs: Knobs
) -> None:
    fault = online.fail_next("POST", "/channels/{channel_id}/messages", after_store=True)
    result = await online.user("alice").run_command("say", channel="stories", text="once")
    assert (await result.wait_for_message(within=4)).content == "Posted"
    assert fault.hits == 1
    posts = [r for r in online.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in posts] == [500, 200]
    assert [m.content for m in online.messages("stories")] == ["once"]


async def test_too_long_content_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    knobs.content = "x" * 2001
    await online.user("alice").run_command("ping", wait=False)
    found = await wait_for_violations(online)
    assert any("content" in v and "2000" in v for v in found), found


async def test_too_long_modal_title_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    knobs.modal_title = "t" * 46
    await online.user("alice").run_command("story", wait=False)
    found = await wait_for_violations(online)
    assert any("title" in v and "45" in v for v in found), found


async def test_too_long_custom_id_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    knobs.custom_id = "c" * 101
    await online.user("alice").run_command("ping", wait=False)
    found = await wait_for_violations(online)
    assert any("custom_id" in v and "100" in v for v in found), found


async def test_six_action_rows_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    rows = [
        {"type": 1, "components": [{"type": 2, "style": 1, "label": "b", "custom_id": f"b{i}"}]}
        for i in range(6)
    ]
    with pytest.raises(discord.HTTPException) as info:
        await knobs.http.request(
            post_route(online.channels["general"].id), json={"content": "x", "components": rows}
        )
    assert info.value.status == 400
    assert info.value.code == 50035
    found = online.take_violations()
    assert any("action rows" in v for v in found), found


async def test_schema_rejected_body_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    with pytest.raises(discord.HTTPException) as info:
        await knobs.http.request(
            post_route(online.channels["general"].id), json={"content": "x", "embeds": "nope"}
        )
    assert info.value.code == 50035
    found = online.take_violations()
    assert found
    assert all(v.startswith("POST /channels/") for v in found), found
    assert any("embeds" in v for v in found), found


async def test_second_response_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    knobs.respond_twice = True
    result = await online.user("alice").run_command("ping")
    assert (await result.wait_for_message()).content == "pong"
    found = await wait_for_violations(online)
    assert any("second response" in v for v in found), found


async def test_late_response_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    online.interaction_deadline = 0.2
    knobs.delay = 0.4
    result = await online.user("alice").run_command("ping", wait=False)
    found = await wait_for_violations(online)
    assert any("came after" in v for v in found), found
    assert result.kind is None


async def test_unknown_route_is_a_violation(online: StandIn, knobs: Knobs) -> None:
    with pytest.raises(discord.NotFound):
        await knobs.http.request(discord.http.Route("GET", "/nonsense/{x}", x=1))
    assert any("no such route" in v for v in online.take_violations())


async def test_gateway_dispatch_guild_delete(online: StandIn, knobs: Knobs) -> None:
    assert knobs.bot is not None
    second = await online.add_guild("Second")
    await asyncio.sleep(0.1)
    assert knobs.bot.get_guild(second.id) is not None
    removed: asyncio.Future[discord.Guild] = asyncio.get_running_loop().create_future()

    async def on_guild_remove(guild: discord.Guild) -> None:
        removed.set_result(guild)

    knobs.bot.add_listener(on_guild_remove)
    await online.remove_bot_from_guild(second.id)
    assert (await asyncio.wait_for(removed, 2)).id == second.id


def test_spec_validation_is_fast() -> None:
    standin_spec.warm_up()
    template = standin_spec.match_path("/channels/1/messages")
    assert template == "/channels/{channel_id}/messages"
    body = {
        "content": "hello",
        "embeds": [{"title": "t", "fields": [{"name": "a", "value": "b"}] * 10}],
        "components": [
            {"type": 1, "components": [{"type": 2, "style": 1, "label": "x", "custom_id": f"c{i}"}]}
            for i in range(5)
        ],
        "allowed_mentions": {"parse": [], "users": [1]},
    }
    standin_spec.validate_body(template, "post", body)
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        assert standin_spec.validate_body(template, "post", body) == []
    per_check = (time.perf_counter() - start) / runs
    _log.info("spec validation: %.2f ms per check", per_check * 1000)
    assert per_check < 0.005


async def test_subcommand_with_member_and_choices(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command(
        "review great", brand="Air Canada", who="bob", channel_kind=2, anonymous=True
    )
    message = await result.wait_for_message()
    assert message.ephemeral
    assert message.embeds[0]["title"] == "Air Canada"
    assert message.embeds[0]["description"] == "by Bob via 2"
    with pytest.raises(StandInError, match="must be one of"):
        await alice.run_command("review great", brand="x", who="bob", channel_kind=3)
    with pytest.raises(StandInError, match="no subcommand"):
        await alice.run_command("review bad", brand="x")


async def test_guild_command_and_default_permissions(online: StandIn) -> None:
    with pytest.raises(StandInError, match="cannot see /setup"):
        await online.user("alice").run_command("setup", digest="digest")
    result = await online.user("moderator").run_command("setup", digest="digest")
    assert (await result.wait_for_message()).content == "digest -> digest"
    assert result.record.payload["data"]["guild_id"] == str(online.guild.id)


async def test_new_modal_components_round_trip(online: StandIn) -> None:
    alice = online.user("alice")
    modal = (await alice.run_command("form")).modal
    values = {"Touchpoint": ["phone"], "Mood": "bad", "tags": ["kind"], "Publish?": True}
    result = await alice.submit_modal(modal, values)
    assert (await result.wait_for_message()).content == "[['phone'], 'bad', ['kind'], True]"
    with pytest.raises(StandInError, match="no option 'meh'"):
        await alice.submit_modal(modal, {**values, "Mood": "meh"})


async def test_layout_view_button_in_section(online: StandIn) -> None:
    card = await (await online.user("alice").run_command("card")).wait_for_message()
    clicked = await online.user("bob").click(card, "Helpful")
    assert (await clicked.wait_for_message()).content == "noted"


async def test_file_upload_dm_and_closed_dms(online: StandIn) -> None:
    alice = online.user("alice")
    result = await alice.run_command("upload", in_channel="stories")
    assert (await result.wait_for_message()).content == "done"
    posted = online.messages("stories")[-1]
    assert [(a.filename, a.data) for a in posted.attachments] == [("note.txt", b"hello")]
    assert [m.content for m in online.dms("alice")] == ["thanks!"]
    online.users["bob"].dms_closed = True
    refused = await online.user("bob").run_command("upload")
    assert (await refused.wait_for_message()).content == "dm failed 50007"
    with pytest.raises(StandInError, match="not offered in DMs"):
        await alice.in_dm().run_command("upload")


async def test_interaction_response_with_file(online: StandIn, knobs: Knobs) -> None:
    knobs.attach = True
    message = await (await online.user("alice").run_command("ping")).wait_for_message()
    assert [(a.filename, a.data) for a in message.attachments] == [("chart.png", b"png")]


async def test_channel_history_edit_reactions_delete(online: StandIn, knobs: Knobs) -> None:
    assert knobs.bot is not None
    channel = knobs.bot.get_channel(online.channels["digest"].id)
    assert isinstance(channel, discord.TextChannel)
    first = await channel.send("one", allowed_mentions=discord.AllowedMentions.none())
    second = await channel.send("two", allowed_mentions=discord.AllowedMentions(users=True))
    await first.edit(content="one (edited)")
    await second.add_reaction("👍")
    history = [m.content async for m in channel.history(limit=10)]
    assert history == ["two", "one (edited)"]
    stored = online.messages("digest")
    assert stored[1].reactions == {"👍": {online.bot_user.id}}
    assert not stored[0].can_ping()
    assert stored[1].can_ping()
    await first.delete()
    assert [m.content for m in online.messages("digest")] == ["two"]
    third = await channel.send("no allowed_mentions: Discord parses everything")
    assert online.messages("digest")[-1].id == third.id
    assert online.messages("digest")[-1].can_ping()


def test_fixture_teardown_fails_on_violations() -> None:
    server = StandIn()
    assert_no_violations(server)
    server.record_violation("POST /x: broken")
    with pytest.raises(pytest.fail.Exception, match="POST /x: broken"):
        assert_no_violations(server)
    assert server.take_violations() == ["POST /x: broken"]
    assert server.violations == []

"""Tests of the Discord stand-in itself, driven by a tiny throwaway discord.py bot."""

from __future__ import annotations

import asyncio
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
from tests.standin.fixtures import standin  # noqa: F401  (fixture)

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
        self.bot: commands.Bot | None = None

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
        await interaction.response.send_message(
            knobs.content,
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

    async def setup_hook() -> None:
        await bot.tree.sync()

    bot.setup_hook = setup_hook  # type: ignore[method-assign]
    return bot


@pytest_asyncio.fixture
async def knobs() -> Knobs:
    return Knobs()


@pytest_asyncio.fixture
async def online(standin: StandIn, knobs: Knobs) -> AsyncIterator[StandIn]:  # noqa: F811
    bot = make_bot(knobs)
    knobs.bot = bot
    async with standin.running(bot):
        await standin.wait_for_commands()
        yield standin


async def test_bot_logs_in_and_registers_commands(online: StandIn) -> None:
    names = sorted(c["name"] for c in online.registered_commands())
    assert names == ["brand", "ping", "say", "story"]
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

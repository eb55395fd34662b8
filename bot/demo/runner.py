"""Run the demo: the real bot, a local Discord, three weeks of a small community.

Everything happens on this machine (the stand-in listens on 127.0.0.1) in a temporary
folder that is removed afterwards; only the transcript is kept. Time is the bot's own
injected clock, moved by hand from one story to the next, so three weeks take seconds.
The seed fixes who tells what, ratings, votes, the report and the highlight; Discord's
ids (snowflakes, made from the real time) are the only thing that differs between runs.
The digest is posted by calling the digest cog's own round, as its 5-minute loop would
at that (demo) time.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.client import ExperienceBot
from bot.clock import ManualClock
from bot.demo.acting import DemoError, Stage, relate, report, story_id_of, tell
from bot.demo.community import NEW_MEMBERS, PlannedStory, near_miss, plan_week, readers_who_relate
from bot.demo.transcript import Section, render_transcript
from bot.logging_setup import setup_logging
from bot.version import __version__
from standin import StandIn
from standin.errors import StandInError
from storage.sqlite import open_storage

log = logging.getLogger(__name__)

SERVER_NAME = "Maple Street Shoppers"
START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)  # a Monday
WEEKS = 3
STORIES_PER_WEEK = 9
REPORT_REASON = "This names a real employee and calls them names; please check it."


def run_demo(output: Path, *, seed: int = 7) -> int:
    """Write the transcript to `output`; 0 when it was written, 1 otherwise."""
    started = time.monotonic()
    try:
        output.parent.mkdir(parents=True, exist_ok=True)  # fail before the demo, not after
    except OSError as exc:
        return _failed(f"cannot write {output}: {exc.strerror or exc}")
    setup_logging(logging.WARNING)
    try:
        html = asyncio.run(play(seed))
    except (DemoError, StandInError, OSError) as exc:
        return _failed(str(exc))
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as exc:
        return _failed(f"cannot write {output}: {exc.strerror or exc}")
    elapsed = time.monotonic() - started
    sys.stdout.write(
        f"Demo finished in {elapsed:.1f} s: open {output.resolve()} in a browser to see what "
        "members, readers and moderators saw.\n"
    )
    return 0


def _failed(reason: str) -> int:
    sys.stderr.write(f"experience-it demo: {reason}\n")
    return 1


async def play(seed: int) -> str:
    """The whole demo; returns the transcript's HTML."""
    rng = random.Random(seed)
    async with StandIn(guild_name=SERVER_NAME) as standin:
        guild = standin.guild
        guild.system_channel_id = guild.channels["general"].id
        for name in NEW_MEMBERS:
            standin.add_user(name)
        # The bot starts in no server; the owner invites it below, as in real life.
        del standin.world.guilds[guild.id]
        clock = ManualClock(START)
        with tempfile.TemporaryDirectory(prefix="experience-it-demo-") as folder:
            storage = await open_storage(Path(folder) / "demo.db")
            try:
                bot = ExperienceBot(storage=storage, clock=clock)
                async with standin.running(bot):
                    await standin.wait_for_commands()
                    stage = Stage(standin, clock)
                    await _act(stage, bot, rng)
                    sections = _sections(stage)
            finally:
                await storage.close()
        if standin.violations:
            raise DemoError("the bot broke Discord's rules: " + "; ".join(standin.violations))
        return render_transcript(
            f"Experience It — a demo on “{SERVER_NAME}”",
            f"Three weeks of a small community, played through the real bot (version "
            f"{__version__}) against a local Discord stand-in. Seed {seed}.",
            sections,
            _names(standin),
            f"Made by `python -m bot demo --seed {seed}`: demo time from {START:%-d %b %Y} to "
            f"{clock():%-d %b %Y}. Every message here was sent by the bot through Discord's API.",
        )


async def _act(stage: Stage, bot: ExperienceBot, rng: random.Random) -> None:
    standin = stage.standin
    await _invite(stage)
    help_before = await (await stage.actor("alice").run_command("help")).wait_for_message()
    stage.keep_private("A member asks /help before the server is set up", help_before, "alice")
    mod_help = await (await stage.actor("moderator").run_command("help")).wait_for_message()
    stage.keep_private("A moderator asks /help before setup", mod_help, "moderator")
    panel = await stage.actor("moderator").run_command(
        "storymod setup",
        stories_channel=standin.channels["stories"],
        digest_channel=standin.channels["digest"],
        mod_channel=standin.channels["mods"],
    )
    stage.keep_private(
        "The moderator runs /storymod setup", await panel.wait_for_message(), "moderator"
    )
    mod_help = await (await stage.actor("moderator").run_command("help")).wait_for_message()
    stage.keep_private("…and /help after it", mod_help, "moderator")

    told: set[str] = set()
    misspelt = False
    first_plan: PlannedStory | None = None
    for week in range(1, WEEKS + 1):
        monday = START.replace(hour=0) + timedelta(weeks=week - 1)
        for index, plan in enumerate(plan_week(rng, STORIES_PER_WEEK)):
            stage.clock.now = monday + timedelta(hours=9 + 17 * index, minutes=rng.randint(0, 50))
            first = week == 1 and index == 0
            if first:
                first_plan = plan
            # Once, a member misspells a brand the server knows: the bot asks "did you mean".
            typo = not misspelt and week > 1 and plan.brand.name in told
            if typo:
                plan = dataclasses.replace(plan, typed_brand=near_miss(plan.brand.name))
                misspelt = True
            told.add(plan.brand.name)
            posted = _posted(stage)
            final = await tell(stage, plan, captions=first or typo)
            if first or typo:
                stage.keep_private(f"{plan.member} publishes", final, plan.member)
            posts = await standin.wait_for_message("stories", count=posted + 1)
            post = posts[-1]
            stage.clock.advance(minutes=20)
            for reader in readers_who_relate(rng, plan.member):
                await relate(stage, reader, post)
            stage.stamp()
        if week == 2:
            await _moderate(stage, rng)
        if week == 1 and first_plan is not None:
            await _member_lookups(stage, first_plan.member, first_plan.brand.name)
        stage.clock.now = monday + timedelta(weeks=1, minutes=5)
        digests = len(standin.messages("digest"))
        cog = bot.get_cog("Digest")
        if cog is None:
            raise DemoError("the digest cog is not loaded")
        await cog.post_due_digests()  # type: ignore[attr-defined]
        await standin.wait_for_message("digest", count=digests + 1, within=10)
        stage.stamp()


def _posted(stage: Stage) -> int:
    return len(stage.standin.messages("stories"))


async def _invite(stage: Stage) -> None:
    """The owner adds the bot: Discord sends GUILD_CREATE, the bot greets the server."""
    standin = stage.standin
    guild = standin.guild
    await standin.announce_join(guild)
    await standin.wait_for_message("general", within=5)
    stage.stamp()


async def _member_lookups(stage: Stage, author: str, brand: str) -> None:
    """A storyteller lists their stories; a reader looks a brand up."""
    mine = await (await stage.actor(author).run_command("story mine")).wait_for_message()
    stage.keep_private(f"{author} lists their stories with /story mine", mine, author)
    reader = "bob" if author != "bob" else "alice"
    card = await (await stage.actor(reader).run_command("brand", name=brand)).wait_for_message()
    stage.keep_private(f"{reader} looks up {brand} with /brand", card, reader)


async def _moderate(stage: Stage, rng: random.Random) -> None:
    """A report on a disaster story, and a moderator's highlight of a great one."""
    posts = stage.standin.messages("stories")
    disasters = [p for p in posts if "Disaster" in p.embed_text()]
    greats = [p for p in posts if "Great experience" in p.embed_text()]
    if disasters:
        target = rng.choice(disasters)
        thanks = await report(stage, "bob", target, REPORT_REASON)
        stage.keep_private("bob reports a story", thanks, "bob")
        await stage.standin.wait_for_message("mods", within=5)
    if greats:
        story_id = story_id_of(rng.choice(greats))
        moderator = stage.actor("moderator")
        card = await (await moderator.run_command("storymod story", id=story_id)).wait_for_message()
        result = await moderator.click(card, "Highlight")
        stage.keep_private(
            "The moderator highlights a story", await result.wait_for_message(), "moderator"
        )
    leaderboard = await (await stage.actor("chloe").run_command("leaderboard")).wait_for_message()
    stage.keep_private("chloe checks this week's /leaderboard", leaderboard, "chloe")
    stage.stamp()


def _sections(stage: Stage) -> list[Section]:
    return [
        Section(
            "general",
            "The server's system channel: the bot's note when the owner invited it.",
            stage.shown("general"),
        ),
        Section(
            "stories",
            "Every published story, with the Relatable and Report buttons readers use.",
            stage.shown("stories"),
        ),
        Section(
            "digest",
            "The weekly digest, posted once a week: best and worst brands, a chart, highlights.",
            stage.shown("digest"),
        ),
        Section(
            "mods",
            "The moderators' channel: reports, with buttons to act on them.",
            stage.shown("mods"),
        ),
        Section(
            "Private answers",
            "What only one person saw: follow-up questions, setup panels, lookups.",
            stage.private,
            channel=False,
        ),
    ]


def _names(standin: StandIn) -> dict[str, str]:
    names: dict[str, str] = {}
    for user in standin.world.users.values():
        names[f"@{user.id}"] = user.global_name or user.username
    for channel in standin.guild.channels.values():
        names[f"#{channel.id}"] = channel.name
    for role in standin.guild.roles.values():
        names[f"@&{role.id}"] = role.name
    return names

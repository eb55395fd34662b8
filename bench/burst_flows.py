"""The burst benchmark's moving parts: one bot on its own stand-in, set up as people do,
and bursts of members acting at once, timed by the stand-in.

A latency is the stand-in's dispatch of INTERACTION_CREATE to the arrival of the first
callback for it (a modal, a message, a deferral or an update: whatever a member sees
first), both on the stand-in's monotonic clock. A callback later than Discord's 3 s is
"The application did not respond"; the stand-in refuses it, and it still counts here with
its real time.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from standin import Actor, InteractionResult, Message, StandIn, StandInError
from standin.bot_process import BotProcess
from standin.guilds import Channel, Guild, Member
from standin.interactions import InteractionRecord, wait_until

FLOWS = ("form", "submit", "brand", "leaderboard", "relatable")
FLOW_TITLES = {
    "form": "/story great -> form",
    "submit": "form submit -> first response",
    "brand": "/brand",
    "leaderboard": "/leaderboard",
    "relatable": "Relatable click",
}
LATE_AFTER = 3.0  # Discord's deadline for a first response
_PATIENCE = 60.0  # how long a burst waits for the last (late) first callback
_CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
STORY = "Booked a table for eight at the last minute and they made it work for all of us."


def form_values() -> dict[str, Any]:
    """What every member types into the story form (the bot's labels; the floor copies them)."""
    return {
        "Headline": "They made room for us",
        "Your story": STORY,
        "Rating": ["5"],
        "Touchpoints": ["service"],
    }


@dataclass(frozen=True)
class Burst:
    """One flow fired by `size` members at once on one server, for one bot."""

    target: str
    server: str
    flow: str
    members: int  # the burst's size; a submit needs a form that opened, so may be fewer
    latencies: tuple[float, ...]  # seconds; math.inf: no callback at all
    kinds: tuple[str | None, ...] = ()  # what each member saw first: modal, message, ...
    cpu_seconds: float = 0.0  # the target process's CPU from the burst's start until quiet
    run: int = 0  # which round of `--runs`

    @property
    def cpu_ms_per_member(self) -> float:
        """CPU the burst cost its bot per member, everything it caused included."""
        return self.cpu_seconds * 1000 / max(1, len(self.latencies))

    def percentile(self, share: float) -> float:
        """Nearest rank: p99 of 100 is the 99th fastest; of 30, the slowest."""
        ordered = sorted(self.latencies)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    @property
    def late(self) -> int:
        return sum(1 for x in self.latencies if x > LATE_AFTER)


@dataclass
class Server:
    """One of the benchmark's servers as a target sees it."""

    name: str
    guild: Guild
    brand: str
    post: Message | None = None


@dataclass
class Target:
    """A bot process (the real one or the floor) logged in to a stand-in of its own."""

    name: str
    standin: StandIn
    process: BotProcess
    servers: dict[str, Server] = field(default_factory=dict)
    members: list[str] = field(default_factory=list)
    ready_seconds: float = 0.0

    async def start(self) -> None:
        began = time.monotonic()
        await self.process.start(ready_within=60.0)
        self.ready_seconds = time.monotonic() - began
        await self.standin.wait_for_commands(None, within=30.0)

    def actor(self, member: str, server: str) -> Actor:
        return self.standin.user(member, self.servers[server].guild)

    def memory_mb(self) -> tuple[float, float]:
        """(peak, current) resident memory of the process, from /proc (VmHWM, VmRSS)."""
        process = self.process.process
        assert process is not None
        fields: dict[str, float] = {}
        for line in Path(f"/proc/{process.pid}/status").read_text().splitlines():
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0]) / 1024
        return fields["VmHWM"], fields["VmRSS"]

    def cpu_seconds(self) -> float:
        """User + system CPU the process used so far, from /proc/<pid>/stat."""
        process = self.process.process
        assert process is not None
        stat = Path(f"/proc/{process.pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()  # after "pid (name) "
        return (int(fields[11]) + int(fields[12])) / _CLOCK_TICKS  # utime, stime


async def add_world(
    standin: StandIn, guilds: dict[str, int], brands: dict[str, str], members: int
) -> tuple[dict[str, Server], list[str]]:
    """The benchmark's servers under their database ids, and `members` people in each."""
    servers = {
        name: Server(name, await standin.add_guild(f"Bench {name}", guild_id=gid), brands[name])
        for name, gid in guilds.items()
    }
    names = [f"member{i}" for i in range(members)]
    for name in names:
        user = standin.add_user(name, guild=next(iter(servers.values())).guild)
        for server in servers.values():
            server.guild.members.setdefault(user.id, Member(user, []))
    return servers, names


async def set_up_bot(target: Target) -> None:
    """Each server set up through /storymod setup, and one story published to click on."""
    for server in target.servers.values():
        owner = target.standin.user("owner", server.guild)
        setup = await owner.run_command(
            "storymod setup",
            stories_channel="stories",
            digest_channel="digest",
            mod_channel="mods",
            review_mode="open",
            cooldown_minutes=0,
            daily_cap=100,
            within=30.0,
        )
        await setup.wait_for_message(within=30.0)
        await _publish_one(target.standin.user("alice", server.guild), server.brand)
        # The post is delivered from the outbox, after the member's "published".
        server.post = await _story_post(target.standin, server.guild.channels["stories"])


async def _story_post(standin: StandIn, channel: Channel) -> Message:
    await wait_until(lambda: bool(standin.messages(channel)), 30.0, lambda: "no story post")
    return standin.messages(channel)[-1]


async def _publish_one(author: Actor, brand: str) -> None:
    """Tell a story and skip every optional question, as a hurried member does."""
    opened = await author.run_command("story great", brand=brand, within=30.0)
    submitted = await author.submit_modal(opened.modal, form_values(), within=30.0)
    reply = await submitted.wait_for_message(within=30.0)
    for _ in range(8):
        labels = [str(c.get("label")) for c in reply.iter_components() if c.get("type") == 2]
        pick = next(
            (
                label
                for wanted in ("Publish", "Skip", "No, ", "Keep ", "I didn't contact them")
                for label in labels
                if label.startswith(wanted)
            ),
            None,
        )
        if pick is None:
            raise RuntimeError(f"the story's follow-ups offer nothing to click: {labels}")
        result = await author.click(reply, pick, within=30.0)
        reply = await result.wait_for_message(within=30.0)
        if pick == "Publish":
            return
    raise RuntimeError("the follow-ups never reached Publish")


async def set_up_floor(target: Target) -> None:
    """The floor needs no set-up but a message with a Relatable button in each server."""
    for server in target.servers.values():
        owner = target.standin.user("owner", server.guild)
        posted = await owner.run_command("post", in_channel="stories", within=30.0)
        await posted.wait_for_message(within=30.0)
        server.post = target.standin.messages(server.guild.channels["stories"])[-1]


async def fire(
    standin: StandIn, actions: Sequence[Callable[[], Awaitable[InteractionResult]]]
) -> list[InteractionResult]:
    """Send every action's interaction at once (no waiting), then wait for every first
    callback, late ones included (so "max" is a real time), up to `_PATIENCE`."""
    results = list(await asyncio.gather(*(action() for action in actions)))
    records = [r.record for r in results]
    with contextlib.suppress(StandInError):  # the missing ones count as never answered
        await wait_until(lambda: all(r.first_callback_at for r in records), _PATIENCE, str)
    return results


def latency(record: InteractionRecord) -> float:
    if record.first_callback_at is None:
        return math.inf
    return record.first_callback_at - record.dispatched_at


async def settle(standin: StandIn, quiet: float = 0.5, within: float = 30.0) -> None:
    """Wait until the bot has sent nothing for `quiet` seconds (its follow-ups and
    edits done), so one burst's backlog never counts against the next."""
    deadline = time.monotonic() + within
    seen, since = len(standin.requests), time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.05)
        if len(standin.requests) != seen:
            seen, since = len(standin.requests), time.monotonic()
        elif time.monotonic() - since >= quiet:
            return


class Runner:
    """Fires the five flows, in order, for `size` members of one server of one target."""

    def __init__(self, target: Target, server: str, size: int, run: int = 0) -> None:
        self.target = target
        self.round = run
        self.server = target.servers[server]
        self.actors = [target.actor(m, server) for m in target.members[:size]]
        self.forms: list[InteractionResult] = []

    async def run(self, flow: str) -> Burst:
        cpu_before = self.target.cpu_seconds()
        results = await fire(self.target.standin, self._actions(flow))
        if flow == "form":
            self.forms = results
        await settle(self.target.standin)
        cpu = self.target.cpu_seconds() - cpu_before
        return Burst(
            self.target.name,
            self.server.name,
            flow,
            len(self.actors),
            tuple(latency(r.record) for r in results),
            tuple(r.kind for r in results),
            cpu,
            self.round,
        )

    def _actions(self, flow: str) -> list[Callable[[], Awaitable[InteractionResult]]]:
        brand = self.server.brand
        if flow == "form":
            return [
                _later(a.run_command, "story great", brand=brand, wait=False) for a in self.actors
            ]
        if flow == "submit":
            opened = [
                (a, r) for a, r in zip(self.actors, self.forms, strict=True) if r.kind == "modal"
            ]
            return [_later(a.submit_modal, r.modal, form_values(), wait=False) for a, r in opened]
        if flow == "brand":
            return [_later(a.run_command, "brand", name=brand, wait=False) for a in self.actors]
        if flow == "leaderboard":
            return [_later(a.run_command, "leaderboard", wait=False) for a in self.actors]
        post = self.server.post
        assert post is not None
        button = next(
            str(c["custom_id"])
            for c in post.iter_components()
            if "relatable" in str(c.get("custom_id", ""))
        )
        return [_later(a.click, post, button, wait=False) for a in self.actors]


def _later(
    call: Callable[..., Awaitable[InteractionResult]], *args: Any, **kwargs: Any
) -> Callable[[], Awaitable[InteractionResult]]:
    return lambda: call(*args, **kwargs)

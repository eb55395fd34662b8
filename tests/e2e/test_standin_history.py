"""Stand-in: channel history paged the way Discord pages it, members' chatter, and
Discord's ``enforce_nonce`` de-duplication on a clock tests can move."""

from __future__ import annotations

import discord
import pytest

from standin import StandIn
from tests.e2e import standin_helpers
from tests.e2e.standin_helpers import Knobs
from tests.e2e.standin_raw import raw

knobs = standin_helpers.knobs
online = standin_helpers.online


def _text_channel(knobs: Knobs, standin: StandIn, name: str) -> discord.TextChannel:
    assert knobs.bot is not None
    channel = knobs.bot.get_channel(standin.channels[name].id)
    assert isinstance(channel, discord.TextChannel)
    return channel


async def test_history_pages_through_thousands_like_discord(online: StandIn, knobs: Knobs) -> None:
    channel = _text_channel(knobs, online, "general")
    first = await channel.send("the bot's post", nonce="post-1")
    chatter = await online.chatter("general", 2_345, author="bob")
    assert chatter[-1].content == "bob chatting, message 2345 of 2345"
    all_ids = [first.id] + [m.id for m in chatter]

    after = [m.id async for m in channel.history(after=first, limit=None)]
    assert after == all_ids[1:]  # oldest first, every one, no gaps, no repeats
    newest_first = [m.id async for m in channel.history(limit=None)]
    assert newest_first == all_ids[::-1]
    before = [m.id async for m in channel.history(before=chatter[150], limit=120)]
    assert before == all_ids[151 - 120 : 151][::-1]
    window = [m.id async for m in channel.history(after=chatter[9], before=chatter[20])]
    assert window == all_ids[11:21]  # with `after`, discord.py yields oldest first
    assert [m.author.id async for m in channel.history(limit=1)] == [online.users["bob"].id]
    pages = [r for r in online.requests if r.method == "GET" and r.path.endswith("/messages")]
    assert len(pages) >= 2 * 24  # 2,346 messages at 100 a page, twice


async def test_history_anchors_and_limits(online: StandIn) -> None:
    channel = online.channels["general"]
    ids = [m.id for m in await online.chatter(channel, 10)]
    path = f"/channels/{channel.id}/messages"

    default = await raw(online, "GET", path)
    assert [int(m["id"]) for m in default.json] == ids[::-1]  # default limit 50, newest first
    after = await raw(online, "GET", path, params={"after": str(ids[2]), "limit": "3"})
    assert [int(m["id"]) for m in after.json] == [ids[5], ids[4], ids[3]]
    before = await raw(online, "GET", path, params={"before": str(ids[5]), "limit": "2"})
    assert [int(m["id"]) for m in before.json] == [ids[4], ids[3]]
    around = await raw(online, "GET", path, params={"around": str(ids[5]), "limit": "4"})
    assert [int(m["id"]) for m in around.json] == [ids[7], ids[6], ids[5], ids[4]]
    one = await raw(online, "GET", path, params={"around": str(ids[5]), "limit": "1"})
    assert [int(m["id"]) for m in one.json] == [ids[5]]
    assert online.violations == []

    for params in ({"limit": "0"}, {"limit": "101"}, {"limit": "ten"}):
        refused = await raw(online, "GET", path, params=params)
        assert refused.status == 400
        assert refused.json["code"] == 50035
    mixed = await raw(online, "GET", path, params={"before": str(ids[5]), "after": str(ids[1])})
    assert mixed.status == 400
    found = online.take_violations()
    assert len(found) == 4
    assert "mutually exclusive" in found[-1]


async def test_nonce_dedupes_within_the_window_only(online: StandIn, knobs: Knobs) -> None:
    channel = _text_channel(knobs, online, "digest")
    first = await channel.send("weekly digest", nonce="digest-2026-48")
    again = await channel.send("weekly digest", nonce="digest-2026-48")
    assert again.id == first.id
    assert online.deduplicated == 1
    assert [m.content for m in online.messages("digest")] == ["weekly digest"]

    other = await channel.send("another", nonce="digest-2026-49")
    assert other.id != first.id
    online.clock.advance(online.nonce_window)  # a restart after downtime
    late = await channel.send("weekly digest", nonce="digest-2026-48")
    assert late.id != first.id
    assert online.deduplicated == 1
    assert len(online.messages("digest")) == 3

    online.nonce_window = 0  # "the nonce no longer protects" at all
    assert (await channel.send("x", nonce="n-0")).id != (await channel.send("x", nonce="n-0")).id
    assert online.deduplicated == 1


async def test_nonce_needs_enforce_and_the_same_author(online: StandIn) -> None:
    channel = online.channels["digest"]
    path = f"/channels/{channel.id}/messages"
    plain = {"content": "hi", "nonce": "same"}
    a = await raw(online, "POST", path, json=plain)
    b = await raw(online, "POST", path, json=plain)
    assert a.json["id"] != b.json["id"]  # without enforce_nonce Discord posts twice
    (chat,) = await online.chatter(channel, 1)  # a member's message with the same nonce
    chat.nonce = "mine"
    enforced = {"content": "hi", "nonce": "mine", "enforce_nonce": True}
    c = await raw(online, "POST", path, json=enforced)
    assert int(c.json["id"]) != chat.id  # ... does not count: it is not the bot's
    assert online.deduplicated == 0


@pytest.mark.parametrize("count", [0, 3])
async def test_chatter_counts(standin: StandIn, count: int) -> None:
    made = await standin.chatter("stories", count, author="alice")
    assert [m.author.id for m in standin.messages("stories")] == [standin.users["alice"].id] * count
    assert len(made) == count

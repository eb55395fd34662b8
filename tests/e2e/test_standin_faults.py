"""Stand-in: Discord's failures on demand (5xx, 503, 429, 403, outages lasting S seconds),
permissions enforced from roles and overwrites, and deleted channels."""

from __future__ import annotations

from collections.abc import Callable

import aiohttp
import discord
import pytest

from standin import StandIn
from standin.interactions import wait_until
from standin.state import Perm
from tests.e2e import standin_helpers
from tests.e2e.standin_helpers import Knobs
from tests.e2e.standin_raw import raw

knobs = standin_helpers.knobs
online = standin_helpers.online

POST = "/channels/{channel_id}/messages"


def _text_channel(knobs: Knobs, standin: StandIn, name: str) -> discord.TextChannel:
    assert knobs.bot is not None
    channel = knobs.bot.get_channel(standin.channels[name].id)
    assert isinstance(channel, discord.TextChannel)
    return channel


def _posts(standin: StandIn) -> list[int]:
    return [
        r.status for r in standin.requests if r.method == "POST" and r.path.endswith("/messages")
    ]


async def test_503_is_not_retried_by_discord_py(online: StandIn, knobs: Knobs) -> None:
    online.fail_next("POST", POST, status=503)
    with pytest.raises(discord.DiscordServerError) as failed:
        await _text_channel(knobs, online, "stories").send("story")
    assert failed.value.status == 503
    assert _posts(online) == [503]
    assert online.messages("stories") == []


async def test_429_with_via_is_waited_out_and_retried(online: StandIn, knobs: Knobs) -> None:
    fault = online.fail_next("POST", POST, status=429, retry_after=0.2)
    answer = await raw(
        online, "POST", f"/channels/{online.channels['stories'].id}/messages", json={"content": "x"}
    )
    assert answer.status == 429
    assert answer.json == {
        "message": "You are being rate limited.",
        "retry_after": 0.2,
        "global": False,
    }
    assert answer.headers["Retry-After"] == "1"
    assert answer.headers["Via"]
    assert answer.headers["X-RateLimit-Remaining"] == "0"
    assert float(answer.headers["X-RateLimit-Reset-After"]) == pytest.approx(0.2)
    assert fault.hits == 1

    online.fail_next("POST", POST, status=429, retry_after=0.2)
    sent = await _text_channel(knobs, online, "stories").send("story")
    assert _posts(online) == [429, 429, 200]
    assert [m.id for m in online.messages("stories")] == [sent.id]


async def test_429_without_via_is_a_cloudflare_ban_for_discord_py(
    online: StandIn, knobs: Knobs
) -> None:
    online.fail_next("POST", POST, status=429, via=False)
    with pytest.raises(discord.HTTPException) as failed:
        await _text_channel(knobs, online, "stories").send("story")
    assert failed.value.status == 429
    assert _posts(online) == [429]


@pytest.mark.parametrize(
    ("code", "text"), [(50013, "Missing Permissions"), (50001, "Missing Access")]
)
async def test_403_carries_discords_error_code(
    online: StandIn, knobs: Knobs, code: int, text: str
) -> None:
    online.fail_next("POST", POST, status=403, code=code)
    with pytest.raises(discord.Forbidden) as failed:
        await _text_channel(knobs, online, "stories").send("story")
    assert (failed.value.code, failed.value.text) == (code, text)
    assert online.messages("stories") == []


async def test_500s_for_thirty_seconds_of_standin_time(online: StandIn) -> None:
    path = f"/channels/{online.channels['stories'].id}/messages"
    fault = online.fail_for(30, "POST", POST)
    statuses = [(await raw(online, "POST", path, json={"content": "x"})).status for _ in range(3)]
    assert statuses == [500, 500, 500]
    online.clock.advance(29)
    assert (await raw(online, "POST", path, json={"content": "x"})).status == 500
    online.clock.advance(1)
    assert (await raw(online, "POST", path, json={"content": "x"})).status == 200
    assert fault.hits == 4
    assert len(online.messages("stories")) == 1
    assert (await raw(online, "GET", path)).status == 200  # other methods never matched


async def test_after_store_fault_keeps_the_message(online: StandIn) -> None:
    path = f"/channels/{online.channels['stories'].id}/messages"
    online.fail_next("POST", POST, status=503, after_store=True)
    answer = await raw(online, "POST", path, json={"content": "accepted"})
    assert answer.status == 503
    assert [m.content for m in online.messages("stories")] == ["accepted"]


async def test_removed_permissions_answer_403_and_restore(online: StandIn, knobs: Knobs) -> None:
    channel = online.channels["stories"]
    cached = _text_channel(knobs, online, "stories")
    posted = await cached.send("before")
    await online.revoke_bot_permission(channel, Perm.SEND_MESSAGES)
    await _until(lambda: not cached.permissions_for(cached.guild.me).send_messages)
    with pytest.raises(discord.Forbidden) as refused:
        await cached.send("refused")
    assert refused.value.code == 50013
    await posted.edit(content="edited anyway")  # Discord lets an author edit without Send
    assert [m.content for m in online.messages(channel)] == ["edited anyway"]

    await online.revoke_bot_permission(channel, Perm.READ_MESSAGE_HISTORY)
    with pytest.raises(discord.Forbidden) as history:
        [m async for m in cached.history(limit=5)]
    assert history.value.code == 50013

    await online.revoke_bot_permission(channel, Perm.VIEW_CHANNEL)
    for attempt in (cached.send("x"), posted.edit(content="y"), posted.delete()):
        with pytest.raises(discord.Forbidden) as hidden:
            await attempt
        assert hidden.value.code == 50001

    for perm in (Perm.VIEW_CHANNEL, Perm.READ_MESSAGE_HISTORY, Perm.SEND_MESSAGES):
        await online.restore_bot_permission(channel, perm)
    await _until(lambda: cached.permissions_for(cached.guild.me).send_messages)
    assert all(o.id != online.bot_user.id for o in channel.overwrites)
    await cached.send("after")
    assert [m.content for m in online.messages(channel)] == ["edited anyway", "after"]


async def test_role_overwrites_and_attach_files_are_enforced(online: StandIn) -> None:
    locked = online.channels["locked"]  # the bot's role is denied Send Messages there
    answer = await raw(online, "POST", f"/channels/{locked.id}/messages", json={"content": "x"})
    assert (answer.status, answer.json["code"]) == (403, 50013)
    await online.restore_bot_permission(locked, Perm.SEND_MESSAGES)  # only its own overwrite
    assert (
        await raw(online, "POST", f"/channels/{locked.id}/messages", json={"content": "x"})
    ).status == 403
    stories = online.channels["stories"]
    await online.revoke_bot_permission(stories, Perm.ATTACH_FILES)
    form = _file_form()
    upload = await raw(online, "POST", f"/channels/{stories.id}/messages", data=form)
    assert (upload.status, upload.json["code"]) == (403, 50013)
    assert online.messages(stories) == []
    text = await raw(online, "POST", f"/channels/{stories.id}/messages", json={"content": "ok"})
    assert text.status == 200  # without a file, Attach Files is not needed


async def test_deleted_channel_is_unknown(online: StandIn, knobs: Knobs) -> None:
    cached = _text_channel(knobs, online, "digest")
    await cached.send("old")
    await online.delete_channel(online.channels["digest"])
    for attempt in (cached.send("x"), cached.fetch_message(1)):
        with pytest.raises(discord.NotFound) as gone:
            await attempt
        assert (gone.value.code, gone.value.text) == (10003, "Unknown Channel")
    answer = await raw(online, "GET", f"/channels/{cached.id}/messages")
    assert answer.json == {"code": 10003, "message": "Unknown Channel"}


def _file_form() -> aiohttp.FormData:
    form = aiohttp.FormData(quote_fields=False)
    form.add_field("payload_json", '{"content": "file", "attachments": [{"id": 0}]}')
    form.add_field("files[0]", b"hello", filename="a.txt", content_type="text/plain")
    return form


async def _until(condition: Callable[[], bool]) -> None:
    await wait_until(condition, 2.0, lambda: "the bot never saw the channel update")

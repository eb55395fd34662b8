"""Stand-in tests: what the bot does wrong becomes a violation (Discord's limits, the
OpenAPI schema, interaction rules), and violations fail the test.
"""

from __future__ import annotations

import logging
import time

import discord
import pytest

from standin import StandIn
from standin import spec as standin_spec
from tests.e2e import standin_helpers
from tests.e2e.standin_helpers import Knobs, post_route, wait_for_violations
from tests.standin_fixtures import assert_no_violations

_log = logging.getLogger(__name__)

# The tiny bot's fixtures, bound here so that pytest finds them in this module.
knobs = standin_helpers.knobs
online = standin_helpers.online


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


def test_spec_validation_compiles_each_schema_once() -> None:
    """Checking a request is cheap because each route's schema is compiled once and reused.

    (How cheap is measured, not asserted: timings on a shared machine are noise.)
    """
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
    compiled = standin_spec.compiled_validators()
    runs = 50
    start = time.perf_counter()
    for _ in range(runs):
        assert standin_spec.validate_body(template, "post", body) == []
    _log.info("spec validation: %.2f ms per check", (time.perf_counter() - start) / runs * 1000)
    assert standin_spec.compiled_validators() == compiled


def test_fixture_teardown_fails_on_violations() -> None:
    server = StandIn()
    assert_no_violations(server)
    server.record_violation("POST /x: broken")
    with pytest.raises(pytest.fail.Exception, match="POST /x: broken"):
        assert_no_violations(server)
    assert server.take_violations() == ["POST /x: broken"]
    assert server.violations == []

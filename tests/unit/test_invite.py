"""The invite asks for exactly what the bot uses: what setup checks, nothing more."""

from __future__ import annotations

import discord
import pytest

from bot.invite import REQUIRED_PERMISSIONS, application_id_from_token, invite_url
from cogs.moderation.setup_checks import _CHANNELS
from tests.tokens import APPLICATION_ID, fake_bot_token


def test_the_invite_covers_every_permission_setup_checks() -> None:
    checked = {flag: True for *_, needed in _CHANNELS for flag in needed}
    assert discord.Permissions(**checked).value == REQUIRED_PERMISSIONS.value


def test_the_invite_asks_for_no_dangerous_permission() -> None:
    assert not REQUIRED_PERMISSIONS.administrator
    assert not REQUIRED_PERMISSIONS.mention_everyone
    assert not REQUIRED_PERMISSIONS.manage_messages
    assert REQUIRED_PERMISSIONS.value == 117760


def test_the_invite_url() -> None:
    url = invite_url(123)
    assert url == (
        "https://discord.com/oauth2/authorize?client_id=123"
        "&scope=bot+applications.commands&permissions=117760"
    )
    assert discord.utils.oauth_url(
        123, permissions=REQUIRED_PERMISSIONS, scopes=("bot", "applications.commands")
    ).endswith("permissions=117760")


def test_the_application_id_is_read_from_a_bot_token() -> None:
    assert application_id_from_token(fake_bot_token()) == APPLICATION_ID


@pytest.mark.parametrize("token", ["", "abc.def.ghi", "!!!.x.y", "bm90LWFuLWlk.x.y"])
def test_no_application_id_in_other_strings(token: str) -> None:
    assert application_id_from_token(token) is None

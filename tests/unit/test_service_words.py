"""The services' refusals and words are codes and facts, worded in English and French.

Each refusal is raised by the real service on a real SQLite file, then worded in both
languages the way the error path words it (`refusal_text`); nothing is stored by a
refusal. The delivery codes are what Discord's answers become (stored, not shown).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace

import aiohttp
import discord
import pytest

from bot.errors import UserFacingError
from bot.i18n import tr
from bot.i18n.refusals import refusal_text
from bot.services.lifecycle import LifecycleService
from bot.services.member_stories import ExportTooLarge, NoSuchStory
from bot.services.web_access import WebAccessService, WebChange
from bot.web.app import not_found_text
from cogs.delivery import as_failure
from storage.sqlite import Storage, open_storage
from tests.conftest import FakeClock

GUILD, MODERATOR = 1_100_000_000_000_000_001, 1_200_000_000_000_000_002


@pytest.fixture
async def storage(tmp_path: Path) -> AsyncIterator[Storage]:
    opened = await open_storage(tmp_path / "bot.db")
    yield opened
    await opened.close()


def in_both(error: UserFacingError) -> tuple[str, str]:
    return refusal_text("en", error), refusal_text("fr", error)


@pytest.mark.parametrize(
    ("change", "english", "french"),
    [
        (
            WebChange.OFF,
            "The web page is already off; nothing changed.",
            "La page web est déjà désactivée ; rien n'a changé.",
        ),
        (
            WebChange.NEW_ADDRESS,
            "This server has no web page yet: turn it on with `/storymod web action:on`.",
            "Ce serveur n'a pas encore de page web : activez-la avec `/storymod web action:on`.",
        ),
    ],
)
async def test_a_web_change_that_changes_nothing_is_refused_in_words_and_stores_nothing(
    storage: Storage, clock: FakeClock, change: WebChange, english: str, french: str
) -> None:
    service = WebAccessService(storage.web_pages, storage.audit_log, clock)
    with pytest.raises(UserFacingError) as refused:
        await service.change(GUILD, MODERATOR, change)
    assert refused.value.phrase is not None  # a code, not a sentence
    assert in_both(refused.value) == (english, french)
    assert await storage.web_pages.get(GUILD) is None
    assert await storage.audit_log.recent(GUILD) == []


async def test_turning_off_twice_is_refused_the_second_time_only(
    storage: Storage, clock: FakeClock
) -> None:
    service = WebAccessService(storage.web_pages, storage.audit_log, clock)
    await service.change(GUILD, MODERATOR, WebChange.ON)
    off = await service.change(GUILD, MODERATOR, WebChange.OFF)
    with pytest.raises(UserFacingError) as refused:
        await service.change(GUILD, MODERATOR, WebChange.OFF)
    assert refusal_text("fr", refused.value).startswith("La page web est déjà désactivée")
    assert await storage.web_pages.get(GUILD) == off
    assert len(await storage.audit_log.recent(GUILD)) == 2


async def test_an_empty_servers_export_is_refused_in_words_and_not_audited(
    storage: Storage, clock: FakeClock
) -> None:
    with pytest.raises(UserFacingError) as refused:
        await LifecycleService(storage, clock).export(GUILD, MODERATOR, 10_000_000)
    assert in_both(refused.value) == (
        "There are no stories in this server yet: nothing to export.",
        "Ce serveur n'a encore aucune histoire : rien à exporter.",
    )
    assert await storage.audit_log.recent(GUILD) == []


def test_a_members_refusals_are_worded_in_their_language() -> None:
    assert in_both(NoSuchStory(12)) == (
        "You have no story #12 in this server. `/story mine` lists yours.",
        "Vous n'avez pas d'histoire n° 12 sur ce serveur. `/story mine` liste les vôtres.",
    )
    english, french = in_both(ExportTooLarge())
    assert english.startswith("Your data is too large to send as one file here.")
    assert french.startswith("Vos données sont trop volumineuses")


def test_the_export_files_first_line_and_the_web_404_in_both_languages() -> None:
    assert tr("en", "my-data-about") == (
        "Everything Experience It stores about you, in every server."
    )
    assert tr("fr", "my-data-about") == (
        "Tout ce qu'Experience It conserve sur vous, sur tous les serveurs."
    )
    assert not_found_text("en") == "Not found."
    assert not_found_text("fr") == "Page introuvable."
    assert not_found_text() == "Not found. / Page introuvable."  # no server, no language


def test_a_failed_send_is_stored_as_a_code() -> None:
    response = SimpleNamespace(status=503, reason="Service Unavailable")
    answered = as_failure(discord.HTTPException(response, {"code": 0, "message": "x"}), 7)
    assert str(answered) == "answered:503:0"
    unreachable = as_failure(aiohttp.ServerDisconnectedError(), 7)
    assert str(unreachable) == "unreachable:ServerDisconnectedError"
    forbidden = discord.Forbidden(SimpleNamespace(status=403, reason="Forbidden"), {"code": 50013})
    assert str(as_failure(forbidden, 7)) == "forbidden:7:50013"

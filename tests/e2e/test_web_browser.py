"""The web pages in a real browser: Debian's Chromium driven by Playwright.

Skipped only when Chromium is not installed on this machine; `.ci/run` installs it and
sets REQUIRE_BROWSER=1, so in CI a missing browser fails instead of skipping.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio

from bot.services.web_access import WebChange
from tests.e2e.conftest import App
from tests.e2e.web_helpers import HOSTILE_HEADLINE, seeded_server, serving, turn_on

log = logging.getLogger(__name__)

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None and os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.skip(
        "Debian's chromium is not installed here (apt-get install chromium; CI installs it)",
        allow_module_level=True,
    )

from playwright.async_api import (  # noqa: E402
    Browser,
    ConsoleMessage,
    Page,
    ViewportSize,
    async_playwright,
)

PHONE: ViewportSize = {"width": 390, "height": 844}
# What works on this machine as root with no network (TRAPS.md, the library's notes).
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest_asyncio.fixture
async def browser() -> AsyncIterator[Browser]:
    assert CHROMIUM is not None, "REQUIRE_BROWSER=1 but chromium is not installed"
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield launched
        finally:
            await launched.close()


async def _phone_page(browser: Browser) -> tuple[Page, list[str]]:
    page = await browser.new_page(viewport=PHONE, java_script_enabled=True)
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        problems.append(f"console {message.type}: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    return page, problems


async def test_a_seeded_servers_pages_in_a_phone_sized_browser(
    app: App, browser: Browser, tmp_path: Path
) -> None:
    stories = await seeded_server(app)
    token = await turn_on(app)
    async with serving(app) as site:
        page, problems = await _phone_page(browser)
        response = await page.goto(f"{site.base}/s/{token}/?period=month")
        assert response is not None
        assert response.status == 200
        best = page.locator("section.best li")
        worst = page.locator("section.worst li")
        assert (await best.first.inner_text()).startswith("Porter Airlines")
        assert (await worst.first.inner_text()).startswith("Rogers")
        assert "Rogers" not in await page.locator("section.best").inner_text()

        overview_shot = tmp_path / "overview-phone.png"
        await page.screenshot(path=str(overview_shot), full_page=True)
        log.warning("Screenshot of the overview at phone width: %s", overview_shot)

        await page.locator("section.worst li a", has_text="Rogers").first.click()
        await page.wait_for_load_state()
        assert await page.locator("h1").inner_text() == "Rogers"
        headlines = await page.locator("article.story h3").all_inner_texts()
        # Newest first; the hidden story is not there; the hostile one is plain text.
        assert headlines[0] == f"💥 {HOSTILE_HEADLINE}"
        assert not any("hidden by moderators" in h for h in headlines)
        body = await page.locator("article.story .body").first.inner_text()
        assert body.startswith('"><img src=x onerror=')
        assert body.endswith("THE END")
        assert await page.locator("main img").count() == 0
        assert await page.locator("main script").count() == 0
        assert await page.title() != "pwned"
        # Nothing of the authors: no user id, and an anonymous story looks like the rest.
        text = await page.locator("body").inner_text()
        for user in app.standin.users.values():
            assert str(user.id) not in text
        assert await page.locator("svg.chart rect").count() >= 1
        # Readable on a phone: nothing wider than the screen.
        width = await page.evaluate("document.documentElement.scrollWidth")
        wide = await page.evaluate(
            "[...document.querySelectorAll('body *')].filter(e => "
            "e.scrollWidth > e.clientWidth + 1).map(e => e.tagName + '.' + "
            "e.className + ' ' + e.textContent.slice(0, 40))"
        )
        assert width <= PHONE["width"], wide
        shot = tmp_path / "brand-page-phone.png"
        await page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 1000
        log.warning("Screenshot of the brand page at phone width: %s", shot)
        print(f"screenshot: {shot}")  # noqa: T201 (the artifact's path, for the reader)
        assert problems == []
        assert stories["hostile"].anonymous


async def test_the_browser_gets_404_when_off_or_rotated(app: App, browser: Browser) -> None:
    await seeded_server(app)
    token = await turn_on(app)
    moderator = app.standin.users["moderator"].id
    async with serving(app) as site:
        page, problems = await _phone_page(browser)
        assert (await page.goto(f"{site.base}/s/{token}/")).status == 200  # type: ignore[union-attr]
        await app.bot.web_access.change(app.guild_id, moderator, WebChange.NEW_ADDRESS)
        assert (await page.goto(f"{site.base}/s/{token}/")).status == 404  # type: ignore[union-attr]
        await app.bot.web_access.change(app.guild_id, moderator, WebChange.OFF)
        current = await app.storage.web_pages.get(app.guild_id)
        assert current is not None
        assert (await page.goto(f"{site.base}/s/{current.token}/")).status == 404  # type: ignore[union-attr]
        assert await page.locator("body").inner_text() == "Not found. / Page introuvable."
        assert [p for p in problems if "404" not in p] == []

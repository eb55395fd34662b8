"""pytest fixtures: import them into a conftest.py (``from tests.standin_fixtures import *``).

``standin`` yields a started StandIn and fails the test at teardown if the bot committed any
violation. Tests that provoke violations on purpose call ``standin.take_violations()``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from standin.server import StandIn

__all__ = ["assert_no_violations", "standin"]


def assert_no_violations(server: StandIn) -> None:
    """Fail the current test, listing every rule the bot broke."""
    if server.violations:
        listing = "\n  - ".join(server.violations)
        pytest.fail(f"the bot broke Discord's rules:\n  - {listing}", pytrace=False)


@pytest_asyncio.fixture
async def standin() -> AsyncIterator[StandIn]:
    server = StandIn()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()
    assert_no_violations(server)

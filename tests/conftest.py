"""Fixtures shared by every level of tests."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from tests.postgres_server import (  # noqa: F401  (a throwaway PostgreSQL server)
    empty_pg_database,
    postgres_dsn,
)
from tests.standin_fixtures import standin  # noqa: F401  (fixture re-exported for e2e tests)

# The tests' clock is the demo's: moved by hand, read by the bot through `bot.clock`.
FakeClock = ManualClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))

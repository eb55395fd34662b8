"""Fixtures shared by every level of tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.postgres_server import (  # noqa: F401  (a throwaway PostgreSQL server)
    empty_pg_database,
    postgres_dsn,
)
from tests.standin_fixtures import standin  # noqa: F401  (fixture re-exported for e2e tests)


class FakeClock:
    """A clock the test moves by hand; the bot reads it through `bot.clock`."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))

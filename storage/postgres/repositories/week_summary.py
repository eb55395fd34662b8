"""The digest's week figures on PostgreSQL: only the new brands' order is spelled otherwise."""

from __future__ import annotations

from storage.postgres.dialect import CASE_BLIND_ORDER
from storage.repositories.week_summary import SqliteWeekSummaryRepository


class PostgresWeekSummaryRepository(SqliteWeekSummaryRepository):
    case_blind_order = CASE_BLIND_ORDER

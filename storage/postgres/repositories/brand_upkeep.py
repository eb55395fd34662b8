"""Moderators' brand changes on PostgreSQL: only the aliases' order is spelled otherwise."""

from __future__ import annotations

from storage.postgres.dialect import CASE_BLIND_ORDER
from storage.repositories.brand_upkeep import SqliteBrandUpkeepRepository


class PostgresBrandUpkeepRepository(SqliteBrandUpkeepRepository):
    case_blind_order = CASE_BLIND_ORDER

"""`fetch_tuples`: the same rows as `fetch_all`, by position, on both engines; and on
SQLite the reader's named rows are back for every read after it, even after an error."""

from __future__ import annotations

import sqlite3

import asyncpg
import pytest

from storage.sqlite import Storage

SQL = "SELECT CAST(:a AS INTEGER) AS a, CAST(:b AS TEXT) AS b"


async def test_plain_rows_are_the_named_rows_by_position(storage: Storage) -> None:
    database = storage.database
    params = {"a": 7, "b": "seven"}
    for _ in range(3):  # every reader of the pool, and the first again
        plain = await database.fetch_tuples(SQL, params)
        assert [tuple(row) for row in plain] == [(7, "seven")]
        named = await database.fetch_all(SQL, params)
        assert [(row["a"], row["b"]) for row in named] == [(7, "seven")]
    with pytest.raises((sqlite3.Error, asyncpg.PostgresError)):
        await database.fetch_tuples("SELECT no_such_column FROM no_such_table")
    row = await database.fetch_one(SQL, params)
    assert row is not None
    assert row["b"] == "seven"
    async with database.transaction():  # inside a write: the task's own writer
        assert [tuple(r) for r in await database.fetch_tuples(SQL, params)] == [(7, "seven")]
        row = await database.fetch_one(SQL, params)
        assert row is not None
        assert row["a"] == 7

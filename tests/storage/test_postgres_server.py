"""The throwaway PostgreSQL server the PostgreSQL tests run on (tests/postgres_server.py)."""

from __future__ import annotations

import asyncpg
import pytest

from tests.postgres_server import PostgresCluster, require_postgres_bin_dir


async def test_asyncpg_connects_and_runs_select_1(postgres_dsn: str) -> None:
    connection = await asyncpg.connect(postgres_dsn)
    try:
        assert await connection.fetchval("SELECT 1") == 1
        assert await connection.fetchval("SHOW server_encoding") == "UTF8"
        assert await connection.fetchval("SHOW listen_addresses") == ""
    finally:
        await connection.close()


async def test_a_cluster_is_stopped_and_its_folder_removed() -> None:
    with PostgresCluster(require_postgres_bin_dir()) as cluster:
        connection = await asyncpg.connect(cluster.dsn)
        await connection.close()
        folder = cluster.folder
        assert (folder / "data" / "postmaster.pid").exists()
    assert not folder.exists()
    with pytest.raises(FileNotFoundError):  # the socket went with the folder
        await asyncpg.connect(cluster.dsn, timeout=2)


def test_missing_binaries_skip_unless_required(monkeypatch: pytest.MonkeyPatch) -> None:
    nowhere = "/nonexistent/postgresql/*/bin"
    monkeypatch.delenv("REQUIRE_POSTGRES", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install postgresql"):
        require_postgres_bin_dir(nowhere)
    monkeypatch.setenv("REQUIRE_POSTGRES", "1")
    with pytest.raises(pytest.fail.Exception, match="REQUIRE_POSTGRES is set but no PostgreSQL"):
        require_postgres_bin_dir(nowhere)

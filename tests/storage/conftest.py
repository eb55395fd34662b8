"""The storage contract tests run on both engines: `storage` is parametrised by `engine`.

Every test that takes the `storage` fixture runs once on SQLite (a file in a temporary
folder) and once on PostgreSQL (a new database on the session's throwaway server, see
tests/postgres_server.py), unchanged. A module or test marked
`@pytest.mark.sqlite_only("why")` runs on SQLite alone: it reads the SQLite file itself
(its pages, its query plans) or builds its own databases.
Without PostgreSQL binaries the postgres runs skip with the reason, and fail when
REQUIRE_POSTGRES is set (CI).
"""

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from storage.postgres.assemble import storage_on
from storage.postgres.database import PostgresDatabase
from storage.sqlite import Storage, open_storage
from tests.postgres_server import dsn_for

ENGINES = ("sqlite", "postgres")
# A migrated database cloned for each test (CREATE DATABASE … TEMPLATE): cheaper than
# applying the schema again every time.
_TEMPLATE = "storage_contract_template"
_templates_made: set[str] = set()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "sqlite_only(reason): a storage test that runs on SQLite only, and why"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" not in metafunc.fixturenames:
        return
    only_sqlite = metafunc.definition.get_closest_marker("sqlite_only") is not None
    metafunc.parametrize("engine", ENGINES[:1] if only_sqlite else ENGINES)


def _socket_folder(dsn: str) -> str:
    return dsn.split("host=", 1)[1].split("&", 1)[0]


async def _new_pg_database(server_dsn: str, name: str) -> str:
    admin = await asyncpg.connect(server_dsn)
    try:
        if server_dsn not in _templates_made:
            await admin.execute(f'DROP DATABASE IF EXISTS "{_TEMPLATE}"')
            await admin.execute(f'CREATE DATABASE "{_TEMPLATE}"')
            migrated = await PostgresDatabase.open(dsn_for(_socket_folder(server_dsn), _TEMPLATE))
            await migrated.close()
            _templates_made.add(server_dsn)
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{_TEMPLATE}"')
    finally:
        await admin.close()
    return dsn_for(_socket_folder(server_dsn), name)


async def _drop_pg_database(server_dsn: str, name: str) -> None:
    admin = await asyncpg.connect(server_dsn)
    try:
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture
async def storage(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> AsyncIterator[Storage]:
    if engine == "sqlite":
        opened = await open_storage(tmp_path / "bot.db")
        yield opened
        await opened.close()
        return
    server_dsn: str = request.getfixturevalue("postgres_dsn")
    name = f"contract_{tmp_path.name.lower().replace('-', '_')[:40]}_{id(tmp_path):x}"
    database = await PostgresDatabase.open(await _new_pg_database(server_dsn, name))
    try:
        yield storage_on(database)
    finally:
        await database.close()
        await _drop_pg_database(server_dsn, name)

"""A throwaway PostgreSQL server for tests: a real cluster in a temporary folder.

Debian's `postgresql` package starts no server by itself in CI, and `initdb` / `pg_ctl`
refuse to run as root, so as root the cluster belongs to the unprivileged `postgres`
user (the package creates it) and every server command runs as that user. The server
listens on a Unix socket in the cluster's folder only (no TCP port to collide with
another test run on a shared machine), trusts local connections, and runs without
fsync: it is thrown away with its folder when the tests end.

`postgres_dsn` (session-scoped) yields a DSN for asyncpg. When no PostgreSQL binaries are
installed the tests that need it are skipped with the reason, unless REQUIRE_POSTGRES
is set (CI sets it), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import TracebackType

import asyncpg
import pytest
import pytest_asyncio

__all__ = ["PostgresCluster", "empty_pg_database", "postgres_bin_dir", "postgres_dsn"]

BIN_GLOB = "/usr/lib/postgresql/*/bin"
SERVER_USER = "postgres"
PORT = 5432  # only names the socket file; nothing listens on TCP
START_TIMEOUT_S = 30


def postgres_bin_dir(pattern: str = BIN_GLOB) -> Path | None:
    """The newest installed server's binaries (Debian keeps them off PATH), or None."""
    found = [
        p
        for p in Path("/").glob(pattern.lstrip("/"))
        if (p / "initdb").exists() and (p / "pg_ctl").exists()
    ]

    def version(path: Path) -> tuple[int, ...]:
        parts = path.parent.name.split(".")
        return tuple(int(p) for p in parts if p.isdigit())

    return max(found, key=version) if found else None


def dsn_for(socket_folder: Path | str, database: str) -> str:
    return f"postgresql://{SERVER_USER}@/{database}?host={socket_folder}&port={PORT}"


class PostgresCluster:
    """`initdb` + `pg_ctl start` in a temporary folder; `stop` ends it and removes it all."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="experience-it-pg-"))
        self.data = self.folder / "data"
        self.log = self.folder / "server.log"
        self._user = SERVER_USER if os.geteuid() == 0 else None
        if self._user is not None:
            entry = pwd.getpwnam(self._user)
            os.chown(self.folder, entry.pw_uid, entry.pw_gid)

    @property
    def dsn(self) -> str:
        return dsn_for(self.folder, "postgres")

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            user=self._user,
            capture_output=True,
            text=True,
            check=False,
            timeout=START_TIMEOUT_S + 30,
        )
        if result.returncode != 0:
            server_log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr.strip()}\n{server_log}"
            )

    def start(self) -> PostgresCluster:
        self._run(
            "initdb",
            "--pgdata",
            str(self.data),
            "--username",
            SERVER_USER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )
        self.resume()
        return self

    def pause(self) -> None:
        """Stop the server at once, keeping its data: a crash, a failover, a restart."""
        self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")

    def resume(self) -> None:
        """Start the paused server again on the same data."""
        options = f"-c listen_addresses='' -k {self.folder} -p {PORT} -F"
        self._run(
            "pg_ctl",
            "start",
            "--pgdata",
            str(self.data),
            "--log",
            str(self.log),
            "--options",
            options,
            "--wait",
            "--timeout",
            str(START_TIMEOUT_S),
        )

    def stop(self) -> None:
        """Stop at once (nothing in it is worth a clean shutdown) and remove the folder."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "stop", "--pgdata", str(self.data), "--mode", "immediate")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresCluster:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def require_postgres_bin_dir(pattern: str = BIN_GLOB) -> Path:
    """The binaries, or a skip with the reason (a failure when REQUIRE_POSTGRES is set)."""
    bin_dir = postgres_bin_dir(pattern)
    if bin_dir is None:
        reason = (
            f"no PostgreSQL server binaries under {pattern} "
            "(install the Debian package: apt-get install postgresql)"
        )
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return bin_dir


@pytest.fixture(scope="session")
def postgres_dsn() -> Iterator[str]:
    """One throwaway server for the whole run; tests make their own databases in it."""
    with PostgresCluster(require_postgres_bin_dir()) as cluster:
        yield cluster.dsn


@pytest_asyncio.fixture
async def empty_pg_database(postgres_dsn: str) -> AsyncIterator[str]:
    """A new, empty database on the session's server, dropped after the test."""
    name = f"test_{secrets.token_hex(6)}"
    admin = await asyncpg.connect(postgres_dsn)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        socket_folder = postgres_dsn.split("host=", 1)[1].split("&", 1)[0]
        yield dsn_for(socket_folder, name)
        await admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    finally:
        await admin.close()

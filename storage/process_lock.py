"""One bot process per SQLite file: an OS lock on a side file, held for the process's life.

SQLite is the single-process default. Two bot processes on one file would both run the
scheduled work of every server (and, before the digest's leases, posted a digest twice),
so the second refuses to start with one line saying why. The lock is `flock` on
`<database>.lock`: the kernel releases it when the process ends in any way (SIGKILL and
power cuts included), so a restart never finds a stale lock, and no pid is trusted.
The file holds the holder's pid, only to name it in the message.

Only the running bot takes it. `python -m bot check` (read-only) and `backup` (SQLite's
online backup, consistent beside a writer) work beside a running bot on purpose; the web
pages' own connection is in the bot's process. Several processes on one database are
what PostgreSQL (`DATABASE_URL`) is for.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from pathlib import Path

from storage.errors import StorageError


class DatabaseInUse(StorageError):
    """Another bot process holds the database file."""


def lock_path(database: Path) -> Path:
    return database.with_name(database.name + ".lock")


@contextlib.contextmanager
def only_process(database: Path) -> Iterator[None]:
    """Hold the database's process lock for the block; DatabaseInUse if another holds it."""
    path = lock_path(database)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StorageError(f"cannot open the database at {database}: {exc}") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "unknown"
            raise DatabaseInUse(
                f"{database} is in use by another bot process (pid {holder}): SQLite serves "
                "one process; stop that one first, or use PostgreSQL (DATABASE_URL) to run "
                "several"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing the only descriptor releases the lock

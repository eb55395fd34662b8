"""The real bot as its own operating-system process, logged in to this stand-in.

Crash tests and benchmarks need what an in-process bot cannot give: a SIGKILL at any
moment, a restart on the same database file, and the bot's own CPU apart from the
stand-in's. `BotProcess` runs `python -m bot` exactly as an operator would, pointed at
the stand-in by the `DISCORD_API_BASE` and `DISCORD_GATEWAY_URL` settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from pathlib import Path
from types import TracebackType

from .interactions import wait_until
from .server import StandIn


class BotProcess:
    """`python -m bot` on `database`, with its log in `log_path`.

    `module` runs another bot the same way (the burst benchmark's bare discord.py floor).
    Several may run at once when each has its own shards (`SHARD_COUNT` and `SHARD_IDS`
    in `env`); `start` then waits for its own shards only.
    """

    def __init__(
        self,
        standin: StandIn,
        database: Path,
        *,
        log_path: Path | None = None,
        env: dict[str, str] | None = None,
        module: str = "bot",
    ) -> None:
        self.standin = standin
        self.database = database
        self.log_path = log_path or database.with_suffix(".log")
        self.extra_env = env or {}
        self.module = module  # another bot (a benchmark's floor) runs the same way
        self.process: asyncio.subprocess.Process | None = None
        self.starts = 0

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("DISCORD_")}
        env.update(
            DISCORD_TOKEN=self.standin.token,
            DATABASE_PATH=str(self.database),
            DISCORD_API_BASE=self.standin.api_base,
            DISCORD_GATEWAY_URL=self.standin.gateway_url,
            LOG_LEVEL="INFO",
            PYTHONUNBUFFERED="1",
        )
        env.update(self.extra_env)
        return env

    async def start(self, *, ready_within: float = 20.0) -> BotProcess:
        """Start the bot and wait until it has identified on the gateway and is ready."""
        if self.process is not None and self.process.returncode is None:
            raise RuntimeError("the bot process is already running")
        identified = self.standin.gateway.identify_count
        self.starts += 1
        log = self.log_path.open("ab")
        try:
            # The database's folder as working directory: no stray `.env` is read.
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                self.module,
                cwd=self.database.parent,
                env=self.environment(),
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
            )
        finally:
            log.close()
        process = self.process
        await wait_until(
            lambda: (
                process.returncode is not None
                or (self.standin.gateway.identify_count > identified and self._shards_ready())
            ),
            ready_within,
            lambda: f"the bot process was not ready within {ready_within}s; see {self.log_path}",
        )
        if process.returncode is not None:
            raise RuntimeError(
                f"the bot process exited with {process.returncode}; see {self.log_path}"
            )
        return self

    def own_shards(self) -> list[int] | None:
        """The shard ids this process runs, from its env (None: every shard)."""
        env = self.environment()
        if env.get("SHARD_IDS"):
            return [int(part) for part in env["SHARD_IDS"].split(",")]
        if env.get("SHARD_COUNT"):
            return list(range(int(env["SHARD_COUNT"])))
        return None

    def _shards_ready(self) -> bool:
        shards = self.own_shards()
        gateway = self.standin.gateway
        return gateway.ready.is_set() if shards is None else gateway.shards_ready(shards)

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a power cut or the OOM killer would do."""
        await self._signal(signal.SIGKILL)

    async def stop(self, *, within: float = 10.0) -> int | None:
        """SIGINT, as Ctrl-C or a supervisor would; SIGKILL if it does not end in time."""
        await self._signal(signal.SIGINT, within=within)
        return None if self.process is None else self.process.returncode

    async def _signal(self, sig: signal.Signals, *, within: float = 10.0) -> None:
        process = self.process
        if process is None or process.returncode is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)
        try:
            await asyncio.wait_for(process.wait(), within)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
            await process.wait()

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    async def __aenter__(self) -> BotProcess:
        return await self.start()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.stop()

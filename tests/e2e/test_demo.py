"""`python -m bot demo` runs to completion, as a newcomer would start it, and shows the bot."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.demo.runner import play

ROOT = Path(__file__).resolve().parents[2]


def section(html: str, anchor: str) -> str:
    match = re.search(rf'<section id="{anchor}">(.*?)</section>', html, re.S)
    assert match is not None, f"no section {anchor!r} in the transcript"
    return match.group(1)


def test_the_demo_writes_a_transcript_of_what_everyone_saw(tmp_path: Path) -> None:
    # From an empty folder without any setting: the demo needs no token.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "DATABASE_"))}
    env["PYTHONPATH"] = str(ROOT)
    output = tmp_path / "out" / "demo.html"
    result = subprocess.run(
        [sys.executable, "-m", "bot", "demo", "--output", str(output), "--seed", "3"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert str(output) in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"], "only the transcript is left"
    html = output.read_text("utf-8")

    assert "Thanks for adding me!" in section(html, "general")
    stories = section(html, "stories")
    assert stories.count('class="msg"') == 27  # three weeks of nine stories
    for seen in ("Great experience", "Disaster", "Relatable", "Report"):
        assert seen in stories
    digests = section(html, "digest")
    assert digests.count("Weekly digest — week of") == 3
    assert digests.count('src="data:image/png;base64,') == 3  # the charts, inlined
    assert "Moderators' highlights" in digests
    mods = section(html, "mods")
    assert "was reported by" in mods
    assert "Highlight" in mods
    private = section(html, "private-answers")
    assert "Did you mean" in private
    assert "Only moderator can see this" in private
    assert "Your stories in this server" in private
    assert "<script" not in html.lower()
    assert "https://cdn.standin.invalid" not in html, "images must be inlined"


async def test_the_demo_reaches_nothing_beyond_this_machine(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every connection and name lookup the demo makes stays on the loopback interface."""
    attempts: list[str] = []
    real_connect = socket.socket.connect
    real_getaddrinfo = socket.getaddrinfo

    def connect(self: socket.socket, address: Any) -> None:
        attempts.append(str(address))
        if not _loopback(address):
            raise OSError(f"the demo tried to reach {address}")
        real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        attempts.append(str(host))
        if host not in ("127.0.0.1", "localhost", "::1", None):
            raise OSError(f"the demo looked up {host}")
        return real_getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    html = await play(seed=11)
    assert "Weekly digest — week of" in html
    assert attempts, "the guard saw no connection at all"
    assert all("127.0.0.1" in a or "localhost" in a for a in attempts), attempts


def _loopback(address: Any) -> bool:
    host = address[0] if isinstance(address, tuple) else str(address)
    return str(host).startswith("127.") or host in ("::1", "localhost")


def test_an_output_the_demo_cannot_write_is_one_line_before_anything_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert main(["demo", "--output", str(blocker / "demo.html")]) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith(f"experience-it demo: cannot write {blocker / 'demo.html'}: ")
    assert captured.err.count("\n") == 1
    assert captured.out == ""

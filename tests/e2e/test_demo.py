"""`python -m bot demo` runs to completion, as a newcomer would start it, and shows the bot."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

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

"""The systemd unit: valid for systemd, and its restart policy matches the exit codes."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.run import ExitCode
from bot.version import __version__

ROOT = Path(__file__).resolve().parents[2]
UNIT = ROOT / "deploy" / "experience-it.service"
INSTALLED_AT = "/opt/experience-it"


def service_section() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text())
    return parser["Service"]


def test_the_restart_policy_matches_the_exit_codes() -> None:
    service = service_section()
    assert service["Restart"] == "on-failure"
    never = {int(code) for code in service["RestartPreventExitStatus"].split()}
    assert never == {ExitCode.SETTINGS, ExitCode.TOKEN_REJECTED}
    assert ExitCode.FAILED not in never
    assert service["ExecStart"].endswith("-m bot run")
    assert service["WorkingDirectory"] == INSTALLED_AT
    assert service["EnvironmentFile"] == f"{INSTALLED_AT}/.env"
    assert service["KillSignal"] == "SIGINT"  # the bot's clean stop


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not here")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    # systemd checks that ExecStart exists: lay out an installation in a temporary folder.
    root = tmp_path / "experience-it"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / "data").mkdir()
    (root / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (root / ".env").write_text("DISCORD_TOKEN=\n")
    unit = tmp_path / "experience-it.service"
    unit.write_text(UNIT.read_text().replace(INSTALLED_AT, str(root)))
    result = subprocess.run(
        ["systemd-analyze", "verify", str(unit)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # verify exits 0 even for values it ignores; it warns on stderr, which must stay empty.
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_the_changelog_has_a_section_for_this_version() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## [{__version__}]" in changelog
    assert "MIT License" in (ROOT / "LICENSE").read_text()

"""The pinned, hashed lists in requirements/ agree with pyproject.toml.

Whoever adds a dependency to pyproject.toml must regenerate them (`bash tools/lock`);
this test names the package that is missing or pinned outside its range.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)", re.M)
FIX = "run `bash tools/lock` and commit requirements/"


def pins(name: str) -> dict[str, str]:
    text = (ROOT / "requirements" / name).read_text()
    found: dict[str, str] = {canonicalize_name(n): v for n, v in PIN.findall(text)}
    unhashed = [
        block.split("==")[0]
        for block in re.split(r"\n(?=\S)", text)
        if PIN.match(block) and "--hash=sha256:" not in block
    ]
    assert not unhashed, f"requirements/{name}: pins without a hash: {unhashed}; {FIX}"
    return found


def project() -> dict[str, list[str]]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {"run": data["dependencies"], "dev": data["optional-dependencies"]["dev"]}


def wanted(lock: str) -> list[str]:
    deps = project()
    return deps["run"] if lock == "run.txt" else [*deps["run"], *deps["dev"]]


@pytest.mark.parametrize("lock", ["run.txt", "dev.txt"])
def test_every_dependency_is_pinned_within_its_range(lock: str) -> None:
    pinned = pins(lock)
    problems = []
    for line in wanted(lock):
        requirement = Requirement(line)
        version = pinned.get(canonicalize_name(requirement.name))
        if version is None:
            problems.append(f"{line} is in pyproject.toml but not in requirements/{lock}")
        elif not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{line} is pinned to {version} in requirements/{lock}")
    assert not problems, "; ".join(problems) + f": {FIX}"


def test_the_run_list_carries_no_development_tools() -> None:
    pinned = pins("run.txt")
    for line in project()["dev"]:
        assert canonicalize_name(Requirement(line).name) not in pinned


def test_the_build_backend_is_pinned_for_installs_without_build_isolation() -> None:
    for lock in ("run.txt", "dev.txt"):
        assert "setuptools" in pins(lock), f"requirements/{lock} lacks setuptools: {FIX}"

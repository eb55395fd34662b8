"""The layers stay apart: the domain is pure, services and storage never do Discord I/O,
and nothing in `bot/` imports a cog (the core loads the `cogs` package by name).

Imports under `if TYPE_CHECKING:` are type hints only and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# folder -> modules (and their submodules) it must not import at run time
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "bot": ("cogs",),
    "bot/domain": ("discord", "aiosqlite", "asyncpg", "aiohttp", "storage", "bot.services"),
    "bot/services": ("discord", "aiosqlite", "asyncpg"),
    "storage": ("cogs", "discord", "bot.services"),
}


def runtime_imports(source: str) -> list[str]:
    """Absolute modules a source file imports outside `if TYPE_CHECKING:` blocks."""
    tree = ast.parse(source)
    hints_only: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            hints_only.update(id(inner) for inner in ast.walk(node))
    modules: list[str] = []
    for node in ast.walk(tree):
        if id(node) in hints_only:
            continue
        if isinstance(node, ast.Import):
            modules.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.append(node.module)
    return modules


def crossings(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for module in runtime_imports(path.read_text(encoding="utf-8")):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(ROOT)} imports {module}")
    return found


@pytest.mark.parametrize("folder", sorted(FORBIDDEN))
def test_no_layer_imports_what_it_must_not(folder: str) -> None:
    assert crossings(folder, FORBIDDEN[folder]) == []


def test_the_scan_sees_an_import_and_ignores_type_hints() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "import discord.ui\n"
        "from cogs.stories import x\n"
        "if TYPE_CHECKING:\n"
        "    from cogs.digest import y\n"
    )
    assert runtime_imports(source) == ["typing", "discord.ui", "cogs.stories"]

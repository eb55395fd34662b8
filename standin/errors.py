"""Error types and Discord's error-body shapes."""

from __future__ import annotations

from typing import Any

from .limits import Path


class StandInError(AssertionError):
    """A test asked the stand-in for something a real user could not do, or waited in vain.

    Subclasses AssertionError so pytest reports it as a test failure, not a crash.
    """


def discord_error(code: int, message: str) -> dict[str, Any]:
    return {"code": code, "message": message}


def form_errors(problems: list[tuple[Path, str]]) -> dict[str, Any]:
    """Discord's nested "Invalid Form Body" shape: errors.<path>._errors[]."""
    tree: dict[str, Any] = {}
    for path, message in problems:
        node = tree
        for part in path:
            node = node.setdefault(str(part), {})
        node.setdefault("_errors", []).append({"code": "STANDIN_INVALID", "message": message})
    return {"code": 50035, "message": "Invalid Form Body", "errors": tree}

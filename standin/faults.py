"""Fault injection: make the next N matching requests fail, before or after they take effect."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def _compile(path: str) -> re.Pattern[str]:
    """Accept a spec-style template ("/channels/{channel_id}/messages") or a regex."""
    if "{" in path:
        parts = [
            "[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p)
            for p in path.strip("/").split("/")
        ]
        return re.compile("^/" + "/".join(parts) + "$")
    return re.compile(path)


@dataclass
class Fault:
    """One armed fault. ``after_store`` simulates "Discord accepted it, then the edge 5xx'd"."""

    method: str
    pattern: re.Pattern[str]
    status: int
    remaining: int
    after_store: bool
    body: dict[str, Any]
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return self.remaining > 0 and self.method == method and bool(self.pattern.search(path))


@dataclass
class FaultInjector:
    faults: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str,
        path: str,
        *,
        status: int = 500,
        times: int = 1,
        after_store: bool = False,
        body: dict[str, Any] | None = None,
    ) -> Fault:
        fault = Fault(
            method.upper(),
            _compile(path),
            status,
            times,
            after_store,
            body or {"code": 0, "message": f"{status}: injected by the stand-in"},
        )
        self.faults.append(fault)
        return fault

    def take(self, method: str, path: str, *, after_store: bool) -> Fault | None:
        for fault in self.faults:
            if fault.after_store == after_store and fault.matches(method, path):
                fault.remaining -= 1
                fault.hits += 1
                return fault
        return None

"""Fault injection: make matching requests fail the way Discord fails, before or after they
take effect, either for the next N requests or for the next S seconds of stand-in time.

What discord.py 2.7 does with each answer (discord/http.py, discord/webhook/async_.py) is
why the answers are shaped as they are:

- 500, 502, 504 (and 524): the bot's REST client retries up to 5 times (1, 3, 5, 7 s apart),
  POSTs included; 503 is *not* retried by the REST client (the webhook/interaction client
  retries every 5xx).
- 429: retried after ``retry_after`` from the JSON body, but only if the answer carries a
  ``Via`` header; without one discord.py assumes a Cloudflare ban and raises at once.
  Discord's 429 also has ``Retry-After`` (whole seconds) and the ``X-RateLimit-*`` headers.
- 403 / 404: raised as Forbidden / NotFound with Discord's JSON error code (50001 Missing
  Access, 50013 Missing Permissions, 10003 Unknown Channel, ...).
"""

from __future__ import annotations

import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

# Discord's own wording for the error codes a fault is most often asked for.
ERROR_MESSAGES = {
    10003: "Unknown Channel",
    10008: "Unknown Message",
    50001: "Missing Access",
    50007: "Cannot send messages to this user",
    50013: "Missing Permissions",
}
STATUS_TEXT = {
    500: "500: Internal Server Error",
    502: "502: Bad Gateway",
    503: "503: Service Unavailable",
    504: "504: Gateway Timeout",
    403: "403: Forbidden",
    404: "404: Not Found",
}


def _compile(path: str) -> re.Pattern[str]:
    """Accept a spec-style template ("/channels/{channel_id}/messages") or a regex."""
    if "{" in path:
        parts = [
            "[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p)
            for p in path.strip("/").split("/")
        ]
        return re.compile("^/" + "/".join(parts) + "$")
    return re.compile(path)


def default_body(status: int, code: int | None, retry_after: float, is_global: bool) -> Any:
    """The JSON Discord answers with for ``status`` (and an error ``code`` if given)."""
    if status == 429:
        return {
            "message": "You are being rate limited.",
            "retry_after": retry_after,
            "global": is_global,
        }
    if code is not None:
        return {"code": code, "message": ERROR_MESSAGES.get(code, f"Error {code}")}
    return {"code": 0, "message": STATUS_TEXT.get(status, f"{status}: injected by the stand-in")}


def rate_limit_headers(retry_after: float, *, is_global: bool, via: bool) -> dict[str, str]:
    """The headers of Discord's 429 (``Via`` is what tells discord.py it is not Cloudflare)."""
    headers = {
        "Retry-After": str(math.ceil(retry_after)),
        "X-RateLimit-Limit": "5",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{retry_after:.3f}",
        "X-RateLimit-Bucket": "standin-injected",
        "X-RateLimit-Scope": "shared" if not is_global else "global",
    }
    if is_global:
        headers["X-RateLimit-Global"] = "true"
    if via:
        headers["Via"] = "1.1 google"
    return headers


@dataclass
class Fault:
    """One armed fault. ``after_store`` simulates "Discord accepted it, then the edge 5xx'd".

    A fault is spent after ``remaining`` hits, or (when ``until`` is set) once the stand-in
    clock passes ``until``, whichever comes first. ``hits`` counts the answers it gave.
    """

    method: str
    pattern: re.Pattern[str]
    status: int
    remaining: float
    after_store: bool
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    until: float | None = None
    hits: int = 0

    def matches(self, method: str, path: str, now: float) -> bool:
        if self.remaining <= 0 or (self.until is not None and now >= self.until):
            return False
        return self.method == method and bool(self.pattern.search(path))

    def response(self) -> web.Response:
        return web.Response(
            body=json.dumps(self.body).encode("utf-8"),
            status=self.status,
            headers={"Content-Type": "application/json", **self.headers},
        )


@dataclass
class FaultInjector:
    clock: Callable[[], float] = time.monotonic
    faults: list[Fault] = field(default_factory=list)

    def add(
        self,
        method: str,
        path: str,
        *,
        status: int = 500,
        times: int | None = 1,
        seconds: float | None = None,
        after_store: bool = False,
        body: Any = None,
        code: int | None = None,
        retry_after: float = 0.25,
        is_global: bool = False,
        via: bool = True,
    ) -> Fault:
        if times is None and seconds is None:
            raise ValueError("a fault needs `times`, `seconds` or both")
        headers = (
            rate_limit_headers(retry_after, is_global=is_global, via=via) if (status == 429) else {}
        )
        fault = Fault(
            method.upper(),
            _compile(path),
            status,
            math.inf if times is None else times,
            after_store,
            body if body is not None else default_body(status, code, retry_after, is_global),
            headers,
            None if seconds is None else self.clock() + seconds,
        )
        self.faults.append(fault)
        return fault

    def take(self, method: str, path: str, *, after_store: bool) -> Fault | None:
        now = self.clock()
        for fault in self.faults:
            if fault.after_store == after_store and fault.matches(method, path, now):
                fault.remaining -= 1
                fault.hits += 1
                return fault
        return None

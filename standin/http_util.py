"""Small aiohttp helpers: Discord-shaped responses and request-body parsing."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from aiohttp import BodyPartReader, web

from .limits import Path


def json_response(data: Any, status: int = 200) -> web.Response:
    """JSON with exactly ``application/json``: discord.py compares the header verbatim."""
    return web.Response(
        body=json.dumps(data).encode("utf-8"),
        status=status,
        headers={"Content-Type": "application/json"},
    )


def no_content() -> web.Response:
    return web.Response(status=204)


@dataclass
class UploadedFile:
    field: str
    filename: str
    data: bytes
    content_type: str | None


@dataclass
class ParsedBody:
    json: Any = None
    has_body: bool = False
    multipart: bool = False
    files: dict[str, UploadedFile] = field(default_factory=dict)
    problems: list[tuple[Path, str]] = field(default_factory=list)


async def parse_body(request: web.Request) -> ParsedBody:
    """JSON bodies as-is; multipart as payload_json plus files[n] parts."""
    if not request.can_read_body:
        return ParsedBody()
    ctype = request.content_type
    if ctype == "multipart/form-data":
        return await _parse_multipart(request)
    raw = await request.read()
    if not raw:
        return ParsedBody()
    if ctype != "application/json":
        return ParsedBody(has_body=True, problems=[((), f"unsupported content type {ctype!r}")])
    try:
        return ParsedBody(json=json.loads(raw), has_body=True)
    except ValueError as exc:
        return ParsedBody(has_body=True, problems=[((), f"body is not JSON: {exc}")])


async def _parse_multipart(request: web.Request) -> ParsedBody:
    parsed = ParsedBody(has_body=True, multipart=True)
    reader = await request.multipart()
    while True:
        part = await reader.next()
        if part is None:
            break
        if not isinstance(part, BodyPartReader):
            parsed.problems.append(((), "nested multipart is not supported by Discord"))
            continue
        name = part.name or ""
        data = await part.read()
        if name == "payload_json":
            try:
                parsed.json = json.loads(data)
            except ValueError as exc:
                parsed.problems.append((("payload_json",), f"not JSON: {exc}"))
        elif name.startswith("files["):
            parsed.files[name] = UploadedFile(
                name,
                part.filename or name,
                bytes(data),
                part.headers.get("Content-Type"),
            )
        else:
            parsed.problems.append(((name,), f"unexpected multipart field {name!r}"))
    return parsed

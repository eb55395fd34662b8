"""What every group of REST routes shares: the request context, the two ways a handler
refuses a request, and how a message body (content, embeds, components, files) is checked
and applied to a stored message.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from aiohttp import web

from .http_util import ParsedBody, UploadedFile
from .limits import Path
from .state import JSON, MESSAGE_FLAG_EPHEMERAL, MESSAGE_FLAG_LOADING, Attachment, Message

if TYPE_CHECKING:
    from .server import StandIn


class ApiError(Exception):
    """Answer with a Discord error; optionally also record a violation."""

    def __init__(self, status: int, code: int, message: str, violation: str | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.violation = status, code, message, violation


class BodyProblems(Exception):
    def __init__(self, problems: list[tuple[Path, str]]):
        super().__init__("; ".join(m for _, m in problems))
        self.problems = problems


@dataclass
class Ctx:
    request: web.Request
    method: str
    path: str
    params: dict[str, str]
    body: ParsedBody
    arrived_at: float = 0.0  # time.monotonic() when the request reached the stand-in

    @property
    def json(self) -> Any:
        return self.body.json

    def obj(self) -> JSON:
        data = self.body.json
        return data if isinstance(data, dict) else {}

    def query_flag(self, name: str) -> bool:
        return self.request.query.get(name, "").lower() in ("1", "true")


class RouteBase:
    """Holds the stand-in core; the route mixins build on these helpers."""

    def __init__(self, core: StandIn) -> None:
        self.core = core

    def _check_message_body(
        self, body: JSON, files: dict[str, UploadedFile], *, creating: bool
    ) -> None:
        problems: list[tuple[Path, str]] = []
        if creating:
            fields = ("content", "embeds", "components", "sticker_ids", "poll")
            if not any(body.get(k) for k in fields) and not files:
                problems.append(((), "Cannot send an empty message (50006)"))
        if problems:
            raise BodyProblems(problems)

    def _apply_message_body(
        self, msg: Message, body: JSON, files: dict[str, UploadedFile], *, creating: bool
    ) -> None:
        if "content" in body:
            msg.content = body.get("content") or ""
        if "embeds" in body:
            msg.embeds = [dict(e, type=e.get("type", "rich")) for e in body.get("embeds") or []]
        if "components" in body:
            msg.components = number_components(body.get("components") or [])
        if "allowed_mentions" in body or creating:
            msg.allowed_mentions = body.get("allowed_mentions")
        if "flags" in body and body.get("flags") is not None:
            keep = msg.flags & (MESSAGE_FLAG_EPHEMERAL | MESSAGE_FLAG_LOADING)
            msg.flags = keep | int(body["flags"])
        msg.attachments = self._attachments(msg.attachments, body, files)
        msg.revisions.append(
            {"content": msg.content, "embeds": msg.embeds, "components": msg.components}
        )

    def _attachments(
        self, existing: list[Attachment], body: JSON, files: dict[str, UploadedFile]
    ) -> list[Attachment]:
        if "attachments" not in body:
            return existing + [self._attachment(f, None) for f in files.values()]
        out: list[Attachment] = []
        by_id = {a.id: a for a in existing}
        for item in body.get("attachments") or []:
            ident = int(item.get("id", -1))
            if ident in by_id:
                out.append(by_id[ident])
            elif f"files[{ident}]" in files:
                out.append(self._attachment(files[f"files[{ident}]"], item))
            else:
                raise BodyProblems([(("attachments",), f"attachment id {ident} has no file part")])
        return out

    def _attachment(self, upload: UploadedFile, item: JSON | None) -> Attachment:
        item = item or {}
        return Attachment(
            self.core.ids.next(),
            str(item.get("filename") or upload.filename),
            upload.data,
            upload.content_type,
            item.get("description"),
        )


def number_components(components: list[Any]) -> list[Any]:
    """Give every component a numeric ``id`` as Discord does when it stores them."""
    counter = [0]
    used: set[int] = set()

    def collect(items: list[Any]) -> None:
        for comp in items:
            if isinstance(comp, dict):
                if isinstance(comp.get("id"), int):
                    used.add(comp["id"])
                collect(_children(comp))

    def assign(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for comp in items:
            if not isinstance(comp, dict):
                out.append(comp)
                continue
            comp = dict(comp)
            if not isinstance(comp.get("id"), int):
                counter[0] += 1
                while counter[0] in used:
                    counter[0] += 1
                comp["id"] = counter[0]
            if isinstance(comp.get("components"), list):
                comp["components"] = assign(comp["components"])
            for key in ("component", "accessory"):
                if isinstance(comp.get(key), dict):
                    comp[key] = assign([comp[key]])[0]
            out.append(comp)
        return out

    collect(components)
    return assign(components)


def _children(comp: JSON) -> list[Any]:
    kids = list(comp.get("components") or [])
    kids += [comp[k] for k in ("component", "accessory") if isinstance(comp.get(k), dict)]
    return kids

"""Request-body validation against Discord's own OpenAPI 3.1 description.

The 1.2 MB document is parsed once per process; validators are built lazily per
(path template, method, content type) and cached, so a check costs well under a millisecond
or two after warm-up (see tests/e2e/test_standin.py::test_spec_validation_is_fast).
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jsonschema
import referencing
import referencing.jsonschema

SPEC_PATH = Path(__file__).parent / "discord_api_spec" / "openapi.json"
DOC_URI = "urn:discord-api-spec"


@dataclass(frozen=True)
class SpecProblem:
    """One schema complaint, with the JSON path inside the body."""

    path: tuple[str | int, ...]
    message: str


@dataclass(frozen=True)
class _Template:
    template: str
    regex: re.Pattern[str]
    literal_segments: int


@cache
def _document() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(SPEC_PATH.read_text(encoding="utf-8"))
    _apply_known_deviations(doc)
    return doc


def _apply_known_deviations(doc: dict[str, Any]) -> None:
    """Narrow corrections where the spec is stricter than Discord itself.

    SnowflakeType is declared as a digit string only, but Discord's API accepts JSON integers
    for snowflakes everywhere, and discord.py legitimately sends them as ints (for example
    allowed_mentions.users/roles, message_reference.message_id and attachments[].id, which
    discord.py numbers 0..n). Integers must still be non-negative.
    """
    schemas = doc["components"]["schemas"]
    original = copy.deepcopy(schemas["SnowflakeType"])
    schemas["SnowflakeType"] = {"anyOf": [original, {"type": "integer", "minimum": 0}]}


@cache
def _registry() -> referencing.Registry[Any]:
    resource = referencing.Resource.from_contents(
        _document(), default_specification=referencing.jsonschema.DRAFT202012
    )
    registry: referencing.Registry[Any] = referencing.Registry().with_resource(DOC_URI, resource)
    return registry


@cache
def _templates() -> list[_Template]:
    out: list[_Template] = []
    for template in _document()["paths"]:
        parts = template.strip("/").split("/")
        pattern = "/".join(
            "[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts
        )
        literal = sum(1 for p in parts if not p.startswith("{"))
        out.append(_Template(template, re.compile(f"^/{pattern}$"), literal))
    # literal segments beat parameters: /messages/@original over /messages/{message_id}
    out.sort(key=lambda t: -t.literal_segments)
    return out


def match_path(path: str) -> str | None:
    """The spec's path template for a concrete path relative to /api/v10, if any."""
    for t in _templates():
        if t.regex.match(path):
            return t.template
    return None


def operation(template: str, method: str) -> dict[str, Any] | None:
    op = _document()["paths"].get(template, {}).get(method.lower())
    return op if isinstance(op, dict) else None


@cache
def _validator(
    template: str, method: str, content_type: str
) -> jsonschema.Draft202012Validator | None:
    op = operation(template, method)
    if op is None or "requestBody" not in op:
        return None
    content = op["requestBody"].get("content", {})
    if content_type not in content:
        return None
    pointer = "/".join(
        _escape_pointer(p)
        for p in (
            "paths",
            template,
            method.lower(),
            "requestBody",
            "content",
            content_type,
            "schema",
        )
    )
    root = {"$ref": f"{DOC_URI}#/{pointer}"}
    return jsonschema.Draft202012Validator(root, registry=_registry())


def _escape_pointer(segment: str) -> str:
    return quote(segment.replace("~", "~0").replace("/", "~1"), safe="@")


def body_content_types(template: str, method: str) -> list[str]:
    op = operation(template, method)
    if op is None or "requestBody" not in op:
        return []
    return list(op["requestBody"].get("content", {}))


def body_required(template: str, method: str) -> bool:
    op = operation(template, method)
    return bool(op and op.get("requestBody", {}).get("required"))


def validate_body(template: str, method: str, body: Any) -> list[SpecProblem]:
    """Validate a JSON body (or a multipart payload_json object) against the spec.

    Multipart bodies are checked with the application/json schema: payload_json carries the
    same object, and the multipart schema only adds the binary files[n] parts.
    """
    validator = _validator(template, method, "application/json")
    if validator is None:
        return []
    problems: list[SpecProblem] = []
    for error in validator.iter_errors(body):
        problems.append(SpecProblem(tuple(error.absolute_path), _describe(error)))
    return problems


def _describe(error: jsonschema.ValidationError) -> str:
    """For oneOf/anyOf, report the deepest sub-error: it names the field that broke."""
    if error.validator in ("oneOf", "anyOf") and error.context:
        best = max(_leaves(error), key=lambda e: len(e.absolute_path))
        where = "/".join(str(p) for p in best.absolute_path)
        return f"no {error.validator} branch matched; deepest: {best.message} (at {where})"
    return error.message


def _leaves(error: jsonschema.ValidationError) -> list[jsonschema.ValidationError]:
    if not error.context:
        return [error]
    out: list[jsonschema.ValidationError] = []
    for sub in error.context:
        out.extend(_leaves(sub))
    return out


def warm_up() -> None:
    """Parse the document and build the validators the bot hits most, ahead of time."""
    for template, method in (
        ("/channels/{channel_id}/messages", "post"),
        ("/interactions/{interaction_id}/{interaction_token}/callback", "post"),
        ("/webhooks/{webhook_id}/{webhook_token}", "post"),
        ("/applications/{application_id}/guilds/{guild_id}/commands", "put"),
        ("/applications/{application_id}/commands", "put"),
    ):
        _validator(template, method, "application/json")

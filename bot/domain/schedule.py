"""Time zones and weekdays for the digest schedule, as moderators type them.

Only names from the IANA database (`zoneinfo.available_timezones`, backed by `tzdata`
where the OS has none) are accepted: a free-form string is never handed to `ZoneInfo`,
which would otherwise try it as a file path.
"""

from __future__ import annotations

import functools
import zoneinfo

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Offered before anything is typed: the zones most servers want.
_POPULAR = (
    "UTC",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "America/New_York",
    "America/Toronto",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
)


@functools.cache
def _zones_by_key() -> dict[str, str]:
    """Lower-cased name → canonical name; read once, the scan touches the disk."""
    zones = set(zoneinfo.available_timezones()) | {"UTC"}
    return {zone.lower(): zone for zone in sorted(zones)}


def _key(text: str) -> str:
    return "_".join(text.strip().lower().split())


def canonical_timezone(name: str) -> str | None:
    """The IANA spelling of `name` (case and spaces forgiven), or None if unknown."""
    return _zones_by_key().get(_key(name))


def timezone_suggestions(typed: str, limit: int = 25) -> list[str]:
    """Zones matching what was typed, best first: exact, then city, then anywhere."""
    query = _key(typed)
    if not query:
        return [zone for zone in _POPULAR if canonical_timezone(zone)][:limit]
    ranked: list[tuple[int, int, str]] = []
    for key, zone in _zones_by_key().items():
        city = key.rsplit("/", 1)[-1]
        if key == query:
            rank = 0
        elif city == query:
            rank = 1
        elif city.startswith(query):
            rank = 2
        elif key.startswith(query):
            rank = 3
        elif query in city:
            rank = 4
        elif query in key:
            rank = 5
        else:
            continue
        ranked.append((rank, len(zone), zone))
    ranked.sort()
    return [zone for _, _, zone in ranked[:limit]]


def weekday_name(weekday: int) -> str:
    """0 → Monday … 6 → Sunday."""
    return WEEKDAYS[weekday]

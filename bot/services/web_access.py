"""Turning a server's web pages on and off, and replacing their address; audited.

Off by default: a server has no row until a moderator turns the pages on. Turning them
off keeps the address (turning them on again brings the same one back: links people
shared keep working); `new address` replaces it, and the old one answers 404 at once
because pages are looked up by the current address only.
"""

from __future__ import annotations

from enum import StrEnum

from bot.clock import Clock
from bot.domain.moderators import AuditEntry
from bot.domain.web_access import WebAccess, new_token
from bot.errors import UserFacingError
from storage.interfaces import AuditLogRepository, WebPageRepository

AUDIT_ACTION = "web_page"


class WebChange(StrEnum):
    ON = "on"
    OFF = "off"
    NEW_ADDRESS = "new-address"


class WebAccessService:
    def __init__(
        self, web_pages: WebPageRepository, audit_log: AuditLogRepository, clock: Clock
    ) -> None:
        self._pages = web_pages
        self._audit = audit_log
        self._clock = clock

    async def get(self, guild_id: int) -> WebAccess | None:
        return await self._pages.get(guild_id)

    async def change(
        self,
        guild_id: int,
        moderator_id: int,
        change: WebChange,
        search_engines: bool | None = None,
    ) -> WebAccess:
        """Apply a moderator's change; UserFacingError (nothing stored) if it changes nothing,
        as a catalog key (`services.ftl`) the error path words in the moderator's language."""
        now = self._clock()
        current = await self._pages.get(guild_id)
        if change is WebChange.OFF:
            if current is None or not current.enabled:
                raise UserFacingError.of("web-already-off")
            updated = current.model_copy(update={"enabled": False, "updated_at": now})
        elif change is WebChange.NEW_ADDRESS:
            if current is None:
                raise UserFacingError.of("web-no-page-yet")
            updated = current.model_copy(update={"token": new_token(), "updated_at": now})
        else:
            updated = (
                current.model_copy(update={"enabled": True, "updated_at": now})
                if current is not None
                else WebAccess(
                    guild_id=guild_id,
                    token=new_token(),
                    enabled=True,
                    indexable=False,
                    updated_at=now,
                )
            )
        if search_engines is not None:
            updated = updated.model_copy(update={"indexable": search_engines})
        await self._pages.save(updated)
        await self._audit.record(
            AuditEntry(
                guild_id=guild_id,
                moderator_id=moderator_id,
                action=AUDIT_ACTION,
                # Never the address itself: the audit log outlives a rotation.
                details={"change": change.value, "search_engines": updated.indexable},
                created_at=now,
            )
        )
        return updated

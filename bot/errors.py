"""Errors that carry a message meant for the member who caused them.

Raised anywhere (domain, storage, cogs); the single error path turns them into a short
private reply. Anything else is a bug: logged with a code the member can quote.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An expected problem; `message` is shown to the member as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

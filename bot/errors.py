"""Errors that carry a message meant for the member who caused them.

Raised anywhere (domain, storage, cogs); the single error path turns them into a short
private reply, worded in the member's language. Anything else is a bug: logged with a
code the member can quote.
"""

from __future__ import annotations

from bot.phrase import Fact, Phrase


class UserFacingError(Exception):
    """An expected problem, shown privately to the member.

    Prefer `UserFacingError.of(key, **values)`: a catalog key and its facts, worded by the
    error path in the member's language (`bot.i18n.refusals.refusal_text`). A plain
    string is text already worded for that member (areas that word their own refusals,
    and those not converted to the catalogs yet); it is shown as it is.
    """

    def __init__(self, message: str | Phrase) -> None:
        self.phrase = message if isinstance(message, Phrase) else None
        # For logs and for paths that show the error as it is: the key when keyed.
        self.message = message if isinstance(message, str) else message.key
        super().__init__(self.message)

    @classmethod
    def of(cls, key: str, /, **values: Fact) -> UserFacingError:
        return cls(Phrase(key, values))

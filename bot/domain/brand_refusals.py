"""Why a moderator's brand change was refused, as facts: a reason and what it is about.

Storage raises these (it knows what is in the way, not how to say it); the words are in
the catalogs (`brand_upkeep.ftl`, `brand-refused-<reason>`), chosen by the bot's one
error path in the moderator's own language (`bot.i18n.refusals.refusal_text`, which
shows names in bold and merge numbers as they are).
"""

from __future__ import annotations

from enum import StrEnum

from bot.errors import UserFacingError
from bot.phrase import Phrase


class BrandRefusal(StrEnum):
    BRAND_GONE = "brand-gone"
    ALREADY_CALLED = "already-called"  # name
    NAME_TAKEN = "name-taken"  # name, owner
    ALIAS_ALREADY_THERE = "alias-already-there"  # brand, alias
    ALIAS_TAKEN = "alias-taken"  # alias, owner
    ALIAS_IS_NAME = "alias-is-name"
    NO_SUCH_ALIAS = "no-such-alias"  # brand
    ALREADY_IN_INDUSTRY = "already-in-industry"  # brand, industry
    MERGE_INTO_ITSELF = "merge-into-itself"
    NO_SUCH_MERGE = "no-such-merge"  # merge
    MERGE_UNDONE = "merge-undone"  # merge
    UNDO_AFTER_LATER_MERGE = "undo-after-later-merge"  # merge, successor
    UNDO_TARGET_REMOVED = "undo-target-removed"  # merge
    UNDO_NAME_ON_TARGET = "undo-name-on-target"  # brand, name
    UNDO_NAME_TAKEN = "undo-name-taken"  # name, owner
    ALREADY_ONE_BRAND = "already-one-brand"  # source, target, brand
    NO_MERGE_FOR_NAME = "no-merge-for-name"  # name
    PICK_ALIAS = "pick-alias"
    REASON_TOO_LONG = "reason-too-long"  # max, length
    NAME_NEEDS_LETTER = "name-needs-letter"
    NAME_TOO_LONG = "name-too-long"  # max, length
    ALIAS_NEEDS_LETTER = "alias-needs-letter"
    TYPE_A_NAME = "type-a-name"
    UNKNOWN_BRAND = "unknown-brand"  # name
    UNKNOWN_BRAND_SUGGEST = "unknown-brand-suggest"  # name, suggestions (one per line)
    PICK_INDUSTRY = "pick-industry"


class BrandChangeRefused(UserFacingError):
    """Nothing was changed, because of `reason`; `facts` are names (member text, shown
    as values) and numbers."""

    def __init__(self, reason: BrandRefusal, **facts: str | int) -> None:
        self.reason = reason
        self.facts = facts
        super().__init__(Phrase(f"brand-refused-{reason.value}", facts))

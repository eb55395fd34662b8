"""A reader's report of a story: the reason they give, checked whatever the client sent."""

from __future__ import annotations

from bot.domain.text import clean_text, visible_length
from bot.errors import UserFacingError

REPORT_REASON_MIN = 5
REPORT_REASON_MAX = 300


def clean_report_reason(raw: str) -> str:
    """The reason as stored and shown to moderators; UserFacingError if it won't do."""
    reason = clean_text(raw, multiline=True)
    if visible_length(reason) < REPORT_REASON_MIN:
        raise UserFacingError.of("report-reason-too-short", least=REPORT_REASON_MIN)
    if len(reason) > REPORT_REASON_MAX:
        raise UserFacingError.of(
            "report-reason-too-long", most=REPORT_REASON_MAX, written=len(reason)
        )
    return reason

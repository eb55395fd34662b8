import pytest

from bot.domain.reports import REPORT_REASON_MAX, clean_report_reason
from bot.errors import UserFacingError
from bot.i18n.refusals import refusal_text


def test_a_reason_is_cleaned() -> None:
    assert clean_report_reason("  It names\u202e a private person\x00  ") == (
        "It names a private person"
    )


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ("\u200b" * 10 + "ab", "at least 5"),
        ("", "at least 5"),
        ("x" * (REPORT_REASON_MAX + 1), "under 300"),
    ],
)
def test_bad_reasons_are_explained(raw: str, problem: str) -> None:
    with pytest.raises(UserFacingError) as caught:
        clean_report_reason(raw)
    assert problem in refusal_text("en", caught.value)

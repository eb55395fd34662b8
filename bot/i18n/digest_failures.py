"""Why a weekly digest could not be posted, worded from the code the poster stored."""

from __future__ import annotations

from bot.i18n.catalog import Lang, tr


def digest_failure_text(lang: Lang, reason: str) -> str:
    """The moderators' words for a stored failure code (see `PostRefused`).

    Failures recorded before codes existed were sentences: shown as they are.
    """
    code, _, rest = reason.partition(":")
    if code == "channel_gone":
        return tr(lang, "digest-failed-channel-gone")
    if code == "timeout" and rest.isdigit():
        return tr(lang, "digest-failed-timeout", seconds=int(rest))
    if code == "refused":
        status, _, detail = rest.partition(":")
        return tr(lang, "digest-failed-refused", status=status, code=detail or status)
    if code == "internal":
        return tr(lang, "digest-failed-internal")
    return reason

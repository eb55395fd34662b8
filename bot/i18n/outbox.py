"""Wording what the outbox delivers: member notices, moderators' notes, parked reasons.

The outbox stores facts (what happened, and its values); the words are chosen here when
a note or notice is delivered, in the language of its reader at that moment (the
server's for public notes and DMs, the member's own for a notice shown on their next
command). Member text (headlines, reasons, server names) is escaped and shortened.

A note or DM ends with a small marker line (`-# ref. n42`): after a crash between Discord
accepting it and the bot recording that, the channel's history is searched for the
bot's message carrying the marker before anything is sent again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from bot.domain.curation import Notice
from bot.domain.markdown import escape_markdown, truncate
from bot.i18n.catalog import Lang, tr

FactValue = str | int
MESSAGE_MAX = 2000


def _text(value: FactValue | None, limit: int) -> str:
    return escape_markdown(truncate(str(value or ""), limit))


def notice_text(lang: Lang, notice: Notice) -> str:
    """A member's notice in words (a legacy notice kept its stored sentence)."""
    facts = notice.facts
    if notice.what == "legacy":
        return str(facts.get("text", ""))
    why = ""
    if facts.get("reason"):
        why = "\n" + tr(lang, "notice-reason", reason=_text(facts["reason"], 300))
    return tr(
        lang,
        f"notice-{notice.what}",
        id=str(facts.get("story_id", "?")),
        headline=_text(facts.get("headline"), 80),
        server=_text(facts.get("server"), 100),
        why=why,
    )


def mod_note_text(lang: Lang, note: str, facts: Mapping[str, FactValue]) -> str:
    """A note in the moderators' channel, from what happened and its values."""
    story_id = str(facts.get("story_id", "?"))
    if note == "review_waiting":
        return tr(lang, "mod-note-review-waiting", id=story_id)
    if note == "edit_review":
        return tr(lang, "edit-mod-note", id=story_id)
    if note == "reported":
        lines = [
            tr(
                lang,
                "mod-note-reported",
                id=story_id,
                reporter=f"<@{int(facts.get('reporter_id', 0))}>",
                reason=_text(facts.get("reason"), 400),
            )
        ]
        if facts.get("hidden"):
            lines.append(tr(lang, "mod-note-reported-hidden", reports=str(facts.get("reports", 0))))
        elif facts.get("url"):
            lines.append(tr(lang, "mod-note-reported-post", url=str(facts["url"])))
        return "\n".join(lines)
    raise ValueError(f"no wording for the moderators' note {note!r}")


def parked_reason_text(lang: Lang, reason: str) -> str:
    """Why deliveries wait, from its code (`forbidden:<channel>:<code>`, …).

    Reasons parked before codes existed were sentences: shown as they are.
    """
    code, _, rest = reason.partition(":")
    channel, _, detail = rest.partition(":")
    if code == "no_stories_channel":
        return tr(lang, "parked-no-stories-channel")
    if code == "no_mod_channel":
        return tr(lang, "parked-no-mod-channel")
    if code == "forbidden" and channel.isdigit():
        return tr(lang, "parked-forbidden", channel=channel, code=detail or "403")
    if code == "channel_gone" and channel.isdigit():
        return tr(lang, "parked-channel-gone", channel=channel)
    if code == "not_text" and channel.isdigit():
        return tr(lang, "parked-not-text", channel=channel)
    return reason


def failure_note_text(lang: Lang, parked: Iterable[tuple[int, str]], per_minute: int) -> str:
    """The moderators' note about deliveries that failed for good, and how to fix it."""
    lines = [
        tr(lang, "outbox-waiting", count=count, reason=parked_reason_text(lang, reason))
        for count, reason in parked
    ]
    return "\n".join([*lines, tr(lang, "outbox-fix", pace=str(per_minute))])


def marker(lang: Lang, ref: str) -> str:
    return tr(lang, "outbox-marker", ref=ref)


def with_marker(lang: Lang, text: str, ref: str) -> str:
    """The text with its marker line, shortened to fit one message if it must."""
    tail = "\n" + marker(lang, ref)
    return truncate(text, MESSAGE_MAX - len(tail)) + tail


def carries_marker(content: str, ref: str) -> bool:
    """Whether a message's last line is a marker for `ref`, in any language."""
    last = content.rsplit("\n", 1)[-1]
    return last.startswith("-# ") and last.endswith(f" {ref}")

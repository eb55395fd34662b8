"""Everything a member saw, and whether any of it is English.

`seen_by` gathers every text the stand-in recorded for one member: each state of every
message answering their interactions (an edited follow-up keeps its earlier questions in
`Message.revisions`), embeds, buttons, selects and their options, the modals shown to
them, autocomplete choices and direct messages. `english_in` finds English in a text:
common English words (and the words of this bot's English catalogs) that French never
uses, once code, links, Discord mentions/timestamps and the member's own words are out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from standin import StandIn

# Words that mean "this is English" and are not French words (so not "on", "note",
# "service", "minutes", "questions", "message", "transport", "an", "me", "but", "code",
# "option", "permission", "visible", "second", "change", "contact", "mentions", "cars"…).
_WORD_LIST = """
    edited about absolutely account add added administrator again airline all allows
    already also and anonymous another any apart appear are ask at attach banking be
    beauty been being billing brand brands business busy buying by can can't cannot
    care changed channel character characters choose contacted could couldn't customer
    day days decide delete delivery described did didn't disaster disastrous does don't
    done down drink each edit else embed energy entertainment error everything exists
    experience fashion finding fix follow food for friend from gave great had happened
    happening has have headline health here history hour hours how i'm in industry
    inside is isn't it it's its keep keeps kept kind least let's links list live longer
    edited look lost loyalty manage member members missing moderator moderators more
    most much must need needs never new no not nothing now of once only optional or
    other others our out outside own partly pick please product publish published put
    quote rating ratings read reason recommend recommended relatable report reported
    reports researching retail review right save saved seconds send server share
    shortly should shown side skip slow software some something star stars stories
    story text thank thanks that the their them there these they thing things this
    those to told touchpoint touchpoints travel try unboxing understood up using
    utilities valid value view wait waiting waits was we went were what when where
    whether which who why will with won't work works would wrong wrote yes yet you your
    yours
"""
ENGLISH_WORDS = frozenset(_WORD_LIST.split())

BOT_NAME = "Experience It"  # a name, the same in every language
_CODE = re.compile(r"`[^`]*`")
_LINK = re.compile(r"https?://\S+")
_DISCORD_MARKUP = re.compile(r"<[@#:/!&a-z0-9]*[0-9]+[^>]*>")
_COMMAND = re.compile(r"/[a-z][\w-]*(?: [a-z][\w-]*)?")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def english_in(text: str, *, theirs: Iterable[str] = ()) -> list[str]:
    """English words left in `text` once code, links, Discord markup, command names and
    the member's own words (`theirs`: their story, brand names…) are taken out."""
    for own in sorted([*theirs, BOT_NAME], key=len, reverse=True):
        text = text.replace(own, " ")
    for pattern in (_CODE, _LINK, _DISCORD_MARKUP, _COMMAND):
        text = pattern.sub(" ", text)
    text = text.replace("’", "'")
    return [w for w in _WORD.findall(text) if w.casefold() in ENGLISH_WORDS]


def _component_texts(components: Iterable[dict[str, Any]]) -> Iterator[str]:
    for component in components:
        for key in ("label", "placeholder", "content", "title", "description"):
            if isinstance(component.get(key), str):
                yield component[key]
        for option in component.get("options") or []:
            yield str(option.get("label", ""))
            yield str(option.get("description") or "")
        children = list(component.get("components") or [])
        children += [component[k] for k in ("component", "accessory") if k in component]
        yield from _component_texts(c for c in children if isinstance(c, dict))


def _embed_texts(embeds: Iterable[dict[str, Any]]) -> Iterator[str]:
    for embed in embeds:
        yield str(embed.get("title") or "")
        yield str(embed.get("description") or "")
        for field in embed.get("fields") or []:
            yield str(field.get("name", ""))
            yield str(field.get("value", ""))
        yield str((embed.get("footer") or {}).get("text") or "")
        yield str((embed.get("author") or {}).get("name") or "")


def _revision_texts(revision: dict[str, Any]) -> Iterator[str]:
    yield str(revision.get("content") or "")
    yield from _embed_texts(revision.get("embeds") or [])
    yield from _component_texts(revision.get("components") or [])


def seen_by(standin: StandIn, username: str) -> list[str]:
    """Every text shown to `username`: answers to their interactions (every revision),
    modals, autocomplete choices, direct messages."""
    user = standin.users[username]
    texts: list[str] = []
    for record in standin.interactions.values():
        if record.user.id != user.id:
            continue
        for message in [record.original, *record.followups]:
            if message is not None:
                for revision in message.revisions:
                    texts.extend(_revision_texts(revision))
        if record.modal is not None:
            texts.append(str(record.modal.get("title", "")))
            texts.extend(_component_texts(record.modal.get("components") or []))
        texts.extend(str(choice.get("name", "")) for choice in record.choices or [])
    for message in standin.dms(user):
        for revision in message.revisions:
            texts.extend(_revision_texts(revision))
    return [text for text in texts if text.strip()]


def english_seen_by(
    standin: StandIn, username: str, *, theirs: Iterable[str] = ()
) -> dict[str, list[str]]:
    """Each text shown to `username` that holds English, with the English words in it."""
    own = list(theirs)
    found = {text: english_in(text, theirs=own) for text in seen_by(standin, username)}
    return {text: words for text, words in found.items() if words}

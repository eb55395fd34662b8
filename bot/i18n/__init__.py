"""Every word a person reads, in their language: Fluent catalogs in English and French.

`tr(lang, key, **values)` looks a message up in `bot/i18n/locales/<lang>/*.ftl`;
`member_lang(interaction)` picks the language of a private answer, `server_lang(guild)`
the language of a public post. Member text is only ever passed as a value: Fluent never
parses it, and nothing here calls `str.format` on it.
"""

from bot.i18n.catalog import Lang, count, day, tr, words
from bot.i18n.language import DEFAULT_LANG, LANGS, lang_of, member_lang, server_lang

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "Lang",
    "count",
    "day",
    "lang_of",
    "member_lang",
    "server_lang",
    "tr",
    "words",
]

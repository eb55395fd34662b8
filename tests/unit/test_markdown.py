import re
import time

import pytest

from bot.domain.markdown import ZWSP, escape_markdown, link_label, neutralise_mentions, truncate


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text, flags=re.DOTALL).replace(ZWSP, "")


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("**bold**", r"\*\*bold\*\*"),
        ("__u__ ~~s~~ `c` ||spoiler||", r"\_\_u\_\_ \~\~s\~\~ \`c\` \|\|spoiler\|\|"),
        ("[click](https://evil.example)", r"\[click\]\(https://evil.example)"),
        ("back\\slash", "back\\\\slash"),
        ("# Heading", r"\# Heading"),
        ("-# subtext", r"\-# subtext"),
        ("> quote\n>>> more", "\\> quote\n\\>>> more"),
        ("- item\n  + item\n12. item", "\\- item\n  \\+ item\n12\\. item"),
        ("AIR-CANADA #1 > all", "AIR-CANADA #1 > all"),  # markers only at line start
        ("see https://x.example/a_b*c", "see https://x.example/a_b*c"),  # links intact
    ],
)
def test_escape_markdown(raw, escaped):
    assert escape_markdown(raw) == escaped


def test_mentions_are_neutralised():
    text = "@everyone @here <@123> <@!123> <@&456> <#789>"
    assert neutralise_mentions(text) == (
        "@\u200beveryone @\u200bhere <\u200b@123> <\u200b@!123> <\u200b@&456> <\u200b#789>"
    )
    escaped = escape_markdown(text)
    assert "@everyone" not in escaped
    assert "@here" not in escaped
    assert not re.search(r"<[@#]", escaped)


def test_custom_emoji_left_alone():
    assert escape_markdown("<:party:123456>") == "<:party:123456>"


@pytest.mark.parametrize(
    "raw",
    [
        "[](" * 50,
        "**_~`|>#-[]()\\ text",
        "# a\n- b\n> c\n1. d\n\n  -# e",
        "mixed https://a.example/x_(y) and [z](w) **q**",
    ],
)
def test_escaping_keeps_every_original_character(raw):
    escaped = escape_markdown(raw)
    assert _unescape(escaped) == raw


def test_escaping_is_linear_on_discord_utils_worst_case():
    text = "[](" * 7000  # 21,000 characters; cubic escapers take minutes on this
    start = time.perf_counter()
    escaped = escape_markdown(text)
    elapsed = time.perf_counter() - start
    assert elapsed < 0.5
    assert escaped == "\\[\\]\\(" * 7000


def test_escaping_many_blank_lines_is_linear():
    text = "\n" * 20000 + "#"
    start = time.perf_counter()
    escape_markdown(text)
    assert time.perf_counter() - start < 0.5


def test_truncate_leaves_short_text_alone():
    assert truncate("hello", 5) == "hello"


def test_truncate_ends_with_ellipsis_within_budget():
    result = truncate("hello world", 8)
    assert result == "hello w…"
    assert len(result) <= 8


def test_truncate_counts_code_points_and_keeps_emoji_whole():
    result = truncate("😀" * 10, 4)
    assert result == "😀😀😀…"


def test_truncate_never_leaves_a_dangling_escape():
    escaped = escape_markdown("ab*cd")  # ab\*cd
    assert truncate(escaped, 4) == "ab…"
    assert truncate("ab\\\\cd", 5) == "ab\\\\…"  # an escaped backslash stays whole


def test_truncate_does_not_split_a_flag():
    assert truncate("ab🇨🇦🇫🇷", 5) == "ab🇨🇦…"


def test_truncate_drops_trailing_zero_width_joiner():
    assert truncate("a👨\u200d👩\u200d👧", 4) == "a👨…"


def test_truncate_rejects_nonpositive_limit():
    with pytest.raises(ValueError, match="limit"):
        truncate("abc", 0)


def test_link_label_escapes_everything_that_could_end_the_label():
    # A URL inside the headline must not close our label and point the link elsewhere.
    label = link_label("see https://evil.example/](https://phish.example)", 200)
    assert "](" not in label.replace("\\]\\(", "")
    assert label == "see https\\://evil.example/\\]\\(https\\://phish.example\\)"
    assert link_label("**bold** @everyone <@123>", 200) == (
        "\\*\\*bold\\*\\* @\u200beveryone \\<\u200b@123\\>"
    )
    # Shortened after escaping, never ending on a lone backslash.
    # "aaaaaaaa\*\*..." cut to 9 would end on the backslash of "\*": it is dropped.
    assert link_label("a" * 8 + "*" * 10, 10) == "aaaaaaaa…"

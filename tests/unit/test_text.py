import pytest

from bot.domain.text import (
    clean_text,
    has_letter_or_digit,
    is_invisible_char,
    is_visibly_empty,
    visible_length,
)

INVISIBLES = [
    "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u3164", "\u115f", "\u1160",
    "\uffa0", "\u2800", "\u180e", "\u034f", "\u00ad", "\u200e", "\u3000", "\xa0",
]  # fmt: skip


@pytest.mark.parametrize("char", INVISIBLES)
def test_invisible_characters_are_trimmed_and_count_as_empty(char):
    assert clean_text(char * 3 + "Hello" + char * 3, multiline=False) == "Hello"
    assert clean_text(char * 3 + "Hello" + char * 3, multiline=True) == "Hello"
    assert is_invisible_char(char)
    assert is_visibly_empty(char * 5)
    assert clean_text(char * 5, multiline=True) == ""


def test_nfc_normalisation():
    assert clean_text("Cafe\u0301", multiline=False) == "Caf\u00e9"


def test_nul_and_control_characters_removed():
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x9ff", multiline=False) == "abcdef"
    assert clean_text("a\x00b\x07c", multiline=True) == "abc"


def test_bidi_overrides_and_isolates_removed():
    text = "\u202eevil\u202c \u2066iso\u2069 \u202a\u202b\u202d\u2067\u2068x"
    assert clean_text(text, multiline=False) == "evil iso x"


def test_lone_surrogates_removed():
    assert clean_text("a\ud800b\udfffc", multiline=True) == "abc"
    clean_text("\ud83d", multiline=False).encode("utf-8")  # must not raise


def test_single_line_turns_breaks_and_tabs_into_single_spaces():
    assert clean_text("one\r\ntwo\nthree\tfour   five\u2028six", multiline=False) == (
        "one two three four five six"
    )


def test_multiline_keeps_newlines_and_tabs_and_normalises_crlf():
    assert clean_text("a\r\nb\rc\n\td", multiline=True) == "a\nb\nc\n\td"


def test_multiline_collapses_three_or_more_blank_lines():
    assert clean_text("a\n\n\n\n\n\nb", multiline=True) == "a\n\n\nb"
    assert clean_text("a\n\n\nb", multiline=True) == "a\n\n\nb"  # two blank lines kept
    # Lines that only look blank count as blank.
    assert clean_text("a\n\u200b\n \n\u3164\n\nb", multiline=True) == "a\n\n\nb"


def test_emoji_presentation_selector_and_flag_tags_survive_trimming():
    assert clean_text("love it ❤️", multiline=False) == "love it ❤️"
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    assert clean_text(" go " + scotland + " ", multiline=False) == "go " + scotland


def test_interior_zero_width_joiner_kept_in_emoji_sequence():
    family = "👨\u200d👩\u200d👧"
    assert clean_text(family, multiline=False) == family


def test_is_visibly_empty():
    assert is_visibly_empty("")
    assert is_visibly_empty(" \u200b\u3164\u2800\n\t")
    assert not is_visibly_empty("\u200b.")


def test_visible_length_ignores_spaces_and_invisibles():
    assert visible_length("a b\u200bc") == 3
    assert visible_length("❤️") == 1


def test_has_letter_or_digit():
    assert has_letter_or_digit("7-Eleven")
    assert has_letter_or_digit("東京")
    assert not has_letter_or_digit("!!! ???")
    assert not has_letter_or_digit("🔥🔥")
    assert not has_letter_or_digit("\u3164\u115f\uffa0")  # Hangul fillers are "letters"

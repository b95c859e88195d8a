"""Sentence splitting: the boundaries a careful reader would draw."""

import pytest

from ceasefire_tui.index.text import fold_punctuation, shorten, split_sentences


def sentences(text):
    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Despite the departure, Mr. Abu Marzouk expressed his intention. He also stressed it.",
         ["Despite the departure, Mr. Abu Marzouk expressed his intention.", "He also stressed it."]),
        ("Two U.S. officials, speaking anonymously, countered the notion.",
         ["Two U.S. officials, speaking anonymously, countered the notion."]),
        ("Dr. Smith arrived. Prof. Jones left.", ["Dr. Smith arrived.", "Prof. Jones left."]),
        ("John F. Kennedy spoke. Then he left.", ["John F. Kennedy spoke.", "Then he left."]),
        ("An estimated 1.4 million people fled. Aid was short.",
         ["An estimated 1.4 million people fled.", "Aid was short."]),
        ("He said, “We were very close.” He further stated it.",
         ["He said, “We were very close.”", "He further stated it."]),
        ('Talks were "not very promising." The discussions went on.',
         ['Talks were "not very promising."', "The discussions went on."]),
        ("Is it over? No! It goes on.", ["Is it over?", "No!", "It goes on."]),
        ("Pressure grew in the U.S. The talks stalled.", ["Pressure grew in the U.S.", "The talks stalled."]),
        ("It starts at 9 a.m. on Monday.", ["It starts at 9 a.m. on Monday."]),
    ],
)
def test_sentence_boundaries(text, expected):
    assert sentences(text) == expected


def test_offsets_point_into_the_text():
    text = "  First one.  Second one!\n Third?"
    for span in split_sentences(text, offset=100):
        assert span.start >= 100
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["First one.", "Second one!", "Third?"]


def test_folding_keeps_offsets():
    original = "Netanyahu’s “absolute victory” — now"
    folded = fold_punctuation(original)
    assert folded == "Netanyahu's \"absolute victory\" - now"
    assert len(folded) == len(original)


def test_shorten_cuts_at_a_word_boundary():
    text = "Negotiations aimed at securing a ceasefire in Gaza and the release of hostages have entered a crucial phase"
    short = shorten(text, 100)
    assert len(short) <= 100
    assert short.endswith("…")
    assert text.startswith(short[:-1])
    assert short[-2] != " " and text[len(short) - 1] == " "


def test_printable_escapes_every_character_that_acts_rather_than_shows():
    import unicodedata

    from ceasefire_tui.index.text import printable, strip_hidden

    acting = [chr(code) for code in range(0x110000)
              if unicodedata.category(chr(code)) in ("Cc", "Cf", "Cs", "Zl", "Zp")]
    shown = printable("".join(acting))
    assert all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in shown)
    assert printable("a\x1b]52;c;eA==\x07b") == "a\\x1b]52;c;eA==\\x07b"
    assert printable("bidi\u202eevil") == "bidi\\u202eevil"
    assert printable("bad\udcff.txt") == "bad\\xff.txt"  # os.fsdecode's stand-in for byte 0xff
    assert printable("Gaza — Rafah, שלום, غزة") == "Gaza — Rafah, שלום, غزة"
    hidden = strip_hidden("".join(ch for ch in acting if unicodedata.category(ch) == "Cf"))
    assert hidden == "\u200c\u200d"  # the joiners are part of how words are written

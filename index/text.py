"""Plain-text utilities: sentence splitting with offsets, folding, trimming, counted nouns.

Sentences are found with rules rather than a model so that the split is
deterministic and fast: a boundary is ``. ! ?`` (plus any closing quotes or
brackets) followed by white space and something that can open a sentence,
unless the word before the stop is a known abbreviation ("Mr.", "Dr.", "U.S."),
a single initial ("J."), or the stop sits inside a number ("1.4").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Number words with their values: figures read them ("six months") and list
# them in lower case.
SMALL_NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty"
).split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
NUMBER_WORDS: dict[str, int] = {word: value for value, word in enumerate(SMALL_NUMBER_WORDS, start=1)}
NUMBER_WORDS.update(_TENS)
NUMBER_WORDS.update({"hundred": 100, "thousand": 1000})

# Titles and abbreviations that are followed by a name or a number, so a stop
# after them never ends a sentence.
_ALWAYS_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof sen rep gen col lt maj capt cpt sgt adm cmdr gov pres
    st jr sr rev hon amb fr messrs mme mlle no nos vol pp fig approx dept est
    jan feb mar apr jun jul aug sep sept oct nov dec vs etc al inc corp ltd co
    """.split()
)

# Dotted acronyms ("U.S.", "U.N.") can end a sentence; we only split after one
# when the next word is a typical sentence opener.
_SENTENCE_OPENERS = frozenset(
    """
    the a an he she it they we i this that these those but and however
    meanwhile in on at as after before while when if there his her their its
    our according despite although yet so still
    """.split()
)

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"

# A candidate boundary: terminal punctuation, closers, white space, then the
# first character of the next sentence.
_BOUNDARY = re.compile(
    r"([.!?…]+)([" + re.escape(_CLOSERS) + r"]*)(\s+)(?=[" + re.escape(_OPENERS) + r"]*[A-Z0-9À-ÖØ-Þ])"
)
_WORD_BEFORE = re.compile(r"([\w.\-’']+)$")
# Characters before a stop searched for the word it ends: searching from the
# start of the text would make splitting quadratic in the paragraph's length.
_WORD_REACH = 64


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text[start:end]`` of the string it was found in."""

    start: int
    end: int


def _is_abbreviation(text: str, stop_at: int, following: str) -> bool:
    """True when the stop at ``stop_at`` belongs to an abbreviation."""
    match = _word_before(text, stop_at)
    if not match:
        return False
    word = match.group(1).strip("’'-")
    bare = word.rstrip(".").lower()
    if bare in _ALWAYS_ABBREVIATIONS:
        return True
    if len(bare) == 1 and bare.isalpha() and word[:1].isupper():
        return True  # an initial: "John F. Kennedy"
    if "." in bare:  # "U.S", "e.g", "a.m"
        next_word = re.match(r"[\W]*(\w+)", following)
        return not (next_word and next_word.group(1).lower() in _SENTENCE_OPENERS)
    return False


def _word_before(text: str, end: int) -> re.Match | None:
    """The run of word characters, dots, hyphens and apostrophes that ends at ``end``."""
    reach = max(0, end - _WORD_REACH)
    match = _WORD_BEFORE.search(text, reach, end)
    if match and match.start() == reach > 0:
        return _WORD_BEFORE.search(text, 0, end)  # the run may begin further back
    return match


def split_sentences(text: str, offset: int = 0) -> list[Span]:
    """Split ``text`` into sentences; offsets are shifted by ``offset``."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        stop = match.start(1)
        if match.group(1) == "." and _is_abbreviation(text, stop, text[match.end():match.end() + 40]):
            continue
        end = match.end(2)
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end, offset))
        start = match.end(3)
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text), offset))
    return spans


def _trimmed(text: str, start: int, end: int, offset: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start + offset, end + offset)


_FOLDED = {
    "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"',
    "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'",
    "–": "-", "—": "-", "‐": "-", "‑": "-", "\u00a0": " ",
}
_FOLDABLE = re.compile("[" + "".join(_FOLDED) + "]")


def fold_punctuation(text: str) -> str:
    """Map typographic quotes, dashes and no-break spaces to ASCII.

    The mapping is one character to one character, so offsets into the folded
    string are offsets into the original.
    """
    # A substitution at each foldable character: ten times faster than
    # str.translate on an article, whose lookup per character dominated
    # reading quotations for a story.
    return _FOLDABLE.sub(_fold_one, text)


def _fold_one(match: re.Match) -> str:
    return _FOLDED[match.group()]


def shorten(text: str, limit: int = 100) -> str:
    """Cut ``text`` at a word boundary to at most ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(",;:–—- ") + "…"


# Invisible characters that reorder or hide parts of a line: format
# characters (Unicode category Cf: bidi overrides, embeddings, isolates and
# marks, zero-width spaces, the BOM, soft hyphen, tags) other than the two
# zero-width joiners, which are part of how Arabic, Persian and Indic words
# and emoji are written and move nothing.
_HIDDEN = (
    "\xad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b\u200e\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_HIDDEN_CHARACTER = re.compile(f"[{_HIDDEN}]")
# What must never reach the output as it is: C0 and C1 controls and DEL (the
# start of every terminal escape sequence), the hidden characters and the
# joiners, line and paragraph separators, and lone surrogates (the
# undecodable bytes of a file name, as Python decodes it). tests/test_text.py
# checks these classes against unicodedata.
_ACTING_CHARACTER = re.compile(f"[\x00-\x1f\x7f-\x9f{_HIDDEN}\u200c\u200d\u2028\u2029\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` safe to show anywhere — a terminal, a table, JSON, Markdown:
    every character that would act on the terminal or the line rather than
    show is replaced by a visible escape, ``\\x1b`` or ``\\u202e``; an
    undecodable byte of a file name by ``\\xff``.

    For every file name, path and id that is displayed. Article text, titles
    and outlets are cleaned when read instead (:func:`strip_hidden`).
    """
    if not _ACTING_CHARACTER.search(text):
        return text
    return _ACTING_CHARACTER.sub(_visible_escape, text)


def _visible_escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's stand-in for the byte code - 0xDC00
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def strip_hidden(text: str) -> str:
    """``text`` without the invisible characters that reorder or hide parts
    of a line (bidi controls, zero-width spaces, the BOM, soft hyphens)."""
    return _HIDDEN_CHARACTER.sub("", text)


def plural(count: int, word: str, many: str | None = None) -> str:
    """"1 file", "2 files", "2 entities" (``many``): a count with its noun agreeing."""
    return f"{count} {word if count == 1 else (many or word + 's')}"

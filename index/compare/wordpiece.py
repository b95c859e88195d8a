"""BERT's uncased WordPiece tokenizer, as the distilled embedding model uses it.

The static model in ``data/`` keeps all-MiniLM-L6-v2's own sub-word
vocabulary, so a sentence must be cut into the very pieces the Hugging Face
``tokenizers`` pipeline of that model produces (``BertNormalizer`` with
lowercasing and accent stripping, ``BertPreTokenizer``, ``WordPiece``).
Doing it here, in the standard library alone, spares the engine a compiled
dependency and its import time; ``scripts/distill_embeddings.py`` checks that
the ids agree with ``tokenizers`` on every sentence of the seeds and the
test data before it writes the model.

This module imports nothing from the project, so that the distillation script
can load it by path in its throwaway environment.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from itertools import chain

CONTINUATION_PREFIX = "##"
# Longer "words" (URLs, runs of symbols) are unknown to BERT as a whole.
MAX_CHARS_PER_WORD = 100

# The CJK ideograph blocks BERT splits into single characters.
_CJK_RANGES = (
    (0x4E00, 0x9FFF),
    (0x3400, 0x4DBF),
    (0x20000, 0x2A6DF),
    (0x2A700, 0x2B73F),
    (0x2B740, 0x2B81F),
    (0x2B920, 0x2CEAF),
    (0xF900, 0xFAFF),
    (0x2F800, 0x2FA1F),
)


def _is_cjk(code: int) -> bool:
    return any(low <= code <= high for low, high in _CJK_RANGES)


def _is_punctuation(char: str) -> bool:
    # BERT counts every ASCII symbol as punctuation ($, +, <, ^, `, |, ~ are
    # "symbols" to Unicode), plus Unicode's own punctuation categories.
    return (char.isascii() and not char.isalnum() and not char.isspace() and char.isprintable()) or (
        unicodedata.category(char).startswith("P")
    )


def _is_control(char: str) -> bool:
    return char not in "\t\n\r" and unicodedata.category(char).startswith("C")


def _normalise_char(char: str) -> str:
    """What ``BertNormalizer`` makes of one character, padded where it splits words."""
    # Controls go first, as in BertNormalizer: "\x1c" is a space to Python
    # but a control, dropped, to BERT.
    if char == "\x00" or char == "\ufffd" or _is_control(char):
        return ""
    if char.isspace():
        return " "
    if _is_cjk(ord(char)):
        return f" {char} "
    stripped = "".join(c for c in unicodedata.normalize("NFD", char) if unicodedata.category(c) != "Mn")
    lowered = stripped.lower()
    return "".join(f" {c} " if _is_punctuation(c) else c for c in lowered)


_NORMALISED_LIMIT = 1 << 16


class _NormalisedChars(dict):
    """``str.translate``'s table of ``_normalise_char``, filled as characters are met.

    Translating through it keeps the per-character work in C for every
    character seen before, curly quotes and accented letters included.
    """

    def __missing__(self, code: int) -> str:
        normalised = _normalise_char(chr(code))
        if len(self) < _NORMALISED_LIMIT:  # text of every script at once stays bounded
            self[code] = normalised
        return normalised


_NORMALISED = _NormalisedChars()


def _words(text: str) -> list[str]:
    """The normalised words and single punctuation marks of ``text``."""
    return text.translate(_NORMALISED).split()


class WordPieceTokenizer:
    """Token ids for text, from a vocabulary of whole words and ``##`` pieces.

    Words that cannot be spelled with the vocabulary give no id at all (BERT
    would give ``[UNK]``, which the static model drops too).
    """

    def __init__(self, vocabulary: Mapping[str, int]) -> None:
        self._vocabulary = dict(vocabulary)
        self._word_ids = lru_cache(maxsize=65536)(self._pieces_of_word)

    def ids(self, text: str, limit: int | None = None) -> list[int]:
        """The ids of ``text``'s pieces, in order, at most ``limit`` of them."""
        found = list(chain.from_iterable(map(self._word_ids, _words(text))))
        return found if limit is None else found[:limit]

    def _pieces_of_word(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_CHARS_PER_WORD:
            return ()
        vocabulary = self._vocabulary
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            while end > start:
                candidate = word[start:end] if start == 0 else CONTINUATION_PREFIX + word[start:end]
                piece = vocabulary.get(candidate)
                if piece is not None:
                    pieces.append(piece)
                    break
                end -= 1
            else:
                return ()
            start = end
        return tuple(pieces)

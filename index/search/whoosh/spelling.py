"""Spelling suggestions: a query with each unknown free word replaced by the
closest word of the index ("did you mean")."""

from __future__ import annotations

import re
from typing import Callable

from whoosh.reading import IndexReader

from ...text import fold_punctuation
from .lexicon import FieldWords

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
_FIELDED_TERM = re.compile(r'(\w+:(?:"[^"]*"|\S+))')
_SUGGESTABLE_WORD = re.compile(r"(?<![\w:*?~\-])([A-Za-z][\w']*[A-Za-z])(?![\w*?~:])")


def suggest(text: str, reader: IndexReader, exact_words: Callable[[], FieldWords]) -> str | None:
    """The query with unknown words replaced by the closest indexed word
    (``exact_words()``: the words of the exact field, read only if needed)."""
    folded = fold_punctuation(text)
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(1)
        if word in _OPERATORS:
            return word
        lowered = word.lower()
        if reader.doc_frequency("exact", lowered) > 0:
            return word
        # The nearest words first; among equally near ones, the most common.
        # Words with the same first letter only, as for fuzzy queries:
        # most misspellings keep it, and it keeps this fast.
        lexicon = exact_words()
        for distance in (1, 2):
            options = sorted(option for option in lexicon.within(lowered, distance, 1) if option != lowered)
            if options:
                changed = True
                return max(options, key=lambda option: reader.doc_frequency("exact", option))
        return word

    # Only free words are checked: a fielded term ("source:cnbc.com") is
    # matched against its own field, not against the article words.
    pieces = [
        piece if _FIELDED_TERM.fullmatch(piece) else _SUGGESTABLE_WORD.sub(replace, piece)
        for piece in _FIELDED_TERM.split(folded)
    ]
    return "".join(pieces) if changed else None

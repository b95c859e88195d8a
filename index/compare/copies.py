"""Two copies of one wire story, word by word: what each site cut or added.

Copies differ by whole passages (an intro, a paragraph cut) and single
words (a synonym swapped in), so the texts are diffed as sequences of
words (``difflib``, no junk heuristic: the common words are what copies
share) and each change reported as the words only one side has, with
their character offsets in its text. A word swapped is one word cut from
A and one added in B, side by side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any, Literal

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class CopyChange:
    """One place where the copies differ: the words only A has there
    (``a``: start, end in A's text; empty when B only added) and those only
    B has (``b``), with their texts."""

    a: tuple[int, int]
    b: tuple[int, int]
    a_text: str
    b_text: str

    @property
    def kind(self) -> Literal["cut", "added", "swapped"]:
        """From A to B: words B ``cut``, words B ``added``, or words ``swapped``."""
        if not self.b_text:
            return "cut"
        return "added" if not self.a_text else "swapped"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "a": list(self.a), "b": list(self.b), "a_text": self.a_text,
                "b_text": self.b_text}


@dataclass(frozen=True, slots=True)
class CopyDiff:
    """Words of A, words of B, the words they share, and each change."""

    words_a: int
    words_b: int
    shared_words: int
    changes: tuple[CopyChange, ...]

    @property
    def only_a(self) -> list[str]:
        """The passages only A has (B cut them, or swapped their words)."""
        return [change.a_text for change in self.changes if change.a_text]

    @property
    def only_b(self) -> list[str]:
        """The passages only B has (B added them)."""
        return [change.b_text for change in self.changes if change.b_text]

    def to_json(self) -> dict[str, Any]:
        return {"words_a": self.words_a, "words_b": self.words_b, "shared_words": self.shared_words,
                "changes": [change.to_json() for change in self.changes]}


def copy_diff(a_text: str, b_text: str) -> CopyDiff:
    """What differs between ``a_text`` and ``b_text``, word by word (a word
    is a run of non-space characters: "said," and "said" differ, as a site
    that moved a comma changed the text)."""
    words_a, words_b = list(_WORD.finditer(a_text)), list(_WORD.finditer(b_text))
    matcher = SequenceMatcher(None, [w.group() for w in words_a], [w.group() for w in words_b], autojunk=False)
    changes, shared = [], 0
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            shared += a_end - a_start
            continue
        a_span = _span(words_a, a_start, a_end)
        b_span = _span(words_b, b_start, b_end)
        changes.append(CopyChange(a_span, b_span, a_text[a_span[0]:a_span[1]], b_text[b_span[0]:b_span[1]]))
    return CopyDiff(len(words_a), len(words_b), shared, tuple(changes))


def _span(words: list[re.Match[str]], start: int, end: int) -> tuple[int, int]:
    """The characters from word ``start`` to the end of word ``end - 1``; for
    no words, the empty place where they would be."""
    if start < end:
        return words[start].start(), words[end - 1].end()
    at = words[start - 1].end() if start else 0
    return at, at

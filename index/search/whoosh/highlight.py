"""Find the words a query matched inside a text, and cut snippets around them.

Highlights are ``(start, end)`` offsets, never markup: article text may
contain anything, and each presentation (TUI, CLI, JSON) styles ranges itself.
Words are matched the way the index analysed them: lower-cased, accents
folded, and either as written (the ``exact`` field) or stemmed (``title`` and
``body``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

from ..results import MatchTerms
from .schema import TOKEN_EXPRESSION

# The index's tokens: a hyphenated compound ("cease-fire") is one token, and
# matches as its closed form ("ceasefire") or any of its parts.
_TOKEN = re.compile(TOKEN_EXPRESSION, re.UNICODE)
_TOKEN_TEXT = _TOKEN
_ACCENTS = {code: (value if isinstance(value, str) else chr(value)) for code, value in accent_map.items()}


@lru_cache(maxsize=65536)
def _forms(word: str) -> tuple[str, str]:
    exact = word.lower().replace("-", "").translate(_ACCENTS)
    return exact, stem(exact)


def word_forms(word: str) -> tuple[str, str]:
    """A word as the exact field holds it (lower-cased, accents folded) and as
    the stemmed fields do."""
    return _forms(word)


def find_matches(text: str, terms: MatchTerms) -> list[tuple[int, int]]:
    """Offsets of the words (and whole phrases) of ``text`` that the query matched."""
    if not terms:
        return []
    if terms.words is not None and not terms.phrases and not _NON_ASCII_LETTER.search(text):
        # ASCII letters only: lower-casing is all the folding there is, so a
        # case-blind match of a whole token is a match of its exact form.
        if not terms.words:
            return []
        return _merged([match.span() for match in _words_pattern(terms.words).finditer(text)])
    if not terms.phrases:
        # Which distinct words match is decided once per word (findall runs
        # in C); offsets are then taken only of those words.
        wanted = {word: spans for word in set(_TOKEN_TEXT.findall(text)) if (spans := _matched_parts(word, terms))}
        if not wanted:
            return []
        return _merged([(token.start() + start, token.start() + end) for token in _TOKEN.finditer(text)
                        for start, end in wanted.get(token.group(), ())])
    tokens = [(token.start(), token.end(), *_forms(token.group())) for token in _TOKEN.finditer(text)]
    ranges = [(start + part_start, start + part_end) for start, end, *_ in tokens
              for part_start, part_end in _matched_parts(text[start:end], terms)]
    for phrase in terms.phrases:
        size = len(phrase)
        for i in range(len(tokens) - size + 1):
            if all(tokens[i + k][2] == phrase[k] for k in range(size)):
                ranges.append((tokens[i][0], tokens[i + size - 1][1]))
    return _merged(ranges)


# A word character that is not an ASCII letter, digit or underscore.
_NON_ASCII_LETTER = re.compile(r"[^\W\d_A-Za-z]")


@lru_cache(maxsize=64)
def _words_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """Any of ``words`` as a whole token (not inside "U.S" or "Israel-run"'s
    halves' neighbours: no token character or dot-joined token around it)."""
    alternation = "|".join(_spelt_any_way(word) for word in sorted(words, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![\w*])(?<![\w*]\.)(?:{alternation})(?![\w*])(?!\.[\w*])", re.IGNORECASE)


def _spelt_any_way(word: str) -> str:
    """A pattern for ``word`` closed or hyphenated between any two letters:
    the index holds "cease-fire" as "ceasefire" too."""
    return "(?:-(?=[^\\W\\d_]))?".join(re.escape(char) for char in word) if word.isalpha() else re.escape(word)


def _matches(exact: str, stemmed: str, terms: MatchTerms) -> bool:
    return exact in terms.exact or stemmed in terms.stemmed


def _matched_parts(word: str, terms: MatchTerms) -> tuple[tuple[int, int], ...]:
    """Where in ``word`` the query matched: all of it, or, in a compound
    whose closed form did not match, the parts that did ("hostage" in
    "Hostage-taking"), as the lexicon's words find them."""
    if _matches(*_forms(word), terms):
        return ((0, len(word)),)
    if "-" not in word:
        return ()
    spans, position = [], 0
    for part in word.split("-"):
        if part and _matches(*_forms(part), terms):
            spans.append((position, position + len(part)))
        position += len(part) + 1
    return tuple(spans)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


@dataclass(frozen=True, slots=True)
class Snippet:
    text: str
    highlights: list[tuple[int, int]]  # offsets into ``text``


def make_snippet(
    text: str,
    sentences: list[tuple[int, int]],
    matches: list[tuple[int, int]],
    width: int,
) -> Snippet:
    """The passage of ``text`` that best shows the matches, about ``width`` long.

    The passage starts at the sentence with the most distinct matched words
    and grows with the sentences after it; an over-long sentence is cut
    around its first match, with "…" marking each cut.
    """
    if not sentences:
        sentences = [(0, len(text))]
    best = max(range(len(sentences)), key=lambda i: (_distinct_in(text, matches, sentences[i]), -i))
    start, end = sentences[best]
    index = best + 1
    while end - start < width * 0.6 and index < len(sentences):
        end = sentences[index][1]
        index += 1
    first_match = next((m for m in matches if start <= m[0] < end), None)
    prefix = suffix = ""
    if end - start > width:
        if first_match and first_match[0] - start > width // 3:
            start = _word_boundary(text, first_match[0] - width // 3)
            prefix = "…"
        if end - start > width:
            end = _word_boundary(text, start + width, backwards=True)
            suffix = "…"
    passage = text[start:end]
    flat = " ".join(passage.split())
    shift = _whitespace_map(passage)
    highlights = [
        (shift[s - start] + len(prefix), shift[e - start] + len(prefix))
        for s, e in matches
        if s >= start and e <= end
    ]
    return Snippet(prefix + flat + suffix, highlights)


def _distinct_in(text: str, matches: list[tuple[int, int]], span: tuple[int, int]) -> int:
    return len({text[s:e].lower() for s, e in matches if span[0] <= s < span[1]})


def _word_boundary(text: str, position: int, backwards: bool = False) -> int:
    position = max(0, min(position, len(text)))
    if backwards:
        cut = text.rfind(" ", 0, position)
        return cut if cut > 0 else position
    cut = text.find(" ", position)
    return cut + 1 if cut >= 0 else position


def _whitespace_map(passage: str) -> list[int]:
    """For each offset in ``passage``, its offset once white space is collapsed."""
    mapping = []
    position = 0
    previous_space = True  # leading white space is dropped
    for char in passage:
        mapping.append(position)
        if char.isspace():
            if not previous_space:
                position += 1
            previous_space = True
        else:
            position += 1
            previous_space = False
    mapping.append(position)
    return mapping

"""What names mean, and the pass that turns detected spans into entities.

The :class:`Lexicon` holds the shipped gazetteer (``data/gazetteer.json``)
merged with the configured aliases: canonical names and their types, the
spellings that name them, cities (which may also be surnames), person titles.

:func:`link_in_article` is run after either backend. It trims titles and
possessives off each span, maps spellings to canonical names, splits
"Israel-Hamas" into its two names, keeps weak spans (headings, sentence
openers) only when the article confirms them, links a surname to the one
full name that ends with it and an acronym to the one organisation with
those initials, and settles one type per name.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import fold_punctuation

_GAZETTEER = Path(__file__).resolve().parent / "data" / "gazetteer.json"

# Evidence for a span, weakest first. WEAK spans are capitalised only because
# of where they stand (heading, sentence start); SHAPE is a capitalised run in
# prose; CUE, TITLE and KNOWN also say what kind of name it is.
WEAK, SHAPE, CUE, TITLE, KNOWN = range(5)

# Words that may stand between a title and what it qualifies without being a
# name: "Senior Hamas official", "Far-right police minister".
MODIFIERS = frozenset(
    "senior former acting deputy top chief far-right right-wing left-wing hardline veteran interim "
    "outgoing incoming longtime then ultra-nationalist influential powerful exiled".split()
)

_NAME_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:[-'’]\w+)*|[^\w\s]")
_POSSESSIVE = ("'s", "’s")


def name_tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Words and punctuation of ``text`` as ``(token, start, end)``; a
    possessive "'s" becomes a token of its own so names never include it."""
    tokens = [(match.group(), match.start() + offset, match.end() + offset) for match in _NAME_TOKEN.finditer(text)]
    if "'s" not in text and "’s" not in text:
        return tokens
    split = []
    for word, start, end in tokens:
        if len(word) > 2 and word.endswith(_POSSESSIVE):
            split += [(word[:-2], start, end - 2), (word[-2:], end - 2, end)]
        else:
            split.append((word, start, end))
    return split


def lookup_key(name: str) -> str:
    """The form under which a spelling is looked up: ASCII quotes and dashes,
    single spaces."""
    return " ".join(fold_punctuation(name).split())


@dataclass(frozen=True, slots=True)
class Lexicon:
    # first token -> token sequences of known spellings, longest first
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    canonical: dict[str, str]  # lookup_key(spelling) -> canonical name
    types: dict[str, str]  # canonical name -> type
    cities: frozenset[str]  # canonical names that may also be surnames
    # lower-cased first word -> title word sequences (lower case, no dots), longest first
    titles: dict[str, tuple[tuple[str, ...], ...]]
    known_surnames: dict[str, set[str]]  # surname of a well-known person -> full names
    lowercase_starts: frozenset[str]  # lower-case words that may open a title or a known spelling

    def canonical_of(self, name: str) -> str:
        found = self.canonical.get(name)  # most spellings are their own key
        return found if found is not None else self.canonical.get(lookup_key(name), name)

    def is_known(self, name: str) -> bool:
        return self.canonical_of(name) in self.types

    def known_phrase_at(self, words: list[str], i: int) -> int:
        """Length of the longest known spelling starting at ``words[i]``."""
        for sequence in self.phrases.get(words[i], ()):
            if tuple(words[i:i + len(sequence)]) == sequence:
                return len(sequence)
        return 0

    def title_at(self, words: list[str], i: int) -> int:
        """Tokens taken by a title starting at ``words[i]`` ("Prime Minister",
        "Mr." with its dot, "police minister"); 0 when there is none."""
        for sequence in self.titles.get(words[i].lower(), ()):
            j = i
            for part in sequence:
                while j < len(words) and words[j] == ".":
                    j += 1
                if j >= len(words) or words[j].lower() != part:
                    break
                j += 1
            else:
                if j < len(words) and words[j] == ".":
                    j += 1
                return j - i
        return 0


@lru_cache(maxsize=1)
def _gazetteer() -> dict:
    return json.loads(_GAZETTEER.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def lexicon(aliases: tuple[tuple[str, tuple[str, ...]], ...] = ()) -> Lexicon:
    """The gazetteer plus configured aliases (canonical -> variants), which
    win over the gazetteer's own mapping of the same spelling."""
    data = _gazetteer()
    types: dict[str, str] = {}
    for kind, names in data["names"].items():
        for name in names:
            types[name] = kind
    cities = frozenset(name for name in data["cities"] if name not in types)
    for city in cities:
        types[city] = "GPE"
    canonical: dict[str, str] = {lookup_key(name): name for name in types}
    for name, variants in data["aliases"].items():
        for variant in variants:
            canonical[lookup_key(variant)] = name
    for name, variants in aliases:
        # A configured name takes the type of whatever the gazetteer knows it
        # or its variants as ("Gaza Strip: [the Strip]" is a place).
        known_types = {types.get(canonical.get(lookup_key(v), v)) for v in (name, *variants)} - {None}
        if name not in types and len(known_types) == 1:
            types[name] = known_types.pop()
        for variant in (name, *variants):
            canonical[lookup_key(variant)] = name
    spellings = set(types) | {variant for _, variants in aliases for variant in variants}
    spellings |= {variant for variants in data["aliases"].values() for variant in variants}
    phrases: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for spelling in spellings:
        words = tuple(token for token, _, _ in name_tokens(spelling))
        if words:
            phrases[words[0]].append(words)
    titles: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for title in data["titles"]:
        words = tuple(token.lower() for token, _, _ in name_tokens(title) if token != ".")
        titles[words[0]].append(words)
    return Lexicon(
        phrases={first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in phrases.items()},
        canonical=canonical,
        types=types,
        cities=cities,
        titles={first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in titles.items()},
        known_surnames=surname_index(set(data["names"]["PERSON"])),
        lowercase_starts=frozenset(first for first in (*phrases, *titles) if first[:1].islower()),
    )


@dataclass(frozen=True, slots=True)
class Candidate:
    """A detected span: ``text[start:end]``, with what the detector saw."""

    start: int
    end: int
    type: str | None  # None: the text does not tell what kind of name it is
    evidence: int  # WEAK .. KNOWN


@dataclass(slots=True)
class LinkedEntity:
    name: str
    type: str
    spans: list[tuple[int, int]]


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    name: str  # canonical once resolved
    type: str | None
    evidence: int


def strip_span(text: str, start: int, end: int, lex: Lexicon, *, is_person: bool) -> tuple[int, int]:
    """Trim what is not part of the name: possessives and quotes always;
    leading titles and their qualifiers ("Israeli Prime Minister", "Mr.",
    "Senior Hamas official") when the span may be a person; a leading "the"."""
    tokens = name_tokens(text[start:end], start)
    while tokens and (tokens[-1][0] in _POSSESSIVE or not tokens[-1][0][0].isalnum()):
        tokens.pop()
    while tokens and not tokens[0][0][0].isalnum():
        tokens.pop(0)
    words = [token for token, _, _ in tokens]
    # Titles may come behind qualifiers and known names ("Senior Hamas
    # official"); cut after the last title, or after a leading "the".
    cut = i = 0
    while i < len(words):
        taken = lex.title_at(words, i) if is_person else 0
        if taken:
            i = cut = i + taken
        elif words[i].lower() == "the":
            i = cut = i + 1
        elif words[i].lower() in MODIFIERS or (is_person and lex.is_known(words[i])):
            i += 1
        else:
            break
    tokens = tokens[cut:]
    if not tokens:
        return start, start
    return tokens[0][1], tokens[-1][2]


def _word_suffixes(name: str) -> list[str]:
    words = name.split()
    return [" ".join(words[k:]) for k in range(1, len(words))]


def surname_index(full_names: set[str]) -> dict[str, set[str]]:
    """Each proper word-suffix of a full name ("Netanyahu", "Abu Marzouk")
    mapped to the full names that end with it."""
    index: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        for suffix in _word_suffixes(full):
            index[suffix].add(full)
    return index


def link_in_article(
    text: str, candidates: list[Candidate], lex: Lexicon, ignore: tuple[str, ...] = ()
) -> list[LinkedEntity]:
    spans = _normalised(text, candidates, lex)
    spans = _split_compounds(text, spans, lex)
    spans = _confirmed(text, spans, lex)
    _link_surnames(spans, lex)
    _link_acronyms(spans)
    return _grouped(text, spans, lex, {name.casefold() for name in ignore})


def _normalised(text: str, candidates: list[Candidate], lex: Lexicon) -> list[_Span]:
    spans = []
    # An article repeats its names: each surface is trimmed and looked up once.
    names: dict[tuple[str, bool], tuple[int, int, str]] = {}
    for candidate in candidates:
        key = (text[candidate.start:candidate.end], candidate.type in (None, "PERSON"))
        if key not in names:
            names[key] = _name_in(*key, lex)
        start, end, name = names[key]
        if start < end:
            offset = candidate.start
            spans.append(_Span(offset + start, offset + end, name, candidate.type, candidate.evidence))
    return spans


def _name_in(surface: str, is_person: bool, lex: Lexicon) -> tuple[int, int, str]:
    """The name in a detected ``surface``: its offsets within it and its
    canonical form."""
    start, end = 0, len(surface)
    if lookup_key(surface) not in lex.canonical:  # a known spelling is kept whole ("the Strip")
        start, end = strip_span(surface, start, end, lex, is_person=is_person)
    return start, end, lex.canonical_of(surface[start:end])


def _split_compounds(text: str, spans: list[_Span], lex: Lexicon) -> list[_Span]:
    """"Israel-Hamas" names both when each part is a name in its own right
    (known, or found elsewhere in the article); "Ben-Gvir" stays whole."""
    names = {span.name for span in spans if "-" not in span.name}
    result = []
    for span in spans:
        surface = text[span.start:span.end]
        if "-" not in surface or lex.is_known(surface):
            result.append(span)
            continue
        parts, position = [], span.start
        for part in surface.split("-"):
            parts.append((position, position + len(part)))
            position += len(part) + 1
        part_names = [lex.canonical_of(text[s:e]) for s, e in parts]
        if all(name in names or name in lex.types for name in part_names):
            result.extend(_Span(s, e, name, None, span.evidence) for (s, e), name in zip(parts, part_names))
        else:
            result.append(span)
    return result


def _confirmed(text: str, spans: list[_Span], lex: Lexicon) -> list[_Span]:
    """Keep a weak span only if it is known, is the surname of a full name in
    the article or of a well-known person, or the article names it in prose;
    a weak run of several words may still hold one such word."""
    strong = {span.name for span in spans if span.evidence > WEAK}
    in_article = surname_index({name for name in strong if " " in name})
    kept = []
    for span in spans:
        if span.evidence > WEAK:
            kept.append(span)
            continue
        if _is_confirmed(span.name, strong, in_article, lex):
            kept.append(span)
            continue
        for word, start, end in name_tokens(text[span.start:span.end], span.start):
            name = lex.canonical_of(word)
            if _is_confirmed(name, strong, in_article, lex):
                kept.append(_Span(start, end, name, None, WEAK))
    return kept


def _is_confirmed(name: str, strong: set[str], in_article: dict[str, set[str]], lex: Lexicon) -> bool:
    return name in strong or name in lex.types or name in in_article or name in lex.known_surnames


def _link_surnames(spans: list[_Span], lex: Lexicon) -> None:
    """"Netanyahu" becomes "Benjamin Netanyahu" when that is the only full
    name in the article ending so; failing that, a well-known person's."""
    full_names = {
        span.name
        for span in spans
        if " " in span.name and lex.types.get(span.name) in (None, "PERSON") and span.type in (None, "PERSON")
    }
    in_article = surname_index(full_names)
    for span in spans:
        if not _may_be_surname(span, lex):
            continue
        matches = in_article.get(span.name) or lex.known_surnames.get(span.name, set())
        if len(matches) == 1:
            span.name = next(iter(matches))
            span.type = "PERSON"
            span.evidence = max(span.evidence, CUE)


def _may_be_surname(span: _Span, lex: Lexicon) -> bool:
    if span.name in lex.cities:
        return True  # "Houston" may be Whitney Houston's
    return lex.types.get(span.name) in (None, "PERSON") and span.type in (None, "PERSON")


def _initials(name: str) -> str:
    return "".join(word[0] for word in name.split() if word[0].isupper())


def _link_acronyms(spans: list[_Span]) -> None:
    """"RSF" becomes "Rapid Support Forces" when that is the one
    organisation in the article with those initials."""
    organisations = {span.name for span in spans if span.type == "ORG" and " " in span.name}
    by_initials: dict[str, set[str]] = defaultdict(set)
    for name in organisations:
        by_initials[_initials(name)].add(name)
    for span in spans:
        matches = by_initials.get(span.name, set()) if span.name.isupper() else set()
        if len(matches) == 1:
            span.name = next(iter(matches))
            span.type = "ORG"


def _resolved_type(name: str, spans: list[_Span], lex: Lexicon) -> str:
    if name in lex.types and not (name in lex.cities and any(s.type == "PERSON" for s in spans)):
        return lex.types[name]
    votes = Counter()
    for span in spans:
        if span.type:
            votes[span.type] += span.evidence + 1
    if votes:
        return max(sorted(votes), key=votes.__getitem__)
    return "PERSON"  # a capitalised name the text says nothing more about


def _grouped(text: str, spans: list[_Span], lex: Lexicon, ignore: set[str]) -> list[LinkedEntity]:
    by_name: dict[str, list[_Span]] = defaultdict(list)
    for span in spans:
        if span.name.casefold() not in ignore and text[span.start:span.end].casefold() not in ignore:
            by_name[span.name].append(span)
    entities = []
    for name, group in by_name.items():
        unique = sorted({(s.start, s.end) for s in group})
        entities.append(LinkedEntity(name, _resolved_type(name, group, lex), unique))
    return entities

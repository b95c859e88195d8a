"""The pass that turns detected spans into one article's entities.

:func:`link_in_article` is run after either backend. It trims titles and
possessives off each span, maps spellings to canonical names, drops what
names nothing (holidays, languages, an unknown run in capitals), splits
"Israel-Hamas" into its two names, links an acronym to the one organisation
of the article with those initials, keeps weak spans (headings, sentence
openers) only when the article confirms them, links a surname to the one
full name that ends with it, and settles one type per name.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from .identity import initials, is_acronym, tail_index
from .lexicon import (
    CUE,
    MODIFIERS,
    NOT_NAME,
    POSSESSIVES,
    WEAK,
    Lexicon,
    lookup_key,
    name_tokens,
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
    while tokens and (tokens[-1][0] in POSSESSIVES or not tokens[-1][0][0].isalnum()):
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
        elif words[i] in POSSESSIVES and i:  # "Jordan's King Abdullah II"
            i += 1
        else:
            break
    tokens = tokens[cut:]
    if not tokens:
        return start, start
    return tokens[0][1], tokens[-1][2]


def link_in_article(
    text: str, candidates: list[Candidate], lex: Lexicon, ignore: tuple[str, ...] = ()
) -> list[LinkedEntity]:
    spans = [span for span in _normalised(text, candidates, lex)
             if span.name not in lex.languages or not _names_a_language(text, span)]
    spans = _split_compounds(text, spans, lex)
    _link_acronyms(spans, lex)
    spans = _confirmed(text, spans, lex)
    _link_surnames(spans, lex)
    _link_known_as(text, spans)
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
        if start < end and name:
            offset = candidate.start
            spans.append(_Span(offset + start, offset + end, name, candidate.type, candidate.evidence))
    return spans


def _name_in(surface: str, is_person: bool, lex: Lexicon) -> tuple[int, int, str]:
    """The name in a detected ``surface``: its offsets within it and its
    canonical form."""
    start, end = 0, len(surface)
    if lookup_key(surface) not in lex.canonical:  # a known spelling is kept whole ("the Strip")
        start, end = strip_span(surface, start, end, lex, is_person=is_person)
    name = lex.canonical_of(surface[start:end])
    if lex.types.get(name) == NOT_NAME or _is_unknown_capitals(name, lex) or _is_agreement(name, lex):
        return start, end, ""
    return start, end, name


# The last word of a document's or an event's name, which is none of the
# kinds listed: "Black Sea Grain Initiative", "Abraham Accords".
AGREEMENT_WORDS = frozenset("initiative agreement agreements accord accords deal treaty pact protocol".split())


def _is_agreement(name: str, lex: Lexicon) -> bool:
    return " " in name and name.rsplit(" ", 1)[1].lower() in AGREEMENT_WORDS and name not in lex.types


def _is_unknown_capitals(name: str, lex: Lexicon) -> bool:
    """A run in capitals that is no known name and too long for an acronym:
    a dateline's unknown town, a shouted heading ("BREAKING NEWS")."""
    if not name.isupper() or name in lex.types:
        return False
    return not all(is_acronym(part) for part in name.split("-"))  # "ACME-BOLT" may split in two


_IN_LANGUAGE_BEFORE = re.compile(r"\b(?:in|into|from)\s+(?:[A-Z]\w+\s+(?:and|or)\s+)?$")
_IN_LANGUAGE_AFTER = re.compile(r"^(?:\s*[^\w\s]|\s+(?:and|or|at|on|to|with|for|in|during|before|after)\b|\s*$)")


def _names_a_language(text: str, span: _Span) -> bool:
    """"spoke in Ukrainian and English": the language, not the people ("in
    Ukrainian cities" stays the people's adjective)."""
    return bool(_IN_LANGUAGE_BEFORE.search(text, max(0, span.start - 40), span.start)
                and _IN_LANGUAGE_AFTER.match(text[span.end:span.end + 8]))


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
    if all(span.evidence > WEAK for span in spans):
        return spans
    strong = {span.name for span in spans if span.evidence > WEAK}
    in_article = tail_index({name for name in strong if " " in name})
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
    in_article = tail_index(full_names)
    for span in spans:
        if _may_be_surname(span, lex):
            matches = in_article.get(span.name) or lex.known_surnames.get(span.name, set())
        elif span.name not in lex.types:
            matches = in_article.get(span.name, set())  # "Burns" a detector took for a place
        else:
            continue
        if len(matches) == 1:
            span.name = next(iter(matches))
            span.type = "PERSON"
            span.evidence = max(span.evidence, CUE)


_KNOWN_AS = re.compile(r",?\s+(?:also\s+|better\s+|widely\s+)?known\s+as\s+$")


def _link_known_as(text: str, spans: list[_Span]) -> None:
    """"Mohamed Hamdan Dagalo, known as Hemedti": the nickname, wherever the
    article uses it, is the person named just before it."""
    people = sorted((span for span in spans if span.type in (None, "PERSON")), key=lambda span: span.start)
    nicknames = {
        span.name: before.name
        for before, span in zip(people, people[1:])
        if " " in before.name and _KNOWN_AS.match(text[before.end:span.start])
    }
    for span in spans:
        if span.name in nicknames:
            span.name, span.type = nicknames[span.name], "PERSON"


def _may_be_surname(span: _Span, lex: Lexicon) -> bool:
    if span.name in lex.cities:
        return True  # "Houston" may be Whitney Houston's
    return lex.types.get(span.name) in (None, "PERSON") and span.type in (None, "PERSON")


def _link_acronyms(spans: list[_Span], lex: Lexicon) -> None:
    """"RSF" becomes "Rapid Support Forces" when that is the one
    organisation in the article with those initials ("the Rapid Support
    Forces (RSF)"); a known acronym keeps its gazetteer name."""
    acronyms = [span for span in spans if span.name.isupper() and is_acronym(span.name) and span.name not in lex.types]
    if not acronyms:
        return
    organisations = {
        span.name for span in spans
        if " " in span.name and (span.type == "ORG" or lex.types.get(span.name) == "ORG")
    }
    by_initials: dict[str, set[str]] = defaultdict(set)
    for name in organisations:
        by_initials[initials(name)].add(name)
    for span in acronyms:
        matches = by_initials.get(span.name, set())
        if len(matches) == 1:
            span.name = next(iter(matches))
            span.type = "ORG"
            span.evidence = max(span.evidence, CUE)


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

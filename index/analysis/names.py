"""Where an article names someone or something.

Names come from extracted entities when the caller has them (typed, linked:
"Netanyahu" and "Benjamin Netanyahu" share one canonical name). Without
entities a rough fallback reads capitalisation: runs of capitalised words,
split at titles ("Prime Minister", "Mr."), keyed by their last word so
"Benjamin Netanyahu" and "Netanyahu" still meet and are labelled by the
fullest form. A name after a personal title is taken for a PERSON, and so
is every name sharing its key; all other fallback names have no type.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Any, Callable, Iterable

from ..model import Entity
from ..text import fold_punctuation


@dataclass(frozen=True, slots=True)
class Name:
    start: int  # offsets into article.text
    end: int
    key: str  # two mentions with one key name the same thing
    label: str  # the entity's name as shown to people (not the surface text)
    type: str | None  # PERSON, ORG, GPE, NORP, … or None when unknown


# Entity lists also carry figures and dates; those are compared as figures.
NOT_NAMES = frozenset({"FIGURE", "DATE"})


def names_from_entities(entities: Iterable[Entity]) -> list[Name]:
    """Every mention of every named entity."""
    names = []
    for entity in entities:
        if entity.type in NOT_NAMES:
            continue
        key = entity.name.casefold()
        names.extend(Name(mention.start, mention.end, key, entity.name, entity.type) for mention in entity.mentions)
    names.sort(key=lambda name: name.start)
    return names


# Titles and roles that precede a person's name ("CIA Director William
# Burns", "police minister Itamar Ben-Gvir"). They are never part of a name.
PERSONAL_TITLES = frozenset(
    """
    mr mrs ms mx dr prof sir dame president prime minister secretary director chief
    general gen sen senator rep representative gov governor ambassador envoy
    king queen prince princess sheikh pope rabbi imam spokesman spokeswoman
    spokesperson official leader commander colonel col captain capt lt lieutenant
    judge justice mayor chairman chairwoman chancellor negotiator state
    """.split()
)
_CALENDAR = frozenset(
    """
    monday tuesday wednesday thursday friday saturday sunday january february
    march april may june july august september october november december
    """.split()
)
_NAME_WORD = re.compile(r"[A-Z][\w]*(?:[.'\-][\w]+)*\.?")
_OPENING = re.compile(r"^[\s\"'(\[]*")


def _clean(word: str) -> str:
    """Drop a possessive and a full stop that ends the sentence, not the word."""
    if word.endswith("'s"):
        word = word[:-2]
    if word.endswith(".") and "." not in word[:-1] and word[:-1].casefold() not in PERSONAL_TITLES:
        word = word[:-1]
    return word


def _capitalised(sentence: str) -> list[tuple[int, str, bool]]:
    """Capitalised words of a sentence: (start, cleaned word, opens it or a quotation)."""
    folded = fold_punctuation(sentence)
    opener = _OPENING.match(folded).end()
    words = []
    for match in _NAME_WORD.finditer(folded):
        start = match.start()
        if start and folded[start - 1].isalnum():
            continue  # "McDonald" is one word, not "Mc" + "Donald"
        opens = start == opener or (start > 0 and folded[start - 1] in "\"(")
        words.append((start, _clean(match.group()), opens))
    return words


def _split(words: list[tuple[int, str, bool]], known: set[str]) -> list[tuple[int, int, str, bool]]:
    """Hyphenated words keep their capitalised parts ("Hamas-led" → "Hamas");
    "Israel-Hamas", two known names, splits in two, while "Ben-Gvir", whose
    parts are no names alone, stays whole. Yields (start, end, word, opens)."""
    split = []
    for start, word, opens in words:
        parts = word.split("-")
        if all(part[:1].isupper() for part in parts) and not (len(parts) > 1 and all(p in known for p in parts)):
            split.append((start, start + len(word), word, opens))
            continue
        position = start
        for part in parts:
            if part[:1].isupper():
                split.append((position, position + len(part), part, opens and position == start))
            position += len(part) + 1
    return split


def names_by_capitalisation(article: Any) -> list[Name]:
    """Names found by capitalisation in the sentences of ``article``."""
    sentences = [
        (span.start, text, _capitalised(text))
        for span in article.sentences
        for text in (article.text[span.start:span.end],)
    ]
    # A capitalised sentence opener is a name only if the article also
    # capitalises it mid-sentence ("Hamas ..." yes, "However ..." no).
    known = {word for _, _, words in sentences for _, word, opens in words if "-" not in word and not opens}
    names = [
        _name(offset, text, run, titled)
        for offset, text, words in sentences
        for run, titled in _runs(text, _split(words, known), known)
    ]
    # One key, one entity: its label is the fullest form the article uses.
    labels: dict[str, str] = {}
    people = set()
    for name in names:
        if len(name.label) > len(labels.get(name.key, "")):
            labels[name.key] = name.label
        if name.type == "PERSON":
            people.add(name.key)
    return [
        Name(n.start, n.end, n.key, labels[n.key], "PERSON" if n.key in people else None) for n in names
    ]


def _runs(
    text: str, words: list[tuple[int, int, str, bool]], known: set[str]
) -> Iterable[tuple[list[tuple[int, int, str]], bool]]:
    """Runs of adjacent capitalised words, each with whether a title precedes it."""
    run: list[tuple[int, int, str]] = []
    titled = False
    previous_end = -2
    for start, end, word, opens in words:
        if not (start == previous_end + 1 and text[previous_end] == " "):
            if run:
                yield run, titled
            run, titled = [], _follows_title(text, start)
        previous_end = end
        bare = word.rstrip(".").casefold()
        is_title = bare in PERSONAL_TITLES
        if is_title or bare in _CALENDAR or len(word) == 1 or (opens and word not in known):
            if run:
                yield run, titled
            run, titled = [], is_title
            continue
        run.append((start, end, word))
    if run:
        yield run, titled


_WORD_BEFORE = re.compile(r"([\w.]+)\s+$")


def _follows_title(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return bool(before) and before.group(1).rstrip(".").casefold() in PERSONAL_TITLES


def _name(offset: int, text: str, run: list[tuple[int, int, str]], titled: bool) -> Name:
    start, end = run[0][0], run[-1][1]
    return Name(offset + start, offset + end, run[-1][2].casefold(), text[start:end], "PERSON" if titled else None)


def article_names(article: Any, entities: Iterable[Entity] | None = None) -> list[Name]:
    """Names in ``article``: entity mentions when given, else the fallback."""
    if entities is None:
        return names_by_capitalisation(article)
    return names_from_entities(entities)


def sentence_locator(article: Any) -> Callable[[int], int | None]:
    """A function from a text offset to the index of the sentence holding it."""
    spans = article.sentences
    starts = [span.start for span in spans]

    def locate(offset: int) -> int | None:
        index = bisect_right(starts, offset) - 1
        return index if index >= 0 and offset < spans[index].end else None

    return locate


def names_by_sentence(article: Any, names: Iterable[Name]) -> list[list[Name]]:
    locate = sentence_locator(article)
    grouped: list[list[Name]] = [[] for _ in article.sentences]
    for name in names:
        index = locate(name.start)
        if index is not None:
            grouped[index].append(name)
    return grouped

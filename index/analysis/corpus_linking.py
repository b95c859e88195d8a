"""The corpus-wide pass: which stored (name, type) each becomes, so that one
real-world entity is one entry in every article, the table and search.

It reads only the distinct keys with how many articles name each and how
often (:class:`KeyCount`), never the articles, so a refresh that changes one
file re-links in one walk over the distinct names without re-analysing
anything. In order:

1. a name typed differently in different articles takes the type most
   articles give it ("Burns" as GPE in one of five);
2. people are grouped (identity.person_groups: nicknames, middle names);
3. a bare surname or tail takes the one person it can be, whatever type
   an article gave it, unless the gazetteer knows it as something else;
4. an acronym takes the one organisation with its initials.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from .identity import PersonName, acronym_links, is_acronym, person_groups, tail_index
from .lexicon import lexicon

NAME_TYPES = ("PERSON", "ORG", "GPE", "NORP")
Key = tuple[str, str]


class KeyCount(NamedTuple):
    name: str
    type: str
    articles: int  # how many articles name it so
    mentions: int


def corpus_renames(keys: Iterable[KeyCount]) -> dict[Key, Key]:
    """``(name, type) -> (name, type)`` for every key that changes."""
    keys = [key for key in keys if key.articles > 0]
    types = _voted_types(keys)
    lex = lexicon()
    known_people = {name for name, kind in lex.types.items() if kind == "PERSON"}
    known_orgs = {name for name, kind in lex.types.items() if kind == "ORG"}
    weight: Counter = Counter()
    kind_of: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        if key.type in NAME_TYPES:
            kind_of[key.name] = types.get(key.name, key.type)
            kinds[kind_of[key.name]].add(key.name)
            weight[key.name] += key.articles

    people = {name for name in kinds["PERSON"] if " " in name}
    grouped = person_groups(people | _typed_otherwise(people, kind_of, lex.types), known_people, weight)
    people |= set(grouped) | set(grouped.values())
    tails = tail_index(people)
    names: dict[str, Key] = {name: (target, "PERSON") for name, target in grouped.items()}
    for target in set(grouped.values()):
        names[target] = (target, "PERSON")  # the group's own name, whatever an article typed it
    for name, kind in kind_of.items():
        if name in names or name not in tails or not _may_be_person(name, kind, lex.types):
            continue
        matches = {grouped.get(full, full) for full in tails[name] if full != name}
        if len(matches) == 1:
            names[name] = (matches.pop(), "PERSON")
    # An acronym a detector took for a place or group ("IAEA" as GPE) may
    # still be the organisation it abbreviates.
    acronyms = {name for name, kind in kind_of.items() if is_acronym(name) and name not in lex.types}
    for name, target in acronym_links(kinds["ORG"] | acronyms, known_orgs).items():
        names.setdefault(name, (target, "ORG"))

    renames = {}
    for key in keys:
        if key.type not in NAME_TYPES:
            continue
        new = names.get(key.name, (key.name, types.get(key.name, key.type)))
        if new != (key.name, key.type):
            renames[(key.name, key.type)] = new
    return renames


def _typed_otherwise(people: set[str], kind_of: dict[str, str], known_types: dict[str, str]) -> set[str]:
    """Full names typed other than PERSON that share a surname with a person
    of the corpus and are unknown to the gazetteer ("Volodymyr Zelenskiy"
    as ORG): grouping decides whether they are that person."""
    surnames = {parsed.surname_key for parsed in map(PersonName.parse, people) if parsed}
    return {
        name for name, kind in kind_of.items()
        if kind != "PERSON" and " " in name and name not in known_types
        and (parsed := PersonName.parse(name)) is not None and parsed.surname_key in surnames
    }


def _may_be_person(name: str, kind: str, known_types: dict[str, str]) -> bool:
    """A tail stands for a person when it is typed PERSON, or typed otherwise
    only by an article's guess (the gazetteer does not know it as a place,
    group or organisation)."""
    return kind == "PERSON" or known_types.get(name, "PERSON") == "PERSON"


def _voted_types(keys: list[KeyCount]) -> dict[str, str]:
    """Per name with several types, the type given by most articles (ties:
    most mentions, then alphabetical)."""
    first_type: dict[str, str] = {}
    several: set[str] = set()
    for key in keys:
        if key.type in NAME_TYPES and first_type.setdefault(key.name, key.type) != key.type:
            several.add(key.name)
    articles: dict[str, Counter] = defaultdict(Counter)
    mentions: dict[str, Counter] = defaultdict(Counter)
    for key in keys:
        if key.name in several and key.type in NAME_TYPES:
            articles[key.name][key.type] += key.articles
            mentions[key.name][key.type] += key.mentions
    return {
        name: max(sorted(votes), key=lambda kind: (votes[kind], mentions[name][kind]))
        for name, votes in articles.items()
    }

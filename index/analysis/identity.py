"""Which stored names are one real-world entity, across a whole corpus.

Works on distinct (name, type) keys only, never on article text, so the
corpus pass costs one walk over the distinct names however many articles
there are. Three kinds of identity:

- people: "Bill Burns", "William Burns" and "William J. Burns" share a
  surname, their given names are one name or a nickname of it (the
  ``nicknames`` dataset, data/nicknames.json) and their middle names agree
  where both have one; a name compatible with two different people is left
  alone;
- a bare surname or a shorter tail ("Burns", "Abu Marzouk"), or a regnal
  name without its number ("Abdullah" for "Abdullah II"), takes the one
  person of the corpus it can be;
- an acronym ("RSF", dots already dropped) takes the one organisation of the
  corpus whose initials it is ("Rapid Support Forces").

Each group is named by the form a reader expects: the gazetteer's, else one
without middle initials and with the formal given name, else the most used.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_NICKNAMES = Path(__file__).resolve().parent / "data" / "nicknames.json"

# Lower-case words inside a surname: "Mohammed bin Salman", "Ursula von der Leyen".
SURNAME_PARTICLES = frozenset("bin bint ibn al el abu de da di du van von der den la le dos das del ben".split())
_PATRONYMIC = frozenset("bin ibn bint ben".split())
_SUFFIX = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
_DOTTED = re.compile(r"^(?:[A-Z]\.){2,}$")


def undotted(name: str) -> str:
    """"C.I.A." -> "CIA"; anything else unchanged."""
    return name.replace(".", "") if _DOTTED.match(name) else name


def is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name)) and any(ch.isalpha() for ch in name)


def initials(name: str) -> str:
    """Initials of the capitalised words: "Agence France-Presse" -> "AFP",
    "United Nations Relief and Works Agency" -> "UNRWA"."""
    return "".join(word[0] for word in re.split(r"[\s\-]+", name) if word[:1].isupper())


@lru_cache(maxsize=1)
def formal_names() -> dict[str, frozenset[str]]:
    """nickname (lower case) -> the formal given names it is short for."""
    data = json.loads(_NICKNAMES.read_text(encoding="utf-8"))
    formal: dict[str, set[str]] = defaultdict(set)
    for name, nicknames in data["nicknames"].items():
        for nickname in nicknames:
            formal[nickname].add(name)
    return {nickname: frozenset(names) for nickname, names in formal.items()}


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _same_word(a: str, b: str) -> bool:
    """One given or middle name: equal, an initial of the other, or one a
    nickname of the other ("Bill", "William")."""
    a, b = a.rstrip(".").casefold(), b.rstrip(".").casefold()
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    formal = formal_names()
    return b in formal.get(a, ()) or a in formal.get(b, ())


@dataclass(frozen=True, slots=True)
class PersonName:
    given: str
    middles: tuple[str, ...]
    surname: str  # with its particles: "bin Salman"
    suffix: str  # "Jr.", "II", or ""

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        """None for a single word or a name whose given name is an initial only."""
        words = name.split()
        suffix = words.pop() if len(words) > 2 and _SUFFIX.match(words[-1]) else ""
        if len(words) < 2 or _is_initial(words[0]):
            return None
        k = len(words) - 1
        while k > 1 and words[k - 1].casefold() in SURNAME_PARTICLES:
            k -= 1
        return cls(words[0], tuple(words[1:k]), " ".join(words[k:]).casefold(), suffix.rstrip("."))

    def same_person(self, other: PersonName) -> bool:
        if self.surname != other.surname or (self.suffix and other.suffix and self.suffix != other.suffix):
            return False
        if not _same_word(self.given, other.given):
            return False
        if not self.middles or not other.middles:
            return True
        return len(self.middles) == len(other.middles) and all(map(_same_word, self.middles, other.middles))


def _preference(name: str, group: list[str], known: set[str], weight: dict[str, int]) -> tuple:
    parsed = PersonName.parse(name)
    middle_initials = bool(parsed) and any(_is_initial(m) for m in parsed.middles)
    givens = {p.given.casefold() for p in map(PersonName.parse, group) if p}
    # A given name that is a nickname of another in the group ("Bill" beside "William")
    nickname = bool(parsed) and bool(formal_names().get(parsed.given.casefold(), frozenset()) & givens)
    return (name in known, not middle_initials, not nickname, weight.get(name, 0), len(name), name)


def person_groups(names: set[str], known: set[str], weight: dict[str, int]) -> dict[str, str]:
    """Full person names -> the name of their group (only those that move).
    ``known``: the gazetteer's people; ``weight``: articles naming each."""
    by_surname: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    for name in names:
        parsed = PersonName.parse(name)
        if parsed:
            by_surname[parsed.surname].append((name, parsed))
    renames = {}
    for members in by_surname.values():
        if len(members) < 2:
            continue
        # Fullest forms first, so "William J. Burns" founds the group that
        # "William Burns" and "Bill Burns" then join.
        members.sort(key=lambda item: (-len(item[1].middles), -len(item[0]), item[0]))
        groups: list[list[tuple[str, PersonName]]] = []
        for name, parsed in members:
            fitting = [g for g in groups if all(parsed.same_person(other) for _, other in g)]
            if len(fitting) == 1:
                fitting[0].append((name, parsed))
            elif not fitting:
                groups.append([(name, parsed)])
            # compatible with two people: ambiguous, linked to neither
        for group in groups:
            names_in = [name for name, _ in group]
            chosen = max(names_in, key=lambda n: _preference(n, names_in, known, weight))
            renames.update({name: chosen for name in names_in if name != chosen})
    return renames


def tail_index(full_names: set[str]) -> dict[str, set[str]]:
    """Each proper word-suffix of a full name ("Netanyahu", "Abu Marzouk"),
    and a regnal name without its number ("Abdullah" of "Abdullah II"),
    mapped to the full names it may stand for."""
    index: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        words = full.split()
        for k in range(1, len(words)):
            # "Salman" after "bin" is a father's name, not this person's surname
            if not _SUFFIX.match(words[k]) and words[k - 1].casefold() not in _PATRONYMIC:
                index[" ".join(words[k:])].add(full)
        if len(words) >= 2 and _SUFFIX.match(words[-1]):
            index[" ".join(words[:-1])].add(full)
    return index


def acronym_links(organisations: set[str], known: set[str]) -> dict[str, str]:
    """Acronym -> the one spelled-out organisation of ``organisations`` with
    those initials. Two gazetteer names are never merged: the gazetteer
    already says whether they are one."""
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in organisations:
        if " " in name:
            spelled[initials(name)].add(name)
    links = {}
    for name in organisations:
        matches = spelled.get(name, set()) if is_acronym(name) else set()
        if len(matches) == 1:
            full = next(iter(matches))
            if not (name in known and full in known):
                links[name] = name if name in known else full
                links[full] = links[name]
    return {name: target for name, target in links.items() if name != target}

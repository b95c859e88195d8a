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
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_NICKNAMES = Path(__file__).resolve().parent / "data" / "nicknames.json"

# Lower-case words inside a surname: "Mohammed bin Salman", "Ursula von der Leyen".
SURNAME_PARTICLES = frozenset("bin bint ibn al el abu de da di du van von der den la le dos das del ben".split())
_PATRONYMIC = frozenset("bin ibn bint ben".split())
# A capitalised article opening a family name: "... Al Thani", "... Al Saud".
_FAMILY_ARTICLES = frozenset(("Al", "El"))
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


@lru_cache(maxsize=65536)  # an article repeats its names, a corpus its surnames
def spelling_key(word: str) -> str:
    """A surname as transliterations agree on it: no accents, "y" and "i"
    alike, no doubled letters ("Zelensky", "Zelenskiy", "Zelenskyy";
    "Oliynyk", "Oliinyk"; "Erdoğan", "Erdogan")."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", word) if not unicodedata.combining(ch)).casefold()
    return re.sub(r"(.)\1+", r"\1", folded.replace("y", "i"))


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
    surname: str  # as written, with its particles: "bin Salman"
    suffix: str  # "Jr.", "II", or ""
    surname_key: str  # spelling_key of the surname

    @classmethod
    def parse(cls, name: str) -> PersonName | None:
        """None for a single word or a name whose given name is an initial only."""
        return _parsed(name)

    def same_person(self, other: PersonName) -> bool:
        if self.surname_key != other.surname_key or (self.suffix and other.suffix and self.suffix != other.suffix):
            return False
        if not _same_word(self.given, other.given):
            return False
        if not self.middles or not other.middles:
            return True
        return len(self.middles) == len(other.middles) and all(map(_same_word, self.middles, other.middles))


@lru_cache(maxsize=65536)
def _parsed(name: str) -> PersonName | None:
    words = name.split()
    suffix = words.pop() if len(words) > 2 and _SUFFIX.match(words[-1]) else ""
    if len(words) < 2 or _is_initial(words[0]):
        return None
    k = len(words) - 1
    while k > 1 and words[k - 1].casefold() in SURNAME_PARTICLES:
        k -= 1
    surname = " ".join(words[k:])
    return PersonName(words[0], tuple(words[1:k]), surname, suffix.rstrip("."), spelling_key(surname))


def _group_name(group: list[tuple[str, PersonName]], known: set[str], weight: dict[str, int]) -> str:
    """The name a group is shown under: the gazetteer's if it has one; else
    the most used form with the formal given name and the fewest middle
    names, without middle initials or a suffix some forms leave out
    ("William J. Burns", "Bill Burns" -> "William Burns")."""
    names = [name for name, _ in group]
    for name in names:
        if name in known:
            return name
    givens = {parsed.given.casefold() for _, parsed in group}
    formal = formal_names()

    def preference(item: tuple[str, PersonName]) -> tuple:
        name, parsed = item
        nickname = bool(formal.get(parsed.given.casefold(), frozenset()) & givens)
        return (not nickname, -len(parsed.middles), weight.get(name, 0), name)

    _, best = max(group, key=preference)
    middles = [middle for middle in best.middles if not _is_initial(middle)]
    suffix = [best.suffix] if best.suffix and all(parsed.suffix for _, parsed in group) else []
    return " ".join([best.given, *middles, best.surname, *suffix])


def person_groups(names: set[str], known: set[str], weight: dict[str, int]) -> dict[str, str]:
    """Full person names -> the name of their group (only those that move).
    ``known``: the gazetteer's people; ``weight``: articles naming each."""
    by_surname: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    for name in names:
        parsed = PersonName.parse(name)
        if parsed:
            by_surname[parsed.surname_key].append((name, parsed))
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
            if len(group) > 1:
                chosen = _group_name(group, known, weight)
                renames.update({name: chosen for name, _ in group if name != chosen})
    return renames


class TailIndex(dict):
    """A dict keyed by :func:`tail_key`, looked up by any spelling."""

    def get(self, name: str, default=None):
        return super().get(tail_key(name), default)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and super().__contains__(tail_key(name))

    def __getitem__(self, name: str) -> set[str]:
        return super().__getitem__(tail_key(name))


def tail_index(full_names: set[str]) -> TailIndex:
    """What a shorter name may stand for, keyed by :func:`tail_key`: each
    proper word-suffix of a full name ("Netanyahu", "Abu Marzouk"), a
    regnal name without its number ("Abdullah" of "Abdullah II"), and a name
    without its family name ("Faisal bin Farhan" of "Faisal bin Farhan Al
    Saud") -> the full names."""
    index: dict[str, set[str]] = defaultdict(set)
    for full in full_names:
        words = full.split()
        for k in range(1, len(words)):
            # "Salman" after "bin" is a father's name, not this person's surname
            if not _SUFFIX.match(words[k]) and words[k - 1].casefold() not in _PATRONYMIC:
                index[tail_key(" ".join(words[k:]))].add(full)
            if k >= 2 and words[k] in _FAMILY_ARTICLES and words[k - 1].casefold() not in _PATRONYMIC:
                index[tail_key(" ".join(words[:k]))].add(full)
        if len(words) >= 2 and _SUFFIX.match(words[-1]):
            index[tail_key(" ".join(words[:-1]))].add(full)
    return TailIndex(index)


@lru_cache(maxsize=65536)
def tail_key(name: str) -> str:
    return " ".join(spelling_key(word) for word in name.split())


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

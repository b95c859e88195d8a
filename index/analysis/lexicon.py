"""What names mean: the :class:`Lexicon`, the shipped gazetteer
(``data/gazetteer.json``) merged with the configured aliases: canonical names
and their types, the spellings that name them, cities (which may also be
surnames), person titles, and known words that name nothing (holidays,
languages: type :data:`NOT_NAME`, dropped by the linking).

Lookups forgive the forms news writes a known name in: "C.I.A." is "CIA",
and a dateline's "TEL AVIV" is "Tel Aviv".
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..text import fold_punctuation
from .identity import tail_index, undotted

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
POSSESSIVES = ("'s", "’s")
# The type of a known word that names no entity ("Passover", "Hebrew").
NOT_NAME = "NOT_NAME"
_LOOKED_UP_LIMIT = 200_000


def name_tokens(text: str, offset: int = 0) -> list[tuple[str, int, int]]:
    """Words and punctuation of ``text`` as ``(token, start, end)``; a
    possessive "'s" becomes a token of its own so names never include it."""
    tokens = [(match.group(), match.start() + offset, match.end() + offset) for match in _NAME_TOKEN.finditer(text)]
    if "'s" not in text and "’s" not in text:
        return tokens
    split = []
    for word, start, end in tokens:
        if len(word) > 2 and word.endswith(POSSESSIVES):
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
    folded: dict[str, str]  # lookup_key(spelling).casefold() -> canonical name, for text in capitals
    types: dict[str, str]  # canonical name -> type
    cities: frozenset[str]  # canonical names that may also be surnames
    # lower-cased first word -> title word sequences (lower case, no dots), longest first
    titles: dict[str, tuple[tuple[str, ...], ...]]
    known_surnames: dict[str, set[str]]  # surname of a well-known person -> full names
    lowercase_starts: frozenset[str]  # lower-case words that may open a title or a known spelling
    languages: frozenset[str]  # language names, some also a people's adjective ("Ukrainian")
    # spellings looked up before that are no key themselves -> canonical name
    # (an index build asks for the same unknown names again and again)
    looked_up: dict[str, str]

    def canonical_of(self, name: str) -> str:
        found = self.canonical.get(name)  # most spellings are their own key
        if found is None:
            found = self.looked_up.get(name)
        if found is None:
            if len(self.looked_up) >= _LOOKED_UP_LIMIT:
                self.looked_up.clear()
            found = self.looked_up[name] = self._canonical_of(name)
        return found

    def _canonical_of(self, name: str) -> str:
        key = lookup_key(name)
        found = self.canonical.get(key)
        if found is not None:
            return found
        plain = undotted(key)  # "C.I.A." is "CIA", known or not
        if plain != key:
            return self.canonical.get(plain, plain)
        if key.isupper() and len(key) > 3:  # "TEL AVIV", "JERUSALEM" in a dateline
            return self.folded.get(key.casefold(), name)
        if len(key) > 3 and key.isalpha() and key[0].isupper() and key[1:].islower():
            found = self.folded.get(key.casefold(), "")  # "Nato", "Unicef" as British style writes them
            if found.isupper():
                return found
        return name

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
    for word in data["not_names"]:
        types.setdefault(word, NOT_NAME)
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
        folded={key.casefold(): name for key, name in canonical.items()},
        types=types,
        cities=cities,
        titles={first: tuple(sorted(seqs, key=len, reverse=True)) for first, seqs in titles.items()},
        known_surnames=tail_index(set(data["names"]["PERSON"])),
        lowercase_starts=frozenset(first for first in (*phrases, *titles) if first[:1].islower()),
        languages=frozenset(data["languages"]),
        looked_up={},
    )



"""Who a description means: "the king said" in an article that introduced
"King Adewale Ogunleye", "the governor" after "Albay Gov. Teresa
Villanueva", "the negotiator" after "the chief negotiator, Rodrigo Salcedo,".

A person holds a role when the word right before their name is a title
("King", "Gov.", "Prime Minister") or when an appositive names them after
the role ("the town's traditional ruler, …"). A role two people hold in one
article means neither.
"""

from __future__ import annotations

import re
from typing import Callable

from .names import PERSONAL_TITLES, Name
from ..text import fold_punctuation

# Abbreviated titles as a description spells them out.
_ABBREVIATIONS = {"gov": "governor", "sen": "senator", "gen": "general", "rep": "representative",
                  "pres": "president", "amb": "ambassador", "col": "colonel", "capt": "captain",
                  "lt": "lieutenant", "sec": "secretary", "pm": "prime minister", "mr": "", "mrs": "", "ms": "",
                  "dr": "doctor"}
# Nouns for people that are no titles but describe who speaks ("the farmer said").
_ROLE_NOUNS = frozenset(
    """
    ruler monarch emir sultan premier mediator activist analyst lawyer doctor teacher farmer resident
    witness survivor protester worker commuter broker owner student nurse pilot driver founder
    economist researcher diplomat lawmaker legislator councillor councilor candidate coach
    """.split()
)
def _role(word: str) -> str:
    word = word.lower().rstrip(".")
    return _ABBREVIATIONS.get(word, word)


def _is_role(word: str) -> bool:
    # "State" ends "Secretary of State" but describes no one.
    return word not in ("", "state") and (word in PERSONAL_TITLES or word in _ROLE_NOUNS
                                          or word in _ABBREVIATIONS.values())


def _roles_before(words: list[str]) -> set[str]:
    """The roles the words right before a name give it: a title ("Gov.",
    "Prime Minister") and an appositive's noun ("the town's ruler, King")."""
    roles = set()
    if words and words[-1].rstrip(".").isalpha() and _is_role(_role(words[-1])):
        last = _role(words[-1])
        roles.add(last)
        if len(words) > 1 and words[-2].rstrip(".").isalpha() and _is_role(_role(words[-2])):
            roles.add(f"{_role(words[-2])} {last}")
    for back in range(1, min(3, len(words)) + 1):
        word, between = words[-back], words[len(words) - back + 1:]
        if word.endswith(","):
            noun = word[:-1]
            if noun.isalpha() and noun.islower() and _is_role(noun) and all(w[:1].isupper() for w in between):
                roles.add(noun)
            break
    return roles


def role_holders(text: str, names: list[Name]) -> dict[str, Name]:
    """Each role (one word, or two: "prime minister") that exactly one person
    of the article holds, with that person's first mention."""
    holders: dict[str, dict[str, Name]] = {}
    folded = fold_punctuation(text)  # one character for one: offsets hold
    for name in names:
        if name.type not in ("PERSON", None) or not folded[name.start - 1:name.start].isspace():
            continue
        for role in _roles_before(folded[max(0, name.start - 60):name.start].split()):
            holders.setdefault(role, {}).setdefault(name.key, name)
    return {role: next(iter(people.values())) for role, people in holders.items() if len(people) == 1}


_DESCRIPTION = re.compile(r"(?:^|[^\w])[Tt]he\s+(?:(?P<first>[a-z]+)\s+)?(?P<role>[a-z]+)$")
# Words between a description and its verb: "the king later told".
_BETWEEN = frozenset("has have had also later then again once now further".split())


def described(lead_in: str, holders: Callable[[], dict[str, Name]]) -> Name | None:
    """The person "the king" (ending ``lead_in``) means, when one holds the
    role. ``holders``: the article's :func:`role_holders`, asked for only
    when a description is there (most sentences have none)."""
    words = lead_in.split()
    while words and (words[-1] in _BETWEEN or words[-1].endswith("ly")):
        words.pop()
    match = _DESCRIPTION.search(" ".join(words[-3:]))
    if not match:
        return None
    roles = holders()
    role = match.group("role")
    if match.group("first") and f"{match.group('first')} {role}" in roles:
        return roles[f"{match.group('first')} {role}"]
    return roles.get(role)

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
_TITLE_BEFORE = re.compile(r"([A-Za-z]+)\.?\s+([A-Za-z]+)\.?\s+$|([A-Za-z]+)\.?\s+$")
_APPOSITIVE_BEFORE = re.compile(r"\b([a-z]+),\s+(?:[A-Z][a-z]*\.?\s+){0,2}$")


def _role(word: str) -> str:
    word = word.lower().rstrip(".")
    return _ABBREVIATIONS.get(word, word)


def _is_role(word: str) -> bool:
    # "State" ends "Secretary of State" but describes no one.
    return word not in ("", "state") and (word in PERSONAL_TITLES or word in _ROLE_NOUNS
                                          or word in _ABBREVIATIONS.values())


def role_holders(text: str, names: list[Name]) -> dict[str, Name]:
    """Each role (one word, or two: "prime minister") that exactly one person
    of the article holds, with that person's first mention."""
    holders: dict[str, dict[str, Name]] = {}
    for name in names:
        if name.type not in ("PERSON", None):
            continue
        before = fold_punctuation(text[max(0, name.start - 60):name.start])
        roles = set()
        title = _TITLE_BEFORE.search(before)
        if title:
            last = _role(title.group(2) or title.group(3))
            if _is_role(last):
                roles.add(last)
                if title.group(1) and _is_role(_role(title.group(1))):
                    roles.add(f"{_role(title.group(1))} {last}")
        appositive = _APPOSITIVE_BEFORE.search(before)
        if appositive and _is_role(appositive.group(1)):
            roles.add(appositive.group(1))
        for role in roles:
            holders.setdefault(role, {}).setdefault(name.key, name)
    return {role: next(iter(people.values())) for role, people in holders.items() if len(people) == 1}


_DESCRIPTION = re.compile(r"(?:^|[^\w])[Tt]he\s+(?:(?P<first>[a-z]+)\s+)?(?P<role>[a-z]+)$")
# Words between a description and its verb: "the king later told".
_BETWEEN = frozenset("has have had also later then again once now further".split())


def described(lead_in: str, roles: dict[str, Name]) -> Name | None:
    """The person "the king" (ending ``lead_in``) means, when one holds the role."""
    words = lead_in.split()
    while words and (words[-1] in _BETWEEN or words[-1].endswith("ly")):
        words.pop()
    match = _DESCRIPTION.search(" ".join(words[-3:]))
    if not match:
        return None
    role = match.group("role")
    if match.group("first") and f"{match.group('first')} {role}" in roles:
        return roles[f"{match.group('first')} {role}"]
    return roles.get(role)

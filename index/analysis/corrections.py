"""The user's corrections to the entity list: merge two entries, rename one,
change its type, hide one ("not an entity").

Corrections are a layer over the analysis, never a change to it: each one
maps an entry as the corpus linking gives it — a ``(name, type)`` key — to
another key, or to nothing (hidden). They are applied in the order they were
made, each to what the ones before it left, when the entity table is built
(a pass over the distinct names, not over the articles), so a correction
shows at once and no article is analysed again. The file they are kept in is
:mod:`.corrections_file`'s.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import CeasefireError

Key = tuple[str, str]
ACTIONS = ("merge", "rename", "retype", "hide")
# Figures and dates come from patterns, not names: an entry may become any
# other type, but not one of these.
PATTERN_TYPES = frozenset({"FIGURE", "DATE"})
_FIELDS = {"merge": {"type", "into", "into_type"}, "rename": {"type", "to"}, "retype": {"type", "to"},
           "hide": {"type"}}
_TARGET_FIELD = {"merge": "into", "rename": "to", "retype": "to"}


class CorrectionError(CeasefireError):
    """A correction that cannot be made (an unknown entity or type, a merge of
    an entry with itself); the message says which and what to do."""


@dataclass(frozen=True, slots=True)
class Correction:
    """One correction. ``type`` None: the name in every type (a hand-written
    entry may leave it out). ``to``: the merge's target name, the new name,
    or the new type; ``to_type``: the merge target's type (None: the entry's own)."""

    action: str
    name: str
    type: str | None = None
    to: str | None = None
    to_type: str | None = None

    def matches(self, key: Key) -> bool:
        return key[0] == self.name and (self.type is None or key[1] == self.type)

    def applied(self, key: Key) -> Key | None:
        """What ``key`` (which :meth:`matches`) becomes; None: hidden."""
        if self.action == "hide":
            return None
        if self.action == "merge":
            return (self.to, self.to_type or key[1])
        if self.action == "rename":
            return (self.to, key[1])
        return (key[0], self.to)

    def describe(self) -> str:
        """One line for people: "merge Bill Burns (PERSON) into William Burns (PERSON)"."""
        entry = f"{self.name} ({self.type})" if self.type else f"{self.name} (any type)"
        if self.action == "merge":
            return f"merge {entry} into {self.to}" + (f" ({self.to_type})" if self.to_type else "")
        if self.action == "rename":
            return f"rename {entry} to {self.to}"
        if self.action == "retype":
            return f"retype {entry} as {self.to}"
        return f"hide {entry}: not an entity"

    def to_yaml(self) -> dict[str, str]:
        """As the corrections file writes it: the action's key holds the name."""
        entry = {self.action: self.name}
        if self.type:
            entry["type"] = self.type
        if self.to is not None:
            entry[_TARGET_FIELD[self.action]] = self.to
        if self.to_type:
            entry["into_type"] = self.to_type
        return entry

    def to_json(self) -> dict[str, Any]:
        return {"action": self.action, "name": self.name, "type": self.type, "to": self.to,
                "to_type": self.to_type, "text": self.describe()}


def parse_entry(entry: Any, known_types: Iterable[str]) -> Correction:
    """A :class:`Correction` from one hand-editable entry of the file;
    ``ValueError`` saying what is wrong with it otherwise."""
    if not isinstance(entry, dict):
        raise ValueError("an entry is a mapping such as {hide: File Photo, type: PERSON}")
    actions = [action for action in ACTIONS if action in entry]
    if len(actions) != 1:
        raise ValueError(f"an entry has exactly one of {', '.join(ACTIONS)}")
    action = actions[0]
    unknown = sorted(str(key) for key in entry if key != action and key not in _FIELDS[action])
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} for {action} (keys: {', '.join(sorted(_FIELDS[action]))})")
    known = set(known_types)
    name = _text(entry, action)
    kind = _optional_type(entry, "type", known)
    to = to_type = None
    if action in _TARGET_FIELD:
        field_name = _TARGET_FIELD[action]
        if field_name not in entry:
            raise ValueError(f"{action} needs '{field_name}'")
        to = _optional_type(entry, "to", known - PATTERN_TYPES) if action == "retype" else _text(entry, field_name)
    if action == "merge":
        to_type = _optional_type(entry, "into_type", known)
    return Correction(action, name, kind, to, to_type)


def _text(entry: dict, key: str) -> str:
    value = entry[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"'{key}' must be a name (text), not {value!r}"[:120])
    return value.strip()


def _optional_type(entry: dict, key: str, known: set[str]) -> str | None:
    if key not in entry:
        return None
    value = entry[key]
    if not isinstance(value, str) or value.upper() not in known:
        raise ValueError(f"'{key}' must be one of {', '.join(sorted(known))}, not {value!r}"[:160])
    return value.upper()


class Corrections:
    """An ordered list of corrections, applied in order."""

    def __init__(self, entries: Iterable[Correction] = ()) -> None:
        self.entries = tuple(entries)
        # name -> [(position, correction)]: most keys are looked up once and left alone.
        self._by_name: dict[str, list[tuple[int, Correction]]] = defaultdict(list)
        for position, correction in enumerate(self.entries):
            self._by_name[correction.name].append((position, correction))

    def __bool__(self) -> bool:
        return bool(self.entries)

    def resolve(self, key: Key) -> Key | None:
        """``key`` after every correction, in order (each applies at most
        once, so a rename back and forth cannot loop); None: hidden."""
        position = 0
        while True:
            step = next(((at, correction) for at, correction in self._by_name.get(key[0], ())
                         if at >= position and correction.matches(key)), None)
            if step is None:
                return key
            position = step[0] + 1
            key = step[1].applied(key)
            if key is None:
                return None

    def layered(self, keys: Iterable[Key], renames: Mapping[Key, Key]) -> tuple[dict[Key, Key], frozenset[Key]]:
        """For the stored ``keys`` and the corpus linking's ``renames``: the
        renames with the corrections on top, and the stored keys hidden."""
        if not self.entries:
            return dict(renames), frozenset()
        layered: dict[Key, Key] = {}
        hidden: set[Key] = set()
        for key in keys:
            linked = renames.get(key, key)
            final = self.resolve(linked) if linked[0] in self._by_name else linked
            if final is None:
                hidden.add(key)
            elif final != key:
                layered[key] = final
        return layered, frozenset(hidden)


def find_entry(entries: Iterable[Key], name: str, kind: str | None = None, *, prefer_type: str | None = None) -> Key:
    """The entry ``name`` names among ``entries`` (exactly, else ignoring
    case), in type ``kind`` if given; CorrectionError when none does or when
    the name is in several types (unless one is ``prefer_type``)."""
    wanted = name.strip()
    keys = [key for key in entries if kind is None or key[1] == kind]
    found = [key for key in keys if key[0] == wanted] or [key for key in keys if key[0].casefold() == wanted.casefold()]
    where = f" of type {kind}" if kind else ""
    if not found:
        raise CorrectionError(f"no entity{where} is named '{wanted}'; `ceasefire-tui entities` lists them")
    if len(found) > 1:
        preferred = [key for key in found if key[1] == prefer_type]
        if len(preferred) == 1:
            return preferred[0]
        kinds = ", ".join(sorted(key[1] for key in found))
        raise CorrectionError(f"'{wanted}' is an entity of several types ({kinds}); name one with --type")
    return found[0]

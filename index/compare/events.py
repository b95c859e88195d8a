"""Who did what: the acts a passage reports, as evidence of one event.

Word overlap reads a sentence as a bag: "Sources mentioned the near collapse
of the mediation in Cairo as Hamas leaders left for Qatar, indicating a
breakdown…" shares only a few of its many terms with "the Hamas delegation
left the negotiations in Cairo on Sunday", though one of its clauses
reports just that. What the two share that a bag cannot show is the act:
the same actor doing the same thing. An act here is an event word written
as a verb (a past in -ed, a listed irregular past, or a verb after a
future marker: "will leave", "is due to leave") and its actor, the nearest
name before it in the sentence, within :data:`ACTOR_REACH` words. Its event
is the word's term, so a concept of the news lexicon ("left", "walked out",
"withdrew" are one departure) meets its paraphrases.

Acts serve twice:

* as evidence (:func:`act_keys`, weighed in :mod:`index.compare.scoring`):
  two sentences in which the same actor does the same thing report one
  event, however much else the longer one says;
* as a check that two passages tell different events
  (:func:`distinct_events`): an arrival against a departure, or an event
  told as done on one side and as still to come on the other ("will leave" /
  "left"). Those are not conflicts between outlets (both can be true) but
  not the same fact either: the pair is only related.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..model import Evidence
from ..text import fold_punctuation
from .similarity import Token

# A name is the actor of an event word standing at most this many words after it.
ACTOR_REACH = 6
# A future marker governs a verb with at most this many words between them, within
# one clause ("will soon leave", "would not accept being treated").
FUTURE_REACH = 3
_FUTURE_MARKERS = frozenset({"will", "shall", "would", "won't", "wouldn't"})
# "<word> to <verb>" tells an event still to come.
_FUTURE_BEFORE_TO = frozenset(
    "due expected set scheduled plan plans planned planning intend intends intended going about ready "
    "preparing prepared poised".split()
)
# Common irregular pasts of news verbs ("the delegation left", "talks broke down").
_IRREGULAR_PASTS = frozenset(
    """
    left fled went quit met held took taken came gave given made sent struck hit shot began begun rose risen
    fell fallen broke broken spoke sought threw thrown drove flew flown withdrew withdrawn led kept cut paid
    stood won lost bought sold brought built caught fought found got grew grown heard knew let ran saw seen
    set shut split spent swore thought wrote written overtook undertook
    """.split()
)
# Event terms that tell opposite movements of one actor: both can be true, at different times.
_OPPOSITE_EVENTS = (("~arrival", "~departure"),)
# Negations stay among a sentence's content words (see similarity.STOPWORDS).
_NOT_EVENTS = frozenset({"not", "no", "never", "nor", "neither", "none", "cannot"})
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_SENTENCE_BREAK = re.compile(r"[.;!?]\s")
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014]")


ActKey = tuple[str, str, bool]  # (actor's name term, event term, told as still to come)


@dataclass(frozen=True, slots=True)
class Act:
    actor: str | None  # the actor's name term, None when no name stands near before
    who: str | None  # the actor's name as written
    event: str  # the event word's term
    future: bool  # told as still to come
    surface: str  # the words as written ("will leave", "left")

    @property
    def key(self) -> ActKey | None:
        """What two passages must both tell to tell this act alike, when it has an actor."""
        return None if self.actor is None else (self.actor, self.event, self.future)


@lru_cache(maxsize=8192)
def _words(text: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(fold_punctuation(text)))


@lru_cache(maxsize=8192)
def _future_markers(text: str) -> tuple[tuple[int, int, int], ...]:
    """Each future marker of ``text``: (its word number, where it starts,
    where it ends). "due to" counts from "due" and ends after "to"."""
    words = _words(text)
    found = []
    for number, (start, end, word) in enumerate(words):
        if word in _FUTURE_MARKERS or word.endswith("'ll"):
            found.append((number, start, end))
        elif word == "to" and number and words[number - 1][2] in _FUTURE_BEFORE_TO:
            found.append((number, words[number - 1][0], end))
    return tuple(found)


def _future_marker(text: str, number: int, at: int) -> int | None:
    """Where the future marker governing the word ``number`` (at ``at``)
    starts, or None: the nearest marker at most :data:`FUTURE_REACH` words
    before it in its clause ("to" of "due to" only just before it)."""
    for marker, start, end in reversed(_future_markers(text)):
        if marker >= number:
            continue
        gap = number - marker - 1
        if gap > FUTURE_REACH or (gap and _words(text)[marker][2] == "to") or _CLAUSE_BREAK.search(text, end, at):
            return None
        return start
    return None


def acts(text: str, tokens: list[Token], names: list[tuple[int, str, str]]) -> list[Act]:
    """The acts of one passage: ``tokens`` and ``names`` (offset, name
    term, name as written) at offsets into ``text``."""
    words = _words(text)
    index_at = {start: number for number, (start, _, _) in enumerate(words)}
    has_markers = bool(_future_markers(text))
    found = []
    for token in tokens:
        number = index_at.get(token.start)
        if number is None:
            continue
        word = words[number][2]
        if text[token.start:token.start + 1].isupper() or word in _NOT_EVENTS:
            continue  # a name or a sentence's first word; a negation ("will not") tells no event
        marker = _future_marker(text, number, token.start) if has_markers else None
        if marker is None and not (word.endswith("ed") and len(word) > 4) and word not in _IRREGULAR_PASTS:
            continue
        start = token.start if marker is None else marker
        actor = _actor(text, names, token.start)
        found.append(Act(actor and actor[0], actor and actor[1], token.term, marker is not None,
                         text[start:token.end]))
    return found


def _actor(text: str, names: list[tuple[int, str, str]], at: int) -> tuple[str, str] | None:
    """The (term, name as written) of the nearest name before ``at``, if near."""
    name = nearest_name_before(text, names, at)
    return None if name is None else (name[1], name[2])


def nearest_name_before(text: str, names: list[tuple], at: int) -> tuple | None:
    """The nearest of ``names`` (tuples led by their offset into ``text``)
    before ``at``, when it is near enough to be who acts there: at most
    ACTOR_REACH words before it, in the same sentence. The conflict checks'
    actors are found this way too."""
    before = [name for name in names if name[0] < at]
    if not before:
        return None
    name = max(before, key=lambda name: name[0])
    between = text[name[0]:at]
    if _SENTENCE_BREAK.search(between) or len(between.split()) > ACTOR_REACH:
        return None
    return name


def act_keys(told: list[Act]) -> set[ActKey]:
    """The keys of the acts that have an actor."""
    return {key for act in told if (key := act.key) is not None}


def shared_acts(acts_a: list[Act], acts_b: list[Act]) -> Evidence | None:
    """What the acts both passages tell agree on: "Hamas “left” / “left”"."""
    told_b = {act.key: act for act in acts_b if act.key is not None}
    alike = [(act, told_b[act.key]) for act in acts_a if act.key in told_b]
    if not alike:
        return None
    return Evidence("acts", "; ".join(f"{a.who} “{a.surface}” / “{b.surface}”" for a, b in alike))


def distinct_events(acts_a: list[Act], acts_b: list[Act]) -> Evidence | None:
    """Evidence that two passages tell different events of one subject: an
    event one side tells and the other tells in the opposite direction, or
    as done on one side and still to come on the other, when the two tell
    no event alike. Not a conflict: both can be true."""
    told_a = {(act.event, act.future) for act in acts_a}
    told_b = {(act.event, act.future) for act in acts_b}
    if told_a & told_b:
        return None  # one event both tell alike: what else they tell is context
    events_a, events_b = {event for event, _ in told_a}, {event for event, _ in told_b}
    for one, other in _OPPOSITE_EVENTS:
        for mine, theirs in ((one, other), (other, one)):
            if mine in events_a and theirs in events_b and theirs not in events_a and mine not in events_b:
                return Evidence("event", f"A “{_said(acts_a, mine)}” / B “{_said(acts_b, theirs)}”")
    for event in sorted(events_a & events_b):
        return Evidence("event", f"A “{_said(acts_a, event)}” / B “{_said(acts_b, event)}”")
    return None


def _said(told: list[Act], event: str) -> str:
    return next(act.surface for act in told if act.event == event)

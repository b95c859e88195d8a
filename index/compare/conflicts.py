"""Checks that tell agreement from conflict between two passages on one subject.

Sentence embeddings and shared words score "Hamas accepted the proposal"
and "Hamas rejected the proposal" as near paraphrases; these checks find
what makes such a pair report different things:

* negation: a word both say, negated on one side only ("did not accept" /
  "accepted");
* opposing words: one side says "accepted", the other "rejected" (or
  killed / injured, rose / fell, ...), each without the other's word;
* actors: one predicate both say, done by different names ("Egypt proposed"
  / "Qatar proposed"), neither name in the other passage;
* figures: the same kind and unit, different values that the other side
  does not also give ("212 people" / "230 people");
* qualifiers: the same figure, bounded differently ("at least six weeks" /
  "up to six weeks").

Each check returns :class:`~index.model.Evidence` marked as a conflict.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Evidence, Figure
from ..text import fold_punctuation
from .events import nearest_name_before
from .evidence import Passage
from .similarity import stem

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_NEGATIONS = frozenset(["not", "no", "never", "without", "nor", "neither", "none", "nobody", "nothing", "cannot"])
# A negation reaches this many words ahead: "did not yet accept".
NEGATION_REACH = 3
_NAME_END = re.compile(r"[\w.]+(?:[ \u00a0][A-Z][\w.]*)*")

# Words that report opposite outcomes. Each side lists words as written;
# they are stemmed as text is.
OPPOSITES = (
    ("accepted", "accept agree agreed approve approved endorse endorsed welcome welcomed",
     "reject rejected refuse refused decline declined veto vetoed dismiss dismissed"),
    ("killed", "kill killed dead die died death deaths", "injure injured wound wounded hurt"),
    ("confirmed", "confirm confirmed", "deny denied"),
    ("won", "win won wins victory", "lose lost loses defeat defeated"),
    ("rose", "rise rose risen increase increased climb climbed grew growth",
     "fall fell fallen decrease decreased drop dropped decline declined"),
    ("opened", "open opened reopen reopened", "close closed shut"),
    ("strengthened", "strengthen strengthened firm firmed", "weaken weakened"),
    ("allowed", "allow allowed permit permitted lift lifted", "ban banned forbid forbade prohibit prohibited"),
    ("supported", "support supported back backed", "oppose opposed"),
    ("resumed", "resume resumed", "suspend suspended halt halted"),
    ("arrested", "arrest arrested detain detained", "release released free freed"),
    ("convicted", "convict convicted", "acquit acquitted"),
    ("succeeded", "succeed succeeded", "fail failed"),
)

# Qualifiers by what they say about the true number.
_LOWER = frozenset({"more than", "at least", "over", "well over", "just over"})
_UPPER = frozenset({"fewer than", "less than", "at most", "up to", "as many as", "under", "just under",
                    "nearly", "almost", "close to"})
_APPROXIMATE = frozenset({"an estimated", "estimated", "about", "around", "roughly", "approximately", "some"})


def conflicts(a: Passage, b: Passage) -> list[Evidence]:
    """Every conflict found between ``a`` and ``b``, at most one per check."""
    found = [check(a, b) for check in (negation, opposing_words, actors, figures, qualifiers)]
    return [item for item in found if item is not None]


@lru_cache(maxsize=1)
def _opposites() -> tuple[tuple[str, frozenset[str], frozenset[str]], ...]:
    return tuple(
        (label, frozenset(stem(w) for w in left.split()), frozenset(stem(w) for w in right.split()))
        for label, left, right in OPPOSITES
    )


# A story checks one sentence against many: its words are read once.
@lru_cache(maxsize=8192)
def _words(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(fold_punctuation(text))]


def _negated(passage: Passage) -> dict[str, str]:
    """``{stem: "not accept"}`` for the words a negation governs."""
    words = _words(passage.text)
    index_at = {start: number for number, (start, _, _) in enumerate(words)}
    negated = {}
    for token in passage.tokens:
        number = index_at.get(token.start)
        if number is None:
            continue
        for start, _end, word in words[max(0, number - NEGATION_REACH):number]:
            if word in _NEGATIONS or word.endswith("n't"):
                negated.setdefault(token.stem, passage.text[start:token.end])
                break
    return negated


def _has_negation(passage: Passage) -> bool:
    return _negates(passage.text)


@lru_cache(maxsize=8192)
def _negates(text: str) -> bool:
    return any(word in _NEGATIONS or word.endswith("n't") for _, _, word in _words(text))


def negation(a: Passage, b: Passage) -> Evidence | None:
    """A word both say, negated on one side, when the other side negates
    nothing: two negations on different words ("no long-term risk" / "not
    dangerous in the long term") often say the same."""
    if _has_negation(a) == _has_negation(b):
        return None
    shared = a.stems & b.stems
    negated_a, negated_b = _negated(a), _negated(b)
    for word in sorted(shared):
        if (word in negated_a) != (word in negated_b):
            said_a = negated_a.get(word) or _surface(a, word)
            said_b = negated_b.get(word) or _surface(b, word)
            return Evidence("negation", f"A “{said_a}” / B “{said_b}”", conflict=True)
    return None


def _surface(passage: Passage, word_stem: str) -> str:
    token = next(t for t in passage.tokens if t.stem == word_stem)
    return passage.text[token.start:token.end]


def opposing_words(a: Passage, b: Passage) -> Evidence | None:
    stems_a, stems_b = a.stems, b.stems
    for _label, left, right in _opposites():
        for one, other in ((left, right), (right, left)):
            said_a, said_b = stems_a & one, stems_b & other
            if said_a and said_b and not stems_a & other and not stems_b & one:
                return Evidence("opposing", f"A “{_surface(a, min(said_a))}” / B “{_surface(b, min(said_b))}”",
                                conflict=True)
    return None


# Actors of one role are both people, or both bodies (states, groups, organisations).
_ROLE = {"PERSON": "person", "ORG": "body", "GPE": "body", "NORP": "body"}


def _actor(passage: Passage, word_stem: str) -> tuple[str, str, str] | None:
    """The name (term, label, role) just before the first use of ``word_stem``, if near."""
    token = next(t for t in passage.tokens if t.stem == word_stem)
    name = nearest_name_before(passage.text, passage.names, token.start)
    if name is None:
        return None
    at, term, label, kind = name
    after_name = _NAME_END.match(passage.text, at)
    if after_name and passage.text[after_name.end():after_name.end() + 2] in ("'s", "’s", "-", "s "):
        return None  # "Sudan's army", "British-drafted": the name qualifies, it does not act
    return term, label, _ROLE.get(kind or "", "unknown")


def actors(a: Passage, b: Passage) -> Evidence | None:
    names_a, names_b = {name[1] for name in a.names}, {name[1] for name in b.names}
    for word in sorted(a.predicates & b.predicates):
        actor_a, actor_b = _actor(a, word), _actor(b, word)
        if (
            actor_a and actor_b and actor_a[0] != actor_b[0] and actor_a[2] == actor_b[2]
            and actor_a[0] not in names_b and actor_b[0] not in names_a
        ):
            return Evidence("actor", f"A {actor_a[1]} / B {actor_b[1]} ({_surface(a, word)})", conflict=True)
    return None


def _counted(figure: Figure) -> bool:
    return figure.value is not None and figure.kind != "date"


def figures(a: Passage, b: Passage) -> Evidence | None:
    """A figure of one kind and unit with another value on each side, when
    neither side gives the other's value at all (in any unit: "14,000 people"
    killed and "14,000 dead" agree)."""
    values_a = {(f.kind, f.value) for f in a.figures if _counted(f)}
    values_b = {(f.kind, f.value) for f in b.figures if _counted(f)}
    for fa in filter(_counted, a.figures):
        if (fa.kind, fa.value) in values_b:
            continue
        rival = next((f for f in b.figures if _counted(f) and (f.kind, f.unit) == (fa.kind, fa.unit)
                      and (f.kind, f.value) not in values_a), None)
        if rival is not None:
            return Evidence("figure", f"A {fa.surface} / B {rival.surface}", conflict=True)
    return None


def _bound(qualifier: str | None) -> str:
    if qualifier in _LOWER:
        return "at least"
    if qualifier in _UPPER:
        return "at most"
    return "about" if qualifier in _APPROXIMATE else "exactly"


def qualifiers(a: Passage, b: Passage) -> Evidence | None:
    """The same figure with bounds that differ: one side a lower or upper
    bound, the other another bound or none ("about" and an unqualified
    number do not conflict)."""
    for fa in filter(_counted, a.figures):
        for fb in filter(_counted, b.figures):
            if (fa.kind, fa.unit, fa.value) != (fb.kind, fb.unit, fb.value):
                continue
            bound_a, bound_b = _bound(fa.qualifier), _bound(fb.qualifier)
            if bound_a != bound_b and {bound_a, bound_b} - {"about", "exactly"}:
                return Evidence("qualifier", f"A {fa.surface} / B {fb.surface}", conflict=True)
    return None

"""What a sentence offers as evidence that another reports the same fact,
and how strongly two sentences' evidence agrees.

A sentence's evidence is a set of terms: content words as their stem or, for
the news paraphrases of the lexicon, their concept ("invasion" and
"military operation" are one term; see :mod:`index.compare.similarity`), one
``name:`` term per name it mentions and one ``figure:`` term per figure it
gives. A name or a figure is one piece of evidence however many words it
takes, so its words give way to its single term, and capitalised titles
("Prime Minister") go too, as they only say who; otherwise two sentences
naming "Israel’s Prime Minister Benjamin Netanyahu" would look alike
whatever they report about him. People go by surname, a demonym counts as
its place ("Israeli" as "Israel"), and a count as its number whatever it
counts ("14,000 people" killed, "14,000 dead").

Two sentences score the cosine of their IDF-weighted terms, story-generic
words weighing less, and only when they share at least
:data:`MIN_SHARED_TERMS` terms that are not generic: what they share has to
be the core of a fact, not "the complex and volatile situation". Then:

* the cosine forgives part of a length difference (:data:`LENGTH_SOFTENING`),
  since a long sentence reporting several facts may well report the one a
  short sentence does;
* evidence that many sentences of the two articles share is weak: the
  story's refrain ("the release of hostages", "ceasefire talks") pairs
  nothing in particular. The score is scaled by (2 / n) **
  :data:`JOINT_EXPONENT`, n being how many sentences of either article hold
  every shared term (2 when only the pair does);
* sentences naming people, none of them the same, are mostly about
  different people's acts (:data:`PEOPLE_CONFLICT`).

A sentence that sets two positions against each other ("While Hamas insists
on a permanent ceasefire, Netanyahu is open only to a temporary halt")
reports two facts, so each of its clauses is also compared alone and the
pair keeps the best score.

The constants were tuned with ``scripts/evaluate_alignment.py`` on the seeds
and the development set, never on the held-out set.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from ..analysis.names import PERSONAL_TITLES, Name, article_names, names_by_sentence, sentence_locator
from ..model import Entity, Figure
from .differences import figure_key
from .events import Act, ActKey, act_keys, acts
from .similarity import CorpusStatistics, Token, cosine_matrix, news_lexicon, sentence_tokens, weigh

# One shared word, however rare, is coincidence as often as a shared fact:
# "permanent" alone does not make two sentences report the same thing. With
# the sentences' meaning beside it (index.compare.scoring) one shared term
# counts: the meaning says whether the rest agrees.
MIN_SHARED_TERMS = 2
MIN_SHARED_TERMS_WITH_MEANING = 1
# Story-generic words ("situation", "crucial", "growing") weigh this share of
# their IDF and never count towards MIN_SHARED_TERMS.
GENERIC_WEIGHT = 0.3
# Two sentences naming people, none of them the same, are mostly about
# different people's acts ("Biden urged …" and "Netanyahu vowed …"): their
# score is scaled by this.
PEOPLE_CONFLICT = 0.5
# Evidence held by n sentences of the two articles scales a pair's score by
# (2 / n) ** JOINT_EXPONENT: the square root of the chance that this pair,
# of all that share it, is the one reporting the same fact.
JOINT_EXPONENT = 0.5
# The cosine is scaled by (longer norm / shorter norm) ** LENGTH_SOFTENING.
LENGTH_SOFTENING = 0.25
_NAME = "name:"
_DEMONYM_ENDINGS = frozenset({"i", "is", "n", "an", "ans", "ian", "ians", "ean", "ese", "ish", "ite", "ites"})

_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though)\b|;", re.IGNORECASE)
# "While X, Y": the contrast opens the sentence and the comma divides it.
_LEADING_CONTRAST = re.compile(r"[\W]*(?:while|whereas|although|though)\b[^,;]*,", re.IGNORECASE)


def _acts(word: str) -> bool:
    """A lower-case word with a verb's ending ("ordered", "proposes"): what an actor does."""
    return word[:1].islower() and (word.endswith("ed") or (word.endswith("s") and not word.endswith("ss")))


def contrast_bounds(sentence: str) -> list[tuple[int, int]]:
    """The contrasting clauses of ``sentence`` as ranges; one range if none."""
    cuts = {match.start() for match in _CONTRAST.finditer(sentence)}
    leading = _LEADING_CONTRAST.match(sentence)
    if leading:
        cuts.add(leading.end())
    points = sorted(cuts | {0, len(sentence)})
    return [(lo, hi) for lo, hi in zip(points, points[1:]) if sentence[lo:hi].strip(" ,;")]


@dataclass(frozen=True, slots=True)
class Passage:
    """One sentence, or a run of consecutive ones, as the conflict checks read it."""

    text: str
    tokens: list[Token]  # offsets into text
    names: list[tuple[int, str, str, str | None]]  # (offset into text, name term, label, type)
    figures: list[Figure]
    # Read by every check of the passage (a story checks one against many).
    stems: frozenset[str] = field(init=False)
    predicates: frozenset[str] = field(init=False)  # stems of words with a verb's ending: what actors do

    def __post_init__(self) -> None:
        object.__setattr__(self, "stems", frozenset(token.stem for token in self.tokens))
        object.__setattr__(self, "predicates", frozenset(
            token.stem for token in self.tokens if _acts(self.text[token.start:token.end])))


class ArticleEvidence:
    """Every sentence of one article as terms, plus its contrasting clauses."""

    def __init__(self, article: Any, entities: list[Entity] | None, figures: Iterable[Figure] | None) -> None:
        self.locate = sentence_locator(article)
        self.tokens = sentence_tokens(article)
        self.names = article_names(article, entities)
        self.figures = list(figures or ())
        self.texts = article.sentence_texts()
        self.sentence_names = names_by_sentence(article, self.names)
        self.sentence_figures: list[list[Figure]] = [[] for _ in article.sentences]
        for figure in self.figures:
            index = self.locate(figure.start)
            if index is not None:
                self.sentence_figures[index].append(figure)
        self._starts = [span.start for span in article.sentences]
        placed = self._placed_terms(article)
        self.terms: list[set[str]] = [{term for _, term in terms} for terms in placed]
        self.name_terms = {_name_term(name) for name in self.names}
        self.people = {_name_term(name) for name in self.names if name.type == "PERSON"}
        # (sentence index, clause terms) for sentences of two or more clauses.
        self.clauses: list[tuple[int, set[str]]] = []
        for index, (sentence, terms) in enumerate(zip(self.texts, placed)):
            bounds = contrast_bounds(sentence)
            if len(bounds) > 1:
                self.clauses.extend(
                    (index, {term for at, term in terms if lo <= at < hi}) for lo, hi in bounds
                )

    def passage(self, first: int, last: int) -> Passage:
        """Sentences ``first`` to ``last`` as one text (joined by a space),
        with their tokens and names at offsets into it."""
        tokens, names, figures, pieces = [], [], [], []
        offset = 0
        for index in range(first, last + 1):
            start = self._starts[index]
            tokens += self.tokens[index] if not offset else [
                replace(token, start=token.start + offset, end=token.end + offset) for token in self.tokens[index]]
            names += [(name.start - start + offset, _name_term(name), name.label, name.type)
                      for name in self.sentence_names[index]]
            figures += self.sentence_figures[index]
            pieces.append(self.texts[index])
            offset += len(self.texts[index]) + 1
        return Passage(" ".join(pieces), tokens, names, figures)

    # Who did what (index.compare.events), scored apart from the terms (index.compare.scoring).
    # Read on first use: a comparison needs them, a story does not.
    @cached_property
    def sentence_acts(self) -> list[list[Act]]:
        return [acts(text, tokens, [(name.start - start, _name_term(name), name.label) for name in names])
                for text, tokens, names, start in zip(self.texts, self.tokens, self.sentence_names, self._starts)]

    @cached_property
    def acts(self) -> list[set[ActKey]]:
        """Each sentence's acts that have an actor, by key."""
        return [act_keys(told) for told in self.sentence_acts]

    def acts_in(self, first: int, last: int) -> list[Act]:
        """The acts sentences ``first`` to ``last`` tell (an actor never reaches across sentences)."""
        return [act for told in self.sentence_acts[first:last + 1] for act in told]

    def _placed_terms(self, article: Any) -> list[list[tuple[int, str]]]:
        """Each sentence's terms with their offsets within the sentence."""
        placed: list[list[tuple[int, str]]] = [[] for _ in article.sentences]
        covered: list[list[tuple[int, int]]] = [[] for _ in article.sentences]
        for index, names in enumerate(self.sentence_names):
            start = article.sentences[index].start
            placed[index].extend((name.start - start, _name_term(name)) for name in names)
            covered[index].extend((name.start, name.end) for name in names)
        for figure in self.figures:
            index = self.locate(figure.start)
            if index is not None:
                start = article.sentences[index].start
                placed[index].append((figure.start - start, _figure_term(figure)))
                covered[index].append((figure.start, figure.end))
        text = article.text
        for sentence, tokens, spans, terms in zip(article.sentences, self.tokens, covered, placed):
            base = sentence.start
            starts, ends = _merged(spans)
            for token in tokens:
                at = base + token.start
                inside = bisect_right(starts, at) - 1
                if inside >= 0 and at < ends[inside]:
                    continue
                # the word is cut out only when it may be a title ("Mr", "President")
                if text[at:at + 1].isupper() and text[at:base + token.end].casefold() in PERSONAL_TITLES:
                    continue
                terms.append((token.start, token.term))
        return placed


def _merged(spans: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """The starts and ends of the union of ``spans``, in order: whether an
    offset is inside one is then a bisection."""
    starts: list[int] = []
    ends: list[int] = []
    for lo, hi in sorted(spans):
        if ends and lo <= ends[-1]:
            ends[-1] = max(ends[-1], hi)
        else:
            starts.append(lo)
            ends.append(hi)
    return starts, ends


def _figure_term(figure: Figure) -> str:
    """A figure's term: its key, less the noun a count counts, which
    paraphrase changes freely ("14,000 people" killed, "14,000 dead")."""
    key = figure_key(figure)
    if key[0] == "count" and isinstance(key[2], float):
        key = ("count", None, key[2])
    return "figure:" + repr(key)


def _name_term(name: Name) -> str:
    """A name's term. People go by surname, so "Joe Biden" in one article
    and "Biden" in another (whose entities were linked separately) meet."""
    if name.type == "PERSON":
        return _NAME + name.key.split()[-1]
    return _NAME + name.key


class LexicalScorer:
    """Scores sentences of two articles, or runs of them, by their shared
    evidence terms (see the module's docstring)."""

    def __init__(
        self, a: ArticleEvidence, b: ArticleEvidence, stats: CorpusStatistics | None, min_shared: int | None = None
    ) -> None:
        self.min_shared = MIN_SHARED_TERMS if min_shared is None else min_shared
        fold = demonym_folding(a.name_terms | b.name_terms)
        self.terms_a, self.clauses_a = _folded(a, fold)
        self.terms_b, self.clauses_b = _folded(b, fold)
        self.people = {fold.get(term, term) for term in a.people | b.people}
        # Names and figures are specific to the two articles, so their rarity is
        # always measured there; words use the corpus statistics when given.
        self._local = CorpusStatistics.from_term_sets(self.terms_a + self.terms_b)
        self._word_stats = stats or self._local
        self.generic = news_lexicon().generic
        self._weights: dict[str, float] = {}
        self._postings: dict[str, set[int]] = {}
        self._joint: dict[frozenset[str], int] = {}  # shared terms -> how many sentences hold them all
        for index, terms in enumerate(self.terms_a + self.terms_b):
            for term in terms:
                self._postings.setdefault(term, set()).add(index)

    def idf(self, term: str) -> float:
        weight = self._weights.get(term)
        if weight is None:
            weight = (self._local if ":" in term else self._word_stats).idf(term)
            weight = self._weights[term] = weight * GENERIC_WEIGHT if term in self.generic else weight
        return weight

    def adjusted(self, score: float, mine: set[str], theirs: set[str]) -> float:
        """``score`` (a cosine) after the checks on what is shared: 0 when
        too little is, less when many sentences share it, or when the two
        name different people."""
        shared = (mine & theirs) - self.generic
        if len(shared) < self.min_shared:
            return 0.0
        if JOINT_EXPONENT:
            key = frozenset(shared)
            holders = self._joint.get(key)
            if holders is None:  # many pairs share the same few terms
                holders = self._joint[key] = len(set.intersection(*(self._postings.get(t, set()) for t in shared)))
            score *= (2 / max(2, holders)) ** JOINT_EXPONENT
        people_a, people_b = mine & self.people, theirs & self.people
        if people_a and people_b and not people_a & people_b:
            score *= PEOPLE_CONFLICT  # about different people: likely different facts
        return score

    def score_sets(self, mine: set[str], theirs: set[str]) -> float:
        """The score of two term sets (for runs of sentences: their union)."""
        (vector_a,), (vector_b,) = weigh([mine], self.idf), weigh([theirs], self.idf)
        cosine = cosine_matrix([vector_a], [vector_b], LENGTH_SOFTENING).get((0, 0), 0.0)
        return self.adjusted(cosine, mine, theirs)

    def run_terms(self, side: str, first: int, last: int) -> set[str]:
        terms = self.terms_a if side == "a" else self.terms_b
        return set().union(*terms[first:last + 1])

    def all_pairs(self, floor: float = 0.0) -> dict[tuple[int, int], float]:
        """Scores of every sentence pair with enough shared evidence to count,
        leaving out pairs that cannot score above ``floor``. A sentence of
        contrasting clauses also scores each clause alone, keeping the best."""
        scores: dict[tuple[int, int], float] = {}

        def keep(i: int, j: int, score: float, mine: set[str], theirs: set[str]) -> None:
            if score <= floor or score <= scores.get((i, j), 0.0):
                return  # what follows only lowers it
            score = self.adjusted(score, mine, theirs)
            if score > scores.get((i, j), 0.0):
                scores[i, j] = score

        terms_a, terms_b = self.terms_a, self.terms_b
        sentences_a, sentences_b = weigh(terms_a, self.idf), weigh(terms_b, self.idf)
        for (i, j), score in cosine_matrix(sentences_a, sentences_b, LENGTH_SOFTENING, floor).items():
            keep(i, j, score, terms_a[i], terms_b[j])
        weighed = weigh((terms for _, terms in self.clauses_a), self.idf)
        for (k, j), score in cosine_matrix(weighed, sentences_b, LENGTH_SOFTENING, floor).items():
            i, terms = self.clauses_a[k]
            keep(i, j, score, terms, terms_b[j])
        weighed = weigh((terms for _, terms in self.clauses_b), self.idf)
        for (i, k), score in cosine_matrix(sentences_a, weighed, LENGTH_SOFTENING, floor).items():
            j, terms = self.clauses_b[k]
            keep(i, j, score, terms_a[i], terms)
        return scores


def pair_scores(
    a: ArticleEvidence, b: ArticleEvidence, stats: CorpusStatistics | None, floor: float = 0.0
) -> dict[tuple[int, int], float]:
    """Scores of every sentence pair with enough shared evidence to count."""
    return LexicalScorer(a, b, stats).all_pairs(floor)


def demonym_folding(name_terms: set[str]) -> dict[str, str]:
    """``{demonym term: place term}`` for the one-word names of two articles
    that extend another one-word name of them by a demonym ending: "Israeli"
    counts as "Israel", "Egyptian" as "Egypt", "Qatari" as "Qatar", so
    "Israeli forces" and "Israel's forces" share a name."""
    words = {term[len(_NAME):] for term in name_terms if " " not in term}
    fold = {}
    for word in words:
        for place in words:
            base = place[:-1] if place[-1:] in "aey" and len(place) > 4 else place
            if (
                word != place
                and len(base) >= 4
                and word.startswith(base)
                and word[len(base):] in _DEMONYM_ENDINGS
            ):
                fold[_NAME + word] = _NAME + place
    return fold


def _folded(side: ArticleEvidence, fold: dict[str, str]) -> tuple[list[set[str]], list[tuple[int, set[str]]]]:
    if not fold:
        return side.terms, side.clauses
    terms = [{fold.get(term, term) for term in sentence} for sentence in side.terms]
    clauses = [(index, {fold.get(term, term) for term in clause}) for index, clause in side.clauses]
    return terms, clauses

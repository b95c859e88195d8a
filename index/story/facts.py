"""Facts across a set of articles: every sentence, clustered with the
sentences of other articles that report the same fact.

The comparison of two articles (:mod:`index.compare`) scores every pair of
their sentences; doing that for every pair of articles would cost their
number squared. Here the sentences of the story are scored against each
other at once, with the same two parts and the same thresholds:

* meaning: the cosine of the sentence embeddings, by its margin over each
  sentence's nearest neighbours *in the other article* (as in a comparison
  of those two): :mod:`index.story.candidates`, which also picks the pairs
  worth scoring (with the pairs sharing a rare term);
* evidence: the sentences' terms (stemmed words, news concepts, one term per
  name and per figure, :class:`~index.compare.evidence.ArticleEvidence`),
  weighed by their rarity among all the story's sentences and adjusted as
  the comparison does: too few shared terms count as none, evidence that many
  sentences of the two articles hold is weak, different people are likely
  different facts (:mod:`index.story.lexical`, in numpy).

Sentences of one wording in several articles (syndicated copies, a
refrain) are one fact from the start and scored once (:class:`StorySentences`).
A pair scoring :data:`~index.compare.comparison.DEFAULT_THRESHOLD` reports
one fact; so does a pair from ``DIFFERS_THRESHOLD`` on one subject where a
conflict check fires (:mod:`index.compare.conflicts`). Once grouped, each
report of a fact is checked against the fact's wording as shown, and what
the checks find is recorded as the outlets' differences. Pairs are merged
best first, and a fact never takes two sentences of one article, so a
chain of loose pairs cannot run through the story.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

import numpy as np

from ..compare.comparison import DEFAULT_THRESHOLD, DIFFERS_THRESHOLD
from ..compare.conflicts import conflicts
from ..compare.evidence import ArticleEvidence, Passage, demonym_folding
from ..compare.scoring import LEXICAL_WEIGHT, MARGIN_FLOOR, MARGIN_SPAN
from .candidates import meaning_candidates
from .lexical import StoryEvidence, distinct

# Each class of copies keeps its MAX_PARTNERS best pairs (a pair stays when
# it is among the best of either of its ends) before the one-to-one
# assignment. A fact takes one sentence of each article, and a sentence
# joins a fact when it links to half its members, so a class's best pairs
# are where its fact is. Without the cap a story of 500 articles repeating
# the same few sentences scored and merged half a million pairs; with it a
# fact still grows to twice MAX_PARTNERS wordings (copies count once).
MAX_PARTNERS = 32

# Two sentences (global indexes) on one fact: (score, first, second,
# confirm). With ``confirm`` (a score below DEFAULT_THRESHOLD) they are one
# fact only when they report it differently: a conflict check, run only
# where the link would count. Plain tuples: a story has hundreds of thousands.
Link = tuple[float, int, int, bool]

_WORD_OR_NUMBER = re.compile(r"[^\W_]")


class StorySentences:
    """Every sentence of the story, with its article and class of copies,
    and its evidence terms once they are read (:meth:`read_evidence`).

    Sentences of one wording (the same words, spacing aside) in different
    articles are one fact before any pair is scored: syndicated copies, and
    the refrains of generated corpora, repeat a sentence in many articles,
    and scoring each copy against each would cost their number squared. So
    the sentences form classes of copies (one per wording, with at most one
    sentence of each article; a sentence of no word or number is a class
    alone), and pairs are scored between the first sentence of each class,
    its representative, whose neighbourhoods and evidence are its own
    article's. The classes come from the texts alone, so the pairs by
    meaning are sought while the evidence is read.
    """

    def __init__(self, articles: Sequence) -> None:
        self.article: list[int] = []  # sentence -> its article's position
        self.local: list[int] = []  # sentence -> its index within its article
        self.starts: list[int] = []  # each article's first sentence
        self.texts: list[str] = []
        for position, article in enumerate(articles):
            self.starts.append(len(self.article))
            texts = article.sentence_texts()
            self.article.extend([position] * len(texts))
            self.local.extend(range(len(texts)))
            self.texts.extend(texts)
        self.starts.append(len(self.article))
        self.row: list[int] = []  # sentence -> its class
        self.copies: list[list[int]] = []  # class -> its sentences, the representative first
        classes: dict[tuple[str, int], int] = {}
        seen: dict[tuple[int, str], int] = {}  # (article, wording) -> sentences of it so far
        for index, (article, text) in enumerate(zip(self.article, self.texts)):
            wording = " ".join(text.split())
            occurrence = seen.get((article, wording), 0)
            seen[article, wording] = occurrence + 1
            key = (wording, occurrence) if _WORD_OR_NUMBER.search(wording) else ("", -1 - index)
            row = classes.setdefault(key, len(self.copies))
            if row == len(self.copies):
                self.copies.append([])
            self.copies[row].append(index)
            self.row.append(row)
        self.representatives = [members[0] for members in self.copies]
        # Each class row's article (its representative's), for the array work.
        self.row_article = np.array([self.article[index] for index in self.representatives], dtype=np.int64)
        self.sides: list[ArticleEvidence] = []
        self.terms: list[set[str]] = []
        self.fold: dict[str, str] = {}
        self.people: set[str] = set()
        self._passages: dict[int, Passage] = {}

    def __len__(self) -> int:
        return len(self.article)

    def read_evidence(self, sides: Sequence[ArticleEvidence]) -> None:
        """Take each article's evidence (``sides``, in the articles' order)."""
        self.sides = list(sides)
        terms = [sentence_terms for side in self.sides for sentence_terms in side.terms]
        self.fold = fold = demonym_folding(set().union(*(side.name_terms for side in self.sides)) if self.sides else set())
        self.terms = [{fold.get(term, term) for term in sentence} for sentence in terms] if fold else terms
        self.people = {fold.get(term, term) for side in self.sides for term in side.people}

    def passage(self, sentence: int) -> Passage:
        """The sentence as the conflict checks read it (built once: a
        fact's wording is checked against each of its reports)."""
        passage = self._passages.get(sentence)
        if passage is None:
            side, local = self.sides[self.article[sentence]], self.local[sentence]
            passage = self._passages[sentence] = side.passage(local, local)
        return passage


class MeaningPairs(NamedTuple):
    """The candidate pairs by meaning of a story's classes of copies
    (:func:`~index.story.candidates.meaning_candidates`), with the vectors
    and articles of the classes' rows."""

    vectors: np.ndarray
    article: np.ndarray
    first: np.ndarray
    second: np.ndarray
    margin: np.ndarray
    neighbourhood: np.ndarray


def class_vectors(sentences: StorySentences) -> np.ndarray:
    """The sentence vector of each class of copies (its representative's)."""
    from ..compare.embedding import (
        sentence_vectors,  # loads the model: only when a story is built
    )

    return sentence_vectors([sentences.texts[index] for index in sentences.representatives])


def meaning_pairs(sentences: StorySentences, vectors: np.ndarray,
                  progress: Callable[[int, int], None] | None = None) -> MeaningPairs:
    """The pairs of classes whose meaning may make them one fact
    (``vectors``: :func:`class_vectors`); array work that needs nothing but
    the classes, and lets go of the interpreter lock as it runs."""
    article = sentences.row_article
    return MeaningPairs(vectors, article,
                        *meaning_candidates(vectors, sentences.row, sentences.starts, article, progress))


def link_sentences(sentences: StorySentences, meaning: MeaningPairs, evidence: StoryEvidence) -> list[Link]:
    """The pairs of representatives of different articles on one fact, best
    first, each with at most one partner in each other article; a pair
    scoring below DEFAULT_THRESHOLD is kept (marked ``confirm``) for
    :func:`cluster` to check for a conflict only if it would count.
    ``meaning``: the candidate pairs by meaning; ``evidence``: the
    sentences' terms (both from :func:`meaning_pairs` and
    :class:`StoryEvidence` on ``sentences``)."""
    vectors, article, first, second, margin, neighbourhood = meaning
    representatives = sentences.representatives
    rows = len(representatives)
    rare = np.setdiff1d(evidence.rare_pairs(), first.astype(np.int64) * rows + second, assume_unique=True)
    if len(rare):
        a, b = rare // rows, rare % rows
        local = 0.5 * (neighbourhood[a, article[b]] + neighbourhood[b, article[a]])
        first, second = np.concatenate((first, a)), np.concatenate((second, b))
        margin = np.concatenate((margin, np.einsum("ij,ij->i", vectors[a], vectors[b]) - local))
    meaning_score = np.clip((margin.astype(np.float64) - MARGIN_FLOOR) / MARGIN_SPAN, 0.0, 1.0)
    # Only pairs that full evidence would lift to DIFFERS_THRESHOLD are scored for it.
    possible = np.flatnonzero(LEXICAL_WEIGHT + (1.0 - LEXICAL_WEIGHT) * meaning_score >= DIFFERS_THRESHOLD)
    first, second, meaning_score = first[possible], second[possible], meaning_score[possible]
    score = LEXICAL_WEIGHT * evidence.scores(first, second) + (1.0 - LEXICAL_WEIGHT) * meaning_score
    kept = np.flatnonzero(score >= DIFFERS_THRESHOLD)
    kept = kept[best_partners(first[kept], second[kept], score[kept])]
    order = kept[np.lexsort((-second[kept], -first[kept], -score[kept]))]  # as sorted(reverse=True)
    sentence_of = np.asarray(representatives)
    scored = zip(score[order].tolist(), sentence_of[first[order]].tolist(), sentence_of[second[order]].tolist())
    # Judged like a comparison's pairs: after the one-to-one assignment.
    return [(score, i, j, score < DEFAULT_THRESHOLD) for score, i, j in one_to_one(scored, sentences.article)]


def best_partners(first: np.ndarray, second: np.ndarray, score: np.ndarray, limit: int = MAX_PARTNERS) -> np.ndarray:
    """The indexes (sorted) of the pairs that are among the ``limit`` best
    pairs of either of their two classes."""
    ends = np.concatenate((first, second))
    pair = np.tile(np.arange(len(first)), 2)
    # By class, then best score first, as one stable sort of one key (three
    # times faster than lexsort's two): the classes stand a score range apart.
    scores = np.tile(score, 2)
    spread = 1.0 + (float(scores.max() - scores.min()) if len(scores) else 0.0)
    order = np.argsort(ends * spread - scores, kind="stable")
    ends, pair = ends[order], pair[order]
    starts = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
    rank = np.arange(len(ends)) - np.repeat(starts, np.diff(np.r_[starts, len(ends)]))
    return distinct(pair[rank < limit])


def differences(first: int, others: list[int], sentences: StorySentences):
    """``(sentence, conflicts)`` for each of ``others`` that the conflict
    checks find reporting the fact differently from sentence ``first`` (the
    fact's wording as shown): one check per wording, however many copies."""
    shown = sentences.passage(first)
    found_for: dict[int, list] = {sentences.row[first]: []}  # a copy of the shown wording differs in nothing
    for other in others:
        row = sentences.row[other]
        if row not in found_for:
            found_for[row] = conflicts(shown, sentences.passage(other))
        if found_for[row]:
            yield other, found_for[row]


def one_to_one(scored: Iterable[tuple[float, int, int]], article: list[int]) -> list[tuple[float, int, int]]:
    """The pairs (best first) that give each sentence at most one partner in
    each other article, as a comparison of two articles pairs them: a
    sentence's best partner there, not every sentence near it."""
    articles = max(article, default=0) + 1
    taken: set[int] = set()  # sentence * articles + the article it has its partner in
    kept = []
    for score, i, j in scored:
        end_i, end_j = i * articles + article[j], j * articles + article[i]
        if end_i in taken or end_j in taken:
            continue
        taken.add(end_i)
        taken.add(end_j)
        kept.append((score, i, j))
    return kept


def cluster(links: Iterable[Link], sentences: StorySentences) -> list[list[int]]:
    """Sentences grouped by fact; every sentence is in exactly one group.

    A class of copies starts as one group, counted as one member. Links
    are taken best first. Two groups merge when the links between them join
    at least half their pairs of members (so one loose link cannot chain a
    fact into its neighbour's) and they hold no sentences of one article."""
    rows = range(len(sentences.copies))
    group_of = list(rows)
    members = {row: [row] for row in rows}
    articles = {row: {sentences.article[index] for index in sentences.copies[row]} for row in rows}
    between: dict[int, dict[int, int]] = {}  # group -> {other group: links joining them}
    for _score, first, second, confirm in links:
        a, b = group_of[sentences.row[first]], group_of[sentences.row[second]]
        if a == b:
            continue
        if not articles[a].isdisjoint(articles[b]):
            continue  # never to merge, as groups only grow: what joins them needs no count
        if confirm and not conflicts(sentences.passage(first), sentences.passage(second)):
            continue
        count = between.setdefault(a, {}).get(b, 0) + 1
        between[a][b] = count
        between.setdefault(b, {})[a] = count
        if 2 * count < len(members[a]) * len(members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for row in members[b]:
            group_of[row] = a
        members[a].extend(members.pop(b))
        articles[a] |= articles.pop(b)
        for other, joining in between.pop(b, {}).items():
            del between[other][b]
            if other != a:
                merged = between[a].get(other, 0) + joining
                between[a][other] = between[other][a] = merged
        between[a].pop(b, None)
    return [sorted(index for row in group for index in sentences.copies[row]) for group in members.values()]

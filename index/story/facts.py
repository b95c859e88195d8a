"""Facts across a set of articles: every sentence, clustered with the
sentences of other articles that report the same fact.

The comparison of two articles (:mod:`index.compare`) scores every pair of
their sentences; doing that for every pair of articles would cost their
number squared. Here every sentence of the story is scored against every
other at once, with the same two parts and the same thresholds:

* evidence: the sentences' terms (stemmed words, news concepts, one term per
  name and per figure, :class:`~index.compare.evidence.ArticleEvidence`),
  weighed by their rarity among all the story's sentences, compared through
  an inverted index (only pairs that share a term are visited), adjusted as
  the comparison does: too few shared terms count as none, evidence that many
  sentences of the two articles hold is weak, different people are likely
  different facts;
* meaning: the cosine of the sentence embeddings, by its margin over each
  sentence's nearest neighbours *in the other article* (as in a comparison
  of those two), computed in blocks of rows so memory stays bounded.

A pair scoring :data:`~index.compare.comparison.DEFAULT_THRESHOLD` reports
one fact; so does a pair from ``DIFFERS_THRESHOLD`` on one subject where a
conflict check fires (:mod:`index.compare.conflicts`). Once grouped, each
report of a fact is checked against the fact's wording as shown, and what
the checks find is recorded as the outlets' differences. Pairs are merged best first, and a fact never takes two
sentences of one article, so a chain of loose pairs cannot run through the
story.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ..compare.comparison import DEFAULT_THRESHOLD, DIFFERS_THRESHOLD
from ..compare.conflicts import conflicts
from ..compare.evidence import (
    GENERIC_WEIGHT,
    JOINT_EXPONENT,
    LENGTH_SOFTENING,
    MIN_SHARED_TERMS_WITH_MEANING,
    PEOPLE_CONFLICT,
    ArticleEvidence,
    demonym_folding,
)
from ..compare.scoring import (
    LEXICAL_FLOOR,
    LEXICAL_WEIGHT,
    MARGIN_FLOOR,
    MARGIN_SPAN,
    NEIGHBOURS,
)
from ..compare.similarity import CorpusStatistics, news_lexicon

# Rows of the embedding matrix computed at a time: 1,024 x 10,000 float32 is 40 MB.
BLOCK_ROWS = 1024
# A matrix of at most this many cosines (64 MB) is kept between the two passes.
KEEP_MATRIX = 16_000_000
# Only pairs whose meaning stands this far above their neighbourhoods are
# scored for evidence: a pair below it needs nearly all its score from
# shared words, and scoring every pair of a large story that way would cost
# its sentences squared.
CANDIDATE_MARGIN = MARGIN_FLOOR + 0.05
# A term this many sentences hold or fewer makes its holders candidates by
# their words alone (see Evidence.rare_pairs).
RARE_HOLDERS = 32


@dataclass(frozen=True, slots=True)
class Link:
    """Two sentences (global indexes) on one fact."""

    score: float
    first: int
    second: int


class StorySentences:
    """Every sentence of the story, with its article, evidence terms and vector."""

    def __init__(self, sides: Sequence[ArticleEvidence]) -> None:
        self.sides = list(sides)
        self.article: list[int] = []  # sentence -> its article's position in sides
        self.local: list[int] = []  # sentence -> its index within its article
        self.starts: list[int] = []  # each article's first sentence
        terms = []
        for position, side in enumerate(self.sides):
            self.starts.append(len(self.article))
            for index, sentence_terms in enumerate(side.terms):
                self.article.append(position)
                self.local.append(index)
                terms.append(sentence_terms)
        self.starts.append(len(self.article))
        self.fold = fold = demonym_folding(set().union(*(side.name_terms for side in self.sides)) if self.sides else set())
        self.terms = [{fold.get(term, term) for term in sentence} for sentence in terms] if fold else terms
        self.people = {fold.get(term, term) for side in self.sides for term in side.people}

    def __len__(self) -> int:
        return len(self.article)

    def passage(self, sentence: int):
        return self.sides[self.article[sentence]].passage(self.local[sentence], self.local[sentence])


def link_sentences(sentences: StorySentences, texts: list[str],
                   progress: Callable[[int, int], None] | None = None) -> list[Link]:
    """The pairs of sentences from different articles on one fact, best
    first, each sentence with at most one partner in each other article."""
    if len(sentences) < 2:
        return []
    from ..compare.embedding import (
        sentence_vectors,  # loads the model: only when a story is built
    )

    vectors = sentence_vectors(texts)
    evidence = Evidence(sentences)
    margins, neighbourhood = _candidates(vectors, sentences, progress)
    article = sentences.article
    for i, j in evidence.rare_pairs():
        if (i, j) not in margins:
            local = 0.5 * (neighbourhood[i, article[j]] + neighbourhood[j, article[i]])
            margins[i, j] = float(vectors[i] @ vectors[j]) - float(local)
    scored = []
    for (i, j), margin in margins.items():
        meaning = min(1.0, max(0.0, (margin - MARGIN_FLOOR) / MARGIN_SPAN))
        score = LEXICAL_WEIGHT * evidence.score(i, j) + (1.0 - LEXICAL_WEIGHT) * meaning
        if score >= DIFFERS_THRESHOLD:
            scored.append((score, i, j))
    scored.sort(reverse=True)
    # Judged like a comparison's pairs: after the one-to-one assignment, so
    # the conflict checks run only on the pairs that remain.
    links = []
    for score, i, j in one_to_one(scored, sentences.article):
        # One fact, agreeing or not, from DEFAULT_THRESHOLD (its reports are
        # judged once grouped); below it, only when reported differently.
        if score >= DEFAULT_THRESHOLD or conflicts(sentences.passage(i), sentences.passage(j)):
            links.append(Link(score, i, j))
    return links


def differences(first: int, others: list[int], sentences: StorySentences):
    """``(sentence, conflicts)`` for each of ``others`` that the conflict
    checks find reporting the fact differently from sentence ``first`` (the
    fact's wording as shown): one check per report, however big the fact."""
    shown = sentences.passage(first)
    for other in others:
        found = conflicts(shown, sentences.passage(other))
        if found:
            yield other, found


class Evidence:
    """The evidence score of two sentences of different articles, as a
    comparison of those two articles would give it (see the module's docstring)."""

    def __init__(self, sentences: StorySentences) -> None:
        self.sentences = sentences
        stats = CorpusStatistics.from_term_sets(sentences.terms)
        self.generic = news_lexicon().generic
        self.squared: dict[str, float] = {}  # each term's weight squared, for the dot products
        for terms in sentences.terms:
            for term in terms:
                if term not in self.squared:
                    self.squared[term] = (stats.idf(term) * (GENERIC_WEIGHT if term in self.generic else 1.0)) ** 2
        self.weighed = [(terms, self._norm(terms)) for terms in sentences.terms]
        # sentence -> its contrasting clauses' terms ("While Hamas insists
        # on a permanent ceasefire, Netanyahu ..." reports two facts)
        self.clauses: dict[int, list[tuple[set[str], float]]] = {}
        for position, side in enumerate(sentences.sides):
            for local, clause in side.clauses:
                folded = {sentences.fold.get(term, term) for term in clause}
                self.clauses.setdefault(sentences.starts[position] + local, []).append((folded, self._norm(folded)))
        # term -> {article: bit mask of its sentences holding the term}: how
        # many sentences of two articles hold a set of terms, in a few ANDs.
        self.holders: dict[str, dict[int, int]] = {}
        for index, terms in enumerate(sentences.terms):
            article, bit = sentences.article[index], 1 << sentences.local[index]
            for term in terms:
                masks = self.holders.setdefault(term, {})
                masks[article] = masks.get(article, 0) | bit

    def rare_pairs(self):
        """Pairs of sentences of different articles sharing a term that at
        most RARE_HOLDERS sentences hold: candidates by their words, whatever
        their meaning scores (the embedding candidates miss a sentence whose
        one clause reports what another sentence does)."""
        article = self.sentences.article
        postings: dict[str, list[int]] = {}
        for index, terms in enumerate(self.sentences.terms):
            for term in terms:
                postings.setdefault(term, []).append(index)
        pairs = set()
        for term, holders in postings.items():
            if len(holders) < 2 or len(holders) > RARE_HOLDERS or term in self.generic:
                continue
            for position, i in enumerate(holders):
                pairs.update((i, j) for j in holders[position + 1:] if article[i] != article[j])
        return pairs

    def score(self, i: int, j: int) -> float:
        """The best of the two sentences' score and their contrasting clauses' scores."""
        best = self._score(self.weighed[i], self.weighed[j], i, j)
        for clause in self.clauses.get(i, ()):
            best = max(best, self._score(clause, self.weighed[j], i, j))
        for clause in self.clauses.get(j, ()):
            best = max(best, self._score(self.weighed[i], clause, i, j))
        return best

    def _score(self, weighed_i: tuple[set[str], float], weighed_j: tuple[set[str], float], i: int, j: int) -> float:
        (terms_i, norm_i), (terms_j, norm_j) = weighed_i, weighed_j
        shared = terms_i & terms_j
        specific = shared - self.generic
        if len(specific) < MIN_SHARED_TERMS_WITH_MEANING or not norm_i or not norm_j:
            return 0.0
        ratio = norm_i / norm_j
        cosine = sum(map(self.squared.__getitem__, shared)) / (norm_i * norm_j)
        cosine = min(1.0, cosine * (ratio if ratio > 1 else 1 / ratio) ** LENGTH_SOFTENING)
        if cosine * LEXICAL_WEIGHT < LEXICAL_FLOOR:
            return 0.0  # what follows only lowers it
        in_pair = 0
        for article in (self.sentences.article[i], self.sentences.article[j]):
            mask = -1
            for term in specific:
                mask &= self.holders[term].get(article, 0)
            in_pair += mask.bit_count()
        cosine *= (2 / max(2, in_pair)) ** JOINT_EXPONENT
        people = self.sentences.people
        people_i, people_j = terms_i & people, terms_j & people
        if people_i and people_j and not people_i & people_j:
            cosine *= PEOPLE_CONFLICT
        return cosine if cosine > LEXICAL_FLOOR else 0.0

    def _norm(self, terms: set[str]) -> float:
        return math.sqrt(sum(self.squared.get(t, 0.0) for t in terms))


def _candidates(vectors: np.ndarray, sentences: StorySentences,
                progress: Callable[[int, int], None] | None):
    """``{(i, j): margin}`` for the pairs of sentences of different articles
    whose meaning stands out from their neighbourhoods by CANDIDATE_MARGIN or
    more, i < j, and the neighbourhoods (``[sentence, article]``: the mean of
    the sentence's NEIGHBOURS best cosines in that article): the embedding
    matrix a block of rows at a time, twice (neighbourhoods, then margins)."""
    starts, total = sentences.starts, len(vectors)
    article_of = np.asarray(sentences.article)
    neighbourhood = np.zeros((total, len(starts) - 1), dtype=np.float32)
    steps = 2 * ((total + BLOCK_ROWS - 1) // BLOCK_ROWS)
    kept: dict[int, np.ndarray] = {}  # the blocks of a small story, not computed twice
    for step, low in enumerate(range(0, total, BLOCK_ROWS)):
        block = np.einsum("ik,jk->ij", vectors[low:low + BLOCK_ROWS], vectors)
        if total * total <= KEEP_MATRIX:
            kept[low] = block
        for article in range(len(starts) - 1):
            columns = block[:, starts[article]:starts[article + 1]]
            if columns.shape[1]:
                k = min(NEIGHBOURS, columns.shape[1])
                best = np.partition(columns, columns.shape[1] - k, axis=1)[:, -k:]
                neighbourhood[low:low + len(block), article] = best.mean(axis=1)
        if progress:
            progress(step + 1, steps)
    found = {}
    for step, low in enumerate(range(0, total, BLOCK_ROWS), start=steps // 2):
        rows = slice(low, min(total, low + BLOCK_ROWS))
        block = kept.pop(low) if low in kept else np.einsum("ik,jk->ij", vectors[rows], vectors)
        local = 0.5 * (neighbourhood[rows][:, article_of] + neighbourhood[:, article_of[rows]].T)
        margin = block - local
        row_index = np.arange(rows.start, rows.stop)[:, None]
        keep = (margin >= CANDIDATE_MARGIN) & (np.arange(total)[None, :] > row_index)
        keep &= article_of[rows][:, None] != article_of[None, :]
        i, j = np.nonzero(keep)
        found.update(zip(zip((i + low).tolist(), j.tolist()), margin[i, j].tolist()))
        if progress:
            progress(step + 1, steps)
    return found, neighbourhood


def one_to_one(scored: list[tuple[float, int, int]], article: list[int]) -> list[tuple[float, int, int]]:
    """The pairs (best first) that give each sentence at most one partner in
    each other article, as a comparison of two articles pairs them: a
    sentence's best partner there, not every sentence near it."""
    taken: set[tuple[int, int]] = set()
    kept = []
    for score, i, j in scored:
        ends = ((i, article[j]), (j, article[i]))
        if ends[0] in taken or ends[1] in taken:
            continue
        taken.update(ends)
        kept.append((score, i, j))
    return kept


def cluster(links: list[Link], sentences: StorySentences) -> list[list[int]]:
    """Sentences grouped by fact; every sentence is in exactly one group.

    Links are taken best first. Two groups merge when the links between
    them join at least half their pairs of members (so one loose link cannot
    chain a fact into its neighbour's) and they hold no sentences of one
    article."""
    group_of = list(range(len(sentences)))
    members = {index: [index] for index in range(len(sentences))}
    articles = {index: {sentences.article[index]} for index in range(len(sentences))}
    between: dict[int, dict[int, int]] = {}  # group -> {other group: links joining them}
    for link in links:
        a, b = group_of[link.first], group_of[link.second]
        if a == b:
            continue
        count = between.setdefault(a, {}).get(b, 0) + 1
        between[a][b] = count
        between.setdefault(b, {})[a] = count
        if articles[a] & articles[b] or 2 * count < len(members[a]) * len(members[b]):
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for index in members[b]:
            group_of[index] = a
        members[a].extend(members.pop(b))
        articles[a] |= articles.pop(b)
        for other, joining in between.pop(b, {}).items():
            del between[other][b]
            if other != a:
                merged = between[a].get(other, 0) + joining
                between[a][other] = between[other][a] = merged
        between[a].pop(b, None)
    return [sorted(group) for group in members.values()]

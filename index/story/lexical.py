"""The evidence score of many pairs of a story's sentences at once, as a
comparison of their two articles would give each
(:class:`~index.compare.evidence.LexicalScorer`), in numpy.

A story of 500 generated articles has half a million candidate pairs;
scored one by one in Python that took a minute. Here each sentence (and
each contrasting clause of one, "While Hamas insists …, Netanyahu …") is a
sorted row of term ids, and a batch of pairs is scored by expanding the
first side's terms and looking each up in the second side's (one
``searchsorted`` over every (unit, term) key): the shared terms' weights
summed give the cosine, their count the "too few shared terms" rule. What
follows only lowers a score, so it runs only on the pairs still above the
floor: how many sentences of the two articles hold every shared specific
term (an AND of per-article bit masks, a row of 64-bit words per term and
article) and whether the two name different people.
"""

from __future__ import annotations

import math

import numpy as np

from ..compare.evidence import (
    GENERIC_WEIGHT,
    JOINT_EXPONENT,
    LENGTH_SOFTENING,
    MIN_SHARED_TERMS_WITH_MEANING,
    PEOPLE_CONFLICT,
)
from ..compare.scoring import LEXICAL_FLOOR, LEXICAL_WEIGHT
from ..compare.similarity import CorpusStatistics, news_lexicon
from .parallel import each_in_parallel

# Pairs scored per batch: the expanded terms of 65,536 pairs take ~15 MB an array.
BATCH_PAIRS = 65_536
# A term this many sentences hold or fewer makes its holders candidates by
# their words alone (see rare_pairs).
RARE_HOLDERS = 32
_BITS = np.array([byte.bit_count() for byte in range(256)], dtype=np.int64)


class StoryEvidence:
    """Every sentence's evidence terms as arrays (``sentences``: a
    :class:`~index.story.facts.StorySentences`), for the scores of pairs of
    its class representatives."""

    def __init__(self, sentences) -> None:
        self.sentences = sentences
        self.generic = news_lexicon().generic
        stats = CorpusStatistics.from_term_sets(sentences.terms)
        ids: dict[str, int] = {}
        for terms in sentences.terms:
            for term in terms:
                ids.setdefault(term, len(ids))
        self.term_ids = ids
        names = list(ids)
        self.squared = np.array([(stats.idf(term) * (GENERIC_WEIGHT if term in self.generic else 1.0)) ** 2
                                 for term in names], dtype=np.float64)
        self.specific = np.array([term not in self.generic for term in names], dtype=bool)
        self.person = np.array([term in sentences.people for term in names], dtype=bool)
        # Every (sentence, term) as arrays: the term's id, the sentence.
        self.entry_term = np.array([ids[term] for terms in sentences.terms for term in terms], dtype=np.int64)
        self.entry_sentence = np.repeat(np.arange(len(sentences.terms)), [len(terms) for terms in sentences.terms])
        self.holding = np.bincount(self.entry_term, minlength=len(names))  # how many sentences hold each term
        self._units(sentences)
        self._masks(sentences)

    def _units(self, sentences) -> None:
        """Units: each representative's terms (unit = its class row), then its
        contrasting clauses; ``clauses_of[row]``: the units of its clauses."""
        rows = [sorted(self.term_ids[term] for term in sentences.terms[index]) for index in sentences.representatives]
        self.clauses_of: list[list[int]] = [[] for _ in rows]
        first_row = {index: row for row, index in enumerate(sentences.representatives)}
        for position, side in enumerate(sentences.sides):
            for local, clause in side.clauses:
                row = first_row.get(sentences.starts[position] + local)
                if row is not None:
                    self.clauses_of[row].append(len(rows))
                    rows.append(sorted({self.term_ids.get(sentences.fold.get(term, term), -1) for term in clause} - {-1}))
        lengths = np.array([len(terms) for terms in rows], dtype=np.int64)
        self.unit_start = np.concatenate(([0], np.cumsum(lengths)))
        self.unit_terms = np.array([term for terms in rows for term in terms], dtype=np.int64)
        unit_of_entry = np.repeat(np.arange(len(rows), dtype=np.int64), lengths)
        self.unit_keys = unit_of_entry * max(1, len(self.term_ids)) + self.unit_terms  # sorted: by unit, then term
        self.unit_norm = np.sqrt(np.bincount(unit_of_entry, weights=self.squared[self.unit_terms], minlength=len(rows)))
        self.unit_people = np.bincount(unit_of_entry, weights=self.person[self.unit_terms], minlength=len(rows)) > 0
        self.unit_article = np.concatenate((sentences.row_article,
                                            np.zeros(len(rows) - len(sentences.representatives), dtype=np.int64)))
        for row, clauses in enumerate(self.clauses_of):
            self.unit_article[clauses] = self.unit_article[row]
        self.has_clauses = np.array([bool(clauses) for clauses in self.clauses_of], dtype=bool)

    def _masks(self, sentences) -> None:
        """For each (term, article) some sentence holds: which of the
        article's sentences hold it, as a row of 64-bit words (sorted by
        ``term * articles + article``)."""
        self.articles = articles = max(1, len(sentences.starts) - 1)
        words = max(1, math.ceil(max((high - low for low, high in zip(sentences.starts, sentences.starts[1:])),
                                     default=1) / 64))
        local = np.asarray(sentences.local, dtype=np.int64)[self.entry_sentence]
        key = self.entry_term * articles + np.asarray(sentences.article, dtype=np.int64)[self.entry_sentence]
        slot = key * words + local // 64  # one word of one (term, article) row
        order = np.argsort(slot, kind="stable")
        slot = slot[order]
        bits = np.left_shift(np.uint64(1), (local[order] % 64).astype(np.uint64))
        starts = np.flatnonzero(np.r_[True, slot[1:] != slot[:-1]])
        slots = slot[starts]
        self.mask_keys = distinct(slots // words)
        self.mask_rows = np.zeros((len(self.mask_keys), words), dtype=np.uint64)
        if len(starts):
            self.mask_rows[np.searchsorted(self.mask_keys, slots // words), slots % words] = \
                np.bitwise_or.reduceat(bits, starts)

    def rare_pairs(self) -> np.ndarray:
        """The pairs of class rows of different articles sharing a specific
        term that at most RARE_HOLDERS sentences hold, as sorted keys
        ``first * rows + second`` (first < second): candidates by their
        words, whatever their meaning scores (the embedding candidates miss
        a sentence whose one clause reports what another sentence does)."""
        rows = len(self.sentences.representatives)
        entries = np.arange(self.unit_start[rows])
        terms = self.unit_terms[entries]
        rare = self.specific[terms] & (self.holding[terms] <= RARE_HOLDERS)
        row_of_entry = np.repeat(np.arange(rows), np.diff(self.unit_start[:rows + 1]))
        postings: dict[int, list[int]] = {}
        for term, row in zip(terms[rare].tolist(), row_of_entry[rare].tolist()):
            postings.setdefault(term, []).append(row)
        firsts, seconds = [], []
        for holders in postings.values():
            for position, a in enumerate(holders):
                firsts.extend([a] * (len(holders) - position - 1))
                seconds.extend(holders[position + 1:])
        first, second = np.asarray(firsts, dtype=np.int64), np.asarray(seconds, dtype=np.int64)
        different = self.unit_article[first] != self.unit_article[second]
        return distinct(first[different] * rows + second[different])

    def scores(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """The evidence score of each pair of class rows ``first[k]``,
        ``second[k]``: the best of their sentences' and their contrasting
        clauses' scores (batches of pairs on two threads)."""
        result = np.zeros(len(first), dtype=np.float64)

        def score_batch(low: int) -> None:
            a, b = first[low:low + BATCH_PAIRS], second[low:low + BATCH_PAIRS]
            pair, left, right = [k for k in range(len(a))], a.tolist(), b.tolist()
            for k in np.flatnonzero(self.has_clauses[a] | self.has_clauses[b]).tolist():
                x, y = left[k], right[k]
                for clause in self.clauses_of[x]:
                    pair.append(k), left.append(clause), right.append(y)
                for clause in self.clauses_of[y]:
                    pair.append(k), left.append(x), right.append(clause)
            pair, left, right = (np.asarray(values, dtype=np.int64) for values in (pair, left, right))
            found = self._unit_scores(left, right)
            np.maximum.at(result[low:low + len(a)], pair, found)

        each_in_parallel(score_batch, range(0, len(first), BATCH_PAIRS))
        return result

    def _unit_scores(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """The score of each pair of units (see the module's docstring)."""
        lengths = self.unit_start[left + 1] - self.unit_start[left]
        combo = np.repeat(np.arange(len(left)), lengths)
        offsets = np.arange(len(combo)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        terms = self.unit_terms[np.repeat(self.unit_start[left], lengths) + offsets]
        wanted = right[combo] * max(1, len(self.term_ids)) + terms
        at = np.minimum(np.searchsorted(self.unit_keys, wanted), len(self.unit_keys) - 1)
        shared = self.unit_keys[at] == wanted if len(self.unit_keys) else np.zeros(len(wanted), dtype=bool)
        combo, terms = combo[shared], terms[shared]
        specific = self.specific[terms]
        count = np.bincount(combo, weights=specific, minlength=len(left))
        dot = np.bincount(combo, weights=self.squared[terms], minlength=len(left))
        norm_left, norm_right = self.unit_norm[left], self.unit_norm[right]
        valid = (count >= MIN_SHARED_TERMS_WITH_MEANING) & (norm_left > 0) & (norm_right > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(valid, norm_left / norm_right, 1.0)
            cosine = np.where(valid, dot / (norm_left * norm_right), 0.0)
        cosine = np.minimum(1.0, cosine * np.maximum(ratio, 1.0 / ratio) ** LENGTH_SOFTENING)
        cosine[cosine * LEXICAL_WEIGHT < LEXICAL_FLOOR] = 0.0  # what follows only lowers it
        alive = np.flatnonzero(cosine)
        if not len(alive):
            return cosine
        # Only the live pairs' shared specific terms, grouped by pair.
        keep = np.isin(combo, alive) & specific
        combo, terms = combo[keep], terms[keep]
        holders = self._holders(combo, terms, self.unit_article[left]) + self._holders(combo, terms, self.unit_article[right])
        cosine[alive] *= (2.0 / np.maximum(2, holders[alive])) ** JOINT_EXPONENT
        people_shared = np.bincount(combo, weights=self.person[terms], minlength=len(left)) > 0
        # Shared people were counted among the specific terms; a person is never generic.
        conflict = self.unit_people[left] & self.unit_people[right] & ~people_shared
        cosine[conflict] *= PEOPLE_CONFLICT
        cosine[cosine <= LEXICAL_FLOOR] = 0.0
        return cosine

    def _holders(self, combo: np.ndarray, terms: np.ndarray, article_of_combo: np.ndarray) -> np.ndarray:
        """How many sentences of each pair's article (``article_of_combo``)
        hold every one of its terms (``combo``, ``terms``: sorted by pair)."""
        wanted = terms * self.articles + article_of_combo[combo]
        rows = np.minimum(np.searchsorted(self.mask_keys, wanted), len(self.mask_keys) - 1)
        masks = self.mask_rows[rows]
        masks[self.mask_keys[rows] != wanted] = 0  # a term no sentence of the article holds
        starts = np.flatnonzero(np.r_[True, combo[1:] != combo[:-1]])
        joint = np.bitwise_and.reduceat(masks, starts, axis=0)
        counts = np.zeros(len(article_of_combo), dtype=np.int64)
        counts[combo[starts]] = _BITS[joint.view(np.uint8)].reshape(len(starts), -1).sum(axis=1)
        return counts


def distinct(values: np.ndarray) -> np.ndarray:
    """``values`` sorted, each once (``np.unique`` without its first call's
    import of numpy.ma, a tenth of a second of a small story)."""
    values = np.sort(values)
    return values[np.r_[True, values[1:] != values[:-1]]] if len(values) else values

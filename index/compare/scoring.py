"""One score per pair of sentences (or runs of sentences): meaning and evidence combined.

The meaning is the cosine of the two passages' sentence embeddings
(:mod:`index.compare.embedding`, a static model distilled from
all-MiniLM-L6-v2); the evidence is the lexical score of
:mod:`index.compare.evidence` (stemmed words weighed by rarity, shared names
and figures). Embeddings rank paraphrases well but score a sentence and its
contradiction, or two sentences on one subject, nearly as high as a
paraphrase; shared names and rare words say which fact it is. So the score
is a weighted sum, and what it says is decided with the conflict checks
(:mod:`index.compare.conflicts`) when pairs are classified.

Both parts read a long sentence as a whole, so the one clause of it that
reports what a short sentence says ("…as Hamas leaders left for Qatar, …" /
"the Hamas delegation left the negotiations in Cairo") is diluted by the
rest. An act both tell, the same actor doing the same thing
(:mod:`index.compare.events`), adds :data:`ACT_WEIGHT`, less when many
sentences of the two articles tell it, as for shared words.
"""

from __future__ import annotations

import numpy as np

from .events import ActKey
from .evidence import JOINT_EXPONENT, MIN_SHARED_TERMS_WITH_MEANING, ArticleEvidence, LexicalScorer, demonym_folding
from .similarity import CorpusStatistics

# Weight of the lexical evidence in the combined score; the rest is meaning.
LEXICAL_WEIGHT = 0.6
# Lexical scores below this count as none: they add at most 0.03, and
# leaving them out spares most of the pairs of two long articles.
LEXICAL_FLOOR = 0.05
# Embedding cosines of sentences from one story are all high (0.6-0.8 for
# any two sentences on the Cairo talks), so meaning counts by how far a
# pair stands out from each sentence's nearest neighbours on the other side
# (CSLS, cross-domain similarity local scaling): the cosine less the mean of
# the two sentences' NEIGHBOURS best cosines. A margin of MARGIN_FLOOR adds
# nothing; MARGIN_FLOOR + MARGIN_SPAN adds the whole meaning weight.
NEIGHBOURS = 5
MARGIN_FLOOR = 0.03
MARGIN_SPAN = 0.2
# Two titles are no neighbourhood: they are scaled by their plain cosine.
MEANING_FLOOR = 0.45
# What an act both passages tell adds, scaled by (2 / n) ** JOINT_EXPONENT
# when n sentences of the two articles tell it.
ACT_WEIGHT = 0.05


class PairScorer:
    """Scores sentence pairs and runs of sentences of two articles."""

    def __init__(
        self,
        side_a: ArticleEvidence,
        side_b: ArticleEvidence,
        stats: CorpusStatistics | None,
        vectors: tuple[np.ndarray, np.ndarray] | None,
    ) -> None:
        self.lexical = LexicalScorer(side_a, side_b, stats,
                                     None if vectors is None else MIN_SHARED_TERMS_WITH_MEANING)
        self.vectors = vectors
        self.lexical_pairs = self.lexical.all_pairs(LEXICAL_FLOOR)
        self.act_pairs = _shared_acts(side_a.acts, side_b.acts, demonym_folding(side_a.name_terms | side_b.name_terms))
        self._meaning = None if vectors is None else vectors[0] @ vectors[1].T
        self._local = (None, None)
        if self._meaning is not None and min(self._meaning.shape) > 1:
            self._local = (_neighbourhood(self._meaning), _neighbourhood(self._meaning.T))

    @property
    def has_meaning(self) -> bool:
        return self.vectors is not None

    def _scaled(self, meaning: np.ndarray | float, local_a, local_b) -> np.ndarray | float:
        """Meaning as a 0..1 share of its weight: by the margin over the
        neighbourhood when there is one, else by the plain cosine."""
        if local_a is None:
            return np.clip((meaning - MEANING_FLOOR) / (1.0 - MEANING_FLOOR), 0.0, 1.0)
        margin = meaning - 0.5 * (local_a + local_b)
        return np.clip((margin - MARGIN_FLOOR) / MARGIN_SPAN, 0.0, 1.0)

    def combine(self, lexical: float, meaning: float | None, local_a=None, local_b=None, acts: float = 0.0) -> float:
        if meaning is None:
            return lexical + acts
        return (LEXICAL_WEIGHT * lexical + (1.0 - LEXICAL_WEIGHT) * float(self._scaled(meaning, local_a, local_b))
                + acts)

    def pairs(self, floor: float) -> dict[tuple[int, int], float]:
        """The combined score of every sentence pair scoring above ``floor``."""
        if self._meaning is None:
            scores = dict(self.lexical_pairs)
            for pair, bonus in self.act_pairs.items():
                scores[pair] = scores.get(pair, 0.0) + bonus
            return {pair: score for pair, score in scores.items() if score > floor}
        lexical = np.zeros(self._meaning.shape, dtype=np.float32)
        for (i, j), score in self.lexical_pairs.items():
            lexical[i, j] = score
        acts = np.zeros(self._meaning.shape, dtype=np.float32)
        for (i, j), bonus in self.act_pairs.items():
            acts[i, j] = bonus
        local_a, local_b = self._local
        if local_a is None:
            scaled = self._scaled(self._meaning, None, None)
        else:
            scaled = self._scaled(self._meaning, local_a[:, None], local_b[None, :])
        combined = LEXICAL_WEIGHT * lexical + (1.0 - LEXICAL_WEIGHT) * scaled + acts
        rows, columns = np.nonzero(combined > floor)
        return {(int(i), int(j)): float(combined[i, j]) for i, j in zip(rows, columns)}

    def meaning(self, a_span: tuple[int, int], b_span: tuple[int, int]) -> float | None:
        """The embedding cosine of two runs (each run: its sentences' vectors summed)."""
        if self.vectors is None:
            return None
        if a_span[0] == a_span[1] and b_span[0] == b_span[1]:
            return float(self._meaning[a_span[0], b_span[0]])
        vector_a = self.vectors[0][a_span[0]:a_span[1] + 1].sum(axis=0)
        vector_b = self.vectors[1][b_span[0]:b_span[1] + 1].sum(axis=0)
        norm = float(np.linalg.norm(vector_a) * np.linalg.norm(vector_b))
        return float(vector_a @ vector_b) / norm if norm else 0.0

    def lexical_score(self, a_span: tuple[int, int], b_span: tuple[int, int]) -> float:
        if a_span[0] == a_span[1] and b_span[0] == b_span[1]:
            return self.lexical_pairs.get((a_span[0], b_span[0]), 0.0)
        return self.lexical.score_sets(self.lexical.run_terms("a", *a_span), self.lexical.run_terms("b", *b_span))

    def act_score(self, a_span: tuple[int, int], b_span: tuple[int, int]) -> float:
        """What the acts two runs both tell add: the best of their sentence pairs'."""
        return max((self.act_pairs.get((i, j), 0.0) for i in range(a_span[0], a_span[1] + 1)
                    for j in range(b_span[0], b_span[1] + 1)), default=0.0)

    def score(self, a_span: tuple[int, int], b_span: tuple[int, int]) -> float:
        local_a, local_b = self._local
        if local_a is not None:  # a run's neighbourhood: its sentences' mean
            local_a = float(local_a[a_span[0]:a_span[1] + 1].mean())
            local_b = float(local_b[b_span[0]:b_span[1] + 1].mean())
        return self.combine(self.lexical_score(a_span, b_span), self.meaning(a_span, b_span), local_a, local_b,
                            self.act_score(a_span, b_span))


def _shared_acts(
    acts_a: list[set[ActKey]], acts_b: list[set[ActKey]], fold: dict[str, str]
) -> dict[tuple[int, int], float]:
    """``{(i, j): bonus}`` for the sentence pairs that tell an act alike
    (an actor written as a demonym counts as its place, as in the words)."""
    tellers: dict[ActKey, tuple[list[int], list[int]]] = {}
    for side, acts in enumerate((acts_a, acts_b)):
        for index, keys in enumerate(acts):
            for actor, event, future in keys:
                tellers.setdefault((fold.get(actor, actor), event, future), ([], []))[side].append(index)
    bonus: dict[tuple[int, int], float] = {}
    for told_a, told_b in tellers.values():
        if told_a and told_b:
            weight = ACT_WEIGHT * (2 / (len(told_a) + len(told_b))) ** JOINT_EXPONENT
            for i in told_a:
                for j in told_b:
                    bonus[i, j] = max(bonus.get((i, j), 0.0), weight)
    return bonus


def _neighbourhood(similarities: np.ndarray) -> np.ndarray:
    """Each row's mean of its NEIGHBOURS highest similarities."""
    k = min(NEIGHBOURS, similarities.shape[1])
    return np.sort(similarities, axis=1)[:, -k:].mean(axis=1)

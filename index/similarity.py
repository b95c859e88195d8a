"""Words as comparable terms, and how much sharing a term says.

A sentence becomes a set of terms: its content words, lower-cased and
stemmed (Porter, from Whoosh), so "negotiations" and "negotiating" meet.
Each term weighs its inverse document frequency, so sharing "Burns" says
more than sharing "ceasefire" in a corpus about a ceasefire; sentences are
compared by the cosine of their weighted term sets.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Iterable, Mapping

from whoosh.lang.porter import stem as porter_stem

from .text import fold_punctuation

# Function words carry no fact, and neither do reporting verbs: they describe
# the telling, not what is told ("X stated A" and "Y stated B" share no
# fact). Negations ("not", "no", "never") are kept on purpose: "not very
# promising" and "promising" report opposite things.
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet if then than that this these those there here
    of to in on at by for from with without into onto over under about above below
    between among through during before after since until upon within across
    against toward towards via per as is are was were be been being am do does did
    doing done has have had having will would shall should can could may might must
    it its it's he him his she her hers they them their theirs we us our ours you
    your yours i me my mine who whom whose which what when where why how
    all any both each either neither few more most other some such own same
    also however meanwhile moreover further furthermore thus hence therefore still
    while whilst although though because whether just only even very too again
    s t mr mrs ms
    say says said saying tell tells told telling state states stated stating
    add adds added adding report reports reported reporting describe describes
    described describing express expresses expressed expressing according
    """.split()
)

# News reuses its vocabulary, so stemming each distinct word once pays.
stem = lru_cache(maxsize=65536)(porter_stem)

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class Token:
    """A content word: its stem and where it stands in the text it came from."""

    stem: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Content words of ``text`` with offsets into ``text``.

    Possessives fold into their noun ("Netanyahu’s" → "netanyahu"); numbers
    lose their thousands separators ("28,800" → "28800").
    """
    tokens: list[Token] = []
    for match in _WORD.finditer(fold_punctuation(text)):
        word = match.group().lower()
        if word.endswith("'s"):
            word = word[:-2]
        if word[0].isdigit():
            tokens.append(Token(word.replace(",", ""), match.start(), match.end()))
        elif word not in STOPWORDS:
            tokens.append(Token(stem(word), match.start(), match.end()))
    return tokens


def sentence_tokens(article) -> list[list[Token]]:
    """Tokens of each sentence of ``article``, offsets relative to the sentence."""
    return [tokenize(text) for text in article.sentence_texts()]


class CorpusStatistics:
    """Document frequencies of terms, for inverse-document-frequency weights.

    A "document" is whatever unit the frequencies were counted over:
    :meth:`from_articles` counts sentences, the unit the aligner compares, so
    a word found in every sentence weighs nothing and one found in a single
    sentence weighs most. Frequencies counted over whole articles (e.g. from
    the search index) also work, with coarser weights.
    """

    __slots__ = ("document_frequency", "n_docs")

    def __init__(self, document_frequency: Mapping[str, int], n_docs: int) -> None:
        if n_docs < 0:
            raise ValueError("n_docs cannot be negative")
        self.document_frequency = dict(document_frequency)
        self.n_docs = n_docs

    @classmethod
    def from_term_sets(cls, term_sets: Iterable[Iterable[str]]) -> CorpusStatistics:
        frequency: Counter[str] = Counter()
        n_docs = 0
        for terms in term_sets:
            frequency.update(set(terms))
            n_docs += 1
        return cls(frequency, n_docs)

    @classmethod
    def from_articles(cls, articles: Iterable) -> CorpusStatistics:
        """Statistics over every sentence of ``articles``."""
        return cls.from_term_sets(
            (token.stem for token in tokens)
            for article in articles
            for tokens in sentence_tokens(article)
        )

    def idf(self, term: str) -> float:
        """BM25's smoothed IDF: positive, largest for a term seen nowhere."""
        n = self.n_docs
        df = min(self.document_frequency.get(term, 0), n)
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


@dataclass(frozen=True, slots=True)
class Vector:
    """A sentence's weighted terms and the vector's Euclidean length."""

    weights: dict[str, float]
    norm: float


def weigh(term_sets: Iterable[Iterable[str]], idf: Callable[[str], float]) -> list[Vector]:
    vectors = []
    for terms in term_sets:
        weights = {term: idf(term) for term in set(terms)}
        vectors.append(Vector(weights, math.sqrt(sum(w * w for w in weights.values()))))
    return vectors


def cosine_matrix(vectors_a: list[Vector], vectors_b: list[Vector]) -> dict[tuple[int, int], float]:
    """Cosine of every pair sharing at least one term (the rest are 0).

    An inverted index over ``vectors_b`` visits only pairs with a common term,
    so long articles cost what they share, not the product of their lengths.
    """
    postings: dict[str, list[tuple[int, float]]] = {}
    for j, vector in enumerate(vectors_b):
        for term, weight in vector.weights.items():
            postings.setdefault(term, []).append((j, weight))
    norms_b = [vector.norm for vector in vectors_b]
    scores: dict[tuple[int, int], float] = {}
    for i, vector in enumerate(vectors_a):
        if not vector.norm:
            continue
        dots: dict[int, float] = {}
        for term, weight in vector.weights.items():
            for j, other in postings.get(term, ()):
                dots[j] = dots.get(j, 0.0) + weight * other
        for j, dot in dots.items():
            if dot > 0:
                scores[i, j] = min(1.0, dot / (vector.norm * norms_b[j]))
    return scores

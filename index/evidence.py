"""What a sentence offers as evidence that another reports the same fact,
and how strongly two sentences' evidence agrees.

A sentence's evidence is a set of terms: stemmed content words, one
``name:`` term per name it mentions and one ``figure:`` term per figure it
gives. A name or a figure is one piece of evidence however many words it
takes, so its words give way to its single term, and capitalised titles
("Prime Minister") go too, as they only say who; otherwise two sentences
naming "Israel’s Prime Minister Benjamin Netanyahu" would look alike
whatever they report about him.

Two sentences score the cosine of their IDF-weighted terms, and only when
they share at least :data:`MIN_SHARED_TERMS`. A sentence that sets two
positions against each other ("While Hamas insists on a permanent
ceasefire, Netanyahu is open only to a temporary halt") reports two facts,
so each of its clauses is also compared alone and the pair keeps the best
score.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

from .differences import figure_key, figure_record
from .names import PERSONAL_TITLES, article_names, names_by_sentence, sentence_locator
from .similarity import CorpusStatistics, cosine_matrix, sentence_tokens, weigh

# One shared word, however rare, is coincidence as often as a shared fact:
# "permanent" alone does not make two sentences report the same thing.
MIN_SHARED_TERMS = 2

_CONTRAST = re.compile(r"\b(?:while|whereas|but|although|though)\b|;", re.IGNORECASE)
# "While X, Y": the contrast opens the sentence and the comma divides it.
_LEADING_CONTRAST = re.compile(r"[\W]*(?:while|whereas|although|though)\b[^,;]*,", re.IGNORECASE)


def contrast_bounds(sentence: str) -> list[tuple[int, int]]:
    """The contrasting clauses of ``sentence`` as ranges; one range if none."""
    cuts = {match.start() for match in _CONTRAST.finditer(sentence)}
    leading = _LEADING_CONTRAST.match(sentence)
    if leading:
        cuts.add(leading.end())
    points = sorted(cuts | {0, len(sentence)})
    return [(lo, hi) for lo, hi in zip(points, points[1:]) if sentence[lo:hi].strip(" ,;")]


class ArticleEvidence:
    """Every sentence of one article as terms, plus its contrasting clauses."""

    def __init__(self, article: Any, entities: list | None, figures: Iterable[Any] | None) -> None:
        self.locate = sentence_locator(article)
        self.tokens = sentence_tokens(article)
        self.names = article_names(article, entities)
        self.figures = [figure_record(figure) for figure in figures or ()]
        placed = self._placed_terms(article)
        self.terms: list[set[str]] = [{term for _, term in terms} for terms in placed]
        # (sentence index, clause terms) for sentences of two or more clauses.
        self.clauses: list[tuple[int, set[str]]] = []
        for index, (sentence, terms) in enumerate(zip(article.sentence_texts(), placed)):
            bounds = contrast_bounds(sentence)
            if len(bounds) > 1:
                self.clauses.extend(
                    (index, {term for at, term in terms if lo <= at < hi}) for lo, hi in bounds
                )

    def _placed_terms(self, article: Any) -> list[list[tuple[int, str]]]:
        """Each sentence's terms with their offsets within the sentence."""
        placed: list[list[tuple[int, str]]] = [[] for _ in article.sentences]
        covered: list[list[tuple[int, int]]] = [[] for _ in article.sentences]
        for index, names in enumerate(names_by_sentence(article, self.names)):
            start = article.sentences[index].start
            placed[index].extend((name.start - start, "name:" + name.key) for name in names)
            covered[index].extend((name.start, name.end) for name in names)
        for figure in self.figures:
            index = self.locate(figure["start"])
            if index is not None:
                start = article.sentences[index].start
                placed[index].append((figure["start"] - start, "figure:" + repr(figure_key(figure))))
                covered[index].append((figure["start"], figure["end"]))
        for index, (sentence, tokens) in enumerate(zip(article.sentences, self.tokens)):
            for token in tokens:
                at = sentence.start + token.start
                word = article.text[at:sentence.start + token.end]
                if any(lo <= at < hi for lo, hi in covered[index]):
                    continue
                if word[:1].isupper() and word.casefold() in PERSONAL_TITLES:
                    continue
                placed[index].append((token.start, token.stem))
        return placed


def pair_scores(
    a: ArticleEvidence, b: ArticleEvidence, stats: CorpusStatistics | None
) -> dict[tuple[int, int], float]:
    """Scores of every sentence pair with enough shared evidence to count."""
    # Names and figures are specific to the two articles, so their rarity is
    # always measured there; words use the corpus statistics when given.
    local = CorpusStatistics.from_term_sets(a.terms + b.terms)
    word_stats = stats or local

    def idf(term: str) -> float:
        return (local if ":" in term else word_stats).idf(term)

    sentences_a, sentences_b = weigh(a.terms, idf), weigh(b.terms, idf)
    scores: dict[tuple[int, int], float] = {}

    def keep(i: int, j: int, score: float, shared: int) -> None:
        if shared >= MIN_SHARED_TERMS and score > scores.get((i, j), 0.0):
            scores[i, j] = score

    for (i, j), score in cosine_matrix(sentences_a, sentences_b).items():
        keep(i, j, score, len(a.terms[i] & b.terms[j]))
    clauses_a = weigh((terms for _, terms in a.clauses), idf)
    for (k, j), score in cosine_matrix(clauses_a, sentences_b).items():
        i, terms = a.clauses[k]
        keep(i, j, score, len(terms & b.terms[j]))
    clauses_b = weigh((terms for _, terms in b.clauses), idf)
    for (i, k), score in cosine_matrix(sentences_a, clauses_b).items():
        j, terms = b.clauses[k]
        keep(i, j, score, len(a.terms[i] & terms))
    return scores

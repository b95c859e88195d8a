"""Compare two articles: which sentences report the same fact, which report
it differently, which are only related, what only one side says, and which
names, figures and quotations differ.

Each sentence pair is scored by meaning (sentence embeddings) and evidence
(rare words, names, figures: :mod:`index.compare.scoring`), paired one to
one by optimal assignment, grown into runs of up to three sentences where
one outlet splits what another says in one (:mod:`index.compare.alignment`),
then judged: *same* when it scores high and no conflict check fires,
*differs* when it is on one subject but a check finds a conflicting figure,
qualifier, actor or polarity (:mod:`index.compare.conflicts`), else
*related*. The rows keep both articles in reading order
(:mod:`index.compare.order`). Entities and figures are taken as arguments,
as the index stores them, so a comparison is a pure function of its inputs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..analysis.figures import extract_figures
from ..analysis.quotes import quotes_with_names
from ..model import (DIFFERS, RELATED, SAME, Article, Block, Comparison, Entity, Evidence, Figure, Headlines, Mention,
                     SentencePair)
from ..text import Span, fold_punctuation
from .alignment import assign, differing_ranges, grow_runs
from .conflicts import conflicts
from .differences import entity_differences, entity_summary, figure_differences, figure_key
from .events import distinct_events, shared_acts
from .evidence import ArticleEvidence, Passage
from .order import reading_rows
from .scoring import PairScorer
from .similarity import CorpusStatistics

# A pair at or above this score, with no conflict found, reports the same fact.
DEFAULT_THRESHOLD = 0.20
# Pairs from this score on are on one subject: shown (dim) as related, or as
# differing when a conflict check fires at DIFFERS_THRESHOLD or more.
RELATED_THRESHOLD = 0.12
DIFFERS_THRESHOLD = 0.17
# A pair is near-identical when each sentence has this share of its words in
# the other. Wording, not the weighted score: a changed figure or name weighs
# heavily in the score yet leaves the sentence nearly the same.
NEAR_IDENTICAL = 0.8


def compare_articles(
    a: Article,
    b: Article,
    *,
    stats: CorpusStatistics | None = None,
    entities_a: Iterable[Entity] | None = None,
    entities_b: Iterable[Entity] | None = None,
    figures_a: Iterable[Figure] | None = None,
    figures_b: Iterable[Figure] | None = None,
    threshold: float | None = None,
    meaning: bool = True,
) -> Comparison:
    """Align the sentences of ``a`` and ``b`` and diff what they name and count.

    ``stats`` weighs words by their rarity in the corpus; without it, by
    their rarity among the sentences of the two articles. Entities supply
    names and their types; without them names are guessed from
    capitalisation and have no type. Figures add shared quantities as
    evidence, feed the figure checks and the figure diff. ``threshold`` is
    the score a *same* pair needs (default :data:`DEFAULT_THRESHOLD`);
    ``meaning=False`` scores by evidence alone, without the embeddings.
    """
    same_threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    related = min(RELATED_THRESHOLD, same_threshold)
    entities_a = None if entities_a is None else list(entities_a)
    entities_b = None if entities_b is None else list(entities_b)
    side_a = ArticleEvidence(a, entities_a, figures_a)
    side_b = ArticleEvidence(b, entities_b, figures_b)
    texts_a, texts_b = a.sentence_texts(), b.sentence_texts()
    vectors = _vectors(texts_a + [a.title], texts_b + [b.title]) if meaning else None
    sentence_vectors = None if vectors is None else (vectors[0][:-1], vectors[1][:-1])
    scorer = PairScorer(side_a, side_b, stats, sentence_vectors)
    identical = _identical_pairs(texts_a, texts_b)
    scores = scorer.pairs(related)
    scores.update(dict.fromkeys(identical, 1.0))

    def score(span_a: tuple[int, int], span_b: tuple[int, int]) -> float:
        if span_a[0] == span_a[1] and span_b[0] == span_b[1] and (span_a[0], span_b[0]) in identical:
            return 1.0
        return scorer.score(span_a, span_b)

    runs = grow_runs(assign(scores, related), score, related, (len(texts_a), len(texts_b)), scores)
    judged = []
    for span_a, span_b, pair_score in runs:
        single = span_a[0] == span_a[1] and span_b[0] == span_b[1]
        same_text = single and (span_a[0], span_b[0]) in identical
        kind, evidence = _judge(scorer, side_a, side_b, span_a, span_b, min(pair_score, 1.0), same_threshold,
                                same_text)
        judged.append(_pair(side_a, side_b, span_a, span_b, min(pair_score, 1.0), kind, evidence, same_text))
    aligned, _ = reading_rows(judged, len(texts_a), len(texts_b))
    # A related pair out of reading order is too weak to draw as moved: the
    # pointers would send the reader after a mere shared subject.
    aligned, rows = reading_rows([p for p in aligned if not (p.moved and p.kind == RELATED)],
                                 len(texts_a), len(texts_b))
    partners: dict[int, set[int]] = {}
    for pair in aligned:
        for i in pair.a_indexes:
            partners.setdefault(i, set()).update(pair.b_indexes)
    title_entities_a = _title_entities(a.title, (entities_a or []) + (entities_b or []))
    title_entities_b = _title_entities(b.title, (entities_b or []) + (entities_a or []))
    names_a = side_a.names
    names_b = side_b.names
    return Comparison(
        a=a,
        b=b,
        aligned=aligned,
        rows=rows,
        headlines=_headlines(a, b, title_entities_a, title_entities_b, scorer, vectors, same_threshold),
        entities=entity_differences(
            entity_summary(None if entities_a is None else entities_a + title_entities_a, names_a),
            entity_summary(None if entities_b is None else entities_b + title_entities_b, names_b),
        ),
        figures=figure_differences(side_a.figures, side_b.figures, partners, side_a.locate, side_b.locate),
        quotes_a=quotes_with_names(a, names_a),
        quotes_b=quotes_with_names(b, names_b),
    )


def _vectors(texts_a: list[str], texts_b: list[str]):
    from .embedding import sentence_vectors  # loads the model: only when comparing

    vectors = sentence_vectors(texts_a + texts_b)
    return vectors[:len(texts_a)], vectors[len(texts_a):]


def _judge(
    scorer: PairScorer, side_a: ArticleEvidence, side_b: ArticleEvidence, span_a: tuple[int, int],
    span_b: tuple[int, int], score: float, same_threshold: float, identical: bool = False,
) -> tuple[str, tuple[Evidence, ...]]:
    """The pair's kind and the evidence for it: what agrees, then what
    conflicts, or which different events of one subject the two tell (an
    arrival and a departure, a departure done and one to come: only related)."""
    passage_a, passage_b = side_a.passage(*span_a), side_b.passage(*span_b)
    found = conflicts(passage_a, passage_b) if not identical else []
    acts_a, acts_b = side_a.acts_in(*span_a), side_b.acts_in(*span_b)
    alike = shared_acts(acts_a, acts_b)
    evidence = _agreement(scorer, passage_a, passage_b, span_a, span_b) + ([alike] if alike else []) + found
    if found and score >= DIFFERS_THRESHOLD:
        return DIFFERS, tuple(evidence)
    if not found and score >= same_threshold:
        distinct = distinct_events(acts_a, acts_b) if not identical else None
        if distinct is None:
            return SAME, tuple(evidence)
        evidence.append(distinct)
    return RELATED, tuple(evidence)


def _agreement(scorer: PairScorer, a: Passage, b: Passage, span_a, span_b) -> list[Evidence]:
    evidence = []
    meaning = scorer.meaning(span_a, span_b)
    if meaning is not None:
        evidence.append(Evidence("meaning", f"{meaning:.2f}"))
    terms_b = {token.term for token in b.tokens}
    words = list(dict.fromkeys(a.text[t.start:t.end] for t in a.tokens if t.term in terms_b and not t.term[:1].isdigit()))
    evidence.append(Evidence("words", f"{scorer.lexical_score(span_a, span_b):.2f}" + (f": {', '.join(words[:8])}" if words else "")))
    terms_of_names_b = {name[1] for name in b.names}
    names = list(dict.fromkeys(name[2] for name in a.names if name[1] in terms_of_names_b))
    if names:
        evidence.append(Evidence("names", ", ".join(names)))
    keys_b = {figure_key(figure) for figure in b.figures}
    shared_figures = list(dict.fromkeys(f.surface for f in a.figures if figure_key(f) in keys_b))
    if shared_figures:
        evidence.append(Evidence("figures", ", ".join(shared_figures)))
    return evidence


def _pair(side_a: ArticleEvidence, side_b: ArticleEvidence, span_a, span_b, score: float, kind: str,
          evidence: tuple[Evidence, ...], identical: bool) -> SentencePair:
    stems_a = {t.stem for i in range(span_a[0], span_a[1] + 1) for t in side_a.tokens[i]}
    stems_b = {t.stem for j in range(span_b[0], span_b[1] + 1) for t in side_b.tokens[j]}
    shared = stems_a & stems_b
    if identical:
        wording = "identical"
    elif stems_a and stems_b and min(len(shared) / len(stems_a), len(shared) / len(stems_b)) >= NEAR_IDENTICAL:
        wording = "near-identical"
    else:
        wording = "paraphrase"
    return SentencePair(
        span_a, span_b, score, kind, wording, evidence,
        tuple(tuple(differing_ranges(side_a.tokens[i], stems_b, side_a.texts[i]))
              for i in range(span_a[0], span_a[1] + 1)),
        tuple(tuple(differing_ranges(side_b.tokens[j], stems_a, side_b.texts[j]))
              for j in range(span_b[0], span_b[1] + 1)),
    )


def _title_article(article: Article) -> Article:
    title = article.title
    return Article(article.id, article.path, title, article.source, None, None, title,
                   (Block("heading", 0, len(title)),), article.content_hash, sentences=(Span(0, len(title)),))


def _title_entities(title: str, entities: list[Entity]) -> list[Entity]:
    """The entities (of either article) a headline names, by their names and
    the forms the articles write them in: a headline's "Gaza" counts."""
    found = []
    folded = fold_punctuation(title)
    for entity in entities:
        if entity.type in ("FIGURE", "DATE") or any(e.name == entity.name for e in found):
            continue
        for form in sorted({entity.name, *entity.aliases}, key=len, reverse=True):
            match = re.search(rf"(?<!\w){re.escape(fold_punctuation(form))}(?!\w)", folded)
            if match:
                mention = Mention(match.start(), match.end(), title[match.start():match.end()])
                found.append(Entity(entity.name, entity.type, 1, [mention.surface], [mention]))
                break
    return found


def _headlines(a: Article, b: Article, entities_a: list[Entity], entities_b: list[Entity], scorer: PairScorer,
               vectors, same_threshold: float) -> Headlines:
    """The titles judged as a pair, with the article's word rarities (two titles alone have none)."""
    title_a, title_b = _title_article(a), _title_article(b)
    side_a = ArticleEvidence(title_a, entities_a, extract_figures(title_a))
    side_b = ArticleEvidence(title_b, entities_b, extract_figures(title_b))
    words = CorpusStatistics.from_term_sets(scorer.lexical.terms_a + scorer.lexical.terms_b)
    title_vectors = None if vectors is None else (vectors[0][-1:], vectors[1][-1:])
    titles = PairScorer(side_a, side_b, words, title_vectors)
    if _normalised(a.title) == _normalised(b.title):
        return Headlines(1.0, SAME, ())
    score = titles.score((0, 0), (0, 0))
    kind, evidence = _judge(titles, side_a, side_b, (0, 0), (0, 0), score, same_threshold)
    return Headlines(score, kind, evidence)


def _identical_pairs(texts_a: list[str], texts_b: list[str]) -> set[tuple[int, int]]:
    """Pairs whose texts match once case, spacing and typographic quotes are ignored."""
    positions: dict[str, list[int]] = {}
    for j, text in enumerate(texts_b):
        positions.setdefault(_normalised(text), []).append(j)
    return {(i, j) for i, text in enumerate(texts_a) for j in positions.get(_normalised(text), ())}


def _normalised(text: str) -> str:
    return " ".join(fold_punctuation(text).casefold().split())


def mirror(comparison: Comparison) -> Comparison:
    """The same comparison seen from the other side: B becomes A."""
    pairs = [pair.mirrored() for pair in comparison.aligned]
    aligned, rows = reading_rows(pairs, len(comparison.b.sentences), len(comparison.a.sentences))
    headlines = comparison.headlines
    return Comparison(
        a=comparison.b, b=comparison.a, aligned=aligned, rows=rows, headlines=headlines,
        entities=comparison.entities.mirrored(), figures=comparison.figures.mirrored(),
        quotes_a=comparison.quotes_b, quotes_b=comparison.quotes_a,
    )
